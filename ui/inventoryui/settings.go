package inventoryui

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/ui"
)

// The Settings tab: the office's price bands, how the reorder plan
// counts (velocity weights, service level, the days one order covers,
// overstock), the money the cash forecast needs (base currency, exchange
// rates, reserve, Amazon's cut and payout calendar, the deposit a new
// order pays), and the locations stock is kept at. Each setting merges on
// its own when two desks change different ones.

// bandsCurrency is the currency price band bounds are typed in (the
// marketplaces' prices; most teams sell in dollars).
const bandsCurrency = "USD"

// settingsTab edits app.InventorySettings and the locations.
type settingsTab struct {
	s    *Screen
	root fyne.CanvasObject

	bands, w7, w14, w30, service, cycle, soon, overstock *widget.Entry
	base                                                 *widget.Select
	fx, reserve, referral, ads, returns, period, delay   *widget.Entry
	deposit                                              *widget.Entry
	msg                                                  *widget.Label
	save                                                 *widget.Button
	locs                                                 *widget.List
	locRows                                              []app.Location
}

func newSettingsTab(s *Screen) *settingsTab {
	tr := s.tr
	t := &settingsTab{s: s, msg: widget.NewLabel("")}
	t.msg.Wrapping = fyne.TextWrapWord
	e := func(hint string) *widget.Entry {
		x := widget.NewEntry()
		x.SetPlaceHolder(hint)
		return x
	}
	t.bands = e(tr.T("inventory.settings.bands_hint"))
	t.w7, t.w14, t.w30 = e("0.5"), e("0.3"), e("0.2")
	t.service, t.cycle, t.soon, t.overstock = e("95"), e("30"), e("7"), e("1.5")
	t.base = widget.NewSelect(currencyCodes, nil)
	t.fx = e(tr.T("inventory.settings.fx_hint"))
	t.reserve, t.referral, t.ads, t.returns = e(""), e("15"), e("0"), e("0")
	t.period, t.delay, t.deposit = e("14"), e("3"), e("30")
	weights := container.NewGridWithColumns(3, t.w7, t.w14, t.w30)
	plan := widget.NewForm(
		widget.NewFormItem(tr.T("field.price_bands.bounds"), t.bands),
		widget.NewFormItem(tr.T("field.inventory_settings.weights"), weights),
		widget.NewFormItem(tr.T("inventory.settings.pct", "Label", tr.T("field.inventory_settings.service_level")), t.service),
		widget.NewFormItem(tr.T("inventory.settings.in_days", "Label", tr.T("field.inventory_settings.cycle_days")), t.cycle),
		widget.NewFormItem(tr.T("inventory.settings.in_days", "Label", tr.T("field.inventory_settings.soon_days")), t.soon),
		widget.NewFormItem(tr.T("field.inventory_settings.overstock_factor"), t.overstock),
	)
	money := widget.NewForm(
		widget.NewFormItem(tr.T("field.inventory_settings.base_currency"), t.base),
		widget.NewFormItem(tr.T("field.inventory_settings.fx"), t.fx),
		widget.NewFormItem(tr.T("field.inventory_settings.reserve"), t.reserve),
		widget.NewFormItem(tr.T("inventory.settings.pct", "Label", tr.T("field.inventory_settings.referral_pct")), t.referral),
		widget.NewFormItem(tr.T("inventory.settings.pct", "Label", tr.T("field.inventory_settings.ad_pct")), t.ads),
		widget.NewFormItem(tr.T("inventory.settings.pct", "Label", tr.T("field.inventory_settings.return_pct")), t.returns),
		widget.NewFormItem(tr.T("inventory.settings.in_days", "Label", tr.T("field.inventory_settings.payout_period_days")), t.period),
		widget.NewFormItem(tr.T("inventory.settings.in_days", "Label", tr.T("field.inventory_settings.payout_delay_days")), t.delay),
		widget.NewFormItem(tr.T("inventory.settings.pct", "Label", tr.T("field.inventory_settings.deposit_pct")), t.deposit),
	)
	t.save = widget.NewButtonWithIcon(tr.T("action.save"), theme.ConfirmIcon(), t.doSave)
	t.save.Importance = widget.HighImportance
	left := container.NewVBox(ui.SectionLabel(tr.T("inventory.settings.plan")), ui.WrapLabel(tr.T("inventory.settings.plan_hint")), plan,
		ui.SectionLabel(tr.T("inventory.settings.money")), money, container.NewHBox(t.save), t.msg)

	t.locs = widget.NewList(func() int { return len(t.locRows) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(t.locRows) {
				o.(*widget.Label).SetText(t.locationLine(t.locRows[i]))
			}
		})
	t.locs.OnSelected = func(i widget.ListItemID) {
		if i < len(t.locRows) {
			s.editLocation(t.locRows[i])
		}
		t.locs.UnselectAll()
	}
	addLoc := widget.NewButtonWithIcon(tr.T("inventory.settings.add_location"), theme.ContentAddIcon(), func() {
		s.editLocation(app.Location{Kind: app.LocationWarehouse, Active: true})
	})
	right := container.NewBorder(container.NewVBox(ui.SectionLabel(tr.T("inventory.settings.locations")),
		ui.WrapLabel(tr.T("inventory.settings.locations_hint")), container.NewHBox(addLoc)), nil, nil, nil, t.locs)
	split := container.NewHSplit(container.NewVScroll(container.NewPadded(left)), container.NewPadded(right))
	split.Offset = 0.58
	t.root = split
	return t
}

