package demo

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
)

// The demo office's after-sales cases: buyers from the marketplaces a
// Chinese seller sells in, writing about late, damaged and lost parcels,
// returns and reviews; reps answering (often from the built-in
// templates), waiting on buyers and carriers, resolving. Old cases are
// done, the last two weeks' are in every state, a few forgotten ones are
// late. Orders to follow up: reships whose tracking number is still to
// send, cash-on-delivery orders to call.

// ServiceSummary says what the service part of the demo added.
type ServiceSummary struct {
	Cases, Entries, Orders int
	// Returns are the FBA returns added; ReturnCases the cases opened
	// from them.
	Returns, ReturnCases int
}

// serviceCounts is how many cases a size has, over how many days, with how
// many timeline entries in all (an average of six per case).
func (s Size) serviceCounts() (cases, days, entries int) {
	if s == Large {
		return 50_000, 730, 300_000
	}
	return 160, 60, 960
}

// caseBatch is how many cases go in one transaction.
const caseBatch = 1000

// serviceSteps is how many progress steps loadService reports.
func serviceSteps(s Size) int {
	n, _, _ := s.serviceCounts()
	return (n + caseBatch - 1) / caseBatch
}

// recentDays are the days whose cases are still in every state.
const recentDays = 14

// caseSKU is a product buyers write about: a SKU of the inventory demo's
// catalog (loaded first), so that cases, returns and stock name the same
// SKUs.
type caseSKU struct{ sku, product, market string }

// demoMarket is a marketplace's buyers: how common, order-id prefixes,
// carriers and names.
type demoMarket struct {
	code     string
	weight   int
	prefixes []string
	carriers []string
	first    []string
	last     []string
}

var (
	westFirst = []string{"John", "Emily", "Michael", "Sarah", "David", "Jessica", "Chris", "Ashley", "Brian", "Laura", "Kevin", "Megan"}
	westLast  = []string{"Smith", "Johnson", "Brown", "Miller", "Davis", "Wilson", "Taylor", "Clark", "Walker", "Young", "Hall", "King"}
)

var demoMarkets = []demoMarket{
	{"US", 50, []string{"111", "112", "113", "114"}, []string{"UPS", "USPS", "FedEx", "Amazon Logistics"}, westFirst, westLast},
	{"UK", 12, []string{"202", "203", "204", "205", "206"}, []string{"Royal Mail", "DPD", "Evri", "Amazon Logistics"}, westFirst, westLast},
	{"DE", 15, []string{"302", "303", "304", "305", "306"}, []string{"DHL", "Hermes", "DPD", "Amazon Logistics"},
		[]string{"Lukas", "Anna", "Jonas", "Lena", "Felix", "Marie", "Paul", "Sophie"}, []string{"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker"}},
	{"FR", 6, []string{"402", "403", "404", "405", "406", "407"}, []string{"Colissimo", "Chronopost", "Amazon Logistics"},
		[]string{"Louis", "Camille", "Hugo", "Léa", "Jules", "Chloé"}, []string{"Martin", "Bernard", "Dubois", "Thomas", "Robert", "Petit"}},
	{"IT", 4, []string{"402", "403", "404", "405", "406", "407"}, []string{"BRT", "Poste Italiane", "Amazon Logistics"},
		[]string{"Marco", "Giulia", "Luca", "Sara", "Matteo", "Chiara"}, []string{"Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano"}},
	{"ES", 4, []string{"402", "403", "404", "405", "406", "407"}, []string{"Correos", "SEUR", "Amazon Logistics"},
		[]string{"Pablo", "Lucía", "Javier", "Carmen", "Diego", "Elena"}, []string{"García", "Fernández", "López", "Martínez", "Sánchez", "Pérez"}},
	{"JP", 6, []string{"249", "250", "503"}, []string{"ヤマト運輸", "佐川急便", "日本郵便"},
		[]string{"太郎", "花子", "翔太", "美咲", "健一", "由美"}, []string{"佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺"}},
	{"CA", 3, []string{"701", "702"}, []string{"Canada Post", "Purolator", "Amazon Logistics"}, westFirst, westLast},
}

