package serviceui

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/ui"
	"github.com/opsbench/opsbench/ui/widgets"
)

// The service settings of the office: the SLA targets per channel (hours,
// counted as office or calendar hours), when a clock counts as due soon,
// how long a case may wait on a carrier, and the office calendar the
// office hours count with (time zone, working days, opening hours, public
// holidays and make-up working days). Saving writes only what was changed
// here, so a colleague's change of another channel or day stays.

type settingsTab struct {
	s    *Screen
	root fyne.CanvasObject

	first, resolution           map[app.Channel]*widget.Entry
	firstBasis, resolutionBasis map[app.Channel]*widget.Select
	dueSoon, carrierWait        *widget.Entry
	zone, open, close           *widget.Entry
	workdays                    [7]*widget.Check
	holidays, extraDays         *widget.Entry
	status                      *widgets.Paragraph
	saveBtn                     *widget.Button
	// dirty: edits not saved yet; filling: the form is being filled.
	dirty, filling bool
	basePolicy     app.SLAPolicy
	baseOffice     app.Office
	baseRules      app.FollowUpRules
}

func newSettingsTab(s *Screen) *settingsTab {
	tr := s.tr
	st := &settingsTab{s: s, first: map[app.Channel]*widget.Entry{}, resolution: map[app.Channel]*widget.Entry{},
		firstBasis: map[app.Channel]*widget.Select{}, resolutionBasis: map[app.Channel]*widget.Select{}, status: ui.StatusLabel()}
	basis := basisChoices(tr)
	grid := container.NewGridWithColumns(5,
		ui.SectionLabel(tr.T("service.col.channel")), ui.SectionLabel(tr.T("service.settings.first_hours")), ui.SectionLabel(tr.T("service.settings.counted")),
		ui.SectionLabel(tr.T("service.settings.resolution_hours")), ui.SectionLabel(tr.T("service.settings.counted")))
	for _, ch := range app.Channels() {
		st.first[ch], st.resolution[ch] = widget.NewEntry(), widget.NewEntry()
		st.firstBasis[ch], st.resolutionBasis[ch] = widget.NewSelect(basis.Labels(), nil), widget.NewSelect(basis.Labels(), nil)
		st.firstBasis[ch].PlaceHolder, st.resolutionBasis[ch].PlaceHolder = tr.T("service.choose"), tr.T("service.choose")
		grid.Add(widget.NewLabel(tr.T("service.channel." + string(ch))))
		grid.Add(st.first[ch])
		grid.Add(st.firstBasis[ch])
		grid.Add(st.resolution[ch])
		grid.Add(st.resolutionBasis[ch])
	}
	st.dueSoon, st.carrierWait = widget.NewEntry(), widget.NewEntry()
	st.zone, st.open, st.close = widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	st.zone.SetPlaceHolder(app.DefaultZone)
	st.open.SetPlaceHolder("09:00")
	st.close.SetPlaceHolder("18:00")
	days := container.NewHBox()
	for _, wd := range []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday} {
		st.workdays[wd] = widget.NewCheck(tr.T(fmt.Sprintf("weekday.%d", wd)), nil)
		days.Add(st.workdays[wd])
	}
	st.holidays, st.extraDays = widget.NewMultiLineEntry(), widget.NewMultiLineEntry()
	st.holidays.SetPlaceHolder(tr.T("service.settings.days_hint"))
	st.extraDays.SetPlaceHolder(tr.T("service.settings.days_hint"))
	st.holidays.SetMinRowsVisible(3)
	st.extraDays.SetMinRowsVisible(3)
	st.saveBtn = widget.NewButtonWithIcon(tr.T("action.save"), theme.DocumentSaveIcon(), st.save)
	st.saveBtn.Importance = widget.HighImportance
	item := func(key string, w fyne.CanvasObject) *widget.FormItem { return widget.NewFormItem(tr.T(key), w) }
	clocks := widget.NewForm(item("field.service_setting.due_soon_minutes", st.dueSoon), item("field.service_setting.carrier_wait_days", st.carrierWait))
	office := widget.NewForm(item("field.office.zone", st.zone), item("service.settings.workdays", days),
		item("service.settings.opens", st.open), item("service.settings.closes", st.close),
		item("service.settings.holidays", st.holidays), item("service.settings.extra_days", st.extraDays))
	body := container.NewVBox(
		ui.Heading(tr.T("service.tab.settings")),
		ui.SectionLabel(tr.T("service.settings.targets")), ui.WrapLabel(tr.T("service.settings.targets_hint")), grid, clocks,
		widget.NewSeparator(),
		ui.SectionLabel(tr.T("service.settings.office")), ui.WrapLabel(tr.T("service.settings.office_hint")), office,
		st.status, container.NewHBox(st.saveBtn))
	st.root = container.NewVScroll(container.NewPadded(body))
	st.watch()
	return st
}

