package sopui

import (
	"context"
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
	"github.com/opsbench/opsbench/ui/widgets"
)

// office prepares a database with me (王芳, operations) and a colleague,
// a template "新品" of two steps (调研, 2 days, nothing to record; 核算, 1
// day, a required price in USD) and a run of it started five workdays
// ago, so both steps are overdue for me.
type office struct {
	me, na app.Person
	tpl    app.Template
	run    app.Run
}

func newOffice(t *testing.T, lang string) (*uitest.Env, *office) {
	o := &office{}
	e := uitest.NewEnv(t, lang, func(s *data.Store) {
		uitest.WithMe("王芳", app.RoleOperations)(s)
		ctx := context.Background()
		var err error
		if o.me, err = s.Me(ctx); err != nil {
			t.Fatal(err)
		}
		if o.na, err = s.CreatePerson(ctx, app.Person{Name: "李娜", Role: app.RolePurchasing, Active: true}); err != nil {
			t.Fatal(err)
		}
		o.tpl, err = s.CreateTemplate(ctx, app.Template{Name: "新品", Body: app.TemplateBody{Stages: []app.Stage{{Title: "选品", Steps: []app.Step{
			{Key: "research", Title: "调研", Role: app.RoleOperations, Days: 2},
			{Key: "profit", Title: "核算", Role: app.RoleOperations, Days: 1, Fields: []app.FormField{
				{Key: "price", Label: "售价", Type: app.FieldMoney, Currency: "USD", Required: true}}},
		}}}}})
		if err != nil {
			t.Fatal(err)
		}
		v, _ := s.TemplateVersion(ctx, o.tpl.VersionID)
		cal := officeCalendar()
		start := today()
		for i := 0; i < 5; i++ {
			start = cal.PrevWorkday(start.AddDays(-1))
		}
		p := app.PlanRun(cal, o.tpl.ID, v, start, func(app.Role) string { return o.me.ID })
		p.Title, p.SKU, p.OwnerID = "杯子", "CUP-01", o.me.ID
		if o.run, err = s.StartRun(ctx, p); err != nil {
			t.Fatal(err)
		}
	})
	return e, o
}

