package sopui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/ui"
)

// startRun reads the templates and the team and shows the form that
// starts a run (of templateID, or one to choose when ""); started runs
// with the new run; forms, when set, holds the dialog while it is open.
func startRun(env Env, templateID string, started func(app.Run), forms *openForms) {
	env.Background(func(s *data.Store) func() {
		ctx := env.Context()
		templates, err := s.Templates(ctx, false)
		var people []app.Person
		versions := map[string]app.TemplateVersion{}
		if err == nil {
			people, err = s.People(ctx)
		}
		for _, t := range templates {
			if err != nil {
				break
			}
			if t.Version == 0 {
				continue // its content has not arrived by sync yet
			}
			var v app.TemplateVersion
			if v, err = s.TemplateVersion(ctx, t.VersionID); err == nil {
				versions[t.ID] = v
			}
		}
		return func() {
			if err != nil {
				env.ShowError(env.T("sop.start.failed"), err)
				return
			}
			var usable []app.Template
			for _, t := range templates {
				if _, ok := versions[t.ID]; ok {
					usable = append(usable, t)
				}
			}
			if len(usable) == 0 {
				env.Inform(env.T("sop.start.title"), env.T("sop.start.no_templates"))
				return
			}
			if len(people) == 0 {
				env.Inform(env.T("sop.start.title"), env.T("sop.start.no_people"))
				return
			}
			forms.add(showStartRun(env, usable, versions, people, templateID, started).ed)
		}
	})
}

// plannedRow is one step of the run being started: its owner and due
// date inputs.
type plannedRow struct {
	owner  *widget.Select
	due    *widget.Entry
	ownerF *field
	dueF   *field
	// edited is set once the person typed a due date: a new start date
	// then leaves it alone.
	edited bool
}

// startForm is the form that starts a run.
type startForm struct {
	env       Env
	tr        *ui.Translator
	templates []app.Template
	versions  map[string]app.TemplateVersion
	people    []app.Person
	owners    ui.Choices

	template *widget.Select
	title    *widget.Entry
	sku      *widget.Entry
	start    *widget.Entry
	lead     *widget.Select
	note     *widget.Entry
	startF   *field
	fields   fieldSet
	steps    *fyne.Container
	rows     []*plannedRow
	plan     app.RunPlan
	filling  bool
	// touched is set once the person changed anything.
	touched bool
	ed      *editDialog
}

func showStartRun(env Env, templates []app.Template, versions map[string]app.TemplateVersion, people []app.Person,
	templateID string, started func(app.Run)) *startForm {
	tr := env.Translator()
	f := &startForm{env: env, tr: tr, templates: templates, versions: versions, people: people,
		owners: personChoices(people), steps: container.NewVBox()}
	var names []string
	for _, t := range templates {
		names = append(names, t.Name)
	}
	f.template = widget.NewSelect(names, func(string) { f.replan() })
	f.title = widget.NewEntry()
	f.sku = widget.NewEntry()
	f.sku.SetPlaceHolder(tr.T("sop.start.sku_placeholder"))
	f.start = dateEntry(today())
	f.start.OnChanged = func(string) { f.redate() }
	me := ""
	if len(people) > 0 {
		me = people[0].ID
	}
	f.lead = selectOf(f.owners, me, nil)
	f.note = widget.NewMultiLineEntry()
	f.note.SetMinRowsVisible(2)
	templateF := newField("template", tr.T("field.sop_run.template_id"), f.template, "")
	titleF := newField("title", tr.T("field.sop_run.title"), f.title, tr.T("sop.start.title_hint"))
	skuF := newField("sku", tr.T("field.sop_run.sku"), f.sku, "")
	startF := newField("start", tr.T("field.sop_run.start_day"), f.start, tr.T("sop.start.start_hint"))
	leadF := newField("owner", tr.T("field.sop_run.owner_id"), f.lead, "")
	noteF := newField("note", tr.T("field.sop_run.note"), f.note, "")
	f.startF = startF
	f.fields = fieldSet{templateF, titleF, skuF, startF, leadF, noteF}

	chosen := templates[0]
	for _, t := range templates {
		if t.ID == templateID {
			chosen = t
		}
	}
	f.template.SetSelected(chosen.Name)

	content := container.NewVBox(fieldGrid(f.fields...), widget.NewSeparator(), ui.SectionLabel(tr.T("sop.start.steps")),
		ui.WrapLabel(tr.T("sop.start.steps_hint")), f.steps)
	save := func(done func(error)) {
		p, ok := f.read()
		if !ok {
			done(errMarked)
			return
		}
		writeSave(env, func(s *data.Store) error {
			run, err := s.StartRun(env.Context(), p)
			if err == nil && started != nil {
				env.Do(func() { started(run) })
			}
			return err
		})(done)
	}
	for _, e := range []*widget.Entry{f.title, f.sku, f.note} {
		e.OnChanged = func(string) { f.touched = true }
	}
	f.ed = showEdit(env, editSpec{title: tr.T("sop.start.title"), saveLabel: tr.T("sop.start.save"), size: fyne.NewSize(wideDialogWidth, editDialogHeight),
		content: content, save: save, place: f.place, unsaved: func() bool { return f.touched },
		what: tr.T("sop.start.what")})
	return f
}