// Case mix: how often each type and channel comes.
var (
	typeMix = []struct {
		t app.CaseType
		w int
	}{
		{app.CaseInquiry, 30}, {app.CaseDamagedInTransit, 12}, {app.CaseLostParcel, 10}, {app.CasePackaging, 5},
		{app.CaseWrongItem, 6}, {app.CaseReturnRefund, 15}, {app.CaseComplaint, 7}, {app.CaseNegativeReview, 8}, {app.CaseOtherType, 7},
	}
	channelMix = []struct {
		c app.Channel
		w int
	}{
		{app.ChannelBuyerMessage, 45}, {app.ChannelEmail, 25}, {app.ChannelChat, 15}, {app.ChannelPhone, 5}, {app.ChannelReview, 7}, {app.ChannelOther, 3},
	}
)

// What buyers write, by type: English, and German and Japanese for those
// marketplaces ({sku}-style words are filled from the case).
var buyerSays = map[app.CaseType]map[string][]string{
	app.CaseInquiry: {
		"en": {"Hi, is the %s dishwasher safe?", "Can I get the %s in another colour?", "When will my order ship? I need it by Friday."},
		"de": {"Hallo, ist der Artikel (%s) spülmaschinenfest?"}, "ja": {"%sは食洗機で使えますか？"},
	},
	app.CaseDamagedInTransit: {
		"en": {"The %s arrived broken, the box was crushed. Photos attached.", "My %s came with a big crack in it."},
		"de": {"Der Artikel (%s) kam beschädigt an, der Karton war eingedrückt."}, "ja": {"届いた%sが割れていました。写真を送ります。"},
	},
	app.CaseLostParcel: {
		"en": {"Tracking says delivered but I never got my %s.", "My package has not moved for a week. Where is it?"},
		"de": {"Laut Sendungsverfolgung zugestellt, aber ich habe nichts erhalten."}, "ja": {"追跡では配達済みですが、荷物が届いていません。"},
	},
	app.CasePackaging: {
		"en": {"The %s was fine but the packaging was torn and dirty.", "Too much plastic in the box, please use less."},
		"de": {"Die Verpackung war kaputt, der Artikel zum Glück nicht."}, "ja": {"梱包が破れていました。"},
	},
	app.CaseWrongItem: {
		"en": {"I ordered the %s but received something else.", "Wrong size sent, I ordered the larger one."},
		"de": {"Ich habe einen falschen Artikel bekommen."}, "ja": {"注文したものと違う商品が届きました。"},
	},
	app.CaseReturnRefund: {
		"en": {"I'd like to return the %s, it's not what I expected.", "How do I get a refund for the %s?"},
		"de": {"Ich möchte den Artikel zurückgeben. Wie geht das?"}, "ja": {"返品したいのですが、どうすればいいですか？"},
	},
	app.CaseComplaint: {
		"en": {"The %s stopped working after two weeks. Very disappointed.", "Third time I contact you, nobody answers!"},
		"de": {"Nach zwei Wochen kaputt. Sehr enttäuscht."}, "ja": {"2週間で壊れました。とても残念です。"},
	},
	app.CaseNegativeReview: {
		"en": {"1 star: the %s feels cheap and the handle came off.", "2 stars: smaller than in the pictures."},
		"de": {"1 Stern: Qualität schlecht, nach einer Woche defekt."}, "ja": {"星1つ：写真より小さかったです。"},
	},
	app.CaseOtherType: {
		"en": {"Do you sell the %s in bulk for my shop?", "Can you send an invoice with VAT for my order?"},
		"de": {"Können Sie mir eine Rechnung mit MwSt. schicken?"}, "ja": {"領収書を発行してもらえますか？"},
	},
}

// The team's own notes, in Chinese as they write them.
var repNotes = []string{
	"已联系承运商，等回复", "客户发来照片，确认是运输损坏", "已安排补发，仓库今天出货", "和仓库确认过库存",
	"客户情绪比较激动，先安抚", "已提交索赔", "退款已在后台操作", "问题已记录到产品改进表",
	"客户要求发票，已转财务", "查了物流轨迹，卡在分拣中心", "同类问题本周第三次，需跟进供应商", "已电话沟通，客户同意补发",
}