// locationLine describes a location in the list.
func (t *settingsTab) locationLine(l app.Location) string {
	tr := t.s.tr
	line := tr.T("inventory.settings.location_line", "Name", locationLabel(tr, l), "Kind", tr.T("inventory.location_kind."+string(l.Kind)))
	if l.Marketplace != "" {
		line += " · " + l.Marketplace
	}
	if !l.Active {
		line += " · " + tr.T("inventory.catalog.inactive")
	}
	return line
}

// load fills the form from the settings the screen read.
func (t *settingsTab) load() {
	set := t.s.settings
	var bounds []string
	for _, b := range set.PriceBands.Bounds {
		bounds = append(bounds, majorText(b, bandsCurrency))
	}
	t.bands.SetText(strings.Join(bounds, ", "))
	num := func(v float64) string { return ui.FormatInput(v) }
	t.w7.SetText(num(set.Weight7))
	t.w14.SetText(num(set.Weight14))
	t.w30.SetText(num(set.Weight30))
	t.service.SetText(num(set.ServiceLevelPct))
	t.cycle.SetText(itoa(set.CycleDays))
	t.soon.SetText(itoa(set.SoonDays))
	t.overstock.SetText(num(set.OverstockFactor))
	t.base.SetSelected(set.BaseCurrency)
	t.fx.SetText(fxText(set.FX))
	t.reserve.SetText(majorText(set.Reserve, set.BaseCurrency))
	t.referral.SetText(num(set.ReferralPct))
	t.ads.SetText(num(set.AdPct))
	t.returns.SetText(num(set.ReturnPct))
	t.period.SetText(itoa(set.PayoutPeriodDays))
	t.delay.SetText(itoa(set.PayoutDelayDays))
	t.deposit.SetText(num(set.DepositPct))
	t.locRows = nil
	for _, l := range t.s.locations {
		if l.Kind != app.LocationTransit {
			t.locRows = append(t.locRows, l)
		}
	}
	t.locs.Refresh()
}

