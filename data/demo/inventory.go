package demo

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
)

// The inventory part of the demo office: a catalog, warehouses, a year
// (large) or half a year (small) of sales with trends, weekday swings and
// stock-outs, the shipments that restocked FBA (some of them late, some
// still at sea), the purchase orders behind them, FBA snapshots, and cash.
//
// It is a simulation, day by day: each SKU's demand follows its rate,
// sales are what FBA stock allows, and a SKU is restocked by the next
// weekly sailing (or flight) once its stock and what is on its way fall
// below a few weeks of sales, so stock-outs happen where goods miss their
// sailing, as they do. Everything is written through the store, as the app
// writes it.

// InventorySummary says what the inventory part of the demo added.
type InventorySummary struct {
	SKUs           int
	SaleLines      int
	Snapshots      int
	Shipments      int
	PurchaseOrders int
}

// invCounts are the sizes of the inventory demo.
type invCounts struct {
	skus, days int
	// orderLines writes each order as its own line (small); otherwise a
	// SKU's day of sales is one line (large: 2,000 SKUs × 365 days).
	orderLines bool
	// dailySnapshots is how many of the last days have a snapshot each;
	// before them, one a week.
	dailySnapshots int
}

func (s Size) inventory() invCounts {
	if s == Large {
		return invCounts{skus: 2000, days: 365, dailySnapshots: 14}
	}
	return invCounts{skus: 24, days: 180, orderLines: true, dailySnapshots: 30}
}

// demoSKU is one product of the small demo's catalog.
type demoSKU struct {
	sku, title       string
	price, fee, cost float64 // USD, USD, CNY
	weightG, volume  int
	supplier         string
	moq, pack, prod  int
	rate, trend      float64 // units a day, yearly growth
	mode             string
	market           string
}

var demoCatalog = []demoSKU{
	{"MUG-11", "Enamel Camping Mug 12 oz, blue", 16.99, 4.8, 12.5, 350, 1800, "义乌搪瓷厂", 500, 24, 15, 14, 0.4, "sea", "US"},
	{"MUG-12", "Enamel Camping Mug 12 oz, green", 16.99, 4.8, 12.5, 350, 1800, "义乌搪瓷厂", 500, 24, 15, 6, -0.2, "sea", "US"},
	{"TOWEL-22", "Microfiber Travel Towel, large", 24.50, 5.2, 8.8, 300, 2600, "宁波纺织", 300, 50, 12, 9, 0.1, "sea", "US"},
	{"TOWEL-23", "Microfiber Travel Towel, small", 14.99, 3.9, 5.5, 180, 1500, "宁波纺织", 300, 60, 12, 7, 0, "sea", "US"},
	{"LAMP-31", "LED Desk Lamp, dimmable", 35.99, 6.1, 42, 900, 6500, "深圳光电", 200, 10, 20, 5, 0.3, "sea", "US"},
	{"LAMP-32", "LED Clip Lamp, USB", 19.99, 4.5, 21, 400, 2400, "深圳光电", 300, 20, 20, 8, 0.6, "sea", "US"},
	{"STAND-41", "Aluminium Phone Stand", 12.99, 3.7, 9.5, 220, 900, "东莞五金", 500, 50, 10, 16, 0.2, "sea", "US"},
	{"STAND-42", "Laptop Stand, adjustable", 29.99, 5.9, 38, 1100, 5200, "东莞五金", 200, 10, 18, 4, 0.1, "sea", "US"},
	{"YOGA-51", "Yoga Mat 6 mm, purple", 27.99, 6.4, 28, 1300, 9800, "杭州体育用品", 200, 10, 15, 6, -0.3, "sea", "US"},
	{"YOGA-52", "Yoga Blocks, set of 2", 15.99, 4.9, 11, 600, 4200, "杭州体育用品", 300, 20, 15, 5, 0, "sea", "US"},
	{"PET-61", "Pet Grooming Brush", 13.99, 3.9, 7.2, 150, 800, "义乌宠物用品", 500, 50, 12, 11, 0.8, "air", "US"},
	{"PET-62", "Cat Toy Wand, 3 pack", 9.99, 3.4, 4.5, 90, 700, "义乌宠物用品", 1000, 100, 12, 13, 0.2, "sea", "US"},
	{"KIT-71", "Silicone Kitchen Utensil Set, 12 pcs", 39.99, 6.8, 55, 1400, 7800, "阳江厨具", 200, 8, 25, 4, 0.2, "sea", "US"},
	{"KIT-72", "Bamboo Cutting Board", 22.99, 5.6, 19, 1200, 3600, "福建竹木", 300, 12, 20, 6, 0, "sea", "US"},
	{"BOT-81", "Insulated Water Bottle 750 ml", 21.99, 5.3, 23, 420, 2900, "永康杯业", 500, 25, 18, 10, 0.5, "sea", "US"},
	{"BOT-82", "Kids Water Bottle 400 ml", 14.99, 4.1, 13, 260, 1700, "永康杯业", 500, 40, 18, 7, 0.3, "sea", "US"},
	{"BAG-91", "Packing Cubes, set of 6", 25.99, 5.4, 24, 650, 4400, "广州箱包", 300, 20, 15, 8, 0.4, "sea", "US"},
	{"BAG-92", "Toiletry Bag, hanging", 18.99, 4.6, 15, 330, 2500, "广州箱包", 300, 30, 15, 5, -0.1, "sea", "US"},
	{"CHG-01", "USB-C Charger 65 W", 32.99, 4.4, 48, 160, 400, "深圳电源科技", 500, 100, 25, 12, 1.0, "air", "US"},
	{"CHG-02", "Charging Cable 2 m, 3 pack", 11.99, 3.3, 6, 120, 500, "深圳电源科技", 1000, 200, 20, 18, 0.1, "sea", "US"},
	{"MUG-11-UK", "Enamel Camping Mug 12 oz, blue (UK)", 14.99, 3.6, 12.5, 350, 1800, "义乌搪瓷厂", 300, 24, 15, 4, 0.2, "sea", "UK"},
	{"TOWEL-22-UK", "Microfiber Travel Towel (UK)", 19.99, 3.9, 8.8, 300, 2600, "宁波纺织", 300, 50, 12, 3, 0, "rail", "UK"},
	{"LAMP-31-UK", "LED Desk Lamp (UK plug)", 29.99, 4.7, 45, 900, 6500, "深圳光电", 200, 10, 20, 2, 0.1, "rail", "UK"},
	{"NEW-99", "Silicone Baking Mat (launching)", 17.99, 4.2, 9, 200, 1200, "阳江厨具", 300, 30, 15, 0, 0, "sea", "US"},
}