// watch marks the form edited on every change a person makes.
func (st *settingsTab) watch() {
	edited := func() {
		if !st.filling {
			st.dirty = true
		}
	}
	entries := []*widget.Entry{st.dueSoon, st.carrierWait, st.zone, st.open, st.close, st.holidays, st.extraDays}
	selects := []*widget.Select{}
	for _, ch := range app.Channels() {
		entries = append(entries, st.first[ch], st.resolution[ch])
		selects = append(selects, st.firstBasis[ch], st.resolutionBasis[ch])
	}
	for _, e := range entries {
		e.OnChanged = func(string) { edited() }
	}
	for _, sel := range selects {
		sel.OnChanged = func(string) { edited() }
	}
	for _, c := range st.workdays {
		if c != nil {
			c.OnChanged = func(bool) { edited() }
		}
	}
}

func basisChoices(tr *ui.Translator) ui.Choices {
	return ui.Choices{{Value: string(app.SLAOfficeHours), Label: tr.T("service.basis.office")},
		{Value: string(app.SLACalendarHours), Label: tr.T("service.basis.calendar")}}
}

func (st *settingsTab) load() {
	s := st.s
	s.env.Background(func(store *data.Store) func() {
		cfg, err := store.ServiceConfig(s.env.Context())
		return func() {
			if err != nil {
				s.showError(s.tr.T("service.load_failed"), err)
				return
			}
			s.cfg = cfg
			if !st.dirty { // the form keeps what is being typed
				st.fill(cfg)
			}
		}
	})
}

func hoursText(minutes int) string { return ui.FormatInput(float64(minutes) / 60) }

func clockText(minute int) string { return fmt.Sprintf("%02d:%02d", minute/60, minute%60) }

func daysText(days []app.Date) string {
	out := make([]string, len(days))
	for i, d := range days {
		out[i] = d.String()
	}
	slices.Sort(out)
	return strings.Join(out, "\n")
}

func (st *settingsTab) fill(cfg data.ServiceConfig) {
	st.filling = true
	defer func() { st.filling, st.dirty = false, false }()
	basis := basisChoices(st.s.tr)
	st.basePolicy, st.baseOffice, st.baseRules = cfg.Policy, cfg.Calendar.Office(), cfg.Rules
	for _, ch := range app.Channels() {
		t := cfg.Policy.For(ch)
		st.first[ch].SetText(hoursText(t.FirstResponse.Minutes))
		st.resolution[ch].SetText(hoursText(t.Resolution.Minutes))
		st.firstBasis[ch].SetSelected(basis.Label(string(t.FirstResponse.Basis)))
		st.resolutionBasis[ch].SetSelected(basis.Label(string(t.Resolution.Basis)))
	}
	soon := cfg.Policy.DueSoon
	if soon <= 0 {
		soon = app.DefaultDueSoon
	}
	st.dueSoon.SetText(fmt.Sprint(int(soon / time.Minute)))
	st.carrierWait.SetText(fmt.Sprint(cfg.Rules.CarrierWaitDays))
	o := st.baseOffice
	st.zone.SetText(o.Zone)
	open, closing := cfg.Calendar.Hours()
	st.open.SetText(clockText(open))
	st.close.SetText(clockText(closing))
	for wd, c := range st.workdays {
		c.SetChecked(slices.Contains(o.Workdays, time.Weekday(wd)))
	}
	st.holidays.SetText(daysText(o.Holidays))
	st.extraDays.SetText(daysText(o.ExtraWorkdays))
}

// parseClock reads "09:00" (or "9") as minutes after midnight.
func parseClock(s string) (int, bool) {
	s = strings.TrimSpace(strings.ReplaceAll(s, "：", ":"))
	h, m, found := strings.Cut(s, ":")
	hh, ok := ui.ParseWhole(h, 0, 24)
	if !ok {
		return 0, false
	}
	mm := 0
	if found {
		if mm, ok = ui.ParseWhole(m, 0, 59); !ok {
			return 0, false
		}
	}
	if hh*60+mm > 24*60 {
		return 0, false
	}
	return hh*60 + mm, true
}

