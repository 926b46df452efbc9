package serviceui

import (
	"context"
	"errors"
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

// The case detail: the case's form on the left, its timeline and the
// reply composer on the right (timeline.go). The form is a ui.RecordForm:
// Save writes only the fields the rep changed, on top of what colleagues
// changed meanwhile, and a field changed on both sides asks which to
// keep; a case changed by a sync while open reloads, or, with unsaved
// edits, says who changed what. A sync bringing timeline entries shows
// them.

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
	// filling is set while the form is filled: the change callbacks then
	// take nothing as the rep's edit.
	filling bool
	// dirty is a new case's form edited (a stored case's record form
	// knows its own).
	dirty bool

	c        app.Case
	rf       *ui.RecordForm // nil for a new case
	unsub    func()         // timeline changes
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
	d.rf = ui.NewRecordForm(s.env, tableCase, caseFields{d})
	d.rf.OnFilled = d.filledFromStore
	d.rf.OnDeleted = func(msg string) { d.banner.SetText(msg) }
	left = container.NewVBox(d.rf.Notice(), left)
	d.timeline = newTimelinePanel(d)
	d.listen()
	split := container.NewHSplit(container.NewVScroll(container.NewPadded(left)), d.timeline.root)
	split.Offset = detailFormShare
	d.root = container.NewBorder(container.NewPadded(top), nil, nil, nil, split)
	return d
}

// reload reads the case into the form (a new form: fills in the
// defaults), its SLA clocks and its timeline.
func (d *caseDetail) reload() {
	if d.id == "" {
		d.fill(app.Case{Type: app.CaseInquiry, Channel: app.ChannelBuyerMessage, Priority: app.PriorityNormal,
			Status: app.CaseNew, OwnerID: d.s.me.ID, Created: time.Now()}.Normalize())
		return
	}
	s := d.s
	d.rf.Open(d.id, func(err error) {
		if err != nil {
			s.showError(s.tr.T("service.load_failed"), err)
			if errors.Is(err, app.ErrNotFound) {
				d.back()
			}
		}
	})
}

// refresh shows what changed since the detail was shown (the screen shown
// again): the case reloads unless it has unsaved edits (then the record
// form says what changed), the timeline and clocks follow.
func (d *caseDetail) refresh() {
	if d.rf == nil {
		return
	}
	if _, ok := d.rf.Snapshot(); !ok {
		d.reload()
		return
	}
	d.rf.Check()
	d.refreshTimeline()
}

// filledFromStore runs after the record form filled the form (opened,
// reloaded after a sync, saved): the clocks and the timeline follow.
func (d *caseDetail) filledFromStore() {
	d.listen()
	d.banner.SetText("")
	d.refreshClocks()
	d.timeline.load()
}

// refreshTimeline shows the timeline and clocks again after an entry was
// added (the form and its edits stay as they are).
func (d *caseDetail) refreshTimeline() {
	d.refreshClocks()
	d.timeline.load()
}

// refreshClocks reads both SLA clocks of the case.
func (d *caseDetail) refreshClocks() {
	s, id := d.s, d.id
	s.env.Background(func(st *data.Store) func() {
		clocks, err := st.CaseClocks(s.env.Context(), id, time.Now())
		return func() {
			if err == nil {
				d.showClocks(clocks)
			}
		}
	})
}

// listen follows sync changes to this case's timeline (the record form
// follows the case itself).
func (d *caseDetail) listen() {
	s := d.s
	if d.unsub != nil || s.env.Store() == nil || d.id == "" {
		return
	}
	d.unsub = s.env.Store().Subscribe(func(cs data.ChangeSet) {
		if len(cs.Tables["case_entry"]) > 0 || slices.Contains(cs.Truncated, "case_entry") {
			s.env.Do(d.refreshTimeline)
		}
	})
}

// closed stops following sync changes (the detail is gone).
func (d *caseDetail) closed() {
	if d.unsub != nil {
		d.unsub()
		d.unsub = nil
	}
	if d.rf != nil {
		d.rf.Close()
	}
}

// isDirty reports unsaved edits.
func (d *caseDetail) isDirty() bool {
	if d.rf != nil {
		return d.rf.Dirty()
	}
	return d.dirty
}

// caseFields is the form's side of its record form: the case by the
// names of service_case's fields, as stored.
type caseFields struct{ d *caseDetail }

func (f caseFields) Values() (map[string]any, error) {
	c, bad := f.d.formCase()
	if bad != nil {
		return nil, bad
	}
	return map[string]any{
		"type": string(c.Type), "channel": string(c.Channel), "summary": c.Summary, "customer": c.Customer,
		"contact": c.Contact, "marketplace": c.Marketplace, "order_id": c.OrderID, "sku": c.SKU,
		"tracking": c.Tracking, "carrier": c.Carrier, "priority": string(c.Priority), "owner_id": c.OwnerID,
		"status": string(c.Status), "root_cause": string(c.RootCause), "resolution": string(c.Resolution),
		"created_at": c.Created.UTC().Format(app.InstantLayout),
	}, nil
}

func (f caseFields) Fill(v map[string]any) error {
	f.d.fill(caseFromValues(f.d.id, v))
	return nil
}

// caseFromValues reads a case from its stored fields.
func caseFromValues(id string, v map[string]any) app.Case {
	text := func(k string) string { return ui.ValueText(v[k]) }
	created, _ := time.Parse(time.RFC3339Nano, text("created_at"))
	return app.Case{ID: id, Type: app.CaseType(text("type")), Channel: app.Channel(text("channel")), Summary: text("summary"),
		Customer: text("customer"), Contact: text("contact"), Marketplace: text("marketplace"), OrderID: text("order_id"),
		SKU: text("sku"), Tracking: text("tracking"), Carrier: text("carrier"), Priority: app.Priority(text("priority")),
		OwnerID: text("owner_id"), Status: app.CaseStatus(text("status")), RootCause: app.RootCause(text("root_cause")),
		Resolution: app.Resolution(text("resolution")), Created: created}
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
	if d.timeline != nil {
		d.timeline.showSendAction(c.Resolution.SendsGoods())
	}
	return len(probs) == 0
}

// save writes the form: a new case, or the fields changed since it was
// opened (the record form asks about fields a colleague changed too).
func (d *caseDetail) save() {
	s, tr := d.s, d.s.tr
	d.normalizeTracking()
	d.touched.TouchAll()
	if !d.check() {
		return
	}
	d.saveBtn.Disable()
	if d.id == "" {
		c, _ := d.formCase()
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
	id := d.id
	d.rf.Save(func(ctx context.Context, st *data.Store, snap data.RecordSnapshot, values map[string]any, keep []string) error {
		_, err := st.SaveCaseChanges(ctx, snap, caseFromValues(id, values), keep)
		return err
	}, func(err error) {
		d.saveBtn.Enable()
		switch {
		case errors.Is(err, ui.ErrNotSaved):
		case err != nil:
			s.showError(tr.T("service.case.save_failed"), err)
		}
	})
}

// leave goes back to the table, asking first when there are unsaved edits.
func (d *caseDetail) leave() {
	if !d.isDirty() {
		d.back()
		return
	}
	d.s.env.ConfirmDiscard([]string{d.what()}, d.back)
}

// what names the case for "unsaved edits to …".
func (d *caseDetail) what() string {
	tr := d.s.tr
	if d.id == "" {
		return tr.T("service.case.new")
	}
	return tr.T("service.case.unsaved", "Customer", nonEmpty(d.c.Customer, tr.T("service.case.no_customer")))
}
