package planningui

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/data/reports"
	"github.com/opsbench/opsbench/planning"
	"github.com/opsbench/opsbench/ui"
	"github.com/opsbench/opsbench/ui/widgets"
)

// ---- saved scenarios (in the database, shared with the other desks) ----

// openSavedNamed opens the saved scenario called name.
func (p *Screen) openSavedNamed(name string) {
	for _, s := range p.saved {
		if s.Name == name {
			_ = p.openSaved(s)
			return
		}
	}
}

// openSaved fills the form from a saved scenario. A body that does not
// parse (say, written by a newer OpsBench) is explained and not opened.
func (p *Screen) openSaved(sc app.SavedScenario) error {
	s, err := planning.ParseScenarioWith([]byte(sc.Body), p.builtins)
	if err != nil {
		p.showProblems(p.tr.T("planning.saved.open_failed", "Name", sc.Name), err)
		p.setSaved(p.saved) // put the picker back
		return err
	}
	p.form.fill(s)
	p.modes.showOwn()
	p.savedID, p.savedName, p.dirty = sc.ID, sc.Name, false
	p.setSaved(p.saved)
	p.recompute()
	return nil
}

// showProblems explains why a scenario could not be used: one line per
// input problem, naming the file position, line and field.
func (p *Screen) showProblems(title string, err error) {
	lines := planningErrorLines(p.tr, err)
	if len(lines) > maxShownProblem {
		lines = append(lines[:maxShownProblem], p.tr.T("planning.more_problems", "Count", len(lines)-maxShownProblem))
	}
	p.env.Inform(title, strings.Join(lines, "\n"))
}

// validScenario reads the form for saving; ok is false (and the problems
// are shown) when it has errors.
func (p *Screen) validScenario(title string) (planning.Scenario, bool) {
	s, formErrs := p.form.scenario()
	errs, err := checkScenario(s, formErrs, p.builtins)
	if err == nil && len(errs) == 0 {
		return s, true
	}
	// Saving shows every field's problem, typed in or not.
	p.form.touchAll()
	p.recompute()
	if err != nil {
		p.showProblems(title, err)
	} else {
		p.showProblems(title, errs)
	}
	return s, false
}

// save saves the form over the open saved scenario, or asks for a name.
func (p *Screen) save() {
	if p.savedID == "" {
		p.askSaveAs()
		return
	}
	s, ok := p.validScenario(p.tr.T("planning.saved.save_failed"))
	if !ok {
		return
	}
	// The name typed in the form renames the saved scenario too.
	id, name := p.savedID, strings.TrimSpace(s.Name)
	if name == "" {
		name = p.savedName
	}
	p.env.Background(func(st *data.Store) func() {
		saved, err := p.store(st, id, name, s)
		return func() {
			if err != nil {
				p.env.ShowError(p.tr.T("planning.saved.save_failed"), err)
				return
			}
			p.saved = replaceSaved(p.saved, saved)
			p.savedID, p.savedName, p.dirty = saved.ID, saved.Name, false
			p.setSaved(p.saved)
		}
	})
}

// store writes s as the saved scenario id (new when "") called name.
func (p *Screen) store(st *data.Store, id, name string, s planning.Scenario) (app.SavedScenario, error) {
	s.Name = strings.TrimSpace(name)
	body, err := s.MarshalTOML()
	if err != nil {
		return app.SavedScenario{}, err
	}
	return st.SaveScenario(p.env.Context(), app.SavedScenario{ID: id, Name: name, Body: string(body)})
}

func replaceSaved(list []app.SavedScenario, s app.SavedScenario) []app.SavedScenario {
	out := make([]app.SavedScenario, 0, len(list)+1)
	done := false
	for _, x := range list {
		if x.ID == s.ID {
			x, done = s, true
		}
		out = append(out, x)
	}
	if !done {
		out = append(out, s)
	}
	return out
}

