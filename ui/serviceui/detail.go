package serviceui

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/ui"
	"github.com/opsbench/opsbench/ui/widgets"
)

// The case detail: the case's form on the left, its timeline and the
// reply composer on the right (timeline.go). Save writes only the fields
// the rep changed, on top of what colleagues changed meanwhile; a field
// changed on both sides asks which to keep. A case changed by a sync
// while open reloads, or, with unsaved edits, says so.

const tableCase = "service_case"

// detailFormShare is the form's share of the detail's width.
const detailFormShare = 0.42

type caseDetail struct {
	s    *Screen
	id   string // "" for a new case
	back func()
	root fyne.CanvasObject

	title    *widget.Label
	clocks   *widgets.Paragraph
	banner   *widgets.Paragraph
	problems *widgets.Paragraph
	warnings *widgets.Paragraph
	saveBtn  *widget.Button
	backBtn  *widget.Button

	typ, channel, marketplace, priority, owner, status, cause, resolution *widget.Select
	summary, customer, contact, order, sku, tracking, carrier, created    *widget.Entry
	firstMessage                                                          *widget.Entry // a new case's buyer message

	touched ui.Touched
	// filling is set while the form is filled from the store: the change
	// callbacks then mark nothing dirty.
	filling bool
	dirty   bool

	c        app.Case
	snap     data.RecordSnapshot
	unsub    func()
	timeline *timelinePanel
}

func newCaseDetail(s *Screen, id string, back func()) *caseDetail {
	d := &caseDetail{s: s, id: id, back: back}
	tr := s.tr
	d.title = ui.Heading("")
	d.clocks = ui.StatusLabel()
	d.banner = ui.StatusLabel()
	d.banner.Importance = widget.WarningImportance
	d.problems = ui.ErrorLabel("")
	d.warnings = ui.StatusLabel()
	d.warnings.Importance = widget.WarningImportance

	sel := func(cs ui.Choices) *widget.Select {
		w := widget.NewSelect(cs.Labels(), nil)
		w.PlaceHolder = tr.T("service.choose")
		w.OnChanged = func(string) { d.edited(w) }
		return w
	}
	entry := func(placeholder string) *widget.Entry {
		e := widget.NewEntry()
		e.SetPlaceHolder(placeholder)
		e.OnChanged = func(string) { d.edited(e) }
		return e
	}
	d.typ = sel(typeChoices(tr))
	d.channel = sel(channelChoices(tr))
	d.marketplace = sel(marketplaceChoices(tr))
	d.priority = sel(priorityChoices(tr))
	d.owner = sel(ownerChoices(tr, s.people, ""))
	d.status = sel(statusChoices(tr))
	d.cause = sel(causeChoices(tr))
	d.resolution = sel(resolutionChoices(tr))
	d.summary = entry(tr.T("service.case.summary_hint"))
	d.customer = entry(tr.T("service.case.customer_hint"))
	d.contact = entry(tr.T("service.case.contact_hint"))
	d.order = entry(tr.T("service.case.order_hint"))
	d.sku = entry(tr.T("service.case.sku_hint"))
	d.tracking = entry(tr.T("service.case.tracking_hint"))
	d.carrier = entry(tr.T("service.case.carrier_hint"))
	d.created = entry(ui.MinuteLayout)
	// A pasted tracking number loses its spaces once the rep moves on.
	d.tracking.OnSubmitted = func(string) { d.normalizeTracking() }

	field := func(key string, w fyne.CanvasObject) *widget.FormItem { return widget.NewFormItem(tr.T(key), w) }
	form := widget.NewForm(
		field("field.case.type", d.typ), field("field.case.channel", d.channel), field("field.case.summary", d.summary),
		field("field.case.customer", d.customer), field("field.case.contact", d.contact),
		field("field.case.marketplace", d.marketplace), field("field.case.order_id", d.order), field("field.case.sku", d.sku),
		field("field.case.tracking", d.tracking), field("field.case.carrier", d.carrier),
		field("field.case.priority", d.priority), field("field.case.owner", d.owner), field("field.case.status", d.status),
		field("field.case.root_cause", d.cause), field("field.case.resolution", d.resolution), field("field.case.created", d.created),
	)
	if id == "" {
		d.firstMessage = widget.NewMultiLineEntry()
		d.firstMessage.Wrapping = fyne.TextWrapWord
		d.firstMessage.SetMinRowsVisible(4)
		d.firstMessage.SetPlaceHolder(tr.T("service.case.first_message_hint"))
		form.Append(tr.T("service.case.first_message"), d.firstMessage)
	}
	d.saveBtn = widget.NewButtonWithIcon(tr.T("action.save"), theme.DocumentSaveIcon(), d.save)
	d.saveBtn.Importance = widget.HighImportance
	d.backBtn = widget.NewButtonWithIcon(tr.T("service.case.back"), theme.NavigateBackIcon(), d.leave)
	left := container.NewVBox(form, d.problems, d.warnings, container.NewHBox(d.saveBtn))
	top := container.NewVBox(container.NewBorder(nil, nil, d.backBtn, nil, d.title), d.clocks, d.banner)
	if id == "" {
		d.title.SetText(tr.T("service.case.new"))
		d.root = container.NewBorder(container.NewPadded(top), nil, nil, nil, container.NewVScroll(container.NewPadded(left)))
		return d
	}
	d.timeline = newTimelinePanel(d)
	d.listen()
	split := container.NewHSplit(container.NewVScroll(container.NewPadded(left)), d.timeline.root)
	split.Offset = detailFormShare
	d.root = container.NewBorder(container.NewPadded(top), nil, nil, nil, split)
	return d
}