// fxText writes exchange rates as "USD=7.2, EUR=7.8".
func fxText(fx map[string]float64) string {
	var codes []string
	for c := range fx {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	parts := make([]string, len(codes))
	for i, c := range codes {
		parts[i] = c + "=" + ui.FormatInput(fx[c])
	}
	return strings.Join(parts, ", ")
}

// parseFX reads "USD=7.2, EUR=7.8" (or with colons, Chinese commas).
func parseFX(text string) (map[string]float64, bool) {
	out := map[string]float64{}
	for _, part := range strings.FieldsFunc(text, func(r rune) bool { return r == ',' || r == ';' || r == '，' || r == '；' || r == '\n' }) {
		code, rate, ok := strings.Cut(part, "=")
		if !ok {
			code, rate, ok = strings.Cut(part, ":")
		}
		if !ok {
			return nil, false
		}
		v, good := ui.ParseNumber(rate)
		code = strings.ToUpper(strings.TrimSpace(code))
		if !good || !app.ValidCurrency(code) || v <= 0 {
			return nil, false
		}
		out[code] = v
	}
	return out, true
}

// read reads the form into settings; a problem is a *FieldError.
func (t *settingsTab) read() (app.InventorySettings, error) {
	set := t.s.settings
	bad := func(field, code string, limit int) error {
		return &app.FieldError{Entity: "inventory_settings", Field: field, Code: code, Limit: limit}
	}
	bands, err := app.ParsePriceBands(t.bands.Text, bandsCurrency)
	if err != nil {
		return set, err
	}
	set.PriceBands = bands
	nums := []struct {
		e     *widget.Entry
		to    *float64
		field string
	}{{t.w7, &set.Weight7, "weights"}, {t.w14, &set.Weight14, "weights"}, {t.w30, &set.Weight30, "weights"},
		{t.service, &set.ServiceLevelPct, "service_level"}, {t.overstock, &set.OverstockFactor, "overstock_factor"},
		{t.referral, &set.ReferralPct, "referral_pct"}, {t.ads, &set.AdPct, "ad_pct"}, {t.returns, &set.ReturnPct, "return_pct"},
		{t.deposit, &set.DepositPct, "deposit_pct"}}
	for _, n := range nums {
		v, ok := ui.ParseNumber(n.e.Text)
		if !ok {
			return set, bad(n.field, app.CodeBadChoice, 0)
		}
		*n.to = v
	}
	ints := []struct {
		e     *widget.Entry
		to    *int
		field string
		max   int
	}{{t.cycle, &set.CycleDays, "cycle_days", app.MaxModeDays}, {t.soon, &set.SoonDays, "soon_days", app.MaxModeDays},
		{t.period, &set.PayoutPeriodDays, "payout_period_days", 90}, {t.delay, &set.PayoutDelayDays, "payout_delay_days", 90}}
	for _, n := range ints {
		v, ok := ui.ParseWhole(n.e.Text, 0, n.max)
		if !ok {
			return set, bad(n.field, app.CodeOutOfRange, n.max)
		}
		*n.to = v
	}
	set.BaseCurrency = t.base.Selected
	fx, ok := parseFX(t.fx.Text)
	if !ok {
		return set, bad("fx", app.CodeBadChoice, 0)
	}
	set.FX = fx
	r, ok := moneyMajor(t.reserve.Text, set.BaseCurrency)
	if !ok {
		return set, bad("reserve", app.CodeOutOfRange, int(app.MaxMoneyMinor/100))
	}
	set.Reserve = r
	return set, set.Validate()
}

// doSave writes the settings off the UI thread.
func (t *settingsTab) doSave() {
	s, tr := t.s, t.s.tr
	set, err := t.read()
	if err != nil {
		t.msg.Importance = widget.DangerImportance
		t.msg.SetText(s.env.ErrorText(err))
		return
	}
	t.save.Disable()
	s.env.Background(func(st *data.Store) func() {
		err := st.SaveInventorySettings(s.env.Context(), set)
		return func() {
			t.save.Enable()
			if err != nil {
				t.msg.Importance = widget.DangerImportance
				t.msg.SetText(s.env.ErrorText(err))
				return
			}
			t.msg.Importance = widget.SuccessImportance
			t.msg.SetText(tr.T("inventory.settings.saved"))
			s.changed()
		}
	})
}

// editLocation opens a location's form (a new one when it has no id).
// The built-in locations (in transit, the factory, FBA) keep their kind.
func (s *Screen) editLocation(l app.Location) {
	tr := s.tr
	name := widget.NewEntry()
	name.SetText(l.Name)
	var kinds ui.Choices
	for _, k := range []app.LocationKind{app.LocationWarehouse, app.LocationOverseas, app.LocationFBA} {
		kinds = append(kinds, ui.Choice{Value: string(k), Label: tr.T("inventory.location_kind." + string(k))})
	}
	kind := widget.NewSelect(kinds.Labels(), nil)
	kind.SetSelected(kinds.Label(string(l.Kind)))
	builtIn := l.ID != "" && (l.Kind == app.LocationSupplier || l.ID == app.FBALocationID(l.Marketplace))
	if builtIn {
		kind.Disable()
	}
	var markets []string
	for _, m := range app.Marketplaces() {
		markets = append(markets, m.Code)
	}
	market := widget.NewSelect(append([]string{"–"}, markets...), nil)
	market.SetSelected(firstNonEmpty(l.Marketplace, "–"))
	note := widget.NewEntry()
	note.SetText(l.Note)
	active := widget.NewCheck(tr.T("inventory.catalog.active"), nil)
	active.SetChecked(l.Active)
	form := widget.NewForm(
		widget.NewFormItem(tr.T("field.location.name"), name),
		widget.NewFormItem(tr.T("field.location.kind"), kind),
		widget.NewFormItem(tr.T("field.location.marketplace"), market),
		widget.NewFormItem(tr.T("field.location.note"), note),
		widget.NewFormItem(tr.T("field.location.active"), active),
	)
	title := tr.T("inventory.settings.add_location")
	if l.ID != "" {
		title = tr.T("inventory.settings.edit_location", "Name", locationLabel(tr, l))
	}
	s.env.ShowFormDialog(title, tr.T("action.save"), form, func() (ui.Write, error) {
		out := l
		out.Name, out.Note, out.Active = name.Text, note.Text, active.Checked
		if !builtIn {
			out.Kind = app.LocationKind(kinds.Value(kind.Selected))
		}
		out.Marketplace = ""
		if market.Selected != "–" {
			out.Marketplace = market.Selected
		}
		if out.Kind == app.LocationFBA && out.ID == "" {
			// One FBA location per marketplace, the same id on every desk.
			out.ID = app.FBALocationID(out.Marketplace)
			if _, dup := s.location(out.ID); dup {
				return nil, ui.Problem(tr.T("inventory.settings.fba_exists", "Market", out.Marketplace))
			}
		}
		out = out.Normalize()
		if err := out.Validate(); err != nil {
			return nil, err
		}
		return func(st *data.Store) error {
			if out.ID != "" && l.ID == "" {
				_, err := st.EnsureLocation(s.env.Context(), out)
				return err
			}
			_, err := st.SaveLocation(s.env.Context(), out)
			return err
		}, nil
	}, s.changed)
}