// askSaveAs saves the form as a new saved scenario under a name.
func (p *Screen) askSaveAs() {
	tr := p.tr
	s, ok := p.validScenario(tr.T("planning.saved.save_failed"))
	if !ok {
		return
	}
	name := p.scenarioNameEntry("")
	name.SetText(s.Name)
	if p.savedName != "" {
		name.SetText(tr.T("planning.line.copy_name", "Name", p.savedName))
	}
	form := widget.NewForm(widget.NewFormItem(tr.T("planning.saved.name"), name))
	var saved app.SavedScenario
	p.env.ShowFormDialog(tr.T("planning.saved.save_as_title"), tr.T("action.save"), form, func() (ui.Write, error) {
		if err := name.Validate(); err != nil {
			return nil, err
		}
		n := name.Text
		return func(st *data.Store) (err error) {
			saved, err = p.store(st, "", n, s)
			return err
		}, nil
	}, func() {
		p.form.filling = true
		p.form.name.SetText(saved.Name)
		p.form.filling = false
		p.savedID, p.savedName, p.dirty = saved.ID, saved.Name, false
		p.setSaved(replaceSaved(p.saved, saved))
		p.recompute()
	})
}

// askRename renames the open saved scenario (its content stays as saved).
func (p *Screen) askRename() {
	tr := p.tr
	if p.savedID == "" {
		return
	}
	var current app.SavedScenario
	for _, s := range p.saved {
		if s.ID == p.savedID {
			current = s
		}
	}
	name := p.scenarioNameEntry(current.ID)
	name.SetText(p.savedName)
	form := widget.NewForm(widget.NewFormItem(tr.T("planning.saved.name"), name))
	var saved app.SavedScenario
	builtins := p.builtins
	p.env.ShowFormDialog(tr.T("planning.saved.rename_title"), tr.T("planning.saved.rename_do"), form, func() (ui.Write, error) {
		if err := name.Validate(); err != nil {
			return nil, err
		}
		newName := name.Text
		return func(st *data.Store) error {
			// Only the name changes, on top of the scenario as it is stored
			// now: the list the dialog was opened from may be older than a
			// colleague's edit that sync brought since. The snapshot is read
			// first, so an import landing between the two reads is written
			// as it came, never undone.
			ctx := p.env.Context()
			snap, err := st.OpenRecord(ctx, scenarioTable, current.ID)
			if err != nil {
				return err
			}
			now, err := st.Scenario(ctx, current.ID)
			if err != nil {
				return err
			}
			saved, err = st.SaveScenarioChanges(ctx, snap, renamedScenario(now, newName, builtins), nil)
			return err
		}, nil
	}, func() {
		p.savedName = saved.Name
		p.form.filling = true
		p.form.name.SetText(saved.Name)
		p.form.filling = false
		p.setSaved(replaceSaved(p.saved, saved))
	})
}

// scenarioNameEntry is the entry of a saved scenario's name (id is the
// scenario's own, "" for a new one): a name another saved scenario has is
// refused under the field as it is typed, before anything is written.
func (p *Screen) scenarioNameEntry(id string) *widget.Entry {
	name := widget.NewEntry()
	name.AlwaysShowValidationError = true
	saved := p.saved
	name.Validator = func(text string) error {
		text = strings.TrimSpace(text)
		for _, s := range saved {
			if s.Name == text && s.ID != id {
				return ui.Problem(p.tr.T("planning.saved.name_taken", "Name", text))
			}
		}
		return nil
	}
	return name
}

// renamedScenario is current under a new name, inside its body too.
func renamedScenario(current app.SavedScenario, name string, builtins []planning.Mode) app.SavedScenario {
	body := current.Body
	if s, err := planning.ParseScenarioWith([]byte(body), builtins); err == nil {
		s.Name = strings.TrimSpace(name)
		if b, err := s.MarshalTOML(); err == nil {
			body = string(b)
		}
	}
	current.Name, current.Body = name, body
	return current
}