// reload reads the case (a new form: fills in the defaults).
func (d *caseDetail) reload() {
	s := d.s
	if d.id == "" {
		d.fill(app.Case{Type: app.CaseInquiry, Channel: app.ChannelBuyerMessage, Priority: app.PriorityNormal,
			Status: app.CaseNew, OwnerID: s.me.ID, Created: time.Now()}.Normalize())
		return
	}
	id := d.id
	s.env.Background(func(st *data.Store) func() {
		ctx := s.env.Context()
		c, err := st.Case(ctx, id)
		var snap data.RecordSnapshot
		if err == nil {
			snap, err = st.OpenRecord(ctx, tableCase, id)
		}
		var clocks app.SLAResult
		if err == nil {
			clocks, err = st.CaseClocks(ctx, id, time.Now())
		}
		if err != nil {
			return func() {
				s.showError(s.tr.T("service.load_failed"), err)
				if errors.Is(err, app.ErrNotFound) {
					d.back()
				}
			}
		}
		return func() {
			d.listen()
			d.snap = snap
			d.showClocks(clocks)
			if !d.dirty {
				d.fill(c)
			}
			d.timeline.load()
		}
	})
}

// listen follows sync changes to this case (once the store is known).
func (d *caseDetail) listen() {
	s, id := d.s, d.id
	if d.unsub != nil || s.store == nil || id == "" {
		return
	}
	d.unsub = s.store.Subscribe(func(cs data.ChangeSet) {
		if cs.Has(tableCase, id) || len(cs.Tables["case_entry"]) > 0 || slices.Contains(cs.Truncated, "case_entry") {
			s.env.Do(d.syncedElsewhere)
		}
	})
}

// closed stops listening for sync changes.
func (d *caseDetail) closed() {
	if d.unsub != nil {
		d.unsub()
		d.unsub = nil
	}
}

// syncedElsewhere: a sync changed this case or timelines. Without unsaved
// edits the case reloads; with them the rep is told.
func (d *caseDetail) syncedElsewhere() {
	if d.dirty {
		d.banner.SetText(d.s.tr.T("service.case.changed_elsewhere"))
		d.timeline.load()
		return
	}
	d.reload()
}