var genericReplies = []string{
	"Thank you for your message. We are looking into it and will get back to you within 24 hours.",
	"Thanks for reaching out! Could you send us a photo of the item so we can help right away?",
	"We have checked your order and everything is on its way. Please let us know if there is anything else.",
}

// causes and resolutions by type, the first the most common.
var (
	typeCauses = map[app.CaseType][]app.RootCause{
		app.CaseInquiry: {app.CauseUnknown, app.CauseCustomer}, app.CaseDamagedInTransit: {app.CauseCarrier, app.CausePackaging},
		app.CaseLostParcel: {app.CauseCarrier}, app.CasePackaging: {app.CausePackaging, app.CauseOurs},
		app.CaseWrongItem: {app.CauseOurs}, app.CaseReturnRefund: {app.CauseCustomer, app.CauseDefect},
		app.CaseComplaint: {app.CauseDefect, app.CauseOurs, app.CauseCarrier}, app.CaseNegativeReview: {app.CauseDefect, app.CauseCustomer, app.CausePackaging},
		app.CaseOtherType: {app.CauseUnknown},
	}
	typeResolutions = map[app.CaseType][]app.Resolution{
		app.CaseInquiry: {app.ResolveExplanation}, app.CaseDamagedInTransit: {app.ResolveReplacement, app.ResolvePartialRefund, app.ResolveRefund},
		app.CaseLostParcel: {app.ResolveReship, app.ResolveRefund}, app.CasePackaging: {app.ResolvePartialRefund, app.ResolveExplanation},
		app.CaseWrongItem: {app.ResolveReplacement, app.ResolveReturnLabel}, app.CaseReturnRefund: {app.ResolveReturnLabel, app.ResolveRefund},
		app.CaseComplaint:      {app.ResolveExplanation, app.ResolvePartialRefund, app.ResolveReplacement},
		app.CaseNegativeReview: {app.ResolveRefund, app.ResolveReplacement, app.ResolveExplanation}, app.CaseOtherType: {app.ResolveExplanation},
	}
	typeTemplate = map[app.CaseType]string{
		app.CaseDamagedInTransit: app.ReplyDamageReplacement, app.CaseLostParcel: app.ReplyLostParcel,
		app.CaseReturnRefund: app.ReplyReturnSteps, app.CaseNegativeReview: app.ReplyReviewFollowUp,
	}
)

// serviceGen makes the demo's cases.
type serviceGen struct {
	rng       *rand.Rand
	ids       *rand.ChaCha8 // random bits of the ids, from the seed
	now       time.Time
	reps      []app.Person
	templates map[string]app.ReplyTemplate
	skus      []caseSKU
}