// selected is the chosen template.
func (f *startForm) selected() app.Template {
	for _, t := range f.templates {
		if t.Name == f.template.Selected {
			return t
		}
	}
	return f.templates[0]
}

// replan builds the steps for the chosen template: owners by role, due
// dates from the start.
func (f *startForm) replan() {
	t := f.selected()
	start, ok := parseDay(f.start.Text)
	if !ok || start.IsZero() {
		start = today()
	}
	byRole := map[app.Role]string{}
	for _, p := range f.people {
		if _, taken := byRole[p.Role]; !taken && p.Active {
			byRole[p.Role] = p.ID
		}
	}
	lead := f.owners.Value(f.lead.Selected)
	f.plan = app.PlanRun(officeCalendar(), t.ID, f.versions[t.ID], start, func(r app.Role) string {
		if id, ok := byRole[r]; ok {
			return id
		}
		return lead
	})
	f.rows = nil
	var objs []fyne.CanvasObject
	stage := ""
	for _, ps := range f.plan.Steps {
		if ps.At.Stage.Title != stage {
			stage = ps.At.Stage.Title
			objs = append(objs, ui.SectionLabel(stage))
		}
		row := &plannedRow{owner: selectOf(f.owners, ps.OwnerID, nil), due: dateEntry(ps.Due)}
		row.due.OnChanged = func(string) {
			if !f.filling {
				row.edited, f.touched = true, true
			}
		}
		role := roleText(f.tr, ps.At.Step.Role)
		row.ownerF = newField("owner", f.tr.T("sop.start.step_owner", "Step", ps.At.Step.Title, "Role", role), row.owner, "")
		row.dueF = newField("due", f.tr.T("sop.start.step_due", "Count", ps.At.Step.Days), row.due, "")
		f.rows = append(f.rows, row)
		objs = append(objs, fieldGrid(row.ownerF, row.dueF))
	}
	f.steps.Objects = objs
	f.steps.Refresh()
}

// redate moves the due dates the person did not type with the start.
func (f *startForm) redate() {
	start, ok := parseDay(f.start.Text)
	if !ok || start.IsZero() || len(f.rows) == 0 {
		return
	}
	f.plan = f.plan.Redate(officeCalendar(), start)
	f.filling = true
	for i, row := range f.rows {
		if !row.edited {
			row.due.SetText(f.plan.Steps[i].Due.String())
		}
	}
	f.filling = false
}

// read collects the plan from the form; problems it can see itself are
// shown beside their fields.
func (f *startForm) read() (app.RunPlan, bool) {
	tr := f.tr
	f.fields.clear()
	p := f.plan
	p.Title, p.SKU, p.Note = f.title.Text, f.sku.Text, f.note.Text
	p.OwnerID = f.owners.Value(f.lead.Selected)
	ok := true
	start, good := parseDay(f.start.Text)
	if !good || start.IsZero() {
		f.startF.setProblem(tr.T("sop.record.not_date"))
		ok = false
	}
	p.Start = start
	steps := make([]app.PlannedStep, len(p.Steps))
	for i, ps := range p.Steps {
		row := f.rows[i]
		row.ownerF.setProblem("")
		row.dueF.setProblem("")
		ps.OwnerID = f.owners.Value(row.owner.Selected)
		due, good := parseDay(row.due.Text)
		if !good {
			row.dueF.setProblem(tr.T("sop.record.not_date"))
			ok = false
		}
		ps.Due = due
		steps[i] = ps
	}
	p.Steps = steps
	if !ok {
		return p, false
	}
	if err := p.Normalize().Validate(); err != nil {
		if !f.place(err) {
			f.env.ShowError(tr.T("sop.start.failed"), err)
		}
		return p, false
	}
	return p, true
}

// place shows a problem with the plan beside its field or step.
func (f *startForm) place(err error) bool {
	var ref *app.StepRef
	if errors.As(err, &ref) && ref.Stage >= 0 && ref.Step >= 0 {
		n := 0
		for i, ps := range f.plan.Steps {
			if ps.At.StageIdx != ref.Stage {
				continue
			}
			if n == ref.Step {
				target := f.rows[i].ownerF
				if ref.Err.Field == "due" {
					target = f.rows[i].dueF
				}
				target.setProblem(ui.ErrorText(f.tr, ref.Err))
				return true
			}
			n++
		}
	}
	return f.fields.show(f.tr, err)
}
