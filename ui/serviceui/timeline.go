package serviceui

import (
	"errors"
	"fmt"
	"io"
	"os"
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

// A case's timeline, oldest first, and the composer under it: write or
// insert a reply from a template (its placeholders filled from the case,
// what is still to fill or mistyped shown before it goes out), copy it to
// the clipboard, and log it; or log what the buyer wrote, a call, a note,
// a promised call-back; attach photos and receipts; send goods again.

// composer kinds, in the order offered.
var composeKinds = []app.EntryKind{app.EntryMessageOut, app.EntryMessageIn, app.EntryCall, app.EntryNote, app.EntryCallback}

type timelinePanel struct {
	d    *caseDetail
	root fyne.CanvasObject

	list   *fyne.Container
	scroll *container.Scroll

	kind      *widget.Select
	template  *widget.Select
	lang      *widget.Select
	insertBtn *widget.Button
	text      *widget.Entry
	due       *widget.Entry
	hint      *widgets.Paragraph
	copyBtn   *widget.Button
	logBtn    *widget.Button
	// sendBtn records goods sent again (an order to follow up);
	// replaceBtn, shown instead once the resolution is a replacement or a
	// reship, also takes them out of stock.
	sendBtn    *widget.Button
	replaceBtn *widget.Button
	// sent lists the replacements sent for the case.
	sentBox *fyne.Container
	sent    *widgets.Paragraph

	templates []app.ReplyTemplate
	// used is the template (and language) the text was inserted from;
	// cleared when the text is cleared.
	used     app.ReplyTemplate
	usedLang string
	people   map[string]string // person id -> name, for owner changes
	files    map[string]app.Attachment
	entries  []app.Entry
	// movements are the replacements sent for the case, locations the
	// places stock can leave from (both as last loaded).
	movements []app.Movement
	locations []app.Location
}

func newTimelinePanel(d *caseDetail) *timelinePanel {
	tr := d.s.tr
	t := &timelinePanel{d: d}
	t.list = container.NewVBox()
	t.scroll = container.NewVScroll(container.NewPadded(t.list))

	var kindLabels []string
	for _, k := range composeKinds {
		kindLabels = append(kindLabels, tr.T("service.compose."+string(k)))
	}
	t.kind = widget.NewSelect(kindLabels, func(string) { t.kindChanged() })
	t.kind.PlaceHolder = tr.T("service.choose")
	t.template = widget.NewSelect(nil, func(string) { t.templateChanged() })
	t.template.PlaceHolder = tr.T("service.compose.template")
	t.lang = widget.NewSelect(nil, nil)
	t.lang.PlaceHolder = tr.T("service.compose.lang")
	t.insertBtn = widget.NewButtonWithIcon(tr.T("service.compose.insert"), theme.ContentPasteIcon(), t.insert)
	t.text = widget.NewMultiLineEntry()
	t.text.Wrapping = fyne.TextWrapWord
	t.text.SetMinRowsVisible(3)
	t.text.SetPlaceHolder(tr.T("service.compose.text_hint"))
	t.text.OnChanged = func(string) { t.textChanged() }
	t.due = widget.NewEntry()
	t.due.SetPlaceHolder(tr.T("service.compose.due_hint"))
	t.hint = ui.StatusLabel()
	t.hint.Importance = widget.WarningImportance
	t.copyBtn = widget.NewButtonWithIcon(tr.T("service.compose.copy"), theme.ContentCopyIcon(), t.copy)
	t.logBtn = widget.NewButtonWithIcon(tr.T("service.compose.log"), theme.ConfirmIcon(), t.log)
	t.logBtn.Importance = widget.HighImportance
	attach := widget.NewButtonWithIcon(tr.T("service.compose.attach"), theme.FileIcon(), t.attach)
	t.sendBtn = widget.NewButtonWithIcon(tr.T("service.compose.send_goods"), theme.MailSendIcon(), t.sendGoods)
	t.replaceBtn = widget.NewButtonWithIcon(tr.T("service.replace.action"), theme.MailSendIcon(), t.sendReplacement)
	t.replaceBtn.Hide()
	t.sent = ui.WrapLabel("")
	t.sentBox = container.NewVBox(ui.SectionLabel(tr.T("service.replace.sent_title")), t.sent, widget.NewSeparator())
	t.sentBox.Hide()

	pick := container.NewBorder(nil, nil, nil, container.NewHBox(ui.FixedWidth(110, t.lang), t.insertBtn), t.template)
	buttons := container.NewHBox(t.copyBtn, t.logBtn, widget.NewSeparator(), attach, t.sendBtn, t.replaceBtn)
	composer := container.NewVBox(widget.NewSeparator(), container.NewBorder(nil, nil, ui.SectionLabel(tr.T("service.compose.title")), nil, t.kind),
		pick, t.text, t.due, t.hint, buttons)
	t.root = container.NewBorder(container.NewPadded(t.sentBox), container.NewPadded(composer), nil, nil, t.scroll)
	t.kind.SetSelectedIndex(0)
	return t
}

// load reads the timeline, its files and the templates.
func (t *timelinePanel) load() {
	s, id := t.d.s, t.d.id
	lang := s.tr.Lang()
	s.env.Background(func(st *data.Store) func() {
		ctx := s.env.Context()
		entries, err := st.Timeline(ctx, id)
		var files []app.Attachment
		if err == nil {
			files, err = st.CaseFiles(ctx, id)
		}
		var templates []app.ReplyTemplate
		if err == nil {
			templates, err = st.ReplyTemplates(ctx, lang, false)
		}
		var movements []app.Movement
		if err == nil {
			movements, err = st.CaseMovements(ctx, id)
		}
		var locations []app.Location
		if err == nil {
			locations, err = st.Locations(ctx)
		}
		if err != nil {
			return func() { s.showError(s.tr.T("service.load_failed"), err) }
		}
		return func() {
			t.entries, t.templates = entries, templates
			t.movements, t.locations = movements, locations
			t.files = map[string]app.Attachment{}
			for _, f := range files {
				t.files[f.ID] = f
			}
			t.people = map[string]string{}
			for _, p := range s.people {
				t.people[p.ID] = p.Name
			}
			t.showSent()
			t.showTemplates()
			t.show()
		}
	})
}

// showTemplates offers the templates, those for the case's type first.
func (t *timelinePanel) showTemplates() {
	lang := t.d.s.tr.Lang()
	typ := t.d.c.Type
	var first, rest []string
	for _, tm := range t.templates {
		if tm.Type == typ {
			first = append(first, tm.DisplayName(lang))
		} else {
			rest = append(rest, tm.DisplayName(lang))
		}
	}
	t.template.Options = append(first, rest...)
	t.template.Refresh()
}

func (t *timelinePanel) templateNamed(name string) (app.ReplyTemplate, bool) {
	lang := t.d.s.tr.Lang()
	for _, tm := range t.templates {
		if tm.DisplayName(lang) == name {
			return tm, true
		}
	}
	return app.ReplyTemplate{}, false
}

// templateChanged offers the template's languages, the buyer's first.
func (t *timelinePanel) templateChanged() {
	tm, ok := t.templateNamed(t.template.Selected)
	if !ok {
		return
	}
	cs := langChoices(t.d.s.tr, tm.LangsFor(t.d.c.Marketplace))
	t.lang.Options = cs.Labels()
	t.lang.SetSelected(cs.Label(tm.BuyerLang(t.d.c.Marketplace)))
}

// insert puts the chosen template in the text, filled from the case.
func (t *timelinePanel) insert() {
	tr := t.d.s.tr
	tm, ok := t.templateNamed(t.template.Selected)
	if !ok {
		t.hint.SetText(tr.T("service.compose.pick_template"))
		return
	}
	lang := langChoices(tr, tm.LangsFor(t.d.c.Marketplace)).Value(t.lang.Selected)
	if lang == "" {
		lang = tm.BuyerLang(t.d.c.Marketplace)
	}
	c, _ := t.d.formCase()
	filled := app.FillReply(tm.Texts[lang], app.ReplyValuesOf(c, ""))
	t.kind.SetSelectedIndex(0)
	t.text.SetText(filled.Text)
	t.used, t.usedLang = tm, lang
	t.textChanged()
}

// textChanged shows what is still to fill in and what is mistyped.
func (t *timelinePanel) textChanged() {
	tr := t.d.s.tr
	if strings.TrimSpace(t.text.Text) == "" {
		t.used, t.usedLang = app.ReplyTemplate{}, ""
	}
	f := app.FillReply(t.text.Text, nil)
	var lines []string
	if len(f.Missing) > 0 {
		lines = append(lines, tr.T("service.compose.missing", "Names", braces(f.Missing)))
	}
	if len(f.Unknown) > 0 {
		lines = append(lines, tr.T("service.compose.unknown", "Names", braces(f.Unknown)))
	}
	t.hint.SetText(strings.Join(lines, "\n"))
}

func braces(names []string) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = "{" + n + "}"
	}
	return strings.Join(out, " ")
}