// loadService adds the demo office's cases and orders to follow up.
// progress counts batches of cases (serviceSteps).
func loadService(ctx context.Context, s *data.Store, size Size, seed uint64, sum *ServiceSummary, progress func(done int)) error {
	var key [32]byte
	binary.LittleEndian.PutUint64(key[:], seed^0x5e6c1ce5)
	g := &serviceGen{rng: rand.New(rand.NewPCG(seed, 0x5e6c1ce5)), ids: rand.NewChaCha8(key), now: s.Now(), templates: map[string]app.ReplyTemplate{}}
	people, err := s.People(ctx)
	if err != nil {
		return err
	}
	for _, p := range people {
		if p.Role == app.RoleService || p.Role == app.RoleOwner {
			g.reps = append(g.reps, p)
		}
	}
	templates, err := s.ReplyTemplates(ctx, "en", false)
	if err != nil {
		return err
	}
	products, err := s.Products(ctx)
	if err != nil {
		return err
	}
	for _, p := range products {
		if p.Active {
			g.skus = append(g.skus, caseSKU{sku: p.SKU, product: p.Title, market: p.Marketplace})
		}
	}
	if len(g.skus) == 0 {
		return errors.New("demo cases: the catalog is empty (the inventory demo loads first)")
	}
	for _, t := range templates {
		g.templates[t.Builtin] = t
	}
	n, days, entries := size.serviceCounts()
	span := time.Duration(days) * 24 * time.Hour
	var batch []data.CaseWithTimeline
	var sends []data.CaseWithTimeline // replacements and reships of the last weeks
	used := 0
	for i := 0; i < n; i++ {
		// Oldest first, evenly over the span with some jitter.
		created := g.now.Add(-span + time.Duration(float64(span)*(float64(i)+g.rng.Float64())/float64(n)))
		if i >= n-2 {
			// The newest buyers wrote within the last two hours.
			created = g.now.Add(-time.Duration(10+g.rng.IntN(50)+60*(n-1-i)) * time.Minute)
		}
		created = created.Truncate(time.Minute)
		want := (entries*(i+1))/n - used
		cw := g.makeCase(created, want, i == n-1)
		used += len(cw.Entries)
		batch = append(batch, cw)
		if cw.Case.Resolution.SendsGoods() && g.now.Sub(created) < 45*24*time.Hour {
			sends = append(sends, cw)
		}
		if len(batch) == caseBatch || i == n-1 {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := s.AddCases(ctx, batch); err != nil {
				return fmt.Errorf("demo cases: %w", err)
			}
			sum.Cases += len(batch)
			for _, b := range batch {
				sum.Entries += len(b.Entries)
			}
			batch = batch[:0]
			progress(sum.Cases/caseBatch + min(1, sum.Cases%caseBatch))
		}
	}
	if err := g.orders(ctx, s, sends, sum); err != nil {
		return err
	}
	return g.returns(ctx, s, n, sum)
}

func pick[T any](rng *rand.Rand, xs []T) T { return xs[rng.IntN(len(xs))] }

func weighted[T any](rng *rand.Rand, items []T, weight func(T) int) T {
	total := 0
	for _, it := range items {
		total += weight(it)
	}
	n := rng.IntN(total)
	for _, it := range items {
		if n -= weight(it); n < 0 {
			return it
		}
	}
	return items[len(items)-1]
}

// finalStatus is where a case created at created stands now: old cases
// are done but for a few forgotten ones; recent ones are in every state.
func (g *serviceGen) finalStatus(created time.Time) app.CaseStatus {
	age := g.now.Sub(created)
	r := g.rng.IntN(100)
	switch {
	case age > recentDays*24*time.Hour:
		switch {
		case r < 1:
			return app.CaseOpen
		case r < 2:
			return app.CaseWaitingCarrier
		case r < 55:
			return app.CaseClosed
		}
		return app.CaseResolved
	case age < 2*time.Hour:
		return app.CaseNew
	case r < 10:
		return app.CaseNew
	case r < 35:
		return app.CaseOpen
	case r < 50:
		return app.CaseWaitingCustomer
	case r < 60:
		return app.CaseWaitingCarrier
	case r < 90:
		return app.CaseResolved
	}
	return app.CaseClosed
}

