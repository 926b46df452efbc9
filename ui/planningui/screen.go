package planningui

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/planning"
	"github.com/opsbench/opsbench/ui"
	"github.com/opsbench/opsbench/ui/widgets"
)

// Env is what the Planning screen needs from its window (ui.Env has it).
// File dialogs are opened with NewFileOpen and NewFileSave: they start in
// the user's Documents folder.
type Env interface {
	T(key string, args ...any) string
	Translator() *ui.Translator
	Window() fyne.Window
	Context() context.Context
	Store() *data.Store
	Background(work func(s *data.Store) (apply func()))
	Do(fn func())
	NewLatest(delay time.Duration) *ui.Latest
	ErrorText(err error) string
	ShowError(title string, err error)
	Inform(title, message string)
	Confirm(title, message, action string, do func())
	ShowFormDialog(title, saveLabel string, form *widget.Form, save func() (ui.Write, error), saved func()) *ui.FormDialog
	ConfirmDiscard(what []string, discard func())
	NewFileOpen(callback func(fyne.URIReadCloser, error)) *dialog.FileDialog
	NewFileSave(callback func(fyne.URIWriteCloser, error)) *dialog.FileDialog
	Navigate(id ui.ScreenID)
}

// Screen answers a founder's question before any money is spent:
// how many products can this capital carry, by which shipping mode, and
// when does the cash run out? The Scenario tab recomputes as the form is
// typed in; Compare, Sensitivity and Price bands look at the same
// scenario from other sides; Modes holds the office's shipping defaults.
type Screen struct {
	env  Env
	tr   *ui.Translator
	root fyne.CanvasObject
	tabs *container.AppTabs

	// From the store, on the UI thread.
	office   []app.ShippingMode
	builtins []planning.Mode
	saved    []app.SavedScenario
	loaded   bool

	// The saved scenario the form shows ("" when it is not saved), and
	// whether it was edited since it was opened or saved.
	savedID   string
	savedName string
	dirty     bool
	// rec keeps the open saved scenario in step with other desks (see
	// ui.RecordForm): it is opened with the scenario, saves only the
	// fields changed in the form, and asks when both sides changed one.
	rec *ui.RecordForm
	// opening is the scenario being read to open, recAt the version of
	// the open one the record form last looked at.
	opening string
	recAt   time.Time

	form    *scenarioForm
	results *resultsPanel

	valid *scenarioView // the last valid result, nil before the first
	stale bool
	msgs  []string // the input problems shown

	// simulate runs the simulation (planning.Simulate; tests slow it down).
	simulate func(planning.Scenario, []planning.Mode) (planning.Result, error)
	// rc recomputes the latest edit off the UI thread.
	rc *ui.Latest

	status    *widget.Label
	savedPick *widget.Select
	picking   bool
	saveBtn   *widgets.TipButton
	saveAsBtn *widgets.TipButton
	renameBtn *widgets.TipButton
	deleteBtn *widgets.TipButton
	fileBtn   *widgets.TipButton

	compare *comparePanel
	sens    *sensitivityPanel
	bands   *bandsPanel
	modes   *modesPanel
	extra   []extraTab // tabs other areas add (extra.go)
}

// Tabs, by index and by the name navigation uses
// (ui.ScreenPlanning.Tab("compare")).
const (
	planTabScenario = iota
	planTabCompare
	planTabSensitivity
	planTabBands
	planTabModes
)

var tabNames = []string{"scenario", "compare", "sensitivity", "bands", "modes"}

// Sizes on the Scenario tab.
const (
	formShare       = 0.53 // of the tab's width, for the form
	savedPickWidth  = 190
	maxMessages     = 4 // input problems listed before "N more"
	maxShownProblem = 12
)

