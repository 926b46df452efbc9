package demo

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
)

// The SOP part of the demo office: the built-in templates and checklist
// items, runs in every state (done, on time, overdue, blocked, handed
// over, cancelled), a history of checklist entries with recorded values
// that make sensible charts, and weekly reviews. Everything goes through
// the store like a person's work would.

// sopCounts says how much SOP work a size has.
type sopCounts struct {
	team        int // people who own steps and checklist items
	runs        int
	runDays     int // runs started over this many past days
	historyDays int // checklist entries for this many past days
	reviewWeeks int
}

func (s Size) sopCounts() sopCounts {
	if s == Large {
		return sopCounts{team: 12, runs: 1000, runDays: 365, historyDays: 365, reviewWeeks: 52}
	}
	return sopCounts{team: 8, runs: 14, runDays: 120, historyDays: 45, reviewWeeks: 6}
}

// sopDemo is the state of the SOP generator.
type sopDemo struct {
	ctx   context.Context
	s     *data.Store
	rng   *rand.Rand
	cal   *app.Calendar
	today app.Date
	zh    bool
	team  []app.Person
	// byRole lists the team by role; a step whose role nobody has goes
	// to the run's lead.
	byRole map[app.Role][]app.Person
	// walk holds the last value of each recorded series, so values move
	// like real figures instead of jumping at random.
	walk map[string]float64
}

// loadSOP adds the SOP part of the demo office. progress gets its own
// done/total.
func loadSOP(ctx context.Context, s *data.Store, size Size, rng *rand.Rand, progress Progress) error {
	c := size.sopCounts()
	lang := data.BuiltinChinese
	if l, err := s.Setting(ctx, data.SettingLanguage); err == nil && l == "en" {
		lang = data.BuiltinEnglish
	}
	f, err := data.BuiltinSOP(lang)
	if err != nil {
		return err
	}
	if _, err := s.SeedBuiltins(ctx, lang, f); err != nil {
		return fmt.Errorf("demo templates: %w", err)
	}
	cal := app.MustDefaultCalendar()
	d := &sopDemo{ctx: ctx, s: s, rng: rng, cal: cal, today: cal.Today(s.Now()), zh: lang == data.BuiltinChinese,
		byRole: map[app.Role][]app.Person{}, walk: map[string]float64{}}
	people, err := s.People(ctx)
	if err != nil {
		return err
	}
	for _, p := range people {
		if p.Active && len(d.team) < c.team {
			d.team = append(d.team, p)
			d.byRole[p.Role] = append(d.byRole[p.Role], p)
		}
	}
	if len(d.team) == 0 {
		return nil
	}
	defer s.SetActor(app.Person{})
	total := c.runs + c.historyDays + 1 + c.reviewWeeks
	done := 0
	step := func() {
		done++
		progress(done, total)
	}
	if err := d.checklists(c, step); err != nil {
		return fmt.Errorf("demo checklists: %w", err)
	}
	if err := d.runs(c, step); err != nil {
		return fmt.Errorf("demo runs: %w", err)
	}
	if err := d.reviews(c, step); err != nil {
		return fmt.Errorf("demo reviews: %w", err)
	}
	return nil
}

func (d *sopDemo) pick(ps []app.Person) app.Person { return ps[d.rng.IntN(len(ps))] }

func (d *sopDemo) text(zh, en string) string {
	if d.zh {
		return zh
	}
	return en
}

func (d *sopDemo) phrase(zh, en []string) string {
	i := d.rng.IntN(len(zh))
	return d.text(zh[i], en[i])
}