// askDelete deletes the open saved scenario; the form keeps its content.
func (p *Screen) askDelete() {
	tr := p.tr
	if p.savedID == "" {
		return
	}
	id, name := p.savedID, p.savedName
	p.env.Confirm(tr.T("planning.saved.delete_title"), tr.T("planning.saved.delete_confirm", "Name", name), tr.T("planning.saved.delete"), func() {
		p.env.Background(func(st *data.Store) func() {
			err := st.DeleteScenario(p.env.Context(), id)
			list, lerr := st.Scenarios(p.env.Context())
			return func() {
				if err != nil {
					p.env.ShowError(tr.T("planning.saved.delete_failed"), err)
					return
				}
				if p.savedID == id {
					p.savedID, p.savedName = "", ""
				}
				if lerr == nil {
					p.setSaved(list)
				}
			}
		})
	})
}

// ---- the file menu: scenario files, exports ----

func (p *Screen) showFileMenu() {
	tr := p.tr
	menu := fyne.NewMenu("",
		fyne.NewMenuItem(tr.T("planning.file.open"), func() { p.unlessEdited(p.openFile) }),
		fyne.NewMenuItem(tr.T("planning.file.save"), p.saveFile),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(tr.T("planning.file.xlsx"), p.exportXLSXDialog),
		fyne.NewMenuItem(tr.T("planning.file.png"), p.exportPNGDialog),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(tr.T("planning.file.example"), func() { p.unlessEdited(p.openExample) }),
	)
	menu.Items[0].Icon = theme.FolderOpenIcon()
	menu.Items[1].Icon = theme.DocumentSaveIcon()
	c := fyne.CurrentApp().Driver().CanvasForObject(p.fileBtn)
	if c == nil {
		return
	}
	// Right-aligned under the button, which sits at the window's edge.
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(p.fileBtn)
	pm := widget.NewPopUpMenu(menu, c)
	x := max(0, pos.X+p.fileBtn.Size().Width-pm.MinSize().Width)
	pm.ShowAtPosition(fyne.NewPos(x, pos.Y+p.fileBtn.Size().Height))
}

// unlessEdited runs replace, which puts something else in the form, at
// once when the form has no unsaved edits, otherwise after asking.
func (p *Screen) unlessEdited(replace func()) {
	if what := p.UnsavedEdits(); len(what) > 0 {
		p.env.ConfirmDiscard(what, replace)
		return
	}
	replace()
}

// openExample puts the example scenario in the form (not saved).
func (p *Screen) openExample() {
	p.form.fill(exampleScenario(p.tr))
	p.modes.showOwn()
	p.savedID, p.savedName, p.dirty = "", "", false
	p.setSaved(p.saved)
	p.recompute()
}

// fileName makes a file name from the scenario's name.
func (p *Screen) fileName(suffix, ext string) string {
	name := strings.TrimSpace(p.form.name.Text)
	if name == "" {
		name = p.tr.T("nav.planning")
	}
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`\/:*?"<>|`, r) {
			return '_'
		}
		return r
	}, name)
	if suffix != "" {
		name += "-" + suffix
	}
	return name + ext
}

// openFile asks for a scenario file and opens it.
func (p *Screen) openFile() {
	tr := p.tr
	d := p.env.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			p.env.ShowError(tr.T("planning.file.open_failed"), err)
			return
		}
		if r == nil {
			return
		}
		p.env.Background(func(*data.Store) func() {
			defer r.Close()
			// UTF-16 takes up to twice the bytes of the UTF-8 it becomes.
			body, err := io.ReadAll(io.LimitReader(r, 2*app.MaxScenarioBody+2))
			name := r.URI().Name()
			return func() {
				if err != nil {
					p.env.ShowError(tr.T("planning.file.open_failed"), err)
					return
				}
				p.openScenarioData(body, name)
			}
		})
	})
	d.SetFilter(storage.NewExtensionFileFilter([]string{".toml"}))
	d.Show()
}

