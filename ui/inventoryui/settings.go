package inventoryui

import (
	"context"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/ui"
	"github.com/opsbench/opsbench/ui/widgets"
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
	msg                                                  *widgets.Paragraph
	save                                                 *widget.Button
	locs                                                 *widget.List
	locRows                                              []app.Location
	// loaded are the settings the form was filled from and shown the
	// texts it showed them with: what the person changed is saved.
	loaded app.InventorySettings
	shown  []string
}

func newSettingsTab(s *Screen) *settingsTab {
	tr := s.tr
	t := &settingsTab{s: s, msg: ui.StatusLabel()}
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
	line := tr.T("inventory.settings.location_line", "Name", ui.LocationLabel(tr, l), "Kind", tr.T("inventory.location_kind."+string(l.Kind)))
	if l.Marketplace != "" {
		line += " · " + l.Marketplace
	}
	if !l.Active {
		line += " · " + tr.T("inventory.catalog.inactive")
	}
	return line
}

// load fills the form from the settings the screen read, unless it holds
// edits (they stay: saving writes only them, on top of the settings as
// they are then).
func (t *settingsTab) load() {
	t.loadLocations()
	if t.dirty() {
		return
	}
	set := t.s.settings
	t.loaded = set
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
	t.shown = t.texts()
}

// texts are what the form shows, for telling edits.
func (t *settingsTab) texts() []string {
	out := []string{t.base.Selected}
	for _, e := range []*widget.Entry{t.bands, t.w7, t.w14, t.w30, t.service, t.cycle, t.soon, t.overstock, t.fx, t.reserve,
		t.referral, t.ads, t.returns, t.period, t.delay, t.deposit} {
		out = append(out, e.Text)
	}
	return out
}

// dirty reports whether the form holds edits not saved yet.
func (t *settingsTab) dirty() bool { return t.shown != nil && !slices.Equal(t.shown, t.texts()) }

// loadLocations lists the locations the screen read.
func (t *settingsTab) loadLocations() {
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
		err := st.SaveInventorySettingsChanges(s.env.Context(), t.loaded, set)
		return func() {
			t.save.Enable()
			if err != nil {
				t.msg.Importance = widget.DangerImportance
				t.msg.SetText(s.env.ErrorText(err))
				return
			}
			t.msg.Importance = widget.SuccessImportance
			t.msg.SetText(tr.T("inventory.settings.saved"))
			t.shown = nil // filled again from the settings as saved
			s.changed()
		}
	})
}

// locationFields are the location form's fields, read and filled by the
// location record's column names (ui.RecordFields).
type locationFields struct {
	name, note   *widget.Entry
	kind, market *widget.Select
	kinds        ui.Choices
	active       *widget.Check
	keepKind     app.LocationKind // a built-in location's kind, which the form does not change
}

// noMarket stands for "no marketplace" in the marketplace choice.
const noMarket = "–"

func (f *locationFields) Values() (map[string]any, error) {
	l := f.location()
	return map[string]any{"name": l.Name, "kind": string(l.Kind), "marketplace": l.Marketplace, "note": l.Note, "active": l.Active}, nil
}

func (f *locationFields) Fill(v map[string]any) error {
	l := locationOf(v)
	f.name.SetText(l.Name)
	f.kind.SetSelected(f.kinds.Label(string(l.Kind)))
	f.market.SetSelected(firstNonEmpty(l.Marketplace, noMarket))
	f.note.SetText(l.Note)
	f.active.SetChecked(l.Active)
	return nil
}

// locationOf reads a location from its record's values.
func locationOf(v map[string]any) app.Location {
	return app.Location{Name: ui.ValueText(v["name"]), Kind: app.LocationKind(ui.ValueText(v["kind"])),
		Marketplace: ui.ValueText(v["marketplace"]), Note: ui.ValueText(v["note"]), Active: ui.ValueFlag(v["active"])}
}