// Words for the large demo's generated catalog.
var (
	demoNouns = []string{"Mug", "Towel", "Lamp", "Stand", "Mat", "Brush", "Bottle", "Bag", "Charger", "Cable", "Board", "Organizer",
		"Hook", "Pillow", "Blanket", "Tray", "Jar", "Box", "Clip", "Holder"}
	demoAdjectives = []string{"Bamboo", "Silicone", "Stainless", "Foldable", "Magnetic", "Waterproof", "Portable", "Compact",
		"Adjustable", "Insulated", "Washable", "Reusable"}
	demoSuppliers = []string{"义乌搪瓷厂", "宁波纺织", "深圳光电", "东莞五金", "杭州体育用品", "义乌宠物用品", "阳江厨具", "福建竹木",
		"永康杯业", "广州箱包", "深圳电源科技", "温州塑料", "佛山家居", "汕头玩具", "青岛橡胶", "苏州纸品", "中山灯饰", "厦门户外",
		"金华工具", "台州模具"}
	demoPrices = []float64{9.99, 12.99, 14.99, 16.99, 19.99, 22.99, 24.99, 29.99, 34.99, 39.99, 49.99, 59.99}
)

// sailing is one departure of a forwarder: a shipment of every SKU that
// needed stock then.
type sailing struct {
	mode, forwarder, market string
	depart, arrive          int // day indexes
	quoted                  int
	lots                    []lot
}

type lot struct {
	sku string
	qty int
}

// add puts units of a SKU on the sailing (more of one already on it
// join its lot).
func (sl *sailing) add(sku string, qty int) {
	for i := range sl.lots {
		if sl.lots[i].sku == sku {
			sl.lots[i].qty += qty
			return
		}
	}
	sl.lots = append(sl.lots, lot{sku: sku, qty: qty})
}