// New builds the Planning screen.
func New(env Env) *Screen {
	p := &Screen{env: env, tr: env.Translator(), simulate: planning.Simulate}
	p.rc = env.NewLatest(ui.RecomputeDelay)
	tr := p.tr

	p.form = newScenarioForm(tr, p.edited)
	p.results = newResultsPanel(tr)
	// Both sides scroll inside the window: a long form or a tall result
	// never grows the window, and problems are listed beside the form,
	// not under it, so no field moves while a person types.
	split := container.NewHSplit(container.NewScroll(container.NewPadded(p.form.root)), container.NewScroll(container.NewPadded(p.results.root)))
	split.Offset = formShare

	p.compare = newComparePanel(p)
	p.sens = newSensitivityPanel(p)
	p.bands = newBandsPanel(p)
	p.modes = newModesPanel(p)
	p.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(tr.T("planning.tab.scenario"), theme.DocumentIcon(), split),
		container.NewTabItemWithIcon(tr.T("planning.tab.compare"), theme.ViewRestoreIcon(), p.compare.root),
		container.NewTabItemWithIcon(tr.T("planning.tab.sensitivity"), theme.GridIcon(), p.sens.root),
		container.NewTabItemWithIcon(tr.T("planning.tab.bands"), theme.ListIcon(), p.bands.root),
		container.NewTabItemWithIcon(tr.T("planning.tab.modes"), theme.MailSendIcon(), p.modes.root),
	)
	p.tabs.OnSelected = func(*container.TabItem) { p.refreshVisible() }

	p.status = widget.NewLabel("")
	p.status.Truncation = fyne.TextTruncateEllipsis
	p.savedPick = widget.NewSelect(nil, func(name string) {
		if p.picking || name == "" {
			return
		}
		p.pickSaved(name)
	})
	p.savedPick.PlaceHolder = tr.T("planning.saved.pick")
	p.saveBtn = widgets.NewTipButton(tr.T("action.save"), theme.DocumentSaveIcon(), tr.T("planning.tip.save"), p.saveChanges)
	p.saveBtn.Importance = widget.HighImportance
	p.saveAsBtn = widgets.NewTipButton("", theme.ContentCopyIcon(), tr.T("planning.saved.save_as"), p.askSaveAs)
	p.renameBtn = widgets.NewTipButton("", theme.DocumentCreateIcon(), tr.T("planning.saved.rename"), p.askRename)
	p.deleteBtn = widgets.NewTipButton("", theme.DeleteIcon(), tr.T("planning.saved.delete"), p.askDelete)
	p.fileBtn = widgets.NewTipButton(tr.T("planning.file.menu"), theme.FolderOpenIcon(), tr.T("planning.tip.file"), p.showFileMenu)
	tools := container.NewHBox(ui.FixedWidth(savedPickWidth, p.savedPick), p.saveBtn, p.saveAsBtn, p.renameBtn, p.deleteBtn, p.fileBtn)
	status := container.NewVBox(layout.NewSpacer(), p.status, layout.NewSpacer()) // level with the heading
	head := container.NewBorder(nil, nil, ui.Heading(tr.T("nav.planning")), tools, status)
	p.rec = ui.NewRecordForm(env, scenarioTable, scenarioFields{p})
	p.rec.OnFilled = func() {
		p.dirty = p.rec.Dirty()
		p.updateStatus()
	}
	p.rec.OnDeleted = p.deletedElsewhere
	p.root = container.NewBorder(container.NewVBox(container.NewPadded(head), p.rec.Notice()), nil, nil, nil, p.tabs)
	p.updateStatus()
	return p
}

// View implements ui.Screen.
func (p *Screen) View() fyne.CanvasObject { return p.root }

// ShowTab implements ui.Tabbed: "scenario", "compare", "sensitivity",
// "bands" or "modes".
func (p *Screen) ShowTab(tab string) {
	if i := slices.Index(tabNames, tab); i >= 0 {
		p.tabs.SelectIndex(i)
	} else if i := p.extraIndex(tab); i >= 0 {
		p.tabs.SelectIndex(i)
	}
}

