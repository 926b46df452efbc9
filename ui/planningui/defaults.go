package planningui

import (
	"math"
	"slices"
	"strings"

	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/planning"
	"github.com/opsbench/opsbench/ui"
)

// This file holds the line defaults: what a new product line in the
// scenario form starts from (Planning → Shipping modes → line defaults),
// read and saved off the UI thread.

// defaultsFromData converts stored line defaults (fees in minor units).
func defaultsFromData(d data.LineDefaults) planning.LineDefaults {
	per := float64(app.MinorPerMajor(d.Currency))
	return planning.LineDefaults{
		PriceCurrency: d.Currency,
		ReferralPct:   d.ReferralPct, AdPct: d.AdPct, ReturnPct: d.ReturnPct, DutyPct: d.DutyPct,
		FBAFee: float64(d.FBAFee) / per, StorageFee: float64(d.StorageFee) / per, InboundFee: float64(d.InboundFee) / per,
		DepositPct: d.DepositPct, Mode: d.Mode, CycleDays: d.CycleDays, SafetyDays: d.SafetyDays,
	}
}

// defaultsToData converts line defaults for storing, rounding the fees to
// minor units of their currency (cents when it is the base currency,
// whichever that is).
func defaultsToData(d planning.LineDefaults) data.LineDefaults {
	per := float64(app.MinorPerMajor(d.PriceCurrency))
	minor := func(v float64) int64 { return int64(math.Round(v * per)) }
	return data.LineDefaults{
		Currency:    d.PriceCurrency,
		ReferralPct: d.ReferralPct, AdPct: d.AdPct, ReturnPct: d.ReturnPct, DutyPct: d.DutyPct,
		FBAFee: minor(d.FBAFee), StorageFee: minor(d.StorageFee), InboundFee: minor(d.InboundFee),
		DepositPct: d.DepositPct, Mode: d.Mode, CycleDays: d.CycleDays, SafetyDays: d.SafetyDays,
	}
}

// loadDefaults reads the line defaults off the UI thread; until some are
// saved, planning's documented ones apply (referral 15%, ads 10%).
func (m *modesPanel) loadDefaults() {
	env := m.p.env
	env.Background(func(s *data.Store) func() {
		stored, ok, err := s.LineDefaults(env.Context())
		return func() {
			if err != nil {
				env.ShowError(m.p.tr.T("planning.defaults.load_failed"), err)
				return
			}
			d := planning.DefaultLineDefaults()
			if ok {
				d = defaultsFromData(stored)
			}
			m.setDefaults(d)
		}
	})
}

// setDefaults makes d what a new line starts from.
func (m *modesPanel) setDefaults(d planning.LineDefaults) {
	m.p.form.defaults = d
	m.showDefaults()
}

// showDefaults lists the line defaults in words.
func (m *modesPanel) showDefaults() {
	tr, d := m.p.tr, m.p.form.defaults
	cur := tr.T("planning.defaults.base_currency")
	fee := func(v float64) string { return ui.FormatInput(v) }
	if d.PriceCurrency != "" {
		cur = d.PriceCurrency
		fee = func(v float64) string {
			return app.FormatMoneyExact(int64(math.Round(v*float64(app.MinorPerMajor(d.PriceCurrency)))), d.PriceCurrency)
		}
	}
	m.defaults.SetText(tr.T("planning.defaults.summary",
		"Referral", app.FormatPct(d.ReferralPct), "Ads", app.FormatPct(d.AdPct), "Returns", app.FormatPct(d.ReturnPct),
		"FBA", fee(d.FBAFee), "Duty", app.FormatPct(d.DutyPct), "Storage", fee(d.StorageFee), "Inbound", fee(d.InboundFee),
		"Deposit", app.FormatPct(d.DepositPct), "Mode", modeLabel(tr, d.Mode),
		"Cycle", tr.T("planning.days", "Count", d.CycleDays), "Safety", tr.T("planning.days", "Count", d.SafetyDays),
		"Currency", cur))
}

// defaultsFields are the number fields of the line defaults' form, in
// its order, and whether they are whole.
var defaultsFields = []struct {
	key   string
	whole bool
}{
	{"referral_pct", false}, {"ad_pct", false}, {"fba_fee", false}, {"return_pct", false},
	{"duty_pct", false}, {"storage_fee", false}, {"inbound_fee", false},
	{"deposit_pct", false}, {"cycle_days", true}, {"safety_days", true},
}