// openScenarioData fills the form from a scenario file's content; parse
// problems are shown with their line and field, and nothing changes.
func (p *Screen) openScenarioData(body []byte, name string) bool {
	tr := p.tr
	// What Windows Notepad saves (a byte order mark, UTF-16, CRLF) is
	// read as the UTF-8 it stands for, and measured as such.
	body, err := planning.DecodeText(body)
	if err != nil {
		p.env.Inform(tr.T("planning.file.open_failed"), tr.T("planning.file.bad_encoding", "Name", name))
		return false
	}
	if len(body) > app.MaxScenarioBody {
		p.env.Inform(tr.T("planning.file.open_failed"), tr.T("planning.file.too_big", "Name", name))
		return false
	}
	s, err := planning.ParseScenarioWith(body, p.builtins)
	if err != nil {
		p.showProblems(tr.T("planning.file.bad_file", "Name", name), err)
		return false
	}
	p.form.fill(s)
	p.modes.showOwn()
	p.savedID, p.savedName, p.dirty = "", "", true
	p.setSaved(p.saved)
	p.recompute()
	return true
}

// saveFile writes the form as a scenario file.
func (p *Screen) saveFile() {
	tr := p.tr
	s, ok := p.validScenario(tr.T("planning.file.save_failed"))
	if !ok {
		return
	}
	body, err := s.MarshalTOML()
	if err != nil {
		p.env.ShowError(tr.T("planning.file.save_failed"), err)
		return
	}
	p.saveBytes(p.fileName("", ".toml"), ".toml", tr.T("planning.file.save_failed"), func() ([]byte, error) { return body, nil })
}

// saveBytes asks where to save, then makes the content and writes it off
// the UI thread.
func (p *Screen) saveBytes(name, ext, failed string, content func() ([]byte, error)) {
	tr := p.tr
	d := p.env.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			p.env.ShowError(failed, err)
			return
		}
		if w == nil {
			return
		}
		p.env.Background(func(*data.Store) func() {
			b, err := content()
			if err == nil {
				_, err = w.Write(b)
			}
			if cerr := w.Close(); err == nil {
				err = cerr
			}
			where := w.URI().Path()
			return func() {
				if err != nil {
					p.env.ShowError(failed, err)
					return
				}
				p.env.Inform(tr.T("planning.file.saved_title"), tr.T("planning.file.saved", "Path", where))
			}
		})
	})
	d.SetFileName(name)
	d.SetFilter(storage.NewExtensionFileFilter([]string{ext}))
	d.Show()
}

// exportPNGDialog saves the chart on screen (the comparison's on the
// Compare tab, otherwise the cash chart) as a PNG.
func (p *Screen) exportPNGDialog() {
	d := p.pngChart()
	p.saveBytes(p.fileName(p.tr.T("planning.file.png_suffix"), ".png"), ".png", p.tr.T("planning.file.export_failed"), func() ([]byte, error) {
		return widgets.EncodePNG(d, pngWidth, pngHeight)
	})
}

// Size of an exported chart, in pixels.
const (
	pngWidth  = 1600
	pngHeight = 900
)

// pngChart is the chart on screen as a picture to send on: titled, with
// the verdict under the title and the legend under the plot. It is read
// on the UI thread; drawing it is safe off it.
func (p *Screen) pngChart() widgets.Data {
	tr := p.tr
	name := strings.TrimSpace(p.form.name.Text)
	if name == "" {
		name = tr.T("nav.planning")
	}
	var d widgets.Data
	if p.tabs.SelectedIndex() == planTabCompare {
		d = p.compare.chart.Data()
		d.Title = tr.T("planning.png.compare_title", "Name", name)
		var parts []string
		for _, r := range p.compare.results {
			parts = append(parts, tr.T("planning.png.compare_item", "Label", r.Label, "Verdict", verdictHeadline(tr, r.Verdict)))
		}
		d.Caption = strings.Join(parts, tr.T("list.separator"))
	} else {
		d = p.results.chart.Data()
		d.Title = tr.T("planning.png.title", "Name", name)
		if v := p.valid; v != nil {
			d.Caption = strings.TrimSpace(v.verdict + tr.T("planning.verdict.sep") + v.achieved)
			if v.achieved == "" {
				d.Caption = v.verdict
			}
		}
	}
	d.Legend = widgets.LegendBelow
	d.Hover = nil
	return d
}

