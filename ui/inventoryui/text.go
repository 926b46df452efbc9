package inventoryui

import (
	"math"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/planning"
	"github.com/opsbench/opsbench/ui"
	"github.com/opsbench/opsbench/ui/widgets"
)

// builtinModes are the shipping modes whose names are translated.
var builtinModes = []string{planning.ModeSea, planning.ModeAir, planning.ModeExpress, planning.ModeRail, planning.ModeTruck}

// modeLabel names a shipping mode on screen: 海运 for sea, the name itself
// for one the office added.
func modeLabel(tr *ui.Translator, name string) string {
	key := strings.ToLower(strings.TrimSpace(name))
	for _, b := range builtinModes {
		if key == b {
			return tr.T("inventory.mode." + b)
		}
	}
	return name
}

// modeChoices are the modes to pick from, labelled.
func modeChoices(tr *ui.Translator, names []string) ui.Choices {
	var cs ui.Choices
	for _, n := range names {
		cs = append(cs, ui.Choice{Value: n, Label: modeLabel(tr, n)})
	}
	return cs
}

// statusLabel names a reorder status.
func statusLabel(tr *ui.Translator, status string) string {
	if status == "" {
		return ""
	}
	return tr.T("inventory.status." + status)
}

// statusChoices are the reorder statuses, for filters.
func statusChoices(tr *ui.Translator) []string {
	return []string{string(planning.ReorderNow), string(planning.ReorderSoon), string(planning.ReorderOK),
		string(planning.ReorderOverstock), string(planning.ReorderNoSales)}
}

// locationChoices are the locations to pick from, labelled; kinds, when
// given, keep only those kinds.
func locationChoices(tr *ui.Translator, locs []app.Location, kinds ...app.LocationKind) ui.Choices {
	var cs ui.Choices
	for _, l := range locs {
		if len(kinds) > 0 && !slices.Contains(kinds, l.Kind) {
			continue
		}
		cs = append(cs, ui.Choice{Value: l.ID, Label: ui.LocationLabel(tr, l)})
	}
	return cs
}

// dayText writes a day, or a dash for none.
func dayText(d app.Date) string {
	if d.IsZero() {
		return "–"
	}
	return d.String()
}

// shortDay writes a day as MM-DD (a dash for none): the plan's dates
// are within the year ahead.
func shortDay(d app.Date) string {
	if d.IsZero() {
		return "–"
	}
	return d.String()[5:]
}

// units writes a count of units with separators.
func units(n int) string { return app.FormatNumber(float64(n), 0) }

// coverText writes days of cover (a dash without sales).
func coverText(tr *ui.Translator, days float64) string {
	if days >= data.NoSalesCover || math.IsInf(days, 0) || math.IsNaN(days) {
		return "–"
	}
	return tr.T("inventory.days", "Count", app.FormatNumber(days, 0))
}

// moneyMajor parses an amount typed in major units into minor units of
// currency; false when it is not a number of at least 0.
func moneyMajor(text, currency string) (int64, bool) {
	text = strings.TrimSpace(text)
	if text == "" {
		return 0, true
	}
	v, ok := ui.ParseNumber(strings.TrimPrefix(text, app.CurrencySymbol(currency)))
	if !ok || v < 0 || v > float64(app.MaxMoneyMinor) {
		return 0, false
	}
	return int64(math.Round(v * float64(app.MinorPerMajor(currency)))), true
}

// majorText writes minor units as a number to type over ("12.5").
func majorText(minor int64, currency string) string {
	if minor == 0 {
		return ""
	}
	return ui.FormatInput(float64(minor) / float64(app.MinorPerMajor(currency)))
}

// parseDay reads a YYYY-MM-DD day typed in a form; "" is no day.
func parseDay(text string) (app.Date, bool) {
	text = strings.TrimSpace(text)
	if text == "" {
		return 0, true
	}
	d, err := app.ParseDate(strings.ReplaceAll(text, "/", "-"))
	return d, err == nil
}

// currencyCodes are the currencies offered in forms.
var currencyCodes = []string{"CNY", "USD", "EUR", "GBP", "JPY", "CAD", "AUD", "MXN"}

// fitColumns widens the columns whose header would not fit (a header does
// not truncate): the header's text, the sort arrow and the button's
// padding.
func fitColumns[R any](cols []widgets.Column[R]) []widgets.Column[R] {
	extra := 2*theme.InnerPadding() + theme.IconInlineSize() + 2*theme.Padding()
	for i, c := range cols {
		w := fyne.MeasureText(c.Label, theme.TextSize(), fyne.TextStyle{}).Width + extra
		if c.Width < w {
			cols[i].Width = float32(math.Ceil(float64(w)))
		}
	}
	return cols
}

// headerWidth is a plain table column's width: at least min, and wide
// enough for its bold header.
func headerWidth(label string, min float32) float32 {
	w := fyne.MeasureText(label, theme.TextSize(), fyne.TextStyle{Bold: true}).Width + 2*theme.InnerPadding()
	return float32(math.Ceil(float64(max(w, min))))
}

// tableConfig fills in what every Inventory table shares: the
// translator, the XLSX export under title, background work, and headers
// that fit.
func tableConfig[R any](s *Screen, title string, cfg widgets.PagedTableConfig[R]) widgets.PagedTableConfig[R] {
	cfg.Columns = fitColumns(cfg.Columns)
	cfg.T, cfg.Title, cfg.Export = s.tr.T, title, s.exporter(title)
	cfg.Go, cfg.Do = s.env.Go, s.env.Do
	return cfg
}
