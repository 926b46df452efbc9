package ui

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/planning"
)

// planningScreen answers a founder's question before any money is spent:
// how many products can this capital carry, by which shipping mode, and
// when does the cash run out? The Scenario tab recomputes as the form is
// typed in; Compare, Sensitivity and Price bands look at the same
// scenario from other sides; Modes holds the office's shipping defaults.
type planningScreen struct {
	u    *UI
	tr   *Translator
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

	form     *scenarioForm
	formSide *fyne.Container
	errBox   *fyne.Container
	results  *resultsPanel

	// gen counts edits; a computation started for an older gen is
	// dropped when it finishes, so the latest edit always wins.
	gen   uint64
	valid *scenarioView // the last valid result, nil before the first
	stale bool
	msgs  []string // the input problems shown under the form

	// simulate runs the simulation (planning.Simulate; tests slow it down).
	simulate func(planning.Scenario, []planning.Mode) (planning.Result, error)
	rc       *debouncer

	status    *widget.Label
	savedPick *widget.Select
	picking   bool
	saveBtn   *widget.Button
	renameBtn *widget.Button
	deleteBtn *widget.Button
	fileBtn   *widget.Button

	compare *comparePanel
	sens    *sensitivityPanel
	bands   *bandsPanel
	modes   *modesPanel
}

// Tab indexes.
const (
	planTabScenario = iota
	planTabCompare
	planTabSensitivity
	planTabBands
	planTabModes
)

func newPlanningScreen(u *UI) *planningScreen {
	p := &planningScreen{u: u, tr: u.tr, simulate: planning.Simulate}
	p.rc = newDebouncer(u, recomputeDelay)
	tr := p.tr

	p.form = newScenarioForm(tr, p.edited)
	p.errBox = container.NewVBox()
	p.results = newResultsPanel(tr)
	messages := container.NewStack(newBackground(), container.NewPadded(p.errBox))
	p.formSide = container.NewBorder(nil, messages, nil, nil, container.NewVScroll(container.NewPadded(p.form.root)))
	split := container.NewHSplit(p.formSide, container.NewPadded(p.results.root))
	split.Offset = 0.53

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
		p.openSavedNamed(name)
	})
	p.savedPick.PlaceHolder = tr.T("planning.saved.pick")
	p.saveBtn = widget.NewButtonWithIcon(tr.T("action.save"), theme.DocumentSaveIcon(), p.save)
	p.saveBtn.Importance = widget.HighImportance
	saveAs := widget.NewButton(tr.T("planning.saved.save_as"), p.askSaveAs)
	p.renameBtn = widget.NewButton(tr.T("planning.saved.rename"), p.askRename)
	p.deleteBtn = widget.NewButtonWithIcon(tr.T("planning.saved.delete"), theme.DeleteIcon(), p.askDelete)
	p.fileBtn = widget.NewButtonWithIcon(tr.T("planning.file.menu"), theme.MenuIcon(), p.showFileMenu)
	tools := container.NewHBox(fixedWidth(190, p.savedPick), p.saveBtn, saveAs, p.renameBtn, p.deleteBtn, p.fileBtn)
	head := container.NewBorder(nil, nil, heading(tr.T("nav.planning")), tools, p.status)
	p.root = container.NewBorder(container.NewPadded(head), nil, nil, nil, p.tabs)
	p.updateStatus()
	return p
}

func (p *planningScreen) view() fyne.CanvasObject { return p.root }