// Load implements ui.Screen: it reads the saved scenarios, the office's
// shipping modes and the line defaults. The first time, it opens the
// latest saved scenario, or the example when nothing is saved yet, so
// the screen answers at once.
func (p *Screen) Load() {
	env := p.env
	p.modes.loadDefaults()
	p.refreshExtra()
	env.Background(func(s *data.Store) func() {
		saved, err1 := s.Scenarios(env.Context())
		office, err2 := s.ShippingModes(env.Context())
		return func() {
			if err := errors.Join(err1, err2); err != nil {
				p.setMessages([]string{env.ErrorText(err)}, nil)
			}
			p.setSaved(saved)
			modesChanged := !slices.Equal(office, p.office)
			p.setOffice(office)
			if !p.loaded {
				p.loaded = true
				if latest, ok := latestSaved(saved); ok {
					if p.openSaved(latest) == nil {
						return
					}
				}
				p.form.fill(exampleScenario(p.tr))
				p.recompute()
				return
			}
			if modesChanged {
				p.recompute()
			}
		}
	})
}

// latestSaved is the most recently saved scenario.
func latestSaved(list []app.SavedScenario) (app.SavedScenario, bool) {
	if len(list) == 0 {
		return app.SavedScenario{}, false
	}
	best := list[0]
	for _, s := range list[1:] {
		if s.UpdatedAt.After(best.UpdatedAt) {
			best = s
		}
	}
	return best, true
}

// exampleUSDRate is the example's yuan per US dollar.
const exampleUSDRate = 7.2

// exampleScenario is the motivating case: ¥100,000 with a 10% reserve
// and two gift-cup lines selling at $35, shipped by sea.
func exampleScenario(tr *ui.Translator) planning.Scenario {
	s := planning.DefaultScenario()
	s.Name = tr.T("planning.example.name")
	s.Capital = 100000
	s.ReservePct = 10
	s.FX = map[string]float64{"USD": exampleUSDRate}
	for _, key := range []string{"planning.example.gift", "planning.example.travel"} {
		l := planning.DefaultLine()
		l.Name = tr.T(key)
		l.Price, l.PriceCurrency = 35, "USD"
		l.UnitCost, l.UnitWeightKg = 55, 0.3
		l.DailyUnits, l.ProductionDays = 10, 20
		l.FBAFee, l.AdPct, l.ReturnPct = 5, 10, 3
		s.Lines = append(s.Lines, l)
	}
	return s
}

// setSaved shows the saved scenarios in the picker.
func (p *Screen) setSaved(saved []app.SavedScenario) {
	p.saved = saved
	names := make([]string, len(saved))
	for i, s := range saved {
		names[i] = s.Name
	}
	if p.savedID != "" {
		found := false
		for _, s := range saved {
			if s.ID == p.savedID {
				p.savedName, found = s.Name, true
			}
		}
		if !found { // deleted on another desk
			p.savedID, p.savedName = "", ""
		}
	}
	p.picking = true
	p.savedPick.SetOptions(names)
	if p.savedName != "" {
		p.savedPick.SetSelected(p.savedName)
	} else {
		p.savedPick.ClearSelected()
	}
	p.picking = false
	p.compare.setSaved(saved)
	p.updateStatus()
	p.track()
}

// setOffice takes the office's shipping modes: they replace the built-in
// modes of the same name and add their own.
func (p *Screen) setOffice(office []app.ShippingMode) {
	p.office = office
	p.builtins = planning.OfficeModes(office)
	names := make([]string, len(p.builtins))
	for i, m := range p.builtins {
		names[i] = m.Name
	}
	p.form.setModes(names)
	p.compare.setModes(names)
	p.modes.show()
}

// edited is called after every edit in the form.
func (p *Screen) edited() {
	p.dirty = true
	p.updateStatus()
	p.recompute()
}

// recompute reads the form and, ~200 ms after the last edit and off the
// UI thread, checks and simulates it. The result is applied on the UI
// thread only if no later edit came in meanwhile.
func (p *Screen) recompute() {
	if !p.loaded {
		return
	}
	s, formErrs := p.form.scenario()
	builtins, tr, simulate := p.builtins, p.tr, p.simulate
	p.rc.Run(func(ctx context.Context) func() {
		view, errs, other := computeScenario(ctx, tr, s, formErrs, builtins, simulate)
		if ctx.Err() != nil {
			return nil // a later edit is being computed
		}
		msgs := make([]string, len(errs))
		for i, e := range errs {
			msgs[i] = inputErrorText(tr, e)
		}
		return func() { p.apply(view, errs, msgs, other) }
	})
}