// makeCase makes one case with about want timeline entries (exactly want
// when last, so the demo has its round number of entries).
func (g *serviceGen) makeCase(created time.Time, want int, last bool) data.CaseWithTimeline {
	rng := g.rng
	m := weighted(rng, demoMarkets, func(m demoMarket) int { return m.weight })
	typ := weighted(rng, typeMix, func(x struct {
		t app.CaseType
		w int
	}) int {
		return x.w
	}).t
	ch := weighted(rng, channelMix, func(x struct {
		c app.Channel
		w int
	}) int {
		return x.w
	}).c
	if typ == app.CaseNegativeReview && rng.IntN(2) == 0 {
		ch = app.ChannelReview
	}
	sku := pick(rng, g.skus)
	first, lastName := pick(rng, m.first), pick(rng, m.last)
	customer := first + " " + lastName
	if m.code == "JP" {
		customer = lastName + " " + first
	}
	c := app.Case{
		ID: app.IDAt(created, g.ids), Type: typ, Channel: ch, Marketplace: m.code, Customer: customer, SKU: sku.sku, Created: created,
		OrderID:  fmt.Sprintf("%s-%07d-%07d", pick(rng, m.prefixes), rng.IntN(10_000_000), rng.IntN(10_000_000)),
		Priority: app.PriorityNormal,
	}
	switch ch {
	case app.ChannelBuyerMessage, app.ChannelReview:
		c.Contact = fmt.Sprintf("%s@marketplace.amazon.%s", randomLetters(rng, 14), strings.ToLower(m.code))
	case app.ChannelPhone:
		c.Contact = fmt.Sprintf("+1 555 01%02d %04d", rng.IntN(100), rng.IntN(10_000))
	default:
		c.Contact = strings.ToLower(fmt.Sprintf("%s.%s%d@example.com", asciiOnly(first), asciiOnly(lastName), rng.IntN(100)))
	}
	if typ != app.CaseInquiry && typ != app.CaseOtherType {
		c.Carrier = pick(rng, m.carriers)
		c.Tracking = demoTracking(rng, c.Carrier)
	}
	switch r := rng.IntN(100); {
	case r < 5:
		c.Priority = app.PriorityUrgent
	case r < 20:
		c.Priority = app.PriorityHigh
	case r < 30:
		c.Priority = app.PriorityLow
	}
	if len(g.reps) > 0 {
		c.OwnerID = pick(rng, g.reps).ID
	}
	lang, _ := app.MarketplaceLang(m.code)
	says := buyerSays[typ][lang]
	if len(says) == 0 || rng.IntN(3) == 0 {
		says = buyerSays[typ]["en"]
	}
	message := pick(rng, says)
	if strings.Contains(message, "%s") {
		message = fmt.Sprintf(message, sku.product)
	}
	c.Summary = firstWords(message, 60)
	c.Status = g.finalStatus(created)
	if c.Status.Done() {
		rs := typeResolutions[typ]
		c.Resolution = rs[weightedIndex(rng, len(rs))]
		cs := typeCauses[typ]
		c.RootCause = cs[weightedIndex(rng, len(cs))]
	}
	return data.CaseWithTimeline{Case: c, Entries: g.timeline(c, message, sku.product, want, last)}
}

// weightedIndex favours the first of n choices: 0 half the time.
func weightedIndex(rng *rand.Rand, n int) int {
	if n == 1 || rng.IntN(2) == 0 {
		return 0
	}
	return 1 + rng.IntN(n-1)
}