// fill shows c in the form.
func (d *caseDetail) fill(c app.Case) {
	tr := d.s.tr
	d.c = c
	d.filling = true
	defer func() { d.filling = false }()
	if c.ID != "" {
		d.title.SetText(tr.T("service.case.title", "Customer", nonEmpty(c.Customer, tr.T("service.case.no_customer")),
			"Type", tr.T("service.type."+string(c.Type))))
	}
	d.owner.Options = ownerChoices(tr, d.s.people, c.OwnerID).Labels()
	set := func(w *widget.Select, cs ui.Choices, v string) { w.SetSelected(cs.Label(v)) }
	set(d.typ, typeChoices(tr), string(c.Type))
	set(d.channel, channelChoices(tr), string(c.Channel))
	set(d.marketplace, marketplaceChoices(tr), c.Marketplace)
	set(d.priority, priorityChoices(tr), string(c.Priority))
	set(d.owner, ownerChoices(tr, d.s.people, c.OwnerID), c.OwnerID)
	set(d.status, statusChoices(tr), string(c.Status))
	set(d.cause, causeChoices(tr), string(c.RootCause))
	set(d.resolution, resolutionChoices(tr), string(c.Resolution))
	d.summary.SetText(c.Summary)
	d.customer.SetText(c.Customer)
	d.contact.SetText(c.Contact)
	d.order.SetText(c.OrderID)
	d.sku.SetText(c.SKU)
	d.tracking.SetText(c.Tracking)
	d.carrier.SetText(c.Carrier)
	d.created.SetText(c.Created.In(d.s.loc()).Format(ui.MinuteLayout))
	d.dirty = false
	d.touched.Reset()
	d.banner.SetText("")
	d.check()
}

func nonEmpty(s, or string) string {
	if strings.TrimSpace(s) == "" {
		return or
	}
	return s
}

// showClocks writes both SLA clocks in a line.
func (d *caseDetail) showClocks(r app.SLAResult) {
	tr := d.s.tr
	state := func(k app.SLAClock) string {
		var what string
		switch k.State {
		case app.SLANone:
			what = tr.T("service.sla.none")
		case app.SLAMet:
			what = tr.T("service.clock.met", "Time", k.MetAt.In(d.s.loc()).Format(ui.ShortTimeLayout))
			if k.LateMinutes > 0 {
				what = tr.T("service.clock.met_late", "Time", k.MetAt.In(d.s.loc()).Format(ui.ShortTimeLayout),
					"Late", durationText(tr, time.Duration(k.LateMinutes)*time.Minute))
			}
		case app.SLALate:
			what = tr.T("service.sla.late_by", "Time", durationText(tr, time.Duration(k.LateMinutes)*time.Minute))
		case app.SLAPaused:
			what = tr.T("service.sla.paused")
		default:
			what = tr.T("service.clock.due", "Time", k.Due.In(d.s.loc()).Format(ui.ShortTimeLayout), "Left", durationText(tr, k.Left))
		}
		return what
	}
	d.clocks.SetText(tr.T("service.clock.first", "State", state(r.FirstResponse)) + "    " +
		tr.T("service.clock.resolution", "State", state(r.Resolution)))
	d.clocks.Importance = slaImportance(r.State)
	d.clocks.Refresh()
}

// edited marks the form changed and checks the field.
func (d *caseDetail) edited(w fyne.CanvasObject) {
	if d.filling {
		return
	}
	d.dirty = true
	d.touched.Touch(w)
	d.check()
}

func (d *caseDetail) normalizeTracking() {
	if n := app.NormalizeTracking(d.tracking.Text); n != d.tracking.Text {
		d.tracking.SetText(n)
	}
}