// checklists gives the built-in items owners, adds a keyword-rank item
// per product line so that each of the team owns some, and fills their
// history day by day.
func (d *sopDemo) checklists(c sopCounts, step func()) error {
	ctx, s := d.ctx, d.s
	from := d.today.AddDays(-c.historyDays)
	items, err := s.ChecklistItems(ctx, false)
	if err != nil {
		return err
	}
	var ranks app.ChecklistItem
	for i, it := range items {
		it.OwnerID = d.team[i%len(d.team)].ID
		it.Schedule.Start = from
		if it.Builtin == "keyword-ranks" {
			ranks = it
		}
		if _, err := s.SaveChecklistItem(ctx, it, from); err != nil {
			return err
		}
	}
	// Everyone also tracks the rank of a keyword of their own products.
	for i := 0; i < len(d.team) && ranks.ID != ""; i++ {
		kw := demoKeywords()
		it := ranks
		it.ID, it.Builtin = "", ""
		it.Title = fmt.Sprintf("%s · %s", ranks.Title, kw[i%len(kw)])
		it.OwnerID = d.team[i].ID
		if _, err := s.SaveChecklistItem(ctx, it, from); err != nil {
			return err
		}
	}
	items, err = s.ChecklistItems(ctx, false)
	if err != nil {
		return err
	}
	byID := map[string]app.ChecklistItem{}
	owner := map[string]app.Person{}
	for _, it := range items {
		byID[it.ID] = it
		for _, p := range d.team {
			if p.ID == it.OwnerID {
				owner[it.ID] = p
			}
		}
	}
	for day := from; day <= d.today; day++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		if _, err := s.GenerateChecklist(ctx, d.cal, day); err != nil {
			return err
		}
		entries, _, err := s.ListChecklistEntries(ctx, app.ListQuery{Limit: app.MaxListLimit,
			Filters: map[string]string{data.EntryFilterFrom: day.String(), data.EntryFilterTo: day.String()}})
		if err != nil {
			return err
		}
		age := int(d.today - day)
		for _, e := range entries {
			it := byID[e.ItemID]
			s.SetActor(owner[e.ItemID])
			// Most entries are done on their day; a few are skipped;
			// the last days still have some open, and a handful of old
			// ones were forgotten (overdue).
			r := d.rng.Float64()
			switch {
			case age == 0 && r < 0.6, age <= 3 && r < 0.15, r < 0.01:
				continue
			case r < 0.05:
				_, err = s.SaveChecklistEntry(ctx, e.ID, data.EntryChange{Status: app.EntrySkipped,
					Reason: d.phrase([]string{"请假", "后台报告延迟，明天补", "大促期间改为每日两次"}, []string{"On leave", "Report delayed, done tomorrow", "Twice daily during the sale"})})
			default:
				_, err = s.SaveChecklistEntry(ctx, e.ID, data.EntryChange{Status: app.EntryDone, Values: d.values(it.ID, it.Fields, day, "")})
			}
			if err != nil {
				return fmt.Errorf("entry %s of %q: %w", day, it.Title, err)
			}
		}
		step()
	}
	return nil
}

// runs starts runs of the templates over the past days and moves their
// steps along as far as their dates say.
func (d *sopDemo) runs(c sopCounts, step func()) error {
	ctx, s := d.ctx, d.s
	templates, err := s.Templates(ctx, false)
	if err != nil {
		return err
	}
	weight := map[string]int{"product": 5, "new-listing": 4, "keyword": 3, "competitor": 3, "inventory": 3, "reorder-plan": 2}
	var pool []app.Template
	for _, t := range templates {
		for i := 0; i < max(1, weight[t.Builtin]); i++ {
			pool = append(pool, t)
		}
	}
	versions := map[string]app.TemplateVersion{}
	for i := 0; i < c.runs; i++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		t := pool[d.rng.IntN(len(pool))]
		v, ok := versions[t.VersionID]
		if !ok {
			if v, err = s.TemplateVersion(ctx, t.VersionID); err != nil {
				return err
			}
			versions[t.VersionID] = v
		}
		// Spread over the past days, the newest a few days ahead.
		start := d.cal.NextWorkday(d.today.AddDays(-c.runDays + (c.runDays+5)*i/max(1, c.runs) + d.rng.IntN(3)))
		lead := d.pick(d.team)
		if ops := d.byRole[app.RoleOperations]; len(ops) > 0 {
			lead = d.pick(ops)
		}
		p := app.PlanRun(d.cal, t.ID, v, start, func(r app.Role) string {
			if ps := d.byRole[r]; len(ps) > 0 {
				return d.pick(ps).ID
			}
			return lead.ID
		})
		p.Title, p.SKU = d.product()
		p.OwnerID = lead.ID
		s.SetActor(lead)
		run, err := s.StartRun(ctx, p)
		if err != nil {
			return fmt.Errorf("run %q: %w", p.Title, err)
		}
		if err := d.advance(run, v); err != nil {
			return fmt.Errorf("run %q: %w", p.Title, err)
		}
		if d.rng.IntN(30) == 0 && start < d.today.AddDays(-20) {
			if err := s.SetRunCancelled(ctx, run.ID, true); err != nil {
				return err
			}
		}
		step()
	}
	return nil
}