// timeline writes the case's history up to now: the buyer's message, the
// answer, the exchanges, waits and notes, and how it ended.
func (g *serviceGen) timeline(c app.Case, message, product string, want int, last bool) []app.Entry {
	rng := g.rng
	owner := app.Person{ID: c.OwnerID}
	for _, p := range g.reps {
		if p.ID == c.OwnerID {
			owner = p
		}
	}
	t := c.Created
	var out []app.Entry
	add := func(e app.Entry) {
		if e.At.IsZero() {
			e.At = t
		}
		e.ActorID, e.ActorName = owner.ID, owner.Name
		out = append(out, e)
	}
	// step moves the clock on by up to max, never past now.
	step := func(max time.Duration) {
		room := g.now.Add(-time.Minute).Sub(t)
		if room <= 0 {
			return
		}
		d := time.Duration(rng.Int64N(int64(max)))
		if d > room {
			d = room / 2
		}
		t = t.Add(d).Truncate(time.Second)
	}
	add(app.Entry{Kind: app.EntryStatusChange, To: string(app.CaseNew)})
	if c.OwnerID != "" {
		add(app.Entry{Kind: app.EntryOwner, To: c.OwnerID})
	}
	add(app.Entry{Kind: app.EntryMessageIn, Body: message})
	if c.Status == app.CaseNew {
		// Not answered yet: the buyer may have written again.
		fill := want - len(out)
		if !last {
			fill = min(max(fill, 0), 2)
		}
		for i := 0; i < fill; i++ {
			step(time.Hour)
			add(app.Entry{Kind: app.EntryMessageIn, Body: "Any update on this?"})
		}
		return out
	}
	// Most answers come within hours; one in ten takes over a day.
	if rng.IntN(10) == 0 {
		step(48 * time.Hour)
	} else {
		step(6 * time.Hour)
	}
	add(g.answer(c, product))
	// The end of the story comes from open, or, for a case answered and
	// settled at once when the entry budget is tight, straight from new.
	from := app.CaseOpen
	if c.Status.Done() && want <= len(out)+2 {
		from = app.CaseNew
	} else {
		add(app.Entry{Kind: app.EntryStatusChange, From: string(app.CaseNew), To: string(app.CaseOpen)})
	}
	// The end of the story, written after the fillers.
	var end []app.Entry
	switch c.Status {
	case app.CaseWaitingCustomer, app.CaseWaitingCarrier:
		end = append(end, app.Entry{Kind: app.EntryStatusChange, From: string(from), To: string(c.Status)})
	case app.CaseResolved, app.CaseClosed:
		end = append(end, app.Entry{Kind: app.EntryAction, Action: string(c.Resolution)},
			app.Entry{Kind: app.EntryStatusChange, From: string(from), To: string(c.Status)})
	}
	fill := want - len(out) - len(end)
	if !last {
		fill = min(max(fill, 0), 4)
	}
	for i := 0; i < fill; i++ {
		step(20 * time.Hour)
		switch r := rng.IntN(10); {
		case c.Channel == app.ChannelPhone && r < 4 && i+1 < fill:
			cb := app.Entry{ID: app.IDAt(t, g.ids), Kind: app.EntryCallback, Due: t.Add(3 * time.Hour), Body: "回电确认处理方案"}
			add(cb)
			step(4 * time.Hour)
			add(app.Entry{Kind: app.EntryCall, Ref: cb.ID, Body: "已回电"})
			i++
		case r < 5:
			add(app.Entry{Kind: app.EntryNote, Body: pick(rng, repNotes)})
		case r < 8:
			add(app.Entry{Kind: app.EntryMessageIn, Body: "Any update on this?"})
		default:
			add(app.Entry{Kind: app.EntryMessageOut, Body: pick(rng, genericReplies)})
		}
	}
	for _, e := range end {
		step(30 * time.Hour)
		add(e)
	}
	return out
}

// answer is the first reply: the type's built-in template in the buyer's
// language when there is one, else a short English reply.
func (g *serviceGen) answer(c app.Case, product string) app.Entry {
	if key, ok := typeTemplate[c.Type]; ok {
		if tmpl, ok := g.templates[key]; ok {
			lang := tmpl.BuyerLang(c.Marketplace)
			f := app.FillReply(tmpl.Texts[lang], app.ReplyValuesOf(c, product))
			return app.Entry{Kind: app.EntryMessageOut, Body: f.Text, TemplateID: tmpl.ID, Lang: lang}
		}
	}
	if c.Channel == app.ChannelPhone {
		return app.Entry{Kind: app.EntryCall, Body: "电话沟通，已了解情况"}
	}
	return app.Entry{Kind: app.EntryMessageOut, Body: pick(g.rng, genericReplies)}
}