func steps(t *testing.T, e *uitest.Env, runID string) []app.RunStep {
	t.Helper()
	st, err := e.Store().RunSteps(context.Background(), runID)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// showToday puts the SOP Today card in the window, as the shell does.
func showToday(t *testing.T, e *uitest.Env) fyne.CanvasObject {
	t.Helper()
	cards := TodayCards(e)
	build, err := cards[0].Load(e.Store())
	if err != nil {
		t.Fatal(err)
	}
	body := build()
	e.Window().SetContent(widget.NewCard(cards[0].Title, "", body))
	e.Settle()
	return body
}

// TestTodayCardMakesTheDay: on the first start of a day (no entries made
// for it yet) the Today card lists the day's checklist, not only what was
// left from before.
func TestTodayCardMakesTheDay(t *testing.T) {
	e, o := newOffice(t, ui.LangChinese)
	ctx := context.Background()
	every := app.Schedule{Kind: app.ScheduleWeekdays, OffDay: app.OffDayKeep, Weekdays: []time.Weekday{
		time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}}
	if _, err := e.Store().SaveChecklistItem(ctx, app.ChecklistItem{Title: "广告报表", OwnerID: o.me.ID, Schedule: every}, today().AddDays(-3)); err != nil {
		t.Fatal(err)
	}
	if through, _ := e.Store().Setting(ctx, data.SettingChecklistThrough); through >= today().String() {
		t.Fatalf("the day was made before the card read it (%s): the test proves nothing", through)
	}
	card := showToday(t, e)
	if texts := uitest.Texts(card); !uitest.ContainsText(texts, "广告报表") {
		t.Fatalf("today's checklist entry is not on the card: %v", texts)
	}
	if through, _ := e.Store().Setting(ctx, data.SettingChecklistThrough); through != today().String() {
		t.Errorf("the day's entries were not recorded as made: through %q", through)
	}
}

// TestTodayCard: my overdue steps are on Today; one tap marks a step
// without a record form done; a step with one opens its form, which
// keeps a wrong value typed, says what is wrong beside the field, writes
// nothing, and completes the step once the value is right.
func TestTodayCard(t *testing.T) {
	for _, lang := range []string{ui.LangChinese, ui.LangEnglish} {
		t.Run(lang, func(t *testing.T) {
			e, o := newOffice(t, lang)
			card := showToday(t, e)
			texts := uitest.Texts(card)
			if !uitest.ContainsText(texts, "调研") || !uitest.ContainsText(texts, "核算") ||
				!uitest.ContainsText(texts, e.T("sop.today.summary", "Count", 2, "Late", 2)) {
				t.Fatalf("Today card: %v", texts)
			}
			// One tap: 调研 is done.
			test.Tap(uitest.FindButton(t, card, e.T("sop.today.done")))
			e.Settle()
			st := steps(t, e, o.run.ID)
			if st[0].Status != app.StepDone || st[0].DoneBy != o.me.ID {
				t.Fatalf("调研 after the tap: %+v", st[0])
			}
			if texts := uitest.Texts(card); uitest.ContainsText(texts, "调研") {
				t.Errorf("the done step is still on Today: %v", texts)
			}

			// 核算 needs its price: the form opens.
			test.Tap(uitest.FindButton(t, card, e.T("sop.today.record")))
			e.Settle()
			dlg := uitest.TopDialog(t, e.Window())
			price := recordEntry(t, dlg)
			test.Type(price, "cheap")
			test.Tap(uitest.FindButton(t, dlg, e.T("sop.step.save_done")))
			e.Settle()
			want := e.T("sop.record.not_money", "Currency", "USD")
			if !uitest.Contains(uitest.Texts(dlg), want) {
				t.Fatalf("no problem beside the price: %v", uitest.Texts(dlg))
			}
			if price.Text != "cheap" || len(e.Window().Canvas().Overlays().List()) == 0 {
				t.Fatal("the form lost what was typed or closed")
			}
			if st := steps(t, e, o.run.ID); st[1].Status != app.StepTodo {
				t.Fatalf("a refused save wrote: %+v", st[1])
			}
			if vals, _ := e.Store().Values(context.Background(), st[1].ID); len(vals) != 0 {
				t.Fatalf("a refused save recorded %v", vals)
			}
			uitest.Retype(price, "$12.99")
			test.Tap(uitest.FindButton(t, dlg, e.T("sop.step.save_done")))
			e.Settle()
			st = steps(t, e, o.run.ID)
			vals, _ := e.Store().Values(context.Background(), st[1].ID)
			if st[1].Status != app.StepDone || vals["price"].Minor != 1299 {
				t.Fatalf("核算 after saving: %+v %v", st[1], vals)
			}
			if texts := uitest.Texts(card); !uitest.ContainsText(texts, e.T("sop.today.nothing")) {
				t.Errorf("Today after both: %v", texts)
			}
		})
	}
}

// recordEntry is the last one-line entry without a placeholder in a step
// dialog: the record form comes last, after reason, hand-off note, due
// date and note.
func recordEntry(t *testing.T, dlg fyne.CanvasObject) *widget.Entry {
	t.Helper()
	var found *widget.Entry
	for _, en := range uitest.Entries(dlg) {
		if !en.MultiLine && en.PlaceHolder == "" {
			found = en
		}
	}
	if found == nil {
		t.Fatal("no record form entry")
	}
	return found
}

// TestRunStepCompletion drives a run from the runs table: open the run,
// open a step, try to finish it without its required value (refused
// beside the field), hand it over with a note, then finish it.
func TestRunStepCompletion(t *testing.T) {
	e, o := newOffice(t, ui.LangEnglish)
	s := New(e)
	e.Show(s)
	e.WaitFor(t, "the runs table", func() bool { return uitest.ContainsText(uitest.Texts(s.root), "CUP-01") })
	s.runs.open(o.run.ID)
	e.Settle()
	page := s.runs.page
	if texts := uitest.Texts(page); !uitest.Contains(texts, "调研") || !uitest.ContainsText(texts, "CUP-01") {
		t.Fatalf("run detail: %v", texts)
	}
	// Open the second step (核算).
	opens := findAll[*widgets.TipButton](page, func(b *widgets.TipButton) bool { return b.Tip == e.T("sop.run.open_step") })
	if len(opens) != 2 {
		t.Fatalf("%d step buttons", len(opens))
	}
	test.Tap(opens[1])
	e.Settle()
	dlg := uitest.TopDialog(t, e.Window())
	status := uitest.Find(t, dlg, "status", func(s *widget.Select) bool { return s.Selected == e.T("sop.status.todo") })
	status.SetSelected(e.T("sop.status.done"))
	test.Tap(uitest.FindButton(t, dlg, e.T("action.save")))
	e.Settle()
	if !uitest.Contains(uitest.Texts(dlg), e.T("sop.record.required_to_finish")) {
		t.Fatalf("no problem beside the required price: %v", uitest.Texts(dlg))
	}
	if st := steps(t, e, o.run.ID); st[1].Status != app.StepTodo {
		t.Fatalf("finished without its value: %+v", st[1])
	}
	// Hand it to 李娜 with a note, not finished yet.
	status.SetSelected(e.T("sop.status.doing"))
	owner := uitest.Find(t, dlg, "owner", func(s *widget.Select) bool { return s.Selected == "王芳" })
	owner.SetSelected("李娜")
	test.Type(uitest.FindEntry(t, dlg, e.T("sop.step.handoff_placeholder")), "她更熟悉工厂")
	test.Tap(uitest.FindButton(t, dlg, e.T("action.save")))
	e.Settle()
	st := steps(t, e, o.run.ID)
	if st[1].OwnerID != o.na.ID || st[1].Status != app.StepDoing {
		t.Fatalf("after the hand-off: %+v", st[1])
	}
	hs, _ := e.Store().HandOffs(context.Background(), o.run.ID)
	if len(hs) != 1 || hs[0].Note != "她更熟悉工厂" {
		t.Fatalf("hand-offs %+v", hs)
	}
	if texts := uitest.Texts(page); !uitest.ContainsText(texts, "她更熟悉工厂") || !uitest.Contains(texts, "李娜") {
		t.Errorf("the run does not show the hand-off: %v", texts)
	}
	// Finish it with the price.
	test.Tap(findAll[*widgets.TipButton](page, func(b *widgets.TipButton) bool { return b.Tip == e.T("sop.run.open_step") })[1])
	e.Settle()
	dlg = uitest.TopDialog(t, e.Window())
	test.Type(recordEntry(t, dlg), "19.9")
	test.Tap(uitest.FindButton(t, dlg, e.T("sop.step.save_done")))
	e.Settle()
	if st := steps(t, e, o.run.ID); st[1].Status != app.StepDone {
		t.Fatalf("not finished: %+v", st[1])
	}
	// 调研 is still open: 1 of 2 done.
	bar := uitest.Find(t, page, "progress bar", func(*widget.ProgressBar) bool { return true })
	if bar.Value != 0.5 {
		t.Errorf("progress after finishing: %v", bar.Value)
	}
}

// TestStartRunNeedsOwners: a step left without an owner is marked beside
// it and nothing starts; a title is required.
func TestStartRunNeedsOwners(t *testing.T) {
	e, o := newOffice(t, ui.LangEnglish)
	s := New(e)
	e.Show(s)
	test.Tap(uitest.FindButton(t, s.root, e.T("sop.runs.start")))
	e.Settle()
	dlg := uitest.TopDialog(t, e.Window())
	test.Tap(uitest.FindButton(t, dlg, e.T("sop.start.save")))
	e.Settle()
	if !uitest.Contains(uitest.Texts(dlg), e.T("error.field.required", "Field", e.T("field.sop_run.title"))) {
		t.Fatalf("no title problem: %v", uitest.Texts(dlg))
	}
	title := uitest.Find(t, dlg, "title", func(en *widget.Entry) bool { return en.PlaceHolder == "" && en.Text == "" && !en.MultiLine })
	test.Type(title, "水壶")
	// The second step's owner is cleared.
	owners := findAll[*widget.Select](dlg, func(s *widget.Select) bool { return s.Selected == "王芳" })
	owners[len(owners)-1].ClearSelected()
	test.Tap(uitest.FindButton(t, dlg, e.T("sop.start.save")))
	e.Settle()
	if !uitest.Contains(uitest.Texts(dlg), e.T("error.field.required", "Field", e.T("field.sop_step.owner"))) {
		t.Fatalf("no owner problem beside the step: %v", uitest.Texts(dlg))
	}
	if _, n, _ := e.Store().ListRuns(context.Background(), today(), app.ListQuery{}); n != 1 {
		t.Fatalf("%d runs after a refused start", n)
	}
	owners[len(owners)-1].SetSelected("李娜")
	test.Tap(uitest.FindButton(t, dlg, e.T("sop.start.save")))
	e.Settle()
	runs, n, _ := e.Store().ListRuns(context.Background(), today(), app.ListQuery{Sort: data.RunSortTitle})
	if n != 2 || runs[0].Title != "杯子" || runs[1].Title != "水壶" {
		t.Fatalf("runs %+v", runs)
	}
	_ = o
}

// TestTemplateEditor: a new template without a name or with a taken one
// is refused with the problem shown and nothing written; adding a step
// and a field and saving makes version 2 of an existing template.
func TestTemplateEditor(t *testing.T) {
	e, o := newOffice(t, ui.LangEnglish)
	s := New(e)
	e.Show(s)
	s.ShowTab(tabNames[tabTemplates])
	e.Settle()
	root := s.templates.root
	test.Tap(uitest.FindButton(t, root, e.T("sop.templates.new")))
	e.Settle()
	ed := s.templates.editor
	step := uitest.FindEntry(t, ed.root, e.T("sop.editor.step_title"))
	test.Type(step, "写标题")
	stage := uitest.FindEntry(t, ed.root, e.T("sop.editor.stage_title"))
	test.Type(stage, "产品资料")
	test.Tap(uitest.FindButton(t, ed.root, e.T("sop.editor.save")))
	e.Settle()
	if !strings.Contains(ed.msg.Text, e.T("error.field.required", "Field", e.T("field.sop_template.name"))) {
		t.Fatalf("no name problem: %q", ed.msg.Text)
	}
	test.Type(ed.name, "新品") // taken
	test.Tap(uitest.FindButton(t, ed.root, e.T("sop.editor.save")))
	e.Settle()
	if !strings.Contains(ed.msg.Text, e.T("error.field.duplicate", "Field", e.T("field.sop_template.name"))) {
		t.Fatalf("no duplicate problem: %q", ed.msg.Text)
	}
	if ts, _ := e.Store().Templates(context.Background(), true); len(ts) != 1 {
		t.Fatalf("%d templates after refused saves", len(ts))
	}
	if step.Text != "写标题" {
		t.Fatal("the editor lost the step typed")
	}
	uitest.Retype(ed.name, "上架")
	test.Tap(uitest.FindButton(t, ed.root, e.T("sop.editor.save")))
	e.Settle()
	ts, _ := e.Store().Templates(context.Background(), true)
	if len(ts) != 2 {
		t.Fatalf("templates %+v", ts)
	}

	// Edit the old one: a field added to its second step makes version 2.
	s.templates.pick(o.tpl)
	e.Settle()
	ed = s.templates.editor
	adds := findAll[*widget.Button](ed.root, func(b *widget.Button) bool { return b.Text == e.T("sop.editor.add_field") })
	test.Tap(adds[0])
	label := uitest.FindEntry(t, ed.root, e.T("sop.editor.field_label"))
	test.Type(label, "来源")
	test.Tap(uitest.FindButton(t, ed.root, e.T("sop.editor.save")))
	e.Settle()
	got, _ := e.Store().Template(context.Background(), o.tpl.ID)
	if got.Version != 2 || len(got.Body.Stages[0].Steps[0].Fields) != 1 || got.Body.Stages[0].Steps[0].Fields[0].Label != "来源" {
		t.Fatalf("after the edit: v%d %+v (message %q)", got.Version, got.Body, ed.msg.Text)
	}
	run, _ := e.Store().Run(context.Background(), o.run.ID, today())
	if run.Version != 1 {
		t.Errorf("the run moved to version %d", run.Version)
	}

	// Unsaved edits are not dropped without asking.
	test.Type(ed.name, " 改")
	s.templates.pick(ts[0])
	e.Settle()
	if s.templates.editor != ed || !strings.Contains(uitest.DialogText(t, e.Window()), e.T("unsaved.discard")) {
		t.Fatal("switching templates dropped unsaved edits without asking")
	}
	if got := s.UnsavedEdits(); len(got) != 1 || !strings.Contains(got[0], "新品") {
		t.Errorf("unsaved edits %v", got)
	}
	uitest.TapInDialog(t, e.Window(), e.T("unsaved.discard"))
	e.Settle()
	if s.templates.editor == ed {
		t.Error("leaving without saving kept the old editor")
	}
	if got, _ := e.Store().Template(context.Background(), o.tpl.ID); got.Name != "新品" {
		t.Errorf("the unsaved name was saved: %q", got.Name)
	}
}

// TestDynamicKeysTranslated: the keys the SOP screens build from domain
// values exist in both languages.
func TestDynamicKeysTranslated(t *testing.T) {
	var keys []string
	for _, s := range app.StepStatuses() {
		keys = append(keys, "sop.status."+string(s))
	}
	for _, s := range []app.EntryStatus{app.EntryTodo, app.EntryDone, app.EntrySkipped} {
		keys = append(keys, "sop.entry_status."+string(s))
	}
	for _, s := range app.RunStates() {
		keys = append(keys, "sop.state."+string(s))
	}
	for _, f := range app.FieldTypes() {
		keys = append(keys, "sop.field_type."+string(f))
	}
	for _, k := range []app.ScheduleKind{app.ScheduleWorkdays, app.ScheduleWeekdays, app.ScheduleWeekly, app.ScheduleMonthly} {
		keys = append(keys, "sop.schedule.kind."+string(k))
	}
	for _, a := range []string{app.ActionCreate, app.ActionUpdate, app.ActionDelete} {
		keys = append(keys, "sop.history.line."+a)
	}
	for _, c := range []string{app.CodeBeforeStart, app.CodeNotNumber, app.CodeNotDate} {
		keys = append(keys, "error.field."+c)
	}
	// Field problems name their field.
	for _, f := range []string{"sop_template.name", "sop_stage.title", "sop_step.title", "sop_step.owner", "sop_step.due", "sop_step.reason",
		"sop_step.days", "sop_step.role", "sop_field.label", "sop_field.choices", "sop_field.currency", "sop_run.title", "sop_run.start",
		"sop_run.template", "sop_run.owner", "review.metric", "review.action", "review.owner", "review.follow_up", "review.result",
		"checklist_item.title", "checklist_item.owner", "checklist_entry.reason", "schedule.weekdays", "schedule.month_day"} {
		keys = append(keys, "field."+f)
	}
	for _, lang := range []string{ui.LangEnglish, ui.LangChinese} {
		tr := ui.NewTranslator(lang)
		for _, k := range keys {
			if !tr.Has(k) {
				t.Errorf("%s lacks %s", lang, k)
			}
		}
	}
}

// findAll lists the visible objects of type T under o that match.
func findAll[T fyne.CanvasObject](o fyne.CanvasObject, match func(T) bool) []T {
	var out []T
	uitest.Walk(o, func(x fyne.CanvasObject) bool {
		if w, ok := x.(T); ok && match(w) {
			out = append(out, w)
			return false
		}
		return true
	})
	return out
}

// TestStartLoadsBuiltins: a real database whose user has a profile gets
// the built-in templates in the language of the window, once, and
// today's checklist entries; before the first-start questions are
// answered it gets nothing.
func TestStartLoadsBuiltins(t *testing.T) {
	e := uitest.NewEnv(t, ui.LangChinese, nil)
	Start(e, func(err error) { t.Error(err) }, nil)
	e.Settle()
	if ts, _ := e.Store().Templates(context.Background(), true); len(ts) != 0 {
		t.Fatalf("built-ins before the profile: %d", len(ts))
	}
	uitest.WithMe("王芳", app.RoleOperations)(e.Store())
	LoadBuiltins(e, func(err error) { t.Error(err) })
	e.Settle()
	ts, _ := e.Store().Templates(context.Background(), true)
	if len(ts) != 6 {
		t.Fatalf("%d built-in templates", len(ts))
	}
	names := map[string]bool{}
	for _, tp := range ts {
		names[tp.Name] = true
	}
	if !names["产品全流程"] || !names["新品上架"] {
		t.Errorf("not the Chinese built-ins: %v", names)
	}
	items, _ := e.Store().ChecklistItems(context.Background(), false)
	if len(items) != 9 || items[0].OwnerID != "" {
		t.Errorf("checklist items %d, first owned by %q", len(items), items[0].OwnerID)
	}
	// Once: a deleted built-in does not come back on the next start.
	if _, err := e.Store().DeleteTemplate(context.Background(), ts[0].ID); err != nil {
		t.Fatal(err)
	}
	LoadBuiltins(e, func(err error) { t.Error(err) })
	e.Settle()
	if ts, _ := e.Store().Templates(context.Background(), true); len(ts) != 5 {
		t.Errorf("%d templates after a second start", len(ts))
	}
}

// TestChecklistItemForm: a monthly item on day 40 is refused beside the
// day and nothing is written; on day 31 it saves, with its owner.
func TestChecklistItemForm(t *testing.T) {
	e, o := newOffice(t, ui.LangEnglish)
	s := New(e)
	e.Show(s)
	s.ShowTab(tabNames[tabChecklists])
	e.Settle()
	test.Tap(uitest.FindButton(t, s.checklists.root, e.T("sop.checklists.new")))
	e.Settle()
	dlg := uitest.TopDialog(t, e.Window())
	entries := uitest.Entries(dlg)
	test.Type(entries[0], "Settlement check") // the title comes first
	kind := uitest.Find(t, dlg, "schedule", func(s *widget.Select) bool { return s.Selected == e.T("sop.schedule.kind.workdays") })
	kind.SetSelected(e.T("sop.schedule.kind.monthly"))
	owner := uitest.Find(t, dlg, "owner", func(s *widget.Select) bool { return s.Selected == e.T("sop.checklists.no_owner") })
	owner.SetSelected("李娜")
	var monthDay *widget.Entry
	for _, en := range uitest.Entries(dlg) {
		if en.Visible() && en.Text == "" && !en.MultiLine && en.PlaceHolder == "" {
			monthDay = en
		}
	}
	test.Type(monthDay, "40")
	test.Tap(uitest.FindButton(t, dlg, e.T("action.save")))
	e.Settle()
	want := e.T("error.field.out_of_range", "Field", e.T("field.schedule.month_day"), "Limit", 31)
	if !uitest.Contains(uitest.Texts(dlg), want) {
		t.Fatalf("no problem beside the day: %v", uitest.Texts(dlg))
	}
	if items, _ := e.Store().ChecklistItems(context.Background(), true); len(items) != 0 {
		t.Fatalf("a refused item was saved: %+v", items)
	}
	uitest.Retype(monthDay, "31")
	test.Tap(uitest.FindButton(t, dlg, e.T("action.save")))
	e.Settle()
	items, _ := e.Store().ChecklistItems(context.Background(), true)
	if len(items) != 1 || items[0].Schedule.MonthDay != 31 || items[0].OwnerID != o.na.ID || items[0].Title != "Settlement check" {
		t.Fatalf("items %+v", items)
	}
}