// editDefaults opens the line defaults' form. Each field says what is
// wrong with it under it; saving stores them and a new line starts from
// them at once.
func (m *modesPanel) editDefaults() {
	p, tr := m.p, m.p.tr
	d := p.form.defaults
	baseLabel := tr.T("planning.defaults.base_currency")
	currencies := append([]string{baseLabel}, currencyCodes...)
	if d.PriceCurrency != "" && !slices.Contains(currencies, d.PriceCurrency) {
		currencies = append(currencies, d.PriceCurrency)
	}
	cur := widget.NewSelect(currencies, nil)
	cur.SetSelected(baseLabel)
	if d.PriceCurrency != "" {
		cur.SetSelected(d.PriceCurrency)
	}
	modes := make([]string, len(p.form.modes))
	for i, n := range p.form.modes {
		modes[i] = modeLabel(tr, n)
	}
	mode := widget.NewSelect(modes, nil)
	mode.SetSelected(modeLabel(tr, d.Mode))
	text := map[string]float64{
		"referral_pct": d.ReferralPct, "ad_pct": d.AdPct, "fba_fee": d.FBAFee, "return_pct": d.ReturnPct,
		"duty_pct": d.DutyPct, "storage_fee": d.StorageFee, "inbound_fee": d.InboundFee,
		"deposit_pct": d.DepositPct, "cycle_days": float64(d.CycleDays), "safety_days": float64(d.SafetyDays),
	}
	entries := map[string]*widget.Entry{}
	// read reads the form and checks it as planning does; problems are
	// keyed by field.
	builtins := p.builtins
	read := func() (planning.LineDefaults, map[string]string) {
		out := planning.LineDefaults{Mode: p.form.modeName(mode.Selected)}
		if cur.Selected != baseLabel {
			out.PriceCurrency = cur.Selected
		}
		problems := map[string]string{}
		num := map[string]float64{}
		for _, f := range defaultsFields {
			e := entries[f.key]
			v, ok := ui.ParseNumber(e.Text)
			var code planning.Code
			switch {
			case strings.TrimSpace(e.Text) == "":
				code = planning.CodeMissing
			case !ok:
				code = codeNotNumber
			case f.whole && v != math.Trunc(v):
				code = codeNotWhole
			}
			if code != "" {
				problems[f.key] = inputErrorText(tr, &planning.InputError{Field: f.key, Code: code, Value: e.Text})
				continue
			}
			num[f.key] = math.Max(-maxWhole, math.Min(v, maxWhole))
		}
		out.ReferralPct, out.AdPct, out.ReturnPct, out.DutyPct = num["referral_pct"], num["ad_pct"], num["return_pct"], num["duty_pct"]
		out.FBAFee, out.StorageFee, out.InboundFee = num["fba_fee"], num["storage_fee"], num["inbound_fee"]
		out.DepositPct, out.CycleDays, out.SafetyDays = num["deposit_pct"], int(num["cycle_days"]), int(num["safety_days"])
		if err := out.Validate(builtins); err != nil {
			list, _ := inputErrorsOf(err)
			for _, e := range list {
				if _, seen := problems[e.Field]; !seen {
					problems[e.Field] = inputErrorText(tr, e)
				}
			}
		}
		return out, problems
	}
	form := widget.NewForm(widget.NewFormItem(tr.T("planning.defaults.currency"), cur))
	for _, f := range defaultsFields {
		e := widget.NewEntry()
		e.SetText(ui.FormatInput(text[f.key]))
		entries[f.key] = e
		if f.key == "cycle_days" {
			form.Append(tr.T("planning.field.mode"), mode)
		}
		form.Append(tr.T("planning.field."+f.key, "Cur", defaultsCurrencySign(tr, cur.Selected, baseLabel)), e)
	}
	// Each field checks itself as it is typed in (once every field is
	// there to read).
	for _, f := range defaultsFields {
		key := f.key
		entries[key].Validator = func(string) error {
			if _, problems := read(); problems[key] != "" {
				return ui.Problem(problems[key])
			}
			return nil
		}
	}
	cur.OnChanged = func(sel string) {
		for i, item := range form.Items {
			for _, f := range defaultsFields {
				if item.Widget == entries[f.key] && slices.Contains(priceCurrencyFields, f.key) {
					form.Items[i].Text = tr.T("planning.field."+f.key, "Cur", defaultsCurrencySign(tr, sel, baseLabel))
				}
			}
		}
		form.Refresh()
	}
	env := p.env
	env.ShowFormDialog(tr.T("planning.defaults.title"), tr.T("action.save"), form, func() (ui.Write, error) {
		out, problems := read()
		first := ""
		for _, f := range defaultsFields {
			e := entries[f.key]
			if msg := problems[f.key]; msg != "" {
				e.SetValidationError(ui.Problem(msg))
				if first == "" {
					first = msg
				}
			} else {
				e.SetValidationError(nil)
			}
		}
		for _, k := range []string{"mode", "price_currency"} {
			if first == "" && problems[k] != "" {
				first = problems[k]
			}
		}
		if first != "" {
			return nil, ui.Problem(first)
		}
		shown, stored := defaultsToData(d), defaultsToData(out)
		return func(s *data.Store) error { return s.SaveLineDefaults(env.Context(), shown, stored) }, nil
	}, m.loadDefaults)
}

// defaultsCurrencySign is the sign of the defaults' currency for a field
// label: the currency chosen, or a word for "the scenario's".
func defaultsCurrencySign(tr *ui.Translator, selected, baseLabel string) string {
	if selected == "" || selected == baseLabel {
		return tr.T("planning.defaults.base_sign")
	}
	return app.CurrencySymbol(selected)
}