// modePlan is how the demo office ships by one mode: a departure every
// `every` days, quoted days, the forwarders' real spread.
type modePlan struct {
	name, forwarder string
	every, offset   int
	quoted          int
	early, late     int // actual transit: quoted - early .. quoted + late
	lateOneIn       int // one departure in this many runs very late
	perKg           float64
}

var demoModes = []modePlan{
	{"sea", "深圳环球货代", 7, 2, 35, 2, 5, 6, 12},
	{"air", "顺丰国际", 7, 4, 8, 0, 3, 0, 40},
	{"rail", "中欧班列物流", 14, 6, 25, 1, 6, 5, 22},
}

// simSKU is one SKU during the simulation.
type simSKU struct {
	p        app.Product
	rate     float64 // units a day at the start
	trend    float64 // growth over a year
	mode     *modePlan
	stock    int
	pipeline int
	arrivals map[int]int
	// shipped are the lots on their way: departed, not arrived.
	shipped []shippedLot
	// lateFrom is a day after which one restock of this SKU is missed
	// (a stock-out); -1 never.
	lateFrom int
	missed   bool
	// waitUntil: no restock before this day (the team waits for the goods
	// that missed their sailing).
	waitUntil int
	// neglected SKUs were not reordered lately: they need ordering now.
	neglected bool
}

type shippedLot struct{ depart, arrive, qty int }

// inbound is what Amazon counts as inbound on day i: the lots that left
// and have not arrived.
func (k *simSKU) inbound(i int) int {
	n := 0
	kept := k.shipped[:0]
	for _, l := range k.shipped {
		if l.arrive <= i {
			continue
		}
		kept = append(kept, l)
		if l.depart <= i {
			n += l.qty
		}
	}
	k.shipped = kept
	return n
}

// demand is the SKU's expected units on day i of n: its trend, and more
// at the weekend.
func (k *simSKU) demand(i, n int, wd time.Weekday) float64 {
	r := k.rate * (1 + k.trend*float64(i-n)/365)
	if wd == time.Saturday || wd == time.Sunday {
		r *= 1.2
	}
	return max(0, r)
}

// poisson draws a Poisson count (Knuth for small means, normal beyond).
func poisson(rng *rand.Rand, mean float64) int {
	if mean <= 0 {
		return 0
	}
	if mean > 30 {
		return max(0, int(math.Round(mean+math.Sqrt(mean)*rng.NormFloat64())))
	}
	l, k, p := math.Exp(-mean), 0, 1.0
	for {
		p *= rng.Float64()
		if p <= l {
			return k
		}
		k++
	}
}

