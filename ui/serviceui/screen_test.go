package serviceui

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/ui"
	"github.com/opsbench/opsbench/ui/uitest"
)

func openService(t *testing.T, lang string, prepare func(s *data.Store)) (*uitest.Env, *Screen) {
	t.Helper()
	e := uitest.NewEnv(t, lang, func(s *data.Store) {
		uitest.WithMe("王芳", app.RoleService)(s)
		if prepare != nil {
			prepare(s)
		}
	})
	s := New(e)
	e.Show(s)
	return e, s
}

func mustCase(t *testing.T, s *data.Store, c app.Case) app.Case {
	t.Helper()
	got, err := s.CreateCase(context.Background(), c, "where is my parcel?")
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func texts(o fyne.CanvasObject) string { return strings.Join(uitest.Texts(o), "\n") }

// The case panel through its widgets: create a case (refused without the
// contact an e-mail case needs, nothing typed lost), add a reply from a
// template, resolve it (refused without a resolution, then done).
func TestCreateReplyResolve(t *testing.T) {
	e, s := openService(t, ui.LangEnglish, nil)
	ctx := context.Background()
	test.Tap(uitest.FindButton(t, s.root, e.T("service.case.new")))
	e.Settle()
	d := s.cases.detail
	if d == nil || d.id != "" {
		t.Fatal("New case did not open an empty case form")
	}
	d.channel.SetSelected(e.T("service.channel.email"))
	d.typ.SetSelected(e.T("service.type.lost_parcel"))
	test.Type(d.customer, "John Doe")
	test.Type(d.order, "113-1234567-123456") // one digit short: a warning only
	test.Type(d.tracking, "1Z 999 AA1 0123")
	test.Type(d.carrier, "UPS")
	test.Type(d.firstMessage, "Where is my parcel?")
	test.Tap(d.saveBtn)
	e.Settle()
	if want := e.T("error.field.required", "Field", e.T("field.case.contact")); !strings.Contains(d.problems.Text, want) {
		t.Fatalf("problems %q, want %q", d.problems.Text, want)
	}
	if !strings.Contains(d.warnings.Text, e.T("service.warn.order_id")) {
		t.Fatalf("warnings %q lack the order id's", d.warnings.Text)
	}
	if _, total, _ := e.Store().ListCases(ctx, app.ListQuery{}); total != 0 || d.customer.Text != "John Doe" {
		t.Fatalf("a refused case was saved (%d) or the typing lost (%q)", total, d.customer.Text)
	}
	test.Type(d.contact, "john@example.com")
	test.Tap(d.saveBtn)
	e.Settle()
	d = s.cases.detail
	if d.id == "" {
		t.Fatalf("the case was not created: %q", d.problems.Text)
	}
	c, err := e.Store().Case(ctx, d.id)
	if err != nil || c.Tracking != "1Z999AA10123" || c.OrderID != "113-1234567-123456" || c.OwnerName != "王芳" {
		t.Fatalf("stored case %+v (%v)", c, err)
	}

	// A reply from the delay template, in English, filled from the case.
	tl := d.timeline
	tl.template.SetSelected(e.T("service.type.inquiry")) // not a template: ignored
	for _, tm := range tl.templates {
		if tm.Builtin == app.ReplyDelayApology {
			tl.template.SetSelected(tm.DisplayName(ui.LangEnglish))
		}
	}
	tl.lang.SetSelected(e.T("service.lang.en"))
	test.Tap(tl.insertBtn)
	if !strings.Contains(tl.text.Text, "Dear John Doe") || !strings.Contains(tl.text.Text, "1Z999AA10123") || tl.hint.Text != "" {
		t.Fatalf("inserted text %q, hint %q", tl.text.Text, tl.hint.Text)
	}
	test.Tap(tl.copyBtn)
	if got := e.App().Clipboard().Content(); got != tl.text.Text {
		t.Fatalf("clipboard %q", got)
	}
	test.Tap(tl.logBtn)
	e.Settle()
	entries, _ := e.Store().Timeline(ctx, d.id)
	last := entries[len(entries)-1]
	if last.Kind != app.EntryMessageOut || last.TemplateID != data.BuiltinReplyID(app.ReplyDelayApology) || last.Lang != "en" || last.ActorName != "王芳" {
		t.Fatalf("logged reply %+v", last)
	}
	if !strings.Contains(texts(tl.list), e.T("service.entry.reply_from", "Template", "Delay apology with tracking", "Lang", e.T("service.lang.en"))) {
		t.Fatalf("timeline shows %v", uitest.Texts(tl.list))
	}

	// Resolve: refused without a resolution, then done.
	d.status.SetSelected(e.T("service.status.resolved"))
	test.Tap(d.saveBtn)
	e.Settle()
	if !strings.Contains(d.problems.Text, e.T("error.field.needs_resolution")) {
		t.Fatalf("problems %q", d.problems.Text)
	}
	d.resolution.SetSelected(e.T("service.resolution.reship"))
	d.cause.SetSelected(e.T("service.cause.carrier"))
	test.Tap(d.saveBtn)
	e.Settle()
	c, _ = e.Store().Case(ctx, d.id)
	if c.Status != app.CaseResolved || c.Resolution != app.ResolveReship || c.RootCause != app.CauseCarrier {
		t.Fatalf("resolved case %+v", c)
	}
	if d.isDirty() || !strings.Contains(d.clocks.Text, e.T("service.clock.resolution", "State", e.T("service.clock.met", "Time", ""))) {
		t.Fatalf("after saving: dirty %v, clocks %q", d.isDirty(), d.clocks.Text)
	}
	entries, _ = e.Store().Timeline(ctx, d.id)
	if last := entries[len(entries)-1]; last.Kind != app.EntryStatusChange || last.To != "resolved" {
		t.Fatalf("last entry %+v", last)
	}
	// Back to the table: the case is listed as met.
	test.Tap(d.backBtn)
	e.Settle()
	if s.cases.detail != nil {
		t.Fatal("Back did not return to the table")
	}
}

// A template with a typo is shown before use and not logged as sent.
func TestReplyWithUnknownPlaceholderIsHeldBack(t *testing.T) {
	var id string
	e, s := openService(t, ui.LangChinese, func(st *data.Store) {
		id = mustCase(t, st, app.Case{Type: app.CaseInquiry, Channel: app.ChannelChat, Customer: "张伟", Created: time.Now()}).ID
	})
	s.ShowTab(CaseTab(id))
	e.Settle()
	tl := s.cases.detail.timeline
	test.Type(tl.text, "{客户}您好，您的{商品}已发出 {custmer}")
	if !strings.Contains(tl.hint.Text, "{custmer}") || !strings.Contains(tl.hint.Text, "{product}") {
		t.Fatalf("hint %q", tl.hint.Text)
	}
	test.Tap(tl.logBtn)
	e.Settle()
	entries, _ := e.Store().Timeline(context.Background(), id)
	for _, en := range entries {
		if en.Kind == app.EntryMessageOut {
			t.Fatal("a reply with placeholders left was logged as sent")
		}
	}
	if tl.hint.Text != e.T("service.compose.fill_first") || tl.text.Text == "" {
		t.Fatalf("hint %q, text %q", tl.hint.Text, tl.text.Text)
	}
}

// A colleague's sync changed the field being edited: the save asks, and
// keeping mine writes mine.
func TestStaleCaseFormAsks(t *testing.T) {
	var id string
	e, s := openService(t, ui.LangEnglish, func(st *data.Store) {
		id = mustCase(t, st, app.Case{Type: app.CaseInquiry, Channel: app.ChannelChat, Customer: "Ann", Summary: "old", Created: time.Now()}).ID
	})
	s.ShowTab(CaseTab(id))
	e.Settle()
	d := s.cases.detail
	uitest.Retype(d.summary, "mine")
	// Meanwhile, elsewhere: the summary and the customer change.
	c, _ := e.Store().Case(context.Background(), id)
	c.Summary, c.Customer = "theirs", "Ann Lee"
	if _, err := e.Store().UpdateCase(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	test.Tap(d.saveBtn)
	e.Settle()
	dlg := uitest.DialogText(t, e.Window())
	if !strings.Contains(dlg, "theirs") || !strings.Contains(dlg, "mine") || !strings.Contains(dlg, e.T("field.service_case.summary")) {
		t.Fatalf("stale dialog:\n%s", dlg)
	}
	keep := uitest.Find(t, uitest.TopDialog(t, e.Window()), "keep-mine choice", func(r *widget.RadioGroup) bool { return true })
	keep.SetSelected(e.T("form.keep_mine"))
	uitest.TapInDialog(t, e.Window(), e.T("form.apply_save"))
	e.Settle()
	got, _ := e.Store().Case(context.Background(), id)
	if got.Summary != "mine" || got.Customer != "Ann Lee" {
		t.Fatalf("after keeping mine: summary %q, customer %q (the colleague's other edit must stay)", got.Summary, got.Customer)
	}
}

// Leaving a case with unsaved edits asks first.
func TestLeavingWithUnsavedEditsAsks(t *testing.T) {
	var id string
	e, s := openService(t, ui.LangEnglish, func(st *data.Store) {
		id = mustCase(t, st, app.Case{Type: app.CaseInquiry, Channel: app.ChannelChat, Customer: "Ann", Created: time.Now()}).ID
	})
	s.ShowTab(CaseTab(id))
	e.Settle()
	d := s.cases.detail
	test.Type(d.summary, "half typed")
	test.Tap(d.backBtn)
	if s.cases.detail == nil || !strings.Contains(uitest.DialogText(t, e.Window()), e.T("service.case.unsaved", "Customer", "Ann")) {
		t.Fatal("left without asking")
	}
	if got := s.UnsavedEdits(); len(got) != 1 {
		t.Fatalf("unsaved edits %v", got)
	}
	uitest.TapInDialog(t, e.Window(), e.T("unsaved.discard"))
	e.Settle()
	if s.cases.detail != nil {
		t.Fatal("discarding did not leave")
	}
}

// Each follow-up is done with its one button and leaves the list.
func TestFollowUpInOneAction(t *testing.T) {
	var order app.ServiceOrder
	e, s := openService(t, ui.LangChinese, func(st *data.Store) {
		c := mustCase(t, st, app.Case{Type: app.CaseLostParcel, Channel: app.ChannelChat, Customer: "张伟", SKU: "MUG-11",
			Created: time.Now().Add(-48 * time.Hour)})
		var err error
		order, err = st.CreateServiceOrder(context.Background(), app.ServiceOrder{CaseID: c.ID, Carrier: "顺丰", Tracking: "SF1",
			ShippedAt: time.Now().Add(-30 * time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
	})
	s.ShowTab(TabFollowUps)
	e.Settle()
	list := s.follow.lists[app.FollowTracking]
	if !strings.Contains(texts(list), "张伟") {
		t.Fatalf("tracking list: %v", uitest.Texts(list))
	}
	test.Tap(uitest.FindButton(t, list, e.T("service.follow.do_send_tracking")))
	e.Settle()
	if !strings.Contains(texts(list), e.T("service.follow.none")) {
		t.Fatalf("after marking sent: %v", uitest.Texts(list))
	}
	got, _ := e.Store().ServiceOrder(context.Background(), order.ID)
	if got.TrackingSentAt.IsZero() {
		t.Fatal("the order was not marked sent")
	}
}

// The template editor shows a mistyped placeholder as it is typed and
// refuses to save it, with the language named.
func TestReplyEditorRefusesUnknownPlaceholder(t *testing.T) {
	e, s := openService(t, ui.LangEnglish, nil)
	s.ShowTab(TabReplies)
	e.Settle()
	r := s.replies
	test.Tap(uitest.FindButton(t, r.root, e.T("service.reply.new")))
	uitest.Retype(r.name, "Thanks")
	test.Type(r.text, "Thank you {custmer}!")
	if !strings.Contains(r.hint.Text, "{custmer}") {
		t.Fatalf("hint %q", r.hint.Text)
	}
	test.Tap(r.saveBtn)
	e.Settle()
	if !strings.Contains(r.status.Text, e.T("service.lang.en")) {
		t.Fatalf("status %q does not name the text's language", r.status.Text)
	}
	all, _ := e.Store().ReplyTemplates(context.Background(), "en", true)
	if len(all) != len(app.BuiltinReplies()) {
		t.Fatal("a template with a typo was saved")
	}
	uitest.Retype(r.text, "Thank you {customer}!")
	test.Tap(r.saveBtn)
	e.Settle()
	if all, _ = e.Store().ReplyTemplates(context.Background(), "en", true); len(all) != len(app.BuiltinReplies())+1 {
		t.Fatalf("the corrected template was not saved: %q", r.status.Text)
	}
}

// The SLA settings save what was changed; the table's clocks follow.
func TestSettingsSave(t *testing.T) {
	e, s := openService(t, ui.LangEnglish, nil)
	s.ShowTab(TabSettings)
	e.Settle()
	st := s.settings
	uitest.Retype(st.first[app.ChannelEmail], "4")
	uitest.Retype(st.holidays, "2030-10-01\n2030-10-02")
	test.Tap(st.saveBtn)
	e.Settle()
	cfg, _ := e.Store().ServiceConfig(context.Background())
	if got := cfg.Policy.For(app.ChannelEmail).FirstResponse; got != app.OfficeHours(4) || len(cfg.Office.Holidays) != 2 {
		t.Fatalf("saved %+v, holidays %v (status %q)", got, cfg.Office.Holidays, st.status.Text)
	}
	uitest.Retype(st.open, "19:00")
	test.Tap(st.saveBtn)
	e.Settle()
	if st.status.Text != e.T("service.settings.bad_hours_of_day") {
		t.Fatalf("opening after closing: %q", st.status.Text)
	}
}

// The Today card puts the late cases first.
func TestTodayCardListsLateCases(t *testing.T) {
	e, _ := openService(t, ui.LangEnglish, func(st *data.Store) {
		// A chat (1 office hour) from a week ago, never answered: late.
		mustCase(t, st, app.Case{Type: app.CaseComplaint, Channel: app.ChannelChat, Customer: "Late Larry", Created: time.Now().Add(-7 * 24 * time.Hour)})
		mustCase(t, st, app.Case{Type: app.CaseInquiry, Channel: app.ChannelChat, Customer: "Done Dora", Status: app.CaseResolved,
			Resolution: app.ResolveExplanation, Created: time.Now().Add(-7 * 24 * time.Hour)})
	})
	cards := TodayCards(e)
	build, err := cards[0].Load(e.Store())
	if err != nil {
		t.Fatal(err)
	}
	got := texts(build())
	if !strings.Contains(got, "Late Larry") || strings.Contains(got, "Done Dora") || !strings.Contains(got, e.T("today.service.counts", "Late", 1, "Soon", 0)) {
		t.Fatalf("card:\n%s", got)
	}
}

// The area's error texts: the attachment limit named in MB.
func TestErrorTexts(t *testing.T) {
	for _, lang := range []string{ui.LangEnglish, ui.LangChinese} {
		e, s := openService(t, lang, nil)
		msg := s.errorText(data.CheckAttachmentSize("video.mp4", 50<<20))
		if !strings.Contains(msg, "video.mp4") || !strings.Contains(msg, "50.0") || !strings.Contains(msg, "20") {
			t.Errorf("%s: %q", lang, msg)
		}
		if msg := s.errorText(data.ErrNoTrackingNumber); msg != e.T("service.error.no_tracking") {
			t.Errorf("%s: %q", lang, msg)
		}
	}
}

// Every key the area builds at run time has both languages.
func TestDynamicKeysTranslated(t *testing.T) {
	var keys []string
	add := func(prefix string, vals ...string) {
		for _, v := range vals {
			keys = append(keys, prefix+v)
		}
	}
	for _, x := range app.CaseTypes() {
		add("service.type.", string(x))
		add("service.type_short.", string(x))
	}
	for _, x := range app.Channels() {
		add("service.channel.", string(x))
		add("field.sla.", string(x)+".first_response", string(x)+".resolution")
	}
	for _, x := range app.CaseStatuses() {
		add("service.status.", string(x))
	}
	for _, x := range app.Priorities() {
		add("service.priority.", string(x))
	}
	for _, x := range app.RootCauses() {
		add("service.cause.", string(x))
	}
	for _, x := range app.Resolutions() {
		add("service.resolution.", string(x))
		add("service.action.", string(x))
	}
	add("service.action.", app.ActionTrackingSent, app.ActionCarrierChased, app.ActionCODCalled, app.ActionStockMoved)
	for _, x := range []app.SLAState{app.SLALate, app.SLADueSoon, app.SLAOK, app.SLAPaused, app.SLAMet, app.SLANone} {
		add("service.sla.", string(x))
	}
	add("service.lang.", app.ReplyLangs()...)
	add("service.basis.", string(app.SLAOfficeHours), string(app.SLACalendarHours))
	for _, x := range app.EntryKinds() {
		add("service.entry.", string(x))
	}
	for _, x := range composeKinds {
		add("service.compose.", string(x))
		add("service.compose.log_", string(x))
	}
	for _, x := range app.FollowUpKinds() {
		add("service.follow.list.", string(x))
		add("service.follow.do_", string(x))
	}
	add("service.warn.", "order_id", "contact")
	add("service.table.", "rows", "loading", "empty", "load_failed", "search", "all", "export")
	add("error.field.", app.CodeBadFormat, app.CodeNeedsResolution, data.CodeInFuture)
	for d := 0; d < 7; d++ {
		add("service.weekday_short.", string(rune('0'+d)))
	}
	for _, f := range []string{"type", "channel", "summary", "customer", "contact", "marketplace", "order_id", "sku", "tracking",
		"carrier", "priority", "owner", "status", "root_cause", "resolution", "created"} {
		add("field.case.", f)
	}
	add("field.entry.", "kind", "case", "at", "body", "to", "action", "due", "attachments")
	add("field.reply.", "name", "type", "text")
	add("field.order.", "sku", "quantity", "contact", "order_id", "customer", "tracking", "carrier", "note", "cod")
	add("field.office.", "zone", "hours", "workdays")
	add("field.attachment.", "name", "content")
	keys = append(keys, "field.service.carrier_wait_days", "field.service_setting.due_soon_minutes")
	for _, lang := range []string{ui.LangEnglish, ui.LangChinese} {
		tr := ui.NewTranslator(lang)
		for _, k := range keys {
			if !tr.Has(k) {
				t.Errorf("%s lacks %q", lang, k)
			}
		}
	}
}

// The case detail, the table and every tab render Chinese with the
// bundled font: no character drawn as a box.
func TestChineseRenders(t *testing.T) {
	var id string
	e, s := openService(t, ui.LangChinese, func(st *data.Store) {
		id = mustCase(t, st, app.Case{Type: app.CaseDamagedInTransit, Channel: app.ChannelEmail, Customer: "张伟", Contact: "z@example.com",
			Created: time.Now()}).ID
	})
	for _, tab := range append([]string{CaseTab(id)}, tabNames...) {
		s.ShowTab(tab)
		e.Settle()
		if missing := uitest.MissingGlyphs(e.Window().Content()); len(missing) > 0 {
			t.Errorf("%s: %v", tab, missing)
		}
	}
}

// The old log: the preview says what it holds, importing adds the cases.
func TestImportOldLog(t *testing.T) {
	e, s := openService(t, ui.LangChinese, nil)
	content, err := os.ReadFile("../../data/reports/testdata/cases_zh.csv")
	if err != nil {
		t.Fatal(err)
	}
	pre, err := e.Store().PreviewCaseLog(context.Background(), bytes.NewReader(content), data.CaseLogOptions{})
	if err != nil {
		t.Fatal(err)
	}
	s.cases.confirmImport("cases_zh.csv", content, pre)
	dlg := uitest.DialogText(t, e.Window())
	for _, want := range []string{"cases_zh.csv", "2024-03-05", "李丽"} {
		if !strings.Contains(dlg, want) {
			t.Fatalf("preview lacks %q:\n%s", want, dlg)
		}
	}
	uitest.TapInDialog(t, e.Window(), e.T("service.import.do"))
	e.Settle()
	if _, total, _ := e.Store().ListCases(context.Background(), app.ListQuery{}); total != 3 {
		t.Fatalf("%d cases after importing", total)
	}
	if !strings.Contains(uitest.DialogText(t, e.Window()), e.T("service.import.done", "Added", 3, "Already", 0, "Skipped", "0")) {
		t.Fatalf("result:\n%s", uitest.DialogText(t, e.Window()))
	}
}

// The stale-form question and the sync conflicts name a case's choices
// as the form does, not by their stored keys.
func TestCaseValuesReadAsChoices(t *testing.T) {
	e, _ := openService(t, ui.LangChinese, nil)
	ft := ui.NewFieldText(e.Translator(), "service_case", nil)
	for field, v := range map[string]string{"status": "waiting_customer", "type": "lost_parcel", "channel": "buyer_message"} {
		want := map[string]string{"status": e.T("service.status.waiting_customer"), "type": e.T("service.type.lost_parcel"),
			"channel": e.T("service.channel.buyer_message")}[field]
		if got := ft.Value(field, v); got != want {
			t.Errorf("%s %q reads %q, want %q", field, v, got, want)
		}
	}
}

// Showing the screen again (the shell does on every visit) keeps what was
// typed in an open case.
func TestShowingAgainKeepsEdits(t *testing.T) {
	var id string
	e, s := openService(t, ui.LangEnglish, func(st *data.Store) {
		id = mustCase(t, st, app.Case{Type: app.CaseInquiry, Channel: app.ChannelChat, Customer: "Ann", Created: time.Now()}).ID
	})
	s.ShowTab(CaseTab(id))
	e.Settle()
	d := s.cases.detail
	test.Type(d.summary, "typed, not saved")
	s.Load()
	e.Settle()
	if s.cases.detail != d || d.summary.Text != "typed, not saved" || !d.isDirty() {
		t.Fatalf("after showing the screen again: %q, dirty %v", d.summary.Text, d.isDirty())
	}
}

// The template editor and the settings keep what was typed when the
// screen is shown again, and say so when the window would drop it.
func TestEditorsKeepTypingWhenShownAgain(t *testing.T) {
	e, s := openService(t, ui.LangEnglish, nil)
	s.ShowTab(TabReplies)
	e.Settle()
	uitest.Retype(s.replies.text, "Hello {customer}, edited")
	s.ShowTab(TabSettings)
	e.Settle()
	uitest.Retype(s.settings.carrierWait, "9")
	s.Load()
	e.Settle()
	if s.settings.carrierWait.Text != "9" {
		t.Fatalf("settings lost their typing: %q", s.settings.carrierWait.Text)
	}
	s.ShowTab(TabReplies)
	e.Settle()
	if s.replies.text.Text != "Hello {customer}, edited" {
		t.Fatalf("the template editor lost its typing: %q", s.replies.text.Text)
	}
	if got := s.UnsavedEdits(); len(got) != 2 {
		t.Fatalf("unsaved edits %v, want the template and the settings", got)
	}
}