// checkScenario adds planning's problems with s to the form's (a field
// the form already reported is not reported twice), scenario problems
// first, then by product line.
func checkScenario(s planning.Scenario, formErrs planning.InputErrors, builtins []planning.Mode) (planning.InputErrors, error) {
	errs := slices.Clone(formErrs)
	reported := map[string]bool{}
	for _, e := range formErrs {
		reported[errKey(e)] = true
	}
	if err := s.Validate(builtins); err != nil {
		list, ok := inputErrorsOf(err)
		if !ok {
			return nil, err
		}
		for _, e := range list {
			if !reported[errKey(e)] {
				errs = append(errs, e)
			}
		}
	}
	slices.SortStableFunc(errs, func(a, b *planning.InputError) int { return a.Line - b.Line })
	return errs, nil
}

// computeScenario checks s and simulates it when it is valid. It stops
// early (with ctx's error) once ctx is done.
func computeScenario(ctx context.Context, tr *ui.Translator, s planning.Scenario, formErrs planning.InputErrors, builtins []planning.Mode,
	simulate func(planning.Scenario, []planning.Mode) (planning.Result, error)) (*scenarioView, planning.InputErrors, error) {
	errs, err := checkScenario(s, formErrs, builtins)
	if err != nil {
		return nil, nil, err
	}
	if len(errs) > 0 {
		return nil, errs, nil
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	r, err := simulate(s, builtins)
	if err != nil {
		if list, ok := inputErrorsOf(err); ok {
			return nil, list, nil
		}
		return nil, nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	return buildScenarioView(tr, s, r), nil, nil
}

func errKey(e *planning.InputError) string {
	field := e.Field
	if strings.HasPrefix(field, "fx") {
		field = "fx"
	}
	return fmt.Sprintf("%d/%s", e.Line, field)
}

// apply shows a finished computation: the new result, or the problems
// with the last valid result kept on screen and marked stale. A problem
// with a field the person has not touched yet (the empty fields of a
// line just added) is not shown in red: the line only counts what is
// left to fill in.
func (p *Screen) apply(view *scenarioView, errs planning.InputErrors, msgs []string, other error) {
	// A name another saved scenario has is a problem of its own: it stops
	// saving, not the result.
	taken := p.nameTaken()
	if taken != nil {
		errs = append(slices.Clone(errs), taken)
		msgs = append(slices.Clone(msgs), inputErrorText(p.tr, taken))
	}
	if view != nil {
		p.valid, p.stale = view, false
		p.results.show(view)
		if taken != nil {
			p.form.markErrors(errs, msgs)
			p.setMessages(msgs, nil)
		} else {
			p.form.clearErrors()
			p.setMessages(nil, nil)
		}
		p.scenarioChanged()
		return
	}
	shown := p.form.markErrors(errs, msgs)
	var red []string
	waiting := map[int]int{} // line -> fields still to fill in
	for i, e := range errs {
		if shown[i] {
			red = append(red, msgs[i])
		} else {
			waiting[e.Line]++
		}
	}
	if other != nil {
		red = append(red, p.env.ErrorText(other))
	}
	var notes []string
	for line := 1; line <= len(p.form.lines); line++ {
		if n := waiting[line]; n > 0 {
			notes = append(notes, p.tr.T("planning.to_fill", "N", line, "Count", n))
		}
	}
	p.stale = true
	p.setMessages(red, notes)
	p.results.staleBecause(len(red) == 0)
	if p.valid == nil {
		p.results.headline.SetText(p.tr.T("planning.no_result"))
		p.results.headline.Importance = widget.WarningImportance
		p.results.headline.Refresh()
		return
	}
	p.results.setStale(true)
}

// nameTaken is the problem with the scenario's name when another saved
// scenario has it (saving would be refused), or nil.
func (p *Screen) nameTaken() *planning.InputError {
	name := strings.TrimSpace(p.form.name.Text)
	if name == "" {
		return nil
	}
	for _, s := range p.saved {
		if s.Name == name && s.ID != p.savedID {
			return &planning.InputError{Field: "name", Code: codeNameTaken, Value: name}
		}
	}
	return nil
}

// setMessages lists the input problems (red) and the lines still to
// fill in above the result.
func (p *Screen) setMessages(problems, notes []string) {
	p.msgs = problems
	box := p.results.problems
	box.RemoveAll()
	for i, m := range problems {
		if i == maxMessages {
			box.Add(ui.ErrorLabel(p.tr.T("planning.more_problems", "Count", len(problems)-maxMessages)))
			break
		}
		box.Add(ui.ErrorLabel(m))
	}
	for _, n := range notes {
		box.Add(ui.WrapLabel(n))
	}
	p.results.relayout()
}

// current is the scenario of the last valid result, if any.
func (p *Screen) current() (planning.Scenario, bool) {
	if p.valid == nil {
		return planning.Scenario{}, false
	}
	return p.valid.scenario, true
}

// scenarioChanged tells the other tabs the scenario changed and
// recomputes the one on screen.
func (p *Screen) scenarioChanged() {
	p.compare.dirty = true
	p.sens.dirty = true
	p.bands.dirty = true
	p.sens.followScenario()
	p.refreshVisible()
}

// refreshVisible recomputes the selected tab if its inputs changed.
func (p *Screen) refreshVisible() {
	switch p.tabs.SelectedIndex() {
	case planTabCompare:
		if p.compare.dirty {
			p.compare.refresh()
		}
	case planTabSensitivity:
		if p.sens.dirty {
			p.sens.refresh()
		}
	case planTabBands:
		if p.bands.dirty {
			p.bands.refresh()
		}
	case planTabModes:
		p.modes.show()
	default:
		p.refreshExtra()
	}
}

// updateStatus says which scenario the form shows and whether it has
// unsaved changes, and enables the buttons that need a saved scenario.
func (p *Screen) updateStatus() {
	var text string
	switch {
	case p.savedID == "":
		text = p.tr.T("planning.status.unsaved")
	case p.dirty:
		text = p.tr.T("planning.status.saved_dirty", "Name", p.savedName)
	default:
		text = p.tr.T("planning.status.saved", "Name", p.savedName)
	}
	p.status.SetText(text)
	for _, b := range []*widgets.TipButton{p.renameBtn, p.deleteBtn} {
		if b == nil {
			continue
		}
		if p.savedID == "" {
			b.Disable()
		} else {
			b.Enable()
		}
	}
}

// ---- the open saved scenario, kept in step with other desks ----

// The scenario record's table and the fields the form edits.
const (
	scenarioTable = "scenario"
	scenarioName  = "name"
	scenarioNote  = "note"
	scenarioBody  = "body"
)

// scenarioFields reads and fills the form by the scenario record's
// fields for the record form: its name, and its file key by key
// ("body/capital", "body/line[1].price").
type scenarioFields struct{ p *Screen }

func (f scenarioFields) Values() (map[string]any, error) {
	s, _ := f.p.form.scenario()
	s.Name = strings.TrimSpace(s.Name)
	if s.Name == "" {
		s.Name = f.p.savedName
	}
	body, err := s.MarshalTOML()
	if err != nil {
		return nil, err
	}
	out := map[string]any{scenarioName: s.Name}
	for k, lit := range data.DocumentKeys(string(body)) {
		out[data.DocumentField(scenarioBody, k)] = lit
	}
	return out, nil
}

func (f scenarioFields) Fill(v map[string]any) error {
	keys := map[string]string{}
	for field, x := range v {
		if k, ok := strings.CutPrefix(field, scenarioBody+"/"); ok {
			keys[k] = ui.ValueText(x)
		}
	}
	body, err := data.RenderDocument(keys)
	if err != nil {
		return err
	}
	return f.p.openSaved(app.SavedScenario{ID: f.p.rec.ID(), Name: ui.ValueText(v[scenarioName]), Body: body})
}

// saveScenario writes the form's edits (see ui.SaveFunc).
func saveScenario(ctx context.Context, s *data.Store, snap data.RecordSnapshot, v map[string]any, keep []string) error {
	_, err := s.SaveScenarioChanges(ctx, snap, app.SavedScenario{Name: ui.ValueText(v[scenarioName]),
		Note: ui.ValueText(v[scenarioNote]), Body: ui.ValueText(v[scenarioBody])}, keep)
	return err
}

// track keeps the record form on the saved scenario the form shows:
// opened, saved as, renamed or deleted by the other Planning actions.
func (p *Screen) track() {
	if p.rec == nil || p.opening != "" {
		return
	}
	switch {
	case p.savedID == "":
		if p.rec.ID() != "" {
			p.rec.Detach()
		}
	case p.rec.ID() != p.savedID:
		p.recAt = p.savedAt()
		p.rec.Adopt(p.savedID)
	case p.savedAt() != p.recAt:
		p.recAt = p.savedAt()
		p.rec.Check() // saved meanwhile (renamed here, or a list read after a sync)
	}
}

// savedAt is when the open saved scenario was last saved, as listed.
func (p *Screen) savedAt() time.Time {
	for _, s := range p.saved {
		if s.ID == p.savedID {
			return s.UpdatedAt
		}
	}
	return time.Time{}
}

// pickSaved opens the saved scenario chosen in the picker, asking first
// when the form has unsaved edits (the picker shows the open scenario
// until then).
func (p *Screen) pickSaved(name string) {
	var id string
	for _, s := range p.saved {
		if s.Name == name {
			id = s.ID
		}
	}
	if id == "" || id == p.savedID && !p.dirty {
		return
	}
	if what := p.UnsavedEdits(); len(what) > 0 {
		p.setSaved(p.saved)
		p.env.ConfirmDiscard(what, func() { p.openRecord(id, name) })
		return
	}
	p.openRecord(id, name)
}

// openRecord reads saved scenario id off the UI thread and fills the
// form with it, as it is stored now.
func (p *Screen) openRecord(id, name string) {
	p.opening = id
	p.rec.Open(id, func(err error) {
		p.opening = ""
		if err != nil {
			p.showProblems(p.tr.T("planning.saved.open_failed", "Name", name), err)
			p.setSaved(p.saved)
			return
		}
		p.recAt = p.savedAt()
	})
}

// saveChanges saves the form over the open saved scenario: only what was
// changed in the form is written, on top of what other desks changed
// meanwhile; when both changed the same field, keep mine / take theirs
// is asked first. A scenario not saved yet asks for a name.
func (p *Screen) saveChanges() {
	if p.savedID == "" || p.rec.ID() != p.savedID {
		p.save()
		return
	}
	title := p.tr.T("planning.saved.save_failed")
	if _, ok := p.validScenario(title); !ok {
		return
	}
	p.saveBtn.Disable()
	p.rec.Save(saveScenario, func(err error) {
		p.saveBtn.Enable()
		switch {
		case errors.Is(err, ui.ErrNotSaved):
		case err != nil:
			p.env.ShowError(title, err)
		default:
			p.dirty = false
			p.updateStatus()
			p.Load() // the list, with the new version
		}
	})
}

// UnsavedEdits implements ui.Unsaved: the scenario in the form, when it
// was edited and not saved.
func (p *Screen) UnsavedEdits() []string {
	edited := p.dirty
	if p.savedID != "" && p.rec.ID() == p.savedID {
		edited = p.rec.Dirty()
	}
	if !edited {
		return nil
	}
	name := p.savedName
	if name == "" {
		name = strings.TrimSpace(p.form.name.Text)
	}
	return []string{p.tr.T("unsaved.record", "Entity", p.tr.T("entity.scenario"), "Name", name)}
}

// deletedElsewhere is told that another desk deleted the open scenario:
// the form keeps its content, now as a scenario not saved, and says so.
func (p *Screen) deletedElsewhere(message string) {
	p.env.Inform(p.tr.T("form.deleted_title"), message)
	p.savedID, p.savedName, p.dirty = "", "", true
	p.Load()
}

// Close implements what the shell calls when it drops the screen: the
// record form stops following sync changes.
func (p *Screen) Close() { p.rec.Close() }