// exportXLSXDialog saves the tables as an Excel workbook.
func (p *Screen) exportXLSXDialog() {
	if p.valid == nil {
		p.env.Inform(p.tr.T("planning.file.export_failed"), p.tr.T("planning.no_result"))
		return
	}
	snap := p.exportSnapshot()
	p.saveBytes(p.fileName(p.tr.T("planning.file.xlsx_suffix"), ".xlsx"), ".xlsx", p.tr.T("planning.file.export_failed"), func() ([]byte, error) {
		var buf bytes.Buffer
		err := writePlanningXLSX(p.env.Context(), &buf, snap)
		return buf.Bytes(), err
	})
}

// exportSnapshot is everything the workbook needs, taken on the UI
// thread so the export can run off it.
type exportSnapshot struct {
	tr        *ui.Translator
	view      *scenarioView
	builtins  []planning.Mode
	compare   compareSpec
	compareOK bool
	sens      sensSpec
	sensOK    bool
	objective planning.Objective
}

func (p *Screen) exportSnapshot() exportSnapshot {
	sp, cproblem := p.compare.spec()
	ss, sproblem := p.sens.spec()
	return exportSnapshot{
		tr: p.tr, view: p.valid, builtins: p.builtins,
		compare: sp, compareOK: cproblem == "",
		sens: ss, sensOK: sproblem == "",
		objective: p.bands.objectiveKey(),
	}
}

// writePlanningXLSX writes the summary (verdict and every key figure
// with its explanation), the assumptions (every input), weekly and daily
// cash, the lines, their costs, what the capital achieves, and the
// comparison, sensitivity, ranking and price-band sheets. Numbers are
// numbers in number formats (money with its currency, percentages,
// days). Parts that cannot be computed (say, no USD rate for the price
// bands) are left out.
func writePlanningXLSX(ctx context.Context, w io.Writer, snap exportSnapshot) error {
	tr, v := snap.tr, snap.view
	if v == nil {
		return fmt.Errorf("no result to export")
	}
	s, r := v.scenario, v.result
	cur := r.Currency
	sheets := []reports.Sheet{
		summarySheet(tr, v),
		assumptionsSheet(tr, planning.AssumptionsTable(s, snap.builtins)),
		sheetOf(tr, tr.T("planning.sheet.weekly"), planning.WeeklyTable(r), cur),
		sheetOf(tr, tr.T("planning.sheet.daily"), planning.DailyTable(r), cur),
		sheetOf(tr, tr.T("planning.sheet.lines"), planning.LinesTable(r), cur),
		sheetOf(tr, tr.T("planning.sheet.line_costs"), planning.LineCostsTable(r), cur),
		sheetOf(tr, tr.T("planning.sheet.limited"), planning.CapitalLimitedTable([]planning.Result{r}), cur),
	}
	if snap.compareOK {
		if rs, err := runCompare(ctx, tr, s, snap.compare, snap.builtins); err == nil {
			sheets = append(sheets, sheetOf(tr, tr.T("planning.sheet.compare"), planning.ComparisonTable(rs), cur),
				sheetOf(tr, tr.T("planning.sheet.compare_limited"), planning.CapitalLimitedTable(rs), cur))
		}
	}
	if snap.sensOK {
		if g, err := planning.Sensitivity(s, snap.builtins, snap.sens.prices, snap.sens.units, snap.sens.metric); err == nil {
			sh := sheetOf(tr, tr.T("planning.sheet.sensitivity"), planning.SensitivityTable(g), cur)
			sh.Header[0] = tr.T("planning.sens.corner", "Cur", app.CurrencySymbol(priceCurrency(s)))
			for i, row := range g.NA {
				for j, na := range row {
					if na && i < len(sh.Rows) && j+1 < len(sh.Rows[i]) {
						sh.Rows[i][j+1] = tr.T("planning.na")
					}
				}
			}
			sheets = append(sheets, sh)
		}
	}
	if ranked, err := planning.RankIdeas(s, s.Lines, snap.builtins, snap.objective); err == nil {
		sh := sheetOf(tr, tr.T("planning.sheet.ranking"), planning.RankingTable(ranked), cur)
		sh.Header = append(sh.Header, tr.T("planning.col.reason"))
		for i := range sh.Rows {
			next := ""
			if i+1 < len(ranked) {
				next = lineName(tr, ranked[i+1].Name, ranked[i+1].Index)
			}
			sh.Rows[i] = append(sh.Rows[i], rankReasonText(tr, ranked[i].Reason, lineName(tr, ranked[i].Name, ranked[i].Index), next))
		}
		sheets = append(sheets, sh, sheetOf(tr, tr.T("planning.sheet.bands"), planning.BandTable(ranked), cur))
	}
	return reports.WriteXLSX(w, sheets...)
}