func (t *timelinePanel) selectedKind() app.EntryKind {
	i := t.kind.SelectedIndex()
	if i < 0 {
		return app.EntryMessageOut
	}
	return composeKinds[i]
}

func (t *timelinePanel) kindChanged() {
	k := t.selectedKind()
	t.due.Hidden = k != app.EntryCallback
	t.due.Refresh()
	tr := t.d.s.tr
	t.logBtn.SetText(tr.T("service.compose.log_" + string(k)))
}

// copy puts the text on the clipboard.
func (t *timelinePanel) copy() {
	t.d.s.env.App().Clipboard().SetContent(t.text.Text)
	t.hint.SetText(t.d.s.tr.T("service.compose.copied"))
}

// log adds the text to the timeline as the kind chosen.
func (t *timelinePanel) log() {
	s, tr := t.d.s, t.d.s.tr
	k := t.selectedKind()
	e := app.Entry{CaseID: t.d.id, Kind: k, Body: t.text.Text}
	if k == app.EntryMessageOut {
		if f := app.FillReply(e.Body, nil); len(f.Unknown) > 0 || len(f.Missing) > 0 {
			t.hint.SetText(tr.T("service.compose.fill_first"))
			return
		}
		if t.used.ID != "" {
			e.TemplateID, e.Lang = t.used.ID, t.usedLang
		}
	}
	if k == app.EntryCallback {
		due, err := time.ParseInLocation(ui.MinuteLayout, strings.TrimSpace(t.due.Text), s.loc())
		if err != nil {
			t.hint.SetText(tr.T("service.compose.bad_due", "Layout", ui.MinuteLayout))
			return
		}
		e.Due = due
	}
	t.logBtn.Disable()
	s.env.Background(func(st *data.Store) func() {
		_, err := st.AddEntry(s.env.Context(), e)
		return func() {
			t.logBtn.Enable()
			if err != nil {
				s.showError(tr.T("service.compose.log_failed"), err)
				return
			}
			t.text.SetText("")
			t.due.SetText("")
			t.hint.SetText("")
			t.d.refreshTimeline()
		}
	})
}