// formCase is the case as the form says, and a problem reading it (the
// creation time).
func (d *caseDetail) formCase() (app.Case, *app.FieldError) {
	tr := d.s.tr
	c := d.c
	c.Type = app.CaseType(typeChoices(tr).Value(d.typ.Selected))
	c.Channel = app.Channel(channelChoices(tr).Value(d.channel.Selected))
	c.Marketplace = marketplaceChoices(tr).Value(d.marketplace.Selected)
	c.Priority = app.Priority(priorityChoices(tr).Value(d.priority.Selected))
	c.OwnerID = ownerChoices(tr, d.s.people, d.c.OwnerID).Value(d.owner.Selected)
	c.Status = app.CaseStatus(statusChoices(tr).Value(d.status.Selected))
	c.RootCause = app.RootCause(causeChoices(tr).Value(d.cause.Selected))
	c.Resolution = app.Resolution(resolutionChoices(tr).Value(d.resolution.Selected))
	c.Summary, c.Customer, c.Contact = d.summary.Text, d.customer.Text, d.contact.Text
	c.OrderID, c.SKU, c.Tracking, c.Carrier = d.order.Text, d.sku.Text, d.tracking.Text, d.carrier.Text
	t, err := time.ParseInLocation(ui.MinuteLayout, strings.TrimSpace(d.created.Text), d.s.loc())
	if err != nil {
		return c.Normalize(), &app.FieldError{Entity: "case", Field: "created", Code: app.CodeBadFormat}
	}
	c.Created = t
	return c.Normalize(), nil
}

// fieldWidgets maps a case field to its widget, for touched checks.
func (d *caseDetail) fieldWidget(field string) fyne.CanvasObject {
	switch field {
	case "type":
		return d.typ
	case "channel":
		return d.channel
	case "summary":
		return d.summary
	case "customer":
		return d.customer
	case "contact":
		return d.contact
	case "marketplace":
		return d.marketplace
	case "order_id":
		return d.order
	case "sku":
		return d.sku
	case "tracking":
		return d.tracking
	case "carrier":
		return d.carrier
	case "priority":
		return d.priority
	case "owner":
		return d.owner
	case "status":
		return d.status
	case "root_cause":
		return d.cause
	case "resolution":
		return d.resolution
	}
	return d.created
}

// check shows the problems of the touched fields (all once the rep tried
// to save) and the warnings, which never stop a save. A problem caused by
// another field (no contact on an e-mail case, closing without a
// resolution) shows once either is touched.
func (d *caseDetail) check() bool {
	c, timeErr := d.formCase()
	probs := c.Problems()
	if timeErr != nil {
		probs = append(probs, timeErr)
	}
	shows := func(fe *app.FieldError) bool {
		switch {
		case d.touched.Shows(d.fieldWidget(fe.Field)):
			return true
		case fe.Field == "contact":
			return d.touched.Shows(d.channel)
		case fe.Field == "resolution":
			return d.touched.Shows(d.status)
		}
		return false
	}
	var lines []string
	for _, p := range probs {
		if shows(p) {
			lines = append(lines, d.s.problemText(p))
		}
	}
	d.problems.SetText(strings.Join(lines, "\n"))
	var warns []string
	for _, w := range c.Warnings() {
		warns = append(warns, d.s.tr.T("service.warn."+w.Field))
	}
	if d.tracking.Text != "" && app.NormalizeTracking(d.tracking.Text) != d.tracking.Text {
		warns = append(warns, d.s.tr.T("service.warn.tracking_spaces"))
	}
	d.warnings.SetText(strings.Join(warns, "\n"))
	return len(probs) == 0
}

// save writes the form: a new case, or the fields changed since it was
// opened.
func (d *caseDetail) save() {
	s, tr := d.s, d.s.tr
	d.normalizeTracking()
	d.touched.TouchAll()
	if !d.check() {
		return
	}
	c, _ := d.formCase()
	d.saveBtn.Disable()
	if d.id == "" {
		message := d.firstMessage.Text
		s.env.Background(func(st *data.Store) func() {
			got, err := st.CreateCase(s.env.Context(), c, message)
			return func() {
				d.saveBtn.Enable()
				if err != nil {
					s.showError(tr.T("service.case.save_failed"), err)
					return
				}
				d.dirty = false
				s.cases.open(got.ID)
			}
		})
		return
	}
	d.saveChanges(c, nil)
}