// summarySheet is the verdict and every key figure: name, value (a
// number in its format, or why there is none) and explanation.
func summarySheet(tr *ui.Translator, v *scenarioView) reports.Sheet {
	r := v.result
	sh := reports.Sheet{Name: tr.T("planning.sheet.summary"),
		Header: []string{tr.T("planning.cmp.figure"), tr.T("planning.sheet.value"), tr.T("planning.sheet.explanation")}}
	sh.Rows = append(sh.Rows, []any{tr.T("planning.field.name"), v.scenario.Name},
		[]any{tr.T("planning.cmp.verdict"), v.headline}, []any{tr.T("planning.sheet.verdict_text"), v.verdict})
	if v.achieved != "" {
		sh.Rows = append(sh.Rows, []any{tr.T("planning.sheet.achieved"), v.achieved})
	}
	figs := append(planning.KeyFigures(r), unitsSold(r))
	for _, f := range figs {
		var value any = figureValue(tr, f, r)
		if !f.NA {
			value = reports.Cell{Value: f.Value, Format: numFormat(tr, f.Unit, f.Currency, 1)}
		}
		sh.Rows = append(sh.Rows, []any{figureName(tr, f.ID, r.HorizonDays), value, figureExplain(tr, f.ID)})
	}
	return sh
}

// assumptionsSheet lists every input the figures rest on: section, item
// (the line or mode), input, value (in its own format) and unit.
func assumptionsSheet(tr *ui.Translator, t planning.Table) reports.Sheet {
	sh := reports.Sheet{Name: tr.T("planning.sheet.assumptions"), Header: []string{
		tr.T("planning.col.section"), tr.T("planning.col.item"), tr.T("planning.col.field"), tr.T("planning.sheet.value"), tr.T("planning.col.unit"),
	}}
	col := map[string]int{}
	for i, c := range t.Columns {
		col[c.Name] = i
	}
	for i, row := range t.Rows {
		cell := func(name string) planning.Cell { return row[col[name]] }
		unit, currency := t.CellUnit(i, col["value"])
		section := cell("section").Text
		var value any = reports.Cell{Value: cell("value").Number, Format: numFormat(tr, unit, currency, 4)}
		if unit == planning.UnitText {
			value = cell("text").Text
			if f := cell("field").Text; f == "mode" {
				value = modeLabel(tr, cell("text").Text)
			}
		}
		item := cell("item").Text
		if section == "mode" {
			item = modeLabel(tr, item)
		}
		sh.Rows = append(sh.Rows, []any{tr.T("planning.section." + section), item, fieldName(tr, cell("field").Text), value, unitName(tr, unit, currency)})
	}
	return sh
}

// unitName is how the assumptions sheet names a unit.
func unitName(tr *ui.Translator, u planning.Unit, currency string) string {
	switch u {
	case planning.UnitText:
		return ""
	case planning.UnitMoney, planning.UnitRate:
		return currency
	}
	return tr.T("planning.unit." + string(u))
}

// numFormat is the spreadsheet format of a number in unit u: money with
// its currency, percentages, days with the word for days, whole counts
// and days, decimals (at most dec places).
func numFormat(tr *ui.Translator, u planning.Unit, currency string, dec int) reports.NumFormat {
	switch u {
	case planning.UnitMoney:
		return reports.NumFormat{Kind: reports.NumMoney, Currency: currency}
	case planning.UnitPct:
		return reports.NumFormat{Kind: reports.NumPercent, Decimals: 1}
	case planning.UnitDays:
		return reports.NumFormat{Kind: reports.NumDays, Unit: tr.T("planning.unit.days")}
	case planning.UnitCount, planning.UnitDay:
		return reports.NumFormat{Kind: reports.NumInteger}
	case planning.UnitKg:
		return reports.NumFormat{Kind: reports.NumDecimal, Decimals: 3}
	case planning.UnitM3, planning.UnitRate:
		return reports.NumFormat{Kind: reports.NumDecimal, Decimals: 4}
	case planning.UnitDecimal:
		return reports.NumFormat{Kind: reports.NumDecimal, Decimals: dec}
	}
	return reports.NumFormat{}
}