// attach asks for files and attaches them, refusing a file over the
// limit before reading it.
func (t *timelinePanel) attach() {
	s, tr := t.d.s, t.d.s.tr
	open := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			s.showError(tr.T("service.attach.failed"), err)
			return
		}
		if r == nil {
			return
		}
		name := r.URI().Name()
		if st, err := os.Stat(r.URI().Path()); err == nil {
			if err := data.CheckAttachmentSize(name, st.Size()); err != nil {
				r.Close()
				s.showError(tr.T("service.attach.failed"), err)
				return
			}
		}
		note := t.text.Text
		s.env.Background(func(st *data.Store) func() {
			defer r.Close()
			content, err := io.ReadAll(io.LimitReader(r, app.MaxAttachmentSize+1))
			if err == nil {
				_, err = st.AddCaseFiles(s.env.Context(), t.d.id, []data.CaseFile{{Name: name, Content: content}}, note)
			}
			return func() {
				if err != nil {
					s.showError(tr.T("service.attach.failed"), err)
					return
				}
				t.text.SetText("")
				t.d.refreshTimeline()
			}
		})
	}, s.env.Window())
	open.Show()
}

// sendGoods records goods sent again for the case (a replacement or a
// reship): an order to follow up, whose tracking number then waits on the
// follow-up list until it is sent.
func (t *timelinePanel) sendGoods() {
	s, tr := t.d.s, t.d.s.tr
	c, _ := t.d.formCase()
	sku := widget.NewEntry()
	sku.SetText(c.SKU)
	qty := widget.NewEntry()
	qty.SetText("1")
	carrier := widget.NewEntry()
	tracking := widget.NewEntry()
	shipped := widget.NewCheck(tr.T("service.send.shipped"), nil)
	form := widget.NewForm(
		widget.NewFormItem(tr.T("field.order.sku"), sku), widget.NewFormItem(tr.T("field.order.quantity"), qty),
		widget.NewFormItem(tr.T("field.order.carrier"), carrier), widget.NewFormItem(tr.T("field.order.tracking"), tracking),
		widget.NewFormItem("", shipped))
	s.env.ShowFormDialog(tr.T("service.send.title"), tr.T("service.send.save"), form, func() (ui.Write, error) {
		n, ok := ui.ParseWhole(qty.Text, 1, app.MaxOrderQuantity)
		if !ok {
			return nil, &app.FieldError{Entity: "order", Field: "quantity", Code: app.CodeOutOfRange, Limit: app.MaxOrderQuantity}
		}
		o := app.ServiceOrder{CaseID: t.d.id, SKU: sku.Text, Quantity: n, Carrier: carrier.Text, Tracking: tracking.Text}
		if shipped.Checked {
			o.ShippedAt = time.Now()
		}
		return func(st *data.Store) error {
			_, err := st.CreateServiceOrder(s.env.Context(), o)
			return err
		}, nil
	}, t.d.refreshTimeline)
}