// saveChanges saves c over the snapshot, keeping mine for keepMine.
func (d *caseDetail) saveChanges(c app.Case, keepMine []string) {
	s, tr := d.s, d.s.tr
	snap := d.snap
	s.env.Background(func(st *data.Store) func() {
		_, err := st.SaveCaseChanges(s.env.Context(), snap, c, keepMine)
		return func() {
			d.saveBtn.Enable()
			var stale *data.StaleError
			switch {
			case errors.As(err, &stale):
				d.askStale(c, stale)
			case err != nil:
				s.showError(tr.T("service.case.save_failed"), err)
			default:
				d.dirty = false
				d.banner.SetText("")
				d.reload()
			}
		}
	})
}

// askStale shows the fields a colleague changed too, each with their
// value and the rep's, and saves with the rep's choice per field.
func (d *caseDetail) askStale(c app.Case, stale *data.StaleError) {
	tr := d.s.tr
	var items []fyne.CanvasObject
	choices := map[string]*widget.RadioGroup{}
	mine, theirs := tr.T("service.stale.mine"), tr.T("service.stale.theirs")
	for _, f := range stale.Fields {
		who := f.Desk
		if f.Actor != "" {
			who = tr.T("service.stale.who", "Person", f.Actor, "Desk", f.Desk)
		}
		label := ui.WrapLabel(tr.T("service.stale.field", "Field", tr.T("field.service_case."+f.Field), "Who", who,
			"Theirs", d.valueText(f.Field, f.Theirs), "Mine", d.valueText(f.Field, f.Mine)))
		rg := widget.NewRadioGroup([]string{mine, theirs}, nil)
		rg.Horizontal = true
		rg.SetSelected(mine)
		choices[f.Field] = rg
		items = append(items, label, rg)
	}
	body := container.NewVBox(append([]fyne.CanvasObject{ui.WrapLabel(tr.T("service.stale.intro"))}, items...)...)
	dlg := dialog.NewCustomConfirm(tr.T("service.stale.title"), tr.T("action.save"), tr.T("action.cancel"),
		ui.FixedWidth(ui.FormDialogWidth, body), func(ok bool) {
			if !ok {
				return
			}
			var keep []string
			for f, rg := range choices {
				if rg.Selected == mine {
					keep = append(keep, f)
				}
			}
			d.saveBtn.Disable()
			d.saveChanges(c, keep)
		}, d.s.env.Window())
	dlg.Show()
}

// leave goes back to the table, asking first when there are unsaved edits.
func (d *caseDetail) leave() {
	if !d.dirty {
		d.back()
		return
	}
	tr := d.s.tr
	d.s.env.Confirm(tr.T("service.case.discard_title"), tr.T("service.case.discard_body"), tr.T("service.case.discard"), d.back)
}

// valueText shows a stored value of a case field as the form shows it.
func (d *caseDetail) valueText(field string, v any) string {
	tr := d.s.tr
	t := fmt.Sprint(v)
	if v == nil {
		t = ""
	}
	var cs ui.Choices
	switch field {
	case "type":
		cs = typeChoices(tr)
	case "channel":
		cs = channelChoices(tr)
	case "status":
		cs = statusChoices(tr)
	case "priority":
		cs = priorityChoices(tr)
	case "root_cause":
		cs = causeChoices(tr)
	case "resolution":
		cs = resolutionChoices(tr)
	case "marketplace":
		cs = marketplaceChoices(tr)
	case "owner_id":
		cs = ownerChoices(tr, d.s.people, t)
	case "created_at":
		if at, err := time.Parse(time.RFC3339Nano, t); err == nil {
			return at.In(d.s.loc()).Format(ui.MinuteLayout)
		}
	}
	if cs != nil {
		return cs.Label(t)
	}
	if t == "" {
		return tr.T("service.value.empty")
	}
	return t
}