func (f *locationFields) location() app.Location {
	l := app.Location{Name: f.name.Text, Note: f.note.Text, Active: f.active.Checked, Kind: app.LocationKind(f.kinds.Value(f.kind.Selected))}
	if f.keepKind != "" {
		l.Kind = f.keepKind
	}
	if f.market.Selected != noMarket {
		l.Marketplace = f.market.Selected
	}
	return l
}

// saveLocation writes a location form's edits (see ui.SaveFunc).
func saveLocation(ctx context.Context, st *data.Store, snap data.RecordSnapshot, v map[string]any, keep []string) error {
	return st.UpdateLocationChanges(ctx, snap, locationOf(v), keep)
}

// editLocation opens a location's form (a new one when it has no id).
// The built-in locations (the factory, FBA) keep their kind; an existing
// one's form follows sync changes and saves only what was changed.
func (s *Screen) editLocation(l app.Location) {
	tr := s.tr
	f := &locationFields{name: widget.NewEntry(), note: widget.NewEntry(), active: widget.NewCheck(tr.T("inventory.catalog.active"), nil)}
	for _, k := range []app.LocationKind{app.LocationWarehouse, app.LocationOverseas, app.LocationFBA} {
		f.kinds = append(f.kinds, ui.Choice{Value: string(k), Label: tr.T("inventory.location_kind." + string(k))})
	}
	f.kind = widget.NewSelect(f.kinds.Labels(), nil)
	markets := []string{noMarket}
	for _, m := range app.Marketplaces() {
		markets = append(markets, m.Code)
	}
	f.market = widget.NewSelect(markets, nil)
	if l.ID != "" && (l.Kind == app.LocationSupplier || l.ID == app.FBALocationID(l.Marketplace)) {
		f.kind.Disable()
		f.keepKind = l.Kind
	}
	_ = f.Fill(map[string]any{"name": l.Name, "kind": string(l.Kind), "marketplace": l.Marketplace, "note": l.Note, "active": l.Active})
	form := widget.NewForm(
		widget.NewFormItem(tr.T("field.location.name"), f.name),
		widget.NewFormItem(tr.T("field.location.kind"), f.kind),
		widget.NewFormItem(tr.T("field.location.marketplace"), f.market),
		widget.NewFormItem(tr.T("field.location.note"), f.note),
		widget.NewFormItem(tr.T("field.location.active"), f.active),
	)
	spec := ui.FormSpec{Title: tr.T("inventory.settings.add_location"), SaveLabel: tr.T("action.save"), Form: form, Saved: s.changed}
	if l.ID == "" {
		spec.Save = s.writeSave(func() (ui.Write, error) {
			out := f.location().Normalize()
			if out.Kind == app.LocationFBA {
				// One FBA location per marketplace, the same id on every desk.
				out.ID = app.FBALocationID(out.Marketplace)
				if _, dup := s.location(out.ID); dup {
					return nil, ui.Problem(tr.T("inventory.settings.fba_exists", "Market", out.Marketplace))
				}
			}
			if err := out.Validate(); err != nil {
				return nil, err
			}
			return func(st *data.Store) error {
				var err error
				if out.ID != "" {
					_, err = st.EnsureLocation(s.env.Context(), out)
				} else {
					_, err = st.SaveLocation(s.env.Context(), out)
				}
				return err
			}, nil
		})
		spec.Unsaved = editedSince(f)
		s.showForm(spec)
		return
	}
	rf := ui.NewRecordForm(s.env, "location", f)
	rf.Open(l.ID, nil)
	spec.Title, spec.Top = tr.T("inventory.settings.edit_location", "Name", ui.LocationLabel(tr, l)), rf.Notice()
	spec.Save = func(done func(error)) { rf.Save(saveLocation, done) }
	spec.Unsaved, spec.Closed = rf.Dirty, rf.Close
	s.showForm(spec)
}