// loadInventory adds the inventory part of the demo office.
func loadInventory(ctx context.Context, s *data.Store, size Size, seed uint64, sum *Summary) error {
	rng := rand.New(rand.NewPCG(seed^0xD1B54A32D192ED03, seed+11))
	c := size.inventory()
	today, err := s.PlanDay(ctx)
	if err != nil {
		return err
	}
	start := today.AddDays(-c.days)
	set := app.DefaultInventorySettings()
	set.Reserve = 350_000_00 // the demo dips below it in the first weeks: the forecast marks the week
	set.AdPct = 8
	if size == Large {
		set.Reserve = 1_500_000_00
	}
	if err := s.SaveInventorySettings(ctx, set); err != nil {
		return err
	}
	wh, err := s.SaveLocation(ctx, app.Location{Name: "深圳仓", Kind: app.LocationWarehouse, Active: true})
	if err != nil {
		return err
	}
	ow, err := s.SaveLocation(ctx, app.Location{Name: "美西海外仓", Kind: app.LocationOverseas, Marketplace: "US", Active: true})
	if err != nil {
		return err
	}
	sup, err := s.EnsureLocation(ctx, data.SupplierLocation())
	if err != nil {
		return err
	}
	fbas := map[string]app.Location{}
	for _, m := range []string{"US", "UK"} {
		if fbas[m], err = s.EnsureLocation(ctx, data.FBALocation(m)); err != nil {
			return err
		}
	}
	skus := demoSKUs(rng, c, size)
	inv := &sum.Inventory
	for _, k := range skus {
		if err := ctx.Err(); err != nil {
			return err
		}
		if _, err := s.CreateProduct(ctx, k.p); err != nil {
			return fmt.Errorf("demo product %s: %w", k.p.SKU, err)
		}
		inv.SKUs++
	}

	// The simulation: each SKU starts with a month of stock at FBA.
	var sailings []*sailing
	byDay := map[string]*sailing{} // mode, marketplace and day -> sailing
	sailingOn := func(m *modePlan, market string, from int) *sailing {
		d := from + ((m.offset-from)%m.every+m.every)%m.every
		key := fmt.Sprintf("%s/%s/%d", m.name, market, d)
		if sl := byDay[key]; sl != nil {
			return sl
		}
		actual := m.quoted - m.early + rng.IntN(m.early+m.late+1)
		if m.lateOneIn > 0 && rng.IntN(m.lateOneIn) == 0 {
			actual += 8 + rng.IntN(10) // a port jam, a missed connection
		}
		sl := &sailing{mode: m.name, forwarder: m.forwarder, market: market, depart: d, arrive: d + actual, quoted: m.quoted}
		byDay[key] = sl
		sailings = append(sailings, sl)
		return sl
	}
	var sales []data.SaleLine
	var snaps []data.FBASnapshot
	tz := zones{}
	// Each SKU starts with three to ten weeks of stock, so that their
	// restocks spread over the sailings.
	for _, k := range skus {
		k.stock = int(k.rate * float64(21+rng.IntN(50)))
	}
	for i := 0; i < c.days; i++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		day := start.AddDays(i)
		snapshotDay := i%7 == 0 || i >= c.days-c.dailySnapshots
		for _, k := range skus {
			if u, ok := k.arrivals[i]; ok {
				k.stock += u
				k.pipeline -= u
				delete(k.arrivals, i)
			}
			v := k.demand(i, c.days, day.Weekday())
			if snapshotDay {
				snaps = append(snaps, data.FBASnapshot{Day: day, SKU: k.p.SKU, Marketplace: k.p.Marketplace,
					Fulfillable: k.stock, InboundShipped: k.inbound(i), Reserved: min(k.stock, int(v/2))})
			}
			// Restock: when stock and what is on its way fall below the
			// lead time plus three weeks of sales, about six weeks' worth
			// goes with the next departure.
			lead := k.mode.quoted + 7
			if v > 0 && float64(k.stock+k.pipeline) < v*float64(lead+21) && !(k.neglected && i > c.days-45) && i >= k.waitUntil {
				sl := sailingOn(k.mode, k.p.Marketplace, i+1)
				if k.lateFrom >= 0 && i >= k.lateFrom && !k.missed {
					// The goods were not ready for the sailing: they go six
					// weeks later, and FBA runs dry meanwhile.
					k.missed = true
					k.waitUntil = i + 42
					sl = sailingOn(k.mode, k.p.Marketplace, i+42)
				}
				qty := max(k.p.MOQ, int(math.Ceil(v*42)))
				if pack := k.p.CasePack; pack > 1 {
					qty = (qty + pack - 1) / pack * pack
				}
				sl.add(k.p.SKU, qty)
				k.arrivals[sl.arrive] += qty
				k.pipeline += qty
				k.shipped = append(k.shipped, shippedLot{depart: sl.depart, arrive: sl.arrive, qty: qty})
			}
			sold := min(k.stock, poisson(rng, v))
			k.stock -= sold
			if sold > 0 {
				sales = append(sales, saleLines(rng, tz, k, day, sold, c.orderLines)...)
			}
		}
	}
	// Cancelled orders: a few lines that count nothing.
	if c.orderLines {
		for i := 0; i < len(sales)/50; i++ {
			l := sales[rng.IntN(len(sales))]
			l.OrderID, l.Seq, l.Cancelled = orderID(rng), 1, true
			sales = append(sales, l)
		}
	}
	for from := 0; from < len(sales); from += 50_000 {
		n, err := s.AddSaleLines(ctx, sales[from:min(len(sales), from+50_000)])
		if err != nil {
			return err
		}
		inv.SaleLines += n
	}
	if inv.Snapshots, err = s.AddFBASnapshots(ctx, snaps); err != nil {
		return err
	}

	// The shipments that departed, each behind its purchase orders (one
	// per supplier), straight from the factories.
	bySKU := map[string]*simSKU{}
	for _, k := range skus {
		bySKU[k.p.SKU] = k
	}
	slices.SortFunc(sailings, func(a, b *sailing) int { return cmp.Or(cmp.Compare(a.depart, b.depart), cmp.Compare(a.mode, b.mode)) })
	seq := map[string]int{}
	for _, sl := range sailings {
		if sl.depart >= c.days || len(sl.lots) == 0 {
			continue
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		departed := start.AddDays(sl.depart)
		m := modeByName(sl.mode)
		bySupplier := map[string][]app.POLine{}
		var suppliers []string
		for _, l := range sl.lots {
			p := bySKU[l.sku].p
			if bySupplier[p.Supplier] == nil {
				suppliers = append(suppliers, p.Supplier)
			}
			bySupplier[p.Supplier] = append(bySupplier[p.Supplier], app.POLine{SKU: l.sku, Qty: l.qty, UnitCost: p.UnitCost})
		}
		sh := app.Shipment{FromID: sup.ID, ToID: fbas[sl.market].ID, Mode: sl.mode, Forwarder: sl.forwarder,
			BookedOn: departed.AddDays(-5), DepartedOn: departed, QuotedDays: sl.quoted, Currency: "CNY"}
		if sl.arrive < c.days {
			sh.ArrivedOn = start.AddDays(sl.arrive)
		} else {
			sh.ETA = departed.AddDays(sl.quoted)
		}
		var grams int
		for _, sup := range suppliers {
			lines := bySupplier[sup]
			seq["po"+departed.String()]++
			po := app.PurchaseOrder{Number: fmt.Sprintf("PO-%s-%d", yymmdd(departed.AddDays(-20)), seq["po"+departed.String()]),
				Supplier: sup, Status: app.POClosed, OrderedOn: departed.AddDays(-20), ProductionDue: departed.AddDays(-2), Lines: lines}
			po.Deposit = app.DepositFor(po.Total(), 30)
			po.DepositPaid, po.BalancePaid = po.OrderedOn, po.ProductionDue
			saved, err := s.SavePurchaseOrder(ctx, po)
			if err != nil {
				return fmt.Errorf("demo order %s: %w", po.Number, err)
			}
			inv.PurchaseOrders++
			for _, l := range lines {
				sh.Lines = append(sh.Lines, app.ShipmentLine{SKU: l.SKU, Qty: l.Qty, PurchaseOrderID: saved.ID})
				grams += l.Qty * bySKU[l.SKU].p.WeightG
			}
		}
		for len(sh.Lines) > app.MaxShipmentLines { // a very busy week: more containers
			extra := sh
			extra.Lines = sh.Lines[:app.MaxShipmentLines]
			sh.Lines = sh.Lines[app.MaxShipmentLines:]
			if err := saveDemoShipment(ctx, s, extra, seq, m, 0); err != nil {
				return err
			}
			inv.Shipments++
		}
		if err := saveDemoShipment(ctx, s, sh, seq, m, grams); err != nil {
			return err
		}
		inv.Shipments++
	}
	return demoOpenBusiness(ctx, s, rng, skus, today, wh, ow, fbas["US"], inv)
}