// advance moves a run's steps as far as the calendar says: each step is
// finished a little before or after its due date; the current one is
// being worked on (or blocked); a few are late, a few handed over.
func (d *sopDemo) advance(run app.Run, v app.TemplateVersion) error {
	ctx, s := d.ctx, d.s
	steps, err := s.RunSteps(ctx, run.ID)
	if err != nil {
		return err
	}
	for _, st := range steps {
		def, _ := v.Body.Step(st.StepKey)
		owner := d.member(st.OwnerID)
		// One step in twenty changes hands first.
		if d.rng.IntN(20) == 0 && st.Due <= d.today.AddDays(7) {
			to := d.pick(d.team)
			if to.ID != st.OwnerID {
				s.SetActor(owner)
				note := d.phrase([]string{"出差一周，请你接手", "工作量调整", "请假，交接给你", "你更熟悉这个供应商"},
					[]string{"Away for a week, please take over", "Workload rebalanced", "On leave, handing over", "You know this supplier better"})
				if _, err := s.SaveStep(ctx, st.ID, st.Due, app.StepChange{OwnerID: to.ID, HandOffNote: note}, nil); err != nil {
					return err
				}
				owner = to
			}
		}
		s.SetActor(owner)
		finished := st.Due.AddDays(d.rng.IntN(5) - 2)
		switch {
		case finished < d.today:
			if d.rng.IntN(40) == 0 {
				reason := d.phrase([]string{"老品返单，沿用原资料", "客户自提，不走 FBA", "本次不做，并入下一批"},
					[]string{"Repeat order, content unchanged", "Buyer collects, no FBA", "Merged into the next batch"})
				_, err = s.SaveStep(ctx, st.ID, finished, app.StepChange{Status: app.StepSkipped, Reason: reason}, nil)
			} else if !(st.Due >= d.today.AddDays(-20) && d.rng.IntN(6) == 0) && !(st.Due >= d.today.AddDays(-3) && d.rng.IntN(3) == 0) {
				_, err = s.SaveStep(ctx, st.ID, finished, app.StepChange{Status: app.StepDone}, d.values(app.StepSeries(run.TemplateID, st.StepKey), def.Step.Fields, finished, run.SKU))
			} else {
				// Late: still open past its due date; the steps after it
				// wait.
				_, err = s.SaveStep(ctx, st.ID, d.today, app.StepChange{Status: app.StepDoing}, nil)
				return err
			}
		case st.Due <= d.today.AddDays(3):
			if d.rng.IntN(6) == 0 {
				reason := d.phrase([]string{"等工厂报价", "样品还没到", "等品牌备案审核", "货代舱位紧张"},
					[]string{"Waiting for the factory's quote", "Samples not here yet", "Waiting for Brand Registry", "Forwarder has no space"})
				_, err = s.SaveStep(ctx, st.ID, d.today, app.StepChange{Status: app.StepBlocked, Reason: reason}, nil)
			} else {
				_, err = s.SaveStep(ctx, st.ID, d.today, app.StepChange{Status: app.StepDoing}, nil)
			}
			return err
		default:
			return nil
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (d *sopDemo) member(id string) app.Person {
	for _, p := range d.team {
		if p.ID == id {
			return p
		}
	}
	return d.team[0]
}

// reviews writes a weekly review of two or three entries per week; the
// last two weeks' are still open.
func (d *sopDemo) reviews(c sopCounts, step func()) error {
	type idea struct{ metric, change, diagnosis, action, result, why [2]string }
	ideas := []idea{
		{[2]string{"转化率", "Conversion"}, [2]string{"12.4% → 9.1%", "12.4% → 9.1%"},
			[2]string{"主图被跟卖者改成了旧版", "A hijacker changed the main image back to the old one"},
			[2]string{"品牌后台投诉并恢复主图，开启品牌保护", "Report through Brand Registry, restore the image, turn on brand protection"},
			[2]string{"一周后回到 11.8%", "Back to 11.8% a week later"}, [2]string{"主图恢复后点击和转化都回升", "Clicks and conversion recovered with the image"}},
		{[2]string{"ACoS", "ACoS"}, [2]string{"28% → 41%", "28% → 41%"},
			[2]string{"自动广告里几个大词花费高但不出单", "A few broad terms in the automatic campaign spend without selling"},
			[2]string{"否定这些词，把预算移到精准长尾词", "Negate them and move budget to exact long-tail terms"},
			[2]string{"ACoS 降到 31%", "ACoS down to 31%"}, [2]string{"花费减少 20%，订单基本不变", "Spend down 20%, orders about the same"}},
		{[2]string{"退货率", "Return rate"}, [2]string{"3.2% → 7.5%", "3.2% → 7.5%"},
			[2]string{"新批次尺寸偏小，买家说和描述不符", "The new batch runs small; buyers say not as described"},
			[2]string{"通知工厂返工，在五点和尺寸图里写清楚尺寸", "Factory to rework; state sizes clearly in the bullets and size chart"},
			[2]string{"退货率回到 4%", "Return rate back to 4%"}, [2]string{"尺寸图更新后“不符”类退货明显减少", "Fewer 'not as described' returns after the size chart"}},
		{[2]string{"自然排名", "Organic rank"}, [2]string{"第 8 位 → 第 23 位", "#8 → #23"},
			[2]string{"断货 5 天，排名下滑", "Out of stock for 5 days, rank dropped"},
			[2]string{"空运补 300 件，加大核心词广告一周", "Air-ship 300 units, push core keyword ads for a week"},
			[2]string{"两周后回到第 10 位", "Back to #10 after two weeks"}, [2]string{"补货到仓后广告出单带回排名", "Ad sales after restocking brought the rank back"}},
		{[2]string{"会话数", "Sessions"}, [2]string{"-18%", "-18%"},
			[2]string{"竞品降价并开了秒杀", "A competitor cut its price and ran a deal"},
			[2]string{"开 10% 优惠券两周，不跟着降价", "Two weeks of a 10% coupon, no price cut"},
			[2]string{"会话数恢复，利润率少 3 个点", "Sessions recovered, margin 3 points lower"}, [2]string{"优惠券带来点击，秒杀结束后竞品回到原价", "The coupon drew clicks; the competitor's deal ended"}},
	}
	pick := func(v [2]string) string { return d.text(v[0], v[1]) }
	for w := c.reviewWeeks; w >= 1; w-- {
		week := app.WeekOf(d.today.AddDays(-7 * w))
		n := 2 + d.rng.IntN(2)
		for i := 0; i < n; i++ {
			id := ideas[d.rng.IntN(len(ideas))]
			owner := d.pick(d.team)
			d.s.SetActor(d.team[0])
			r := app.Review{Week: week, Metric: pick(id.metric), Change: pick(id.change), Diagnosis: pick(id.diagnosis),
				Action: pick(id.action), OwnerID: owner.ID, FollowUp: week.AddDays(7 + 4),
			}
			_, r.SKU = d.product()
			if w > 2 || i == 0 && w == 2 {
				r.Result, r.Why = pick(id.result), pick(id.why)
			}
			if _, err := d.s.SaveReview(d.ctx, r); err != nil {
				return err
			}
		}
		step()
	}
	return nil
}

// values makes plausible values for a record form: each series moves a
// little from its last value, so charts look like real figures.
func (d *sopDemo) values(series string, fields []app.FormField, day app.Date, sku string) map[string]app.Value {
	out := map[string]app.Value{}
	for _, f := range fields {
		// Optional fields are filled two times in three.
		if !f.Required && d.rng.IntN(3) == 0 {
			continue
		}
		key := series + "/" + f.Key
		var text string
		switch f.Type {
		case app.FieldNumber, app.FieldPercent, app.FieldMoney:
			lo, hi, dec := demoRange(f)
			x, ok := d.walk[key]
			if !ok {
				x = lo + (hi-lo)*d.rng.Float64()
			}
			x += (hi - lo) * 0.08 * (d.rng.Float64()*2 - 1)
			x = math.Max(lo, math.Min(hi, x))
			d.walk[key] = x
			p := math.Pow(10, float64(dec))
			text = fmt.Sprintf("%.*f", dec, math.Round(x*p)/p)
		case app.FieldDate:
			text = day.AddDays(3 + d.rng.IntN(40)).String()
		case app.FieldChoice:
			// The first choice is the usual answer.
			if d.rng.IntN(3) > 0 {
				text = f.Choices[0]
			} else {
				text = f.Choices[d.rng.IntN(len(f.Choices))]
			}
		case app.FieldSKU:
			text = sku
			if text == "" {
				_, text = d.product()
			}
		default:
			text = d.demoText(f.Key, day)
		}
		v, err := app.ParseValue(f, text)
		if err == nil && v.Set {
			out[f.Key] = v
		}
	}
	return out
}

// demoRange is the range (and decimals) of a numeric field by its key.
func demoRange(f app.FormField) (lo, hi float64, dec int) {
	k := f.Key
	switch {
	case strings.Contains(k, "rank"):
		return 1, 60, 0
	case k == "orders":
		return 20, 140, 0
	case k == "sessions":
		return 400, 3200, 0
	case k == "rating" || k == "competitor-rating":
		return 3.6, 4.9, 1
	case strings.Contains(k, "review"):
		return 40, 2400, 0
	case k == "returns" || k == "new-negative" || k == "at-risk" || k == "overstock-skus" || k == "unfulfillable":
		return 0, 12, 0
	case strings.Contains(k, "units") || k == "sellable" || k == "inbound" || k == "quantity" || k == "fba-stock":
		return 60, 2400, 0
	case k == "cartons":
		return 8, 80, 0
	case k == "acos" || k == "target-acos":
		return 16, 45, 1
	case k == "conversion":
		return 7, 18, 1
	case k == "buy-box":
		return 86, 100, 1
	case strings.Contains(k, "margin"):
		return 18, 42, 1
	case k == "return-rate" || k == "ncx-rate":
		return 0.5, 7, 1
	case f.Type == app.FieldMoney && f.Currency == "CNY":
		switch {
		case k == "unit-cost":
			return 8, 60, 2
		case k == "freight-cost":
			return 2500, 16000, 0
		case k == "po-amount" || k == "peak-cash":
			return 20000, 180000, 0
		case k == "net-profit":
			return 4000, 60000, 0
		}
		return 100, 5000, 2
	case f.Type == app.FieldMoney:
		switch {
		case k == "sales" || k == "ad-sales":
			return 600, 4200, 2
		case k == "spend":
			return 150, 900, 2
		case k == "daily-budget":
			return 20, 80, 0
		case k == "payout":
			return 5000, 42000, 2
		}
		return 15.99, 49.99, 2
	case f.Type == app.FieldPercent:
		return 1, 40, 1
	}
	return 1, 500, 0
}

func (d *sopDemo) demoText(key string, day app.Date) string {
	switch {
	case strings.Contains(key, "asin"):
		const letters = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"
		b := []byte("B0")
		for i := 0; i < 8; i++ {
			b = append(b, letters[d.rng.IntN(len(letters))])
		}
		return string(b)
	case strings.Contains(key, "keyword"):
		kw := demoKeywords()
		return kw[d.rng.IntN(len(kw))]
	case key == "shipment-id":
		return fmt.Sprintf("FBA17%07d", d.rng.IntN(10000000))
	case key == "po-number":
		y, m, dd := day.YMD()
		return fmt.Sprintf("PO-%d%02d%02d-%02d", y, m, dd, 1+d.rng.IntN(20))
	case key == "forwarder":
		return d.phrase([]string{"深圳顺运国际", "宁波海通物流", "义乌环球货运"}, []string{"Shenzhen Shunyun Intl.", "Ningbo Haitong Logistics", "Yiwu Global Freight"})
	case key == "warehouse":
		return []string{"ONT8", "LGB8", "SBD1", "IND9", "ABE8"}[d.rng.IntN(5)]
	}
	return d.phrase([]string{"尺寸偏小", "包装破损", "颜色与图片不符", "说明书不清楚", "按计划完成"},
		[]string{"Runs small", "Damaged packaging", "Colour differs from the photos", "Unclear instructions", "Done as planned"})
}

// demoKeywords are search terms of the demo products. Amazon search terms
// are in the marketplace's language (English for the US store), whatever
// language the office speaks.
func demoKeywords() []string {
	return []string{"silicone water bottle", "collapsible cup", "bamboo storage box", "magnetic phone holder", "pet bowl stainless",
		"insulated lunch bag", "adhesive wall hooks", "waterproof table mat", "travel makeup bag", "braided usb c cable",
		"essential oil diffuser", "folding phone stand"}
}

// Demo products: an adjective and a noun, with the SKU prefix of the
// noun (productNouns, in the same order).
var (
	skuPrefixes    = []string{"CUP", "BOX", "HOOK", "MAT", "STAND", "BAG", "BOWL", "CABLE", "DIFF", "COOL"}
	englishNouns   = []string{"cup", "storage box", "hook", "placemat", "phone stand", "make-up bag", "pet bowl", "cable", "diffuser", "cooler bag"}
	englishAdjects = []string{"Silicone", "Stainless", "Bamboo", "Travel", "Folding", "Magnetic", "Waterproof", "Padded", "Mini", "Multi-use"}
)

// product names a demo product and its SKU.
func (d *sopDemo) product() (name, sku string) {
	a, n := d.rng.IntN(len(productWords)), d.rng.IntN(len(productNouns))
	name = productWords[a] + productNouns[n]
	if !d.zh {
		name = englishAdjects[a] + " " + englishNouns[n]
	}
	return name, fmt.Sprintf("%s-%02d", skuPrefixes[n], 1+a*3+d.rng.IntN(3))
}