// orders adds the reships and replacements of the last weeks as orders
// to follow up (most numbers sent, the newest not yet), and a few
// cash-on-delivery orders from the shop's own site.
func (g *serviceGen) orders(ctx context.Context, s *data.Store, sends []data.CaseWithTimeline, sum *ServiceSummary) error {
	locs, err := s.Locations(ctx)
	if err != nil {
		return err
	}
	for _, cw := range sends {
		c := cw.Case
		shipped := c.Created.Add(time.Duration(24+g.rng.IntN(72)) * time.Hour)
		if shipped.After(g.now) {
			shipped = g.now.Add(-time.Hour)
		}
		carrier := pick(g.rng, []string{"顺丰国际", "云途", "DHL", "UPS"})
		tracking := demoTracking(g.rng, carrier)
		sentAt := time.Time{}
		if g.now.Sub(shipped) > 48*time.Hour || g.rng.IntN(3) == 0 {
			sentAt = shipped.Add(time.Duration(g.rng.IntN(300)) * time.Minute)
		}
		// The unit leaves the stock of a place that holds one: the FBA
		// warehouses of its marketplace (multi-channel fulfilment) or the
		// team's own, through the ledger like a rep's send.
		o, moved, err := g.sendReplacement(ctx, s, locs, c, shipped, carrier, tracking)
		if err != nil {
			return err
		}
		if !moved {
			o = app.ServiceOrder{CaseID: c.ID, Quantity: 1, ShippedAt: shipped, Created: c.Created, Carrier: carrier, Tracking: tracking}
			if o, err = s.CreateServiceOrder(ctx, o); err != nil {
				return fmt.Errorf("demo order: %w", err)
			}
		}
		if !sentAt.IsZero() {
			o.TrackingSentAt = sentAt
			if _, err := s.UpdateServiceOrder(ctx, o); err != nil {
				return fmt.Errorf("demo order: %w", err)
			}
		}
		sum.Orders++
	}
	for i := 0; i < 6; i++ {
		m := demoMarkets[0]
		o := app.ServiceOrder{
			OrderID: fmt.Sprintf("SHOP-%05d", 10_000+i), Marketplace: app.MarketplaceOther, COD: true, Quantity: 1 + g.rng.IntN(3),
			Customer: pick(g.rng, m.first) + " " + pick(g.rng, m.last), Contact: fmt.Sprintf("+971 50 %03d %04d", g.rng.IntN(1000), g.rng.IntN(10_000)),
			SKU: pick(g.rng, g.skus).sku, Created: g.now.Add(-time.Duration(2+g.rng.IntN(60)) * time.Hour),
		}
		if i%3 == 0 {
			o.CalledAt = o.Created.Add(time.Hour)
		}
		if _, err := s.CreateServiceOrder(ctx, o); err != nil {
			return fmt.Errorf("demo COD order: %w", err)
		}
		sum.Orders++
	}
	return nil
}

// sendReplacement sends case c's replacement out of the first location
// (FBA of its marketplace, then the team's warehouses) whose ledger holds
// the unit, as a rep does; moved is false when none holds it (the parcel
// is then only followed up).
func (g *serviceGen) sendReplacement(ctx context.Context, s *data.Store, locs []app.Location, c app.Case, shipped time.Time,
	carrier, tracking string) (app.ServiceOrder, bool, error) {
	bal, err := s.SKUBalances(ctx, c.SKU)
	if err != nil {
		return app.ServiceOrder{}, false, err
	}
	held := map[string]int{}
	for _, b := range bal {
		held[b.LocationID] = b.Qty
	}
	market := ""
	for _, k := range g.skus {
		if k.sku == c.SKU {
			market = k.market
		}
	}
	from := ""
	if id := app.FBALocationID(market); held[id] > 0 {
		from = id
	}
	for _, l := range locs {
		if from == "" && (l.Kind == app.LocationWarehouse || l.Kind == app.LocationOverseas) && held[l.ID] > 0 {
			from = l.ID
		}
	}
	if from == "" {
		return app.ServiceOrder{}, false, nil
	}
	res, err := s.SendCaseReplacement(ctx, data.CaseReplacement{ReplacementSent: app.ReplacementSent{SKU: c.SKU, LocationID: from,
		Qty: 1, Day: app.DateOf(shipped, nil), CaseID: c.ID}, Carrier: carrier, Tracking: tracking})
	if err != nil {
		return app.ServiceOrder{}, false, fmt.Errorf("demo replacement: %w", err)
	}
	return res.Order, true, nil
}

// returnReasons are the reasons of the FBA returns report, with a
// disposition and what a buyer may write.
var returnReasons = []struct {
	reason, disposition string
	comments            []string
}{
	{"DEFECTIVE", "DEFECTIVE", []string{"stopped working after a week", "the handle came off", ""}},
	{"DAMAGED_BY_CARRIER", "CARRIER_DAMAGED", []string{"box crushed, item dented", ""}},
	{"NOT_AS_DESCRIBED", "SELLABLE", []string{"smaller than in the pictures", "colour is different", ""}},
	{"UNWANTED_ITEM", "SELLABLE", []string{"", "changed my mind"}},
	{"ORDERED_WRONG_ITEM", "SELLABLE", []string{"", "wrong size, my mistake"}},
	{"MISSED_ESTIMATED_DELIVERY", "SELLABLE", []string{"came too late for the trip"}},
}