// cashScale makes the cash of a large office match its size.
func cashScale(skus int) int64 {
	if skus > 100 {
		return 25
	}
	return 1
}

func yymmdd(d app.Date) string {
	y, m, dd := d.YMD()
	return fmt.Sprintf("%02d%02d%02d", y%100, int(m), dd)
}

func modeByName(name string) *modePlan {
	for i := range demoModes {
		if demoModes[i].name == name {
			return &demoModes[i]
		}
	}
	return &demoModes[0]
}

// saveDemoShipment names and prices a shipment and saves it; its freight
// is paid on departure unless it is still on its way.
func saveDemoShipment(ctx context.Context, s *data.Store, sh app.Shipment, seq map[string]int, m *modePlan, grams int) error {
	prefix := map[string]string{"sea": "SEA", "air": "AIR", "rail": "RAIL"}[sh.Mode]
	month := sh.DepartedOn.String()[2:4] + sh.DepartedOn.String()[5:7]
	seq[prefix+month]++
	sh.Ref = fmt.Sprintf("%s-%s-%02d", prefix, month, seq[prefix+month])
	if grams > 0 {
		sh.WeightG = grams
		sh.Cost = int64(float64(grams) / 1000 * m.perKg * 100)
		if !sh.ArrivedOn.IsZero() {
			sh.CostPaidOn = sh.DepartedOn
		}
	}
	if _, err := s.SaveShipment(ctx, sh); err != nil {
		return fmt.Errorf("demo shipment %s: %w", sh.Ref, err)
	}
	return nil
}