// load reads the saved scenarios and the office's shipping modes. The
// first time, it opens the latest saved scenario, or the example when
// nothing is saved yet, so the screen answers at once.
func (p *planningScreen) load() {
	u := p.u
	u.background(func(s *data.Store) func() {
		saved, err1 := s.Scenarios(u.ctx)
		office, err2 := s.ShippingModes(u.ctx)
		return func() {
			if err := firstErr(err1, err2); err != nil {
				p.setMessages([]string{u.errorText(err)})
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

// background is a rectangle in the theme's background colour (it follows
// theme changes), to lay under text drawn over scrolled content.
type background struct {
	widget.BaseWidget
}

func newBackground() *background {
	b := &background{}
	b.ExtendBaseWidget(b)
	return b
}

func (b *background) CreateRenderer() fyne.WidgetRenderer {
	r := canvas.NewRectangle(theme.Color(theme.ColorNameBackground))
	return &backgroundRenderer{rect: r}
}

type backgroundRenderer struct{ rect *canvas.Rectangle }

func (r *backgroundRenderer) Layout(size fyne.Size)        { r.rect.Resize(size) }
func (r *backgroundRenderer) MinSize() fyne.Size           { return fyne.Size{} }
func (r *backgroundRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.rect} }
func (r *backgroundRenderer) Destroy()                     {}
func (r *backgroundRenderer) Refresh() {
	r.rect.FillColor = theme.Color(theme.ColorNameBackground)
	r.rect.Refresh()
}

func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
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

// exampleScenario is the motivating case: ¥100,000 with a 10% reserve
// and two gift-cup lines selling at $35, shipped by sea.
func exampleScenario(tr *Translator) planning.Scenario {
	s := planning.DefaultScenario()
	s.Name = tr.T("planning.example.name")
	s.Capital = 100000
	s.ReservePct = 10
	s.FX = map[string]float64{"USD": 7.2}
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
func (p *planningScreen) setSaved(saved []app.SavedScenario) {
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
}

// setOffice takes the office's shipping modes: they replace the built-in
// modes of the same name and add their own.
func (p *planningScreen) setOffice(office []app.ShippingMode) {
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
func (p *planningScreen) edited() {
	p.dirty = true
	p.updateStatus()
	p.recompute()
}

// recompute reads the form and, ~200 ms after the last edit and off the
// UI thread, checks and simulates it. The result is applied on the UI
// thread only if no later edit came in meanwhile.
func (p *planningScreen) recompute() {
	if !p.loaded {
		return
	}
	s, formErrs := p.form.scenario()
	p.gen++
	gen, builtins, tr, simulate := p.gen, p.builtins, p.tr, p.simulate
	p.rc.schedule(func() {
		view, errs, other := computeScenario(tr, s, formErrs, builtins, simulate)
		msgs := make([]string, len(errs))
		for i, e := range errs {
			msgs[i] = inputErrorText(tr, e)
		}
		p.u.do(func() {
			if gen != p.gen {
				return // a later edit is being computed
			}
			p.apply(view, errs, msgs, other)
		})
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

// computeScenario checks s and simulates it when it is valid.
func computeScenario(tr *Translator, s planning.Scenario, formErrs planning.InputErrors, builtins []planning.Mode,
	simulate func(planning.Scenario, []planning.Mode) (planning.Result, error)) (*scenarioView, planning.InputErrors, error) {
	errs, err := checkScenario(s, formErrs, builtins)
	if err != nil {
		return nil, nil, err
	}
	if len(errs) > 0 {
		return nil, errs, nil
	}
	r, err := simulate(s, builtins)
	if err != nil {
		if list, ok := inputErrorsOf(err); ok {
			return nil, list, nil
		}
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
// with the last valid result kept on screen and marked stale.
func (p *planningScreen) apply(view *scenarioView, errs planning.InputErrors, msgs []string, other error) {
	if view != nil {
		p.valid, p.stale = view, false
		p.results.show(view)
		p.form.clearErrors()
		p.setMessages(nil)
		p.scenarioChanged()
		return
	}
	if other != nil {
		msgs = append(msgs, p.u.errorText(other))
	}
	p.stale = true
	p.form.markErrors(errs, func(e *planning.InputError) string { return inputErrorText(p.tr, e) })
	p.setMessages(msgs)
	if p.valid == nil {
		p.results.headline.SetText(p.tr.T("planning.no_result"))
		p.results.headline.Importance = widget.WarningImportance
		p.results.headline.Refresh()
		return
	}
	p.results.setStale(true)
}

// maxMessages is how many input problems are listed under the form.
const maxMessages = 4

// setMessages lists the input problems under the form.
func (p *planningScreen) setMessages(msgs []string) {
	p.msgs = msgs
	p.errBox.RemoveAll()
	for i, m := range msgs {
		if i == maxMessages {
			more := wrapLabel(p.tr.T("planning.more_problems", "N", len(msgs)-maxMessages))
			more.Importance = widget.DangerImportance
			p.errBox.Add(more)
			break
		}
		l := wrapLabel(m)
		l.Importance = widget.DangerImportance
		p.errBox.Add(l)
	}
	p.formSide.Refresh() // lay the form out again around the messages
}

// current is the scenario of the last valid result, if any.
func (p *planningScreen) current() (planning.Scenario, bool) {
	if p.valid == nil {
		return planning.Scenario{}, false
	}
	return p.valid.scenario, true
}

// scenarioChanged tells the other tabs the scenario changed and
// recomputes the one on screen.
func (p *planningScreen) scenarioChanged() {
	p.compare.dirty = true
	p.sens.dirty = true
	p.bands.dirty = true
	p.sens.followScenario()
	p.refreshVisible()
}

// refreshVisible recomputes the selected tab if its inputs changed.
func (p *planningScreen) refreshVisible() {
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
	}
}

// updateStatus says which scenario the form shows and whether it has
// unsaved changes, and enables the buttons that need a saved scenario.
func (p *planningScreen) updateStatus() {
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
	for _, b := range []*widget.Button{p.renameBtn, p.deleteBtn} {
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