// returns adds the FBA returns of the last weeks (one per 20 cases) and
// opens cases from a few, as a rep does from the SKU's detail.
func (g *serviceGen) returns(ctx context.Context, s *data.Store, cases int, sum *ServiceSummary) error {
	n := max(12, cases/20)
	lines := make([]data.ReturnLine, n)
	for i := range lines {
		k := pick(g.rng, g.skus)
		why := returnReasons[weightedIndex(g.rng, len(returnReasons))]
		at := g.now.Add(-time.Duration(1+g.rng.IntN(30*24)) * time.Hour).Truncate(time.Minute)
		m, _ := app.MarketplaceOf(k.market)
		prefixes := demoMarkets[0].prefixes
		for _, dm := range demoMarkets {
			if dm.code == m.Code {
				prefixes = dm.prefixes
			}
		}
		lines[i] = data.ReturnLine{ReturnedAt: at.UTC(), Day: app.DateOf(at, m.Location()), Marketplace: m.Code,
			OrderID: fmt.Sprintf("%s-%07d-%07d", pick(g.rng, prefixes), g.rng.IntN(10_000_000), g.rng.IntN(10_000_000)),
			SKU:     k.sku, Qty: 1 + g.rng.IntN(4)/3, Disposition: why.disposition, Reason: why.reason, Status: "Unit returned to inventory",
			FulfillmentCenter: pick(g.rng, []string{"PHX7", "LGB8", "ONT8", "BFI4"}), LicensePlate: fmt.Sprintf("LPN%s%08d", "DM", i),
			Comments: pick(g.rng, why.comments)}
	}
	added, err := s.AddFBAReturns(ctx, lines)
	if err != nil {
		return fmt.Errorf("demo returns: %w", err)
	}
	sum.Returns = added
	// The defective ones with comments are worth a case.
	opened := 0
	for _, l := range lines {
		if opened == 3 {
			break
		}
		if l.Reason != "DEFECTIVE" && l.Reason != "DAMAGED_BY_CARRIER" {
			continue
		}
		rs, err := s.SKUReturns(ctx, l.SKU)
		if err != nil {
			return err
		}
		for _, r := range rs {
			if r.OrderID == l.OrderID && r.CaseID == "" {
				owner := ""
				if len(g.reps) > 0 {
					owner = pick(g.rng, g.reps).ID
				}
				if _, _, err := s.OpenReturnCase(ctx, r.ID, owner); err != nil {
					return fmt.Errorf("demo return case: %w", err)
				}
				opened++
				sum.ReturnCases++
				break
			}
		}
	}
	return nil
}

// demoTracking makes a tracking number of the carrier's usual form.
func demoTracking(rng *rand.Rand, carrier string) string {
	digits := func(n int) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			b.WriteByte(byte('0' + rng.IntN(10)))
		}
		return b.String()
	}
	switch carrier {
	case "UPS":
		return "1Z" + strings.ToUpper(randomLetters(rng, 6)) + digits(10)
	case "USPS":
		return "9400" + digits(18)
	case "Amazon Logistics":
		return "TBA" + digits(12)
	case "Royal Mail", "Canada Post":
		return strings.ToUpper(randomLetters(rng, 2)) + digits(9) + "GB"
	case "顺丰国际":
		return "SF" + digits(12)
	case "云途":
		return "YT" + digits(16)
	}
	return digits(12)
}

func randomLetters(rng *rand.Rand, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('a' + rng.IntN(26))
	}
	return string(b)
}

// asciiOnly keeps the ASCII letters of a name, for a made-up address.
func asciiOnly(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 128 && r != ' ' {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "buyer"
	}
	return b.String()
}

// firstWords cuts a message to about n characters at a space.
func firstWords(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	if i := strings.LastIndex(cut, " "); i > n/2 {
		cut = cut[:i]
	}
	return cut + "…"
}