// parseDays reads dates, one a line (or separated by commas or spaces).
func parseDays(s string) ([]app.Date, string) {
	var out []app.Date
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == ',' || r == ' ' || r == '，' || r == '、' }) {
		d, err := app.ParseDate(strings.TrimSpace(f))
		if err != nil {
			return nil, f
		}
		out = append(out, d)
	}
	return out, ""
}

// form reads the form; a problem comes back as text.
func (st *settingsTab) form() (app.SLAPolicy, app.Office, app.FollowUpRules, string) {
	tr := st.s.tr
	basis := basisChoices(tr)
	policy := app.SLAPolicy{Channels: map[app.Channel]app.ChannelSLA{}}
	for _, ch := range app.Channels() {
		var t app.ChannelSLA
		for _, c := range []struct {
			e   *widget.Entry
			sel *widget.Select
			dst *app.SLATarget
		}{{st.first[ch], st.firstBasis[ch], &t.FirstResponse}, {st.resolution[ch], st.resolutionBasis[ch], &t.Resolution}} {
			h, ok := ui.ParseNumber(c.e.Text)
			if !ok || h < 0 || h*60 > app.MaxSLAMinutes {
				return policy, app.Office{}, app.FollowUpRules{}, tr.T("service.settings.bad_hours", "Channel", tr.T("service.channel."+string(ch)), "Max", app.MaxSLAMinutes/60)
			}
			*c.dst = app.SLATarget{Minutes: int(h*60 + 0.5), Basis: app.SLABasis(basis.Value(c.sel.Selected))}
		}
		policy.Channels[ch] = t
	}
	soon, ok := ui.ParseWhole(st.dueSoon.Text, 1, 24*60)
	if !ok {
		return policy, app.Office{}, app.FollowUpRules{}, tr.T("service.settings.bad_due_soon")
	}
	policy.DueSoon = time.Duration(soon) * time.Minute
	wait, ok := ui.ParseWhole(st.carrierWait.Text, 1, app.MaxCarrierWaitDays)
	if !ok {
		return policy, app.Office{}, app.FollowUpRules{}, tr.T("service.settings.bad_wait", "Max", app.MaxCarrierWaitDays)
	}
	rules := app.FollowUpRules{CarrierWaitDays: wait, TrackingWithin: st.baseRules.TrackingWithin}
	o := app.Office{Zone: strings.TrimSpace(st.zone.Text), Workdays: []time.Weekday{}}
	for wd, c := range st.workdays {
		if c.Checked {
			o.Workdays = append(o.Workdays, time.Weekday(wd))
		}
	}
	var okOpen, okClose bool
	o.OpenMinute, okOpen = parseClock(st.open.Text)
	o.CloseMinute, okClose = parseClock(st.close.Text)
	if !okOpen || !okClose || o.OpenMinute >= o.CloseMinute {
		return policy, o, rules, tr.T("service.settings.bad_hours_of_day")
	}
	var bad string
	if o.Holidays, bad = parseDays(st.holidays.Text); bad != "" {
		return policy, o, rules, tr.T("service.settings.bad_day", "Value", bad)
	}
	if o.ExtraWorkdays, bad = parseDays(st.extraDays.Text); bad != "" {
		return policy, o, rules, tr.T("service.settings.bad_day", "Value", bad)
	}
	if _, err := o.Calendar(); err != nil {
		return policy, o, rules, tr.T("service.settings.bad_zone", "Zone", o.Zone)
	}
	return policy, o, rules, ""
}

func (st *settingsTab) save() {
	s, tr := st.s, st.s.tr
	policy, office, rules, problem := st.form()
	if problem != "" {
		st.status.Importance = widget.DangerImportance
		st.status.SetText(problem)
		return
	}
	basePolicy, baseOffice, baseRules := st.basePolicy, st.baseOffice, st.baseRules
	st.saveBtn.Disable()
	s.env.Background(func(store *data.Store) func() {
		ctx := s.env.Context()
		err := store.SaveSLAPolicy(ctx, basePolicy, policy)
		if err == nil {
			err = store.SaveFollowUpRules(ctx, baseRules, rules)
		}
		if err == nil {
			err = store.SaveOffice(ctx, baseOffice, office)
		}
		return func() {
			st.saveBtn.Enable()
			if err != nil {
				st.status.Importance = widget.DangerImportance
				st.status.SetText(s.errorText(err))
				return
			}
			st.dirty = false
			st.load()
			st.status.Importance = widget.SuccessImportance
			st.status.SetText(tr.T("service.settings.saved"))
		}
	})
}