// dayColumns are text columns of planning tables holding a day, empty
// when it never comes; never says what empty means.
var dayColumns = map[string]string{
	"cash_out_day":     "planning.never_runs_out",
	"break_even_day":   "planning.no_break_even",
	"self_funding_day": "planning.no_break_even",
	"first_stock_day":  "planning.no_stock",
}

// sheetOf converts a planning table to a worksheet: translated column
// names (money columns carry the currency), numbers as numbers in their
// formats, codes (reasons, bands, modes, yes/no) in words, a return with
// no capital tied up as n/a.
func sheetOf(tr *ui.Translator, name string, t planning.Table, currency string) reports.Sheet {
	sh := reports.Sheet{Name: name}
	sym := app.CurrencySymbol(currency)
	basis := map[int]int{} // return column -> its basis column
	for i, c := range t.Columns {
		sh.Header = append(sh.Header, columnTitle(tr, c.Name, sym))
		dec := 2
		if len(t.Rows) > 0 && i < len(t.Rows[0]) {
			dec = decimalsOf(t.Rows[0][i].Text)
		}
		f := numFormat(tr, c.Unit, c.Currency, dec)
		if _, ok := dayColumns[c.Name]; ok {
			f = reports.NumFormat{Kind: reports.NumInteger}
		}
		sh.Formats = append(sh.Formats, f)
		if b, ok := strings.CutSuffix(c.Name, "_basis"); ok {
			for j, other := range t.Columns {
				if other.Name == b+"_pct" {
					basis[j] = i
				}
			}
		}
	}
	for _, row := range t.Rows {
		cells := make([]any, len(t.Columns))
		for i, c := range t.Columns {
			if i >= len(row) {
				continue
			}
			cell := row[i]
			if c.Numeric {
				cells[i] = cell.Number
				continue
			}
			cells[i] = cellText(tr, c.Name, cell.Text)
		}
		for ret, b := range basis {
			if b < len(row) && row[b].Text == string(planning.ReturnNone) {
				cells[ret] = tr.T("planning.na")
			}
		}
		sh.Rows = append(sh.Rows, cells)
	}
	return sh
}

// decimalsOf counts the decimals planning wrote a number with.
func decimalsOf(text string) int {
	if _, frac, ok := strings.Cut(text, "."); ok {
		return len(frac)
	}
	return 0
}

// columnTitle translates a planning column name.
func columnTitle(tr *ui.Translator, name, sym string) string {
	if v, ok := strings.CutPrefix(name, "daily_units="); ok {
		return tr.T("planning.per_day", "N", v)
	}
	key := "planning.col." + name
	if tr.Has(key) {
		return tr.T(key, "Cur", sym)
	}
	return name
}

// cellText turns a text cell's codes into words; an empty day cell says
// why there is no day.
func cellText(tr *ui.Translator, column, text string) any {
	if never, ok := dayColumns[column]; ok {
		if n, err := strconv.Atoi(text); err == nil {
			return n
		}
		return tr.T(never)
	}
	switch column {
	case "feasible":
		b, err := strconv.ParseBool(text)
		if err == nil {
			return yesNo(tr, b)
		}
	case "reason":
		return reasonShort(tr, planning.Reason(text))
	case "label":
		return variantLabel(tr, text)
	case "band":
		return bandLabel(tr, text)
	case "mode":
		return modeLabel(tr, text)
	case "metric":
		return tr.T("planning.metric." + text)
	case "return_basis", "limited_return_basis":
		return tr.T("planning.basis." + text)
	}
	return text
}