// show lists the entries.
func (t *timelinePanel) show() {
	kept := map[string]bool{}
	for _, e := range t.entries {
		if e.Ref != "" {
			kept[e.Ref] = true
		}
	}
	objs := make([]fyne.CanvasObject, 0, len(t.entries))
	for _, e := range t.entries {
		objs = append(objs, t.entryView(e, kept[e.ID]))
	}
	if len(objs) == 0 {
		objs = append(objs, ui.WrapLabel(t.d.s.tr.T("service.timeline.empty")))
	}
	t.list.Objects = objs
	t.list.Refresh()
	t.scroll.ScrollToBottom()
}

// entryView is one entry: when, who, what; its text; its files.
func (t *timelinePanel) entryView(e app.Entry, kept bool) fyne.CanvasObject {
	s, tr := t.d.s, t.d.s.tr
	who := e.ActorName
	if who == "" {
		who = tr.T("audit.system")
	}
	what := tr.T("service.entry." + string(e.Kind))
	switch e.Kind {
	case app.EntryStatusChange:
		what = tr.T("service.entry.status_set", "To", tr.T("service.status."+e.To))
		if e.From != "" {
			what = tr.T("service.entry.status_change", "From", tr.T("service.status."+e.From), "To", tr.T("service.status."+e.To))
		}
	case app.EntryOwner:
		what = tr.T("service.entry.owner_change", "From", t.personName(e.From), "To", t.personName(e.To))
	case app.EntryAction:
		what = tr.T("service.entry.action_done", "Action", tr.T("service.action."+e.Action))
		if m, ok := t.movement(e.Ref); ok {
			what += " · " + t.movementText(m)
		}
	case app.EntryCallback:
		what = tr.T("service.entry.callback_for", "Time", e.Due.In(s.loc()).Format(ui.ShortTimeLayout))
		if kept {
			what += " · " + tr.T("service.entry.callback_kept")
		}
	case app.EntryMessageOut:
		if e.TemplateID != "" {
			if tm, ok := t.templateByID(e.TemplateID); ok {
				what = tr.T("service.entry.reply_from", "Template", tm.DisplayName(tr.Lang()), "Lang", tr.T("service.lang."+e.Lang))
			}
		}
	}
	head := widget.NewLabelWithStyle(tr.T("service.entry.head", "Time", e.At.In(s.loc()).Format(ui.ShortTimeLayout), "Who", who, "What", what),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: e.Kind == app.EntryMessageIn || e.Kind == app.EntryMessageOut})
	head.Truncation = fyne.TextTruncateEllipsis
	parts := []fyne.CanvasObject{head}
	if e.Body != "" {
		parts = append(parts, ui.WrapLabel(e.Body))
	}
	for _, id := range e.Attachments {
		f, ok := t.files[id]
		if !ok {
			continue
		}
		parts = append(parts, widget.NewButtonWithIcon(tr.T("service.attach.file", "Name", f.Name, "Size", fileSize(f.Size)),
			theme.DownloadIcon(), func() { t.saveFile(f) }))
	}
	return container.NewVBox(append(parts, widget.NewSeparator())...)
}

func fileSize(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d KB", (n+1023)/1024)
}

func (t *timelinePanel) personName(id string) string {
	if id == "" {
		return t.d.s.tr.T("service.owner.nobody")
	}
	if n, ok := t.people[id]; ok {
		return n
	}
	return t.d.s.tr.T("service.owner.unknown")
}

func (t *timelinePanel) templateByID(id string) (app.ReplyTemplate, bool) {
	for _, tm := range t.templates {
		if tm.ID == id {
			return tm, true
		}
	}
	return app.ReplyTemplate{}, false
}

// saveFile writes an attached file where the rep chooses.
func (t *timelinePanel) saveFile(f app.Attachment) {
	s, tr := t.d.s, t.d.s.tr
	save := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			if err != nil {
				s.showError(tr.T("service.attach.save_failed"), err)
			}
			return
		}
		id := f.ID
		s.env.Background(func(st *data.Store) func() {
			a, err := st.Attachment(s.env.Context(), id)
			if err == nil {
				_, err = w.Write(a.Content)
			}
			err = errors.Join(err, w.Close())
			return func() {
				if err != nil {
					s.showError(tr.T("service.attach.save_failed"), err)
				}
			}
		})
	}, s.env.Window())
	save.SetFileName(f.Name)
	save.Show()
}