// demoSKUs makes the catalog: the named one (small) or 2,000 generated
// products (large) with a long tail of slow sellers.
func demoSKUs(rng *rand.Rand, c invCounts, size Size) []*simSKU {
	var out []*simSKU
	add := func(p app.Product, rate, trend float64, mode string) {
		k := &simSKU{p: p.Normalize(), rate: rate, trend: trend, mode: modeByName(mode), arrivals: map[int]int{}, lateFrom: -1}
		// One SKU in five has its goods miss their sailing by six weeks
		// (a factory running late) some four months ago: the stock-out
		// shows in the last three months of its history.
		if rng.IntN(5) == 0 {
			k.lateFrom = max(0, c.days-150+rng.IntN(60))
		}
		k.neglected = len(out)%7 == 3
		out = append(out, k)
	}
	if size != Large {
		for _, d := range demoCatalog {
			add(app.Product{SKU: d.sku, Title: d.title, ASIN: "B0" + fmt.Sprintf("%08X", rng.Uint32()), Price: int64(math.Round(d.price * 100)),
				PriceCurrency: map[string]string{"US": "USD", "UK": "GBP"}[d.market], FBAFee: int64(math.Round(d.fee * 100)),
				UnitCost: int64(math.Round(d.cost * 100)), WeightG: d.weightG, VolumeCm3: d.volume, Supplier: d.supplier, MOQ: d.moq,
				CasePack: d.pack, ProductionDays: d.prod, Marketplace: d.market, Mode: d.mode, Active: true}, d.rate, d.trend, d.mode)
		}
		return out
	}
	for i := 0; i < c.skus; i++ {
		price := demoPrices[rng.IntN(len(demoPrices))]
		// A long tail: most SKUs sell a unit a day or less, a few dozen.
		rate := math.Exp(rng.NormFloat64()*1.0) * 0.9
		// Slow sellers are bought in smaller lots (factories take them
		// when the SKU is small).
		moq := []int{100, 200, 300, 500, 1000}[rng.IntN(5)]
		for moq > 50 && float64(moq) > rate*60 {
			moq /= 2
		}
		mode := "sea"
		switch r := rng.IntN(20); {
		case r == 0:
			mode = "air"
		case r == 1:
			mode = "rail"
		}
		add(app.Product{SKU: fmt.Sprintf("SKU-%04d", i+1),
			Title: demoAdjectives[rng.IntN(len(demoAdjectives))] + " " + demoNouns[rng.IntN(len(demoNouns))] + fmt.Sprintf(" %d", 1+rng.IntN(99)),
			ASIN:  fmt.Sprintf("B0%08X", rng.Uint32()), Price: int64(price * 100), PriceCurrency: "USD", FBAFee: int64(300 + rng.IntN(500)),
			UnitCost: int64(price * 7.2 * (0.15 + 0.2*rng.Float64()) * 100), WeightG: 100 + rng.IntN(1400), VolumeCm3: 400 + rng.IntN(9000),
			Supplier: demoSuppliers[rng.IntN(len(demoSuppliers))], MOQ: moq,
			CasePack: []int{0, 10, 20, 24, 50}[rng.IntN(5)], ProductionDays: 10 + rng.IntN(21), Marketplace: "US", Mode: mode, Active: true},
			rate, rng.Float64()*1.2-0.4, mode)
	}
	return out
}

// zones caches the marketplaces' time zones (loading one reads the zone
// database).
type zones map[string]*time.Location

func (z zones) of(code string) (app.Marketplace, *time.Location) {
	m, _ := app.MarketplaceOf(code)
	loc, ok := z[m.Code]
	if !ok {
		loc = m.Location()
		z[m.Code] = loc
	}
	return m, loc
}

