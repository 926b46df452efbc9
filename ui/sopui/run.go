package sopui

import (
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

// runDetail shows one run: its stages and steps with owners, statuses
// and due dates (a tap opens a step), its hand-offs and its audit trail.
type runDetail struct {
	env     Env
	root    fyne.CanvasObject
	body    *fyne.Container
	id      string
	forms   *openForms
	changed func()
	// deleted runs after the run shown was deleted.
	deleted func()
}

// runView is what the detail shows, read off the UI thread.
type runView struct {
	run      app.Run
	steps    []app.RunStep
	handoffs []app.HandOff
	history  []app.AuditEntry
	day      app.Date
}

func newRunDetail(env Env, forms *openForms, changed func()) *runDetail {
	d := &runDetail{env: env, forms: forms, changed: changed, body: container.NewVBox()}
	d.root = container.NewVScroll(container.NewPadded(d.body))
	return d
}

// show reads run id and shows it.
func (d *runDetail) show(id string) {
	d.id = id
	d.reload()
}

func (d *runDetail) reload() {
	if d.id == "" {
		return
	}
	env, id := d.env, d.id
	env.Background(func(s *data.Store) func() {
		v, err := readRun(env, s, id)
		return func() {
			if id != d.id {
				return // another run was picked meanwhile
			}
			if err != nil {
				d.body.Objects = []fyne.CanvasObject{ui.WrapLabel(env.ErrorText(err))}
				d.body.Refresh()
				return
			}
			d.fill(v)
		}
	})
}

func readRun(env Env, s *data.Store, id string) (runView, error) {
	ctx := env.Context()
	v := runView{day: today()}
	var err error
	if v.run, err = s.Run(ctx, id, v.day); err != nil {
		return v, err
	}
	if v.steps, err = s.RunSteps(ctx, id); err != nil {
		return v, err
	}
	if v.handoffs, err = s.HandOffs(ctx, id); err != nil {
		return v, err
	}
	v.history, err = s.RunHistory(ctx, id)
	return v, err
}

func (d *runDetail) fill(v runView) {
	env, tr := d.env, d.env.Translator()
	r := v.run
	bar := widget.NewProgressBar()
	bar.SetValue(r.Progress())
	bar.TextFormatter = func() string { return tr.T("sop.runs.progress", "Done", r.StepsDone, "Total", r.StepsTotal) }
	info := tr.T("sop.run.info", "Template", tr.T("sop.template_version", "Name", r.TemplateName, "Version", r.Version),
		"Lead", personName(tr, r.OwnerName), "Start", r.Start.String(), "End", r.End.String(), "State", runStateText(tr, r.State))
	parts := []fyne.CanvasObject{ui.SectionLabel(runTitle(tr, r)), ui.WrapLabel(info), bar}
	if r.Note != "" {
		parts = append(parts, ui.WrapLabel(r.Note))
	}
	parts = append(parts, d.actions(r))

	// Steps by stage; a tap on a step opens it.
	stage := ""
	for _, st := range v.steps {
		if st.StageTitle != stage {
			stage = st.StageTitle
			parts = append(parts, ui.SectionLabel(stage))
		}
		parts = append(parts, d.stepRow(st, v.day, r.Cancelled))
	}

	parts = append(parts, widget.NewSeparator(), ui.SectionLabel(tr.T("sop.run.handoffs")))
	if len(v.handoffs) == 0 {
		parts = append(parts, ui.WrapLabel(tr.T("sop.run.no_handoffs")))
	}
	for _, h := range v.handoffs {
		line := tr.T("sop.run.handoff", "Time", h.At.Local().Format(ui.MinuteLayout), "Step", h.StepTitle,
			"From", personName(tr, h.FromName), "To", personName(tr, h.ToName), "By", personName(tr, h.ByName))
		if h.Note != "" {
			line = tr.T("sop.run.handoff_note", "Line", line, "Note", h.Note)
		}
		parts = append(parts, ui.WrapLabel(line))
	}

	parts = append(parts, widget.NewSeparator(), ui.SectionLabel(tr.T("sop.run.history")))
	titles := map[string]string{r.ID: r.Title}
	for _, st := range v.steps {
		titles[st.ID] = st.Title
	}
	for i := len(v.history) - 1; i >= 0; i-- {
		parts = append(parts, ui.WrapLabel(auditLine(tr, v.history[i], titles)))
	}
	d.body.Objects = parts
	d.body.Refresh()
	_ = env
}

// stepRow is one step: status, title, owner, due date, and the button
// that opens it.
func (d *runDetail) stepRow(st app.RunStep, day app.Date, cancelled bool) fyne.CanvasObject {
	tr := d.env.Translator()
	overdue := st.Status.Open() && st.Due < day
	status := widget.NewLabel(stepStatusText(tr, st.Status))
	status.Importance = statusImportance(st.Status, overdue)
	title := widget.NewLabel(st.Title)
	title.Truncation = fyne.TextTruncateEllipsis
	if st.Reason != "" {
		title.SetText(tr.T("sop.run.step_reason", "Step", st.Title, "Reason", st.Reason))
	}
	owner := widget.NewLabel(personName(tr, st.OwnerName))
	due := widget.NewLabel(shortDate(st.Due, day))
	if overdue {
		due.SetText(dueText(tr, st.Due, day))
		due.Importance = widget.DangerImportance
	}
	open := widgets.NewTipButton("", theme.DocumentCreateIcon(), tr.T("sop.run.open_step"), func() {
		openStep(d.env, st.ID, d.saved, d.forms)
	})
	if cancelled {
		open.Disable()
	}
	right := container.NewHBox(ui.FixedWidth(70, owner), ui.FixedWidth(150, due), open)
	return container.NewBorder(nil, nil, ui.FixedWidth(64, status), right, title)
}

func (d *runDetail) saved() {
	d.reload()
	if d.changed != nil {
		d.changed()
	}
}

// actions are the run's buttons: stop or resume it, delete it.
func (d *runDetail) actions(r app.Run) fyne.CanvasObject {
	env, tr := d.env, d.env.Translator()
	toggle := widget.NewButtonWithIcon(tr.T("sop.run.cancel"), theme.MediaPauseIcon(), func() {
		env.Confirm(tr.T("sop.run.cancel_title"), tr.T("sop.run.cancel_confirm", "Run", r.Title), tr.T("sop.run.cancel"), func() {
			d.write(func(s *data.Store) error { return s.SetRunCancelled(env.Context(), r.ID, true) }, tr.T("sop.run.cancel_failed"))
		})
	})
	if r.Cancelled {
		toggle = widget.NewButtonWithIcon(tr.T("sop.run.resume"), theme.MediaPlayIcon(), func() {
			d.write(func(s *data.Store) error { return s.SetRunCancelled(env.Context(), r.ID, false) }, tr.T("sop.run.cancel_failed"))
		})
	}
	del := widget.NewButtonWithIcon(tr.T("sop.run.delete"), theme.DeleteIcon(), func() {
		env.Confirm(tr.T("sop.run.delete_title"), tr.T("sop.run.delete_confirm", "Run", r.Title), tr.T("sop.run.delete"), func() {
			d.id = ""
			d.write(func(s *data.Store) error { return s.DeleteRun(env.Context(), r.ID) }, tr.T("sop.run.delete_failed"))
			if d.deleted != nil {
				d.deleted()
			}
		})
	})
	del.Importance = widget.DangerImportance
	return container.NewHBox(toggle, del)
}

func (d *runDetail) write(w func(s *data.Store) error, failed string) {
	env := d.env
	env.Background(func(s *data.Store) func() {
		err := w(s)
		return func() {
			if err != nil {
				env.ShowError(failed, err)
				return
			}
			d.saved()
		}
	})
}

// auditLine writes one change of a run's audit trail: when, who, which
// record and which fields, with the new values of statuses and owners
// that say most.
func auditLine(tr *ui.Translator, e app.AuditEntry, titles map[string]string) string {
	who := e.ActorName
	if who == "" {
		who = tr.T("audit.system")
	}
	subject := titles[e.EntityID]
	var fields []string
	for _, c := range e.Changes {
		label := tr.T("field." + e.Entity + "." + c.Field)
		if c.Field == "status" && e.Action == app.ActionUpdate {
			label = tr.T("sop.history.status", "Status", stepStatusText(tr, app.StepStatus(c.New)))
		}
		if e.Entity == "sop_value" && c.Field == "label" {
			subject = c.New
		}
		fields = append(fields, label)
	}
	if e.Action == app.ActionCreate {
		fields = nil
	}
	return tr.T("sop.history.line."+e.Action, "Time", e.At.Local().Format(ui.ShortTimeLayout), "Who", who,
		"Entity", tr.T("entity."+e.Entity), "Name", subject, "Fields", strings.Join(fields, tr.T("list.separator")))
}