// saleLines are one SKU's sales of a day: orders of one to three units
// (small), or the day in one line (large).
func saleLines(rng *rand.Rand, z zones, k *simSKU, day app.Date, units int, orders bool) []data.SaleLine {
	m, loc := z.of(k.p.Marketplace)
	noon := day.In(loc).Add(12 * time.Hour)
	line := func(id string, qty int, at time.Time) data.SaleLine {
		return data.SaleLine{OrderID: id, SKU: k.p.SKU, Seq: 1, PurchasedAt: at.UTC(), Day: day, Qty: qty, Marketplace: m.Code,
			Channel: "Amazon", Amount: int64(qty) * k.p.Price, Currency: k.p.PriceCurrency}
	}
	if !orders {
		return []data.SaleLine{line("DEMO-"+k.p.SKU+"-"+day.String(), units, noon)}
	}
	var out []data.SaleLine
	for units > 0 {
		q := min(units, 1+rng.IntN(3)*rng.IntN(2))
		at := day.In(loc).Add(time.Duration(rng.IntN(86400)) * time.Second)
		out = append(out, line(orderID(rng), q, at))
		units -= q
	}
	return out
}

func orderID(rng *rand.Rand) string {
	return fmt.Sprintf("113-%07d-%07d", rng.IntN(10_000_000), rng.IntN(10_000_000))
}

// demoOpenBusiness adds what is open today: purchase orders in
// production, stock in the warehouses (one balance gone negative, as
// happens when a movement is forgotten), a damaged carton and the cash on
// hand. (Replacements are sent for the service demo's cases.)
func demoOpenBusiness(ctx context.Context, s *data.Store, rng *rand.Rand, skus []*simSKU, today app.Date,
	wh, ow, fba app.Location, inv *InventorySummary) error {
	bySupplier := map[string][]app.POLine{}
	var suppliers []string
	for i, k := range skus {
		if k.rate <= 0 || i%4 != 1 || k.neglected {
			continue
		}
		if bySupplier[k.p.Supplier] == nil {
			suppliers = append(suppliers, k.p.Supplier)
		}
		qty := max(k.p.MOQ, int(k.rate*40))
		bySupplier[k.p.Supplier] = append(bySupplier[k.p.Supplier], app.POLine{SKU: k.p.SKU, Qty: qty, UnitCost: k.p.UnitCost})
	}
	for i, sup := range suppliers {
		ordered := today.AddDays(-3 - rng.IntN(12))
		po := app.PurchaseOrder{Number: fmt.Sprintf("PO-%s-%d", yymmdd(ordered), 50+i), Supplier: sup,
			Status: app.POProduction, OrderedOn: ordered, ProductionDue: ordered.AddDays(18 + rng.IntN(10)), Lines: bySupplier[sup]}
		po.Deposit = app.DepositFor(po.Total(), 30)
		po.DepositDue, po.BalanceDue = ordered, po.ProductionDue
		if i%3 != 0 {
			po.DepositPaid = ordered
		}
		if _, err := s.SavePurchaseOrder(ctx, po); err != nil {
			return fmt.Errorf("demo order %s: %w", po.Number, err)
		}
		inv.PurchaseOrders++
	}
	moves := []app.Movement{
		{SKU: skus[0].p.SKU, LocationID: wh.ID, Qty: 480, Kind: app.MoveReceipt, Ref: "补货", Day: today.AddDays(-20)},
		{SKU: skus[0].p.SKU, LocationID: wh.ID, Qty: -24, Kind: app.MoveAdjustment, Reason: app.AdjustDamaged, Note: "一箱压坏", Day: today.AddDays(-12)},
		{SKU: skus[2].p.SKU, LocationID: ow.ID, Qty: 200, Kind: app.MoveReceipt, Day: today.AddDays(-40)},
		{SKU: skus[2].p.SKU, LocationID: ow.ID, Qty: -230, Kind: app.MoveSale, Ref: "B2B-0012", Note: "批发客户", Day: today.AddDays(-8)},
	}
	for _, m := range moves {
		if _, err := s.AddMovement(ctx, m); err != nil {
			return fmt.Errorf("demo movement: %w", err)
		}
	}
	scale := cashScale(len(skus))
	for _, c := range []app.CashEntry{
		{Day: today.AddDays(-30), Kind: app.CashBank, Amount: 380_000_00, Currency: "CNY", Note: "月初"},
		{Day: today.AddDays(-1), Kind: app.CashBank, Amount: 420_000_00, Currency: "CNY", Note: "招商银行 + 支付宝"},
		{Day: today.AddDays(-1), Kind: app.CashAmazon, Amount: 16_500_00, Currency: "USD", Note: "Seller Central 余额"},
	} {
		c.Amount *= scale
		if _, err := s.AddCashEntry(ctx, c); err != nil {
			return err
		}
	}
	return nil
}
