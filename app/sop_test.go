package app

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// twoStages is a small valid template body: 选品 (2 steps) then 出货 (1).
func twoStages() TemplateBody {
	return TemplateBody{Stages: []Stage{
		{Title: "选品", Steps: []Step{
			{Title: "市场调研", Role: RoleOperations, Days: 2},
			{Title: "利润核算", Role: RoleFinance, Days: 1, Fields: []FormField{
				{Key: "margin", Label: "毛利率", Type: FieldPercent, Required: true},
				{Label: "售价", Type: FieldMoney},
			}},
		}},
		{Key: "ship", Title: "出货", Steps: []Step{
			{Key: "freight", Title: "订舱", Role: RolePurchasing, Days: 30, Count: CountCalendarDays},
		}},
	}}
}

func TestTemplateNormalize(t *testing.T) {
	in := Template{Name: "  新品  ", Body: twoStages()}
	got := in.Normalize()
	if got.Name != "新品" {
		t.Errorf("name %q", got.Name)
	}
	// Missing keys are made up without clashing with the ones given.
	st := got.Body.Stages
	if st[0].Key != "stage1" || st[1].Key != "ship" {
		t.Errorf("stage keys %q %q", st[0].Key, st[1].Key)
	}
	if st[0].Steps[0].Key != "s1" || st[0].Steps[1].Key != "s2" || st[1].Steps[0].Key != "freight" {
		t.Errorf("step keys %q %q %q", st[0].Steps[0].Key, st[0].Steps[1].Key, st[1].Steps[0].Key)
	}
	f := st[0].Steps[1].Fields
	if f[0].Key != "margin" || f[1].Key != "f1" || f[1].Currency != "USD" {
		t.Errorf("fields %+v", f)
	}
	if st[0].Steps[0].Count != CountWorkdays || st[1].Steps[0].Count != CountCalendarDays {
		t.Errorf("counts %q %q", st[0].Steps[0].Count, st[1].Steps[0].Count)
	}
	// The input is not changed (the editor keeps what was typed).
	if in.Body.Stages[0].Key != "" || in.Body.Stages[0].Steps[1].Fields[1].Key != "" {
		t.Error("Normalize changed its input")
	}
	if err := got.Validate(); err != nil {
		t.Fatal(err)
	}
	if n := got.Body.StepCount(); n != 3 {
		t.Errorf("StepCount %d", n)
	}
	steps := got.Body.Steps()
	if steps[2].Position != 2 || steps[2].Stage.Title != "出货" || steps[2].StageIdx != 1 {
		t.Errorf("Steps()[2] %+v", steps[2])
	}
	if s, ok := got.Body.Step("freight"); !ok || s.Step.Days != 30 {
		t.Errorf("Step(freight) %+v %v", s, ok)
	}
}

func TestTemplateValidate(t *testing.T) {
	type where struct{ stage, step, field int }
	cases := []struct {
		name   string
		edit   func(*Template)
		entity string
		field  string
		code   string
		at     *where
	}{
		{"empty name", func(t *Template) { t.Name = " " }, "sop_template", "name", CodeRequired, nil},
		{"long name", func(t *Template) { t.Name = strings.Repeat("名", MaxTitleLen+1) }, "sop_template", "name", CodeTooLong, nil},
		{"no steps", func(t *Template) { t.Body.Stages = []Stage{{Title: "空"}} }, "sop_template", "steps", CodeRequired, nil},
		{"untitled stage", func(t *Template) { t.Body.Stages[1].Title = "" }, "sop_stage", "title", CodeRequired, &where{1, -1, -1}},
		{"untitled step", func(t *Template) { t.Body.Stages[0].Steps[1].Title = "" }, "sop_step", "title", CodeRequired, &where{0, 1, -1}},
		{"duplicate step key", func(t *Template) { t.Body.Stages[1].Steps[0].Key = "s1" }, "sop_step", "key", CodeDuplicate, &where{1, 0, -1}},
		{"space in key", func(t *Template) { t.Body.Stages[1].Steps[0].Key = "a b" }, "sop_step", "key", CodeBadChoice, &where{1, 0, -1}},
		{"negative days", func(t *Template) { t.Body.Stages[0].Steps[0].Days = -1 }, "sop_step", "days", CodeOutOfRange, &where{0, 0, -1}},
		{"days over a year", func(t *Template) { t.Body.Stages[0].Steps[0].Days = 366 }, "sop_step", "days", CodeOutOfRange, &where{0, 0, -1}},
		{"unknown role", func(t *Template) { t.Body.Stages[0].Steps[0].Role = "boss" }, "sop_step", "role", CodeBadChoice, &where{0, 0, -1}},
		{"unknown count", func(t *Template) { t.Body.Stages[0].Steps[0].Count = "weeks" }, "sop_step", "count", CodeBadChoice, &where{0, 0, -1}},
		{"field without label", func(t *Template) { t.Body.Stages[0].Steps[1].Fields[1].Label = "" }, "sop_field", "label", CodeRequired, &where{0, 1, 1}},
		{"unknown field type", func(t *Template) { t.Body.Stages[0].Steps[1].Fields[0].Type = "colour" }, "sop_field", "type", CodeBadChoice, &where{0, 1, 0}},
		{"choice without choices", func(t *Template) { t.Body.Stages[0].Steps[1].Fields[0].Type = FieldChoice }, "sop_field", "choices", CodeRequired, &where{0, 1, 0}},
		{"duplicate field key", func(t *Template) { t.Body.Stages[0].Steps[1].Fields[1].Key = "margin" }, "sop_field", "key", CodeDuplicate, &where{0, 1, 1}},
		{"bad currency", func(t *Template) { t.Body.Stages[0].Steps[1].Fields[1].Currency = "dollars" }, "sop_field", "currency", CodeBadChoice, &where{0, 1, 1}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tpl := Template{Name: "新品", Body: twoStages()}.Normalize()
			tc.edit(&tpl)
			tpl = tpl.Normalize()
			err := tpl.Validate()
			var fe *FieldError
			if !errors.As(err, &fe) || fe.Entity != tc.entity || fe.Field != tc.field || fe.Code != tc.code {
				t.Fatalf("got %v, want %s %s %s", err, tc.entity, tc.field, tc.code)
			}
			if !errors.Is(err, ErrInvalidInput) {
				t.Error("not ErrInvalidInput")
			}
			var ref *StepRef
			if tc.at == nil {
				if errors.As(err, &ref) && (ref.Stage >= 0 || ref.Step >= 0) {
					t.Errorf("located at %+v", ref)
				}
				return
			}
			if !errors.As(err, &ref) || ref.Stage != tc.at.stage || ref.Step != tc.at.step || ref.Field != tc.at.field {
				t.Errorf("located at %+v, want %+v", ref, *tc.at)
			}
		})
	}
}

func TestPlanRun(t *testing.T) {
	cal := MustDefaultCalendar()
	body := Template{Name: "x", Body: twoStages()}.Normalize().Body
	v := TemplateVersion{ID: "v1", Number: 1, Body: body}
	owners := map[Role]string{RoleOperations: "ops", RoleFinance: "fin"}
	// Friday 2024-03-01: market research (2 workdays) takes Friday and
	// Monday, due Mon 03-04; the profit check (1) Tuesday 03-05; freight
	// (30 calendar days) runs Wed 03-06 .. Thu 04-04.
	p := PlanRun(cal, "t1", v, d(t, "2024-03-01"), func(r Role) string { return owners[r] })
	want := []string{"2024-03-04", "2024-03-05", "2024-04-04"}
	for i, s := range p.Steps {
		if s.Due.String() != want[i] {
			t.Errorf("step %d due %s, want %s", i, s.Due, want[i])
		}
	}
	if p.Steps[0].OwnerID != "ops" || p.Steps[1].OwnerID != "fin" || p.Steps[2].OwnerID != "" {
		t.Errorf("owners %q %q %q", p.Steps[0].OwnerID, p.Steps[1].OwnerID, p.Steps[2].OwnerID)
	}
	p.Title = "杯子 · MUG-01"
	// The freight step has nobody of its role: the plan is refused there.
	err := p.Normalize().Validate()
	var ref *StepRef
	if !errors.As(err, &ref) || ref.Stage != 1 || ref.Step != 0 || ref.Err.Field != "owner" || ref.Err.Code != CodeRequired {
		t.Fatalf("missing owner: %v", err)
	}
	p.Steps[2].OwnerID = "buyer"
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	// A due date typed before the start.
	p.Steps[1].Due = d(t, "2024-02-28")
	if err := p.Validate(); !errors.As(err, &ref) || ref.Err.Code != CodeBeforeStart || ref.Step != 1 {
		t.Fatalf("due before start: %v", err)
	}
	// Moving the start recomputes every due date and keeps the owners:
	// from Monday 03-04, research is due Tue 03-05, the profit check
	// Wed 03-06, freight Thu 03-07 + 29 = 04-05.
	q := p.Redate(cal, d(t, "2024-03-04"))
	want = []string{"2024-03-05", "2024-03-06", "2024-04-05"}
	for i, s := range q.Steps {
		if s.Due.String() != want[i] {
			t.Errorf("redated step %d due %s, want %s", i, s.Due, want[i])
		}
	}
	if q.Steps[2].OwnerID != "buyer" || p.Steps[1].Due.String() != "2024-02-28" {
		t.Error("Redate lost an owner or changed its input")
	}
	for _, tc := range []struct {
		edit  func(*RunPlan)
		field string
	}{
		{func(p *RunPlan) { p.Title = "" }, "title"},
		{func(p *RunPlan) { p.Start = 0 }, "start"},
		{func(p *RunPlan) { p.TemplateID = "" }, "template"},
		{func(p *RunPlan) { p.SKU = strings.Repeat("x", MaxTitleLen+1) }, "sku"},
	} {
		r := q
		tc.edit(&r)
		var fe *FieldError
		if err := r.Validate(); !errors.As(err, &fe) || fe.Field != tc.field {
			t.Errorf("%s: %v", tc.field, err)
		}
	}
}

func TestApplyStepChange(t *testing.T) {
	start := d(t, "2024-03-01")
	s := RunStep{ID: "x", Status: StepTodo, OwnerID: "a", Due: d(t, "2024-03-05")}
	note := " 等供应商报价 "
	cases := []struct {
		name  string
		from  RunStep
		c     StepChange
		want  func(RunStep) bool
		field string // expected error field, "" for none
	}{
		{"doing", s, StepChange{Status: StepDoing}, func(r RunStep) bool { return r.Status == StepDoing && r.Reason == "" }, ""},
		{"blocked without reason", s, StepChange{Status: StepBlocked}, nil, "reason"},
		{"blocked with reason", s, StepChange{Status: StepBlocked, Reason: " 缺样品 "}, func(r RunStep) bool { return r.Reason == "缺样品" }, ""},
		{"skipped without reason", s, StepChange{Status: StepSkipped, Reason: "  "}, nil, "reason"},
		{"done clears the reason", RunStep{Status: StepBlocked, Reason: "x"}, StepChange{Status: StepDone}, func(r RunStep) bool { return r.Reason == "" }, ""},
		{"owner only keeps a blocked reason", RunStep{Status: StepBlocked, Reason: "x", OwnerID: "a"}, StepChange{OwnerID: "b"},
			func(r RunStep) bool { return r.Reason == "x" && r.OwnerID == "b" && r.Status == StepBlocked }, ""},
		{"unknown status", s, StepChange{Status: "paused"}, nil, "status"},
		{"due before start", s, StepChange{Due: d(t, "2024-02-29")}, nil, "due"},
		{"due moved", s, StepChange{Due: d(t, "2024-03-08")}, func(r RunStep) bool { return r.Due.String() == "2024-03-08" }, ""},
		{"note", s, StepChange{Note: &note}, func(r RunStep) bool { return r.Note == "等供应商报价" }, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ApplyStepChange(tc.from, start, tc.c)
			if tc.field != "" {
				var fe *FieldError
				if !errors.As(err, &fe) || fe.Field != tc.field {
					t.Fatalf("got %v, want a problem with %s", err, tc.field)
				}
				return
			}
			if err != nil || !tc.want(got) {
				t.Fatalf("got %+v, %v", got, err)
			}
		})
	}
}

func TestRunProgressAndStatuses(t *testing.T) {
	if (Run{}).Progress() != 0 || (Run{StepsDone: 3, StepsTotal: 4}).Progress() != 0.75 {
		t.Error("Progress")
	}
	for _, s := range StepStatuses() {
		if !s.Valid() {
			t.Errorf("%s not valid", s)
		}
	}
	if !StepBlocked.Open() || StepDone.Open() || StepSkipped.Open() || !StepSkipped.NeedsReason() || StepDoing.NeedsReason() {
		t.Error("Open / NeedsReason")
	}
	if OverdueDays(d(t, "2024-03-01"), d(t, "2024-03-04")) != 3 || OverdueDays(d(t, "2024-03-04"), d(t, "2024-03-01")) != 0 || OverdueDays(0, d(t, "2024-03-01")) != 0 {
		t.Error("OverdueDays")
	}
}

func TestChecklistItemValidate(t *testing.T) {
	ok := ChecklistItem{Title: " 关键词排名 ", Schedule: Schedule{Kind: ScheduleWorkdays},
		Fields: []FormField{{Label: "关键词", Type: FieldText, Required: true}, {Label: "排名", Type: FieldNumber}}}.Normalize()
	if err := ok.Validate(); err != nil || ok.Title != "关键词排名" || ok.Fields[1].Key != "f2" {
		t.Fatalf("%+v %v", ok, err)
	}
	if ok.Weekly() {
		t.Error("workdays is daily")
	}
	if !(ChecklistItem{Schedule: Schedule{Kind: ScheduleWeekly, Weekday: time.Monday}}).Weekly() {
		t.Error("weekly is weekly")
	}
	bad := ok
	bad.Title = ""
	var fe *FieldError
	if err := bad.Validate(); !errors.As(err, &fe) || fe.Field != "title" {
		t.Errorf("no title: %v", err)
	}
	bad = ok
	bad.Schedule = Schedule{Kind: ScheduleMonthly, MonthDay: 32}
	if err := bad.Validate(); !errors.As(err, &fe) || fe.Entity != "schedule" || fe.Field != "month_day" {
		t.Errorf("month day 32: %v", err)
	}
	bad = ok
	bad.Fields = []FormField{{Key: "a", Label: "A", Type: FieldText}, {Key: "a", Label: "B", Type: FieldText}}
	var at *FieldAt
	if err := bad.Validate(); !errors.As(err, &at) || at.Index != 1 || at.Err.Code != CodeDuplicate {
		t.Errorf("duplicate key: %v", err)
	}
}

func TestReviewValidate(t *testing.T) {
	today := d(t, "2024-03-07") // a Thursday
	r := NewReview(today)
	if r.Week.String() != "2024-03-04" || r.FollowUp.String() != "2024-03-14" {
		t.Fatalf("week %s follow-up %s", r.Week, r.FollowUp)
	}
	if WeekOf(d(t, "2024-03-10")).String() != "2024-03-04" || WeekOf(d(t, "2024-03-04")).String() != "2024-03-04" {
		t.Error("WeekOf Sunday / Monday")
	}
	r.Metric, r.Change, r.Diagnosis, r.Action, r.OwnerID = " CVR ", "12% → 9%", "主图被跟卖改了", "投诉跟卖，换回主图", "p1"
	r = r.Normalize()
	if err := r.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		edit        func(*Review)
		field, code string
	}{
		{func(r *Review) { r.Metric = "" }, "metric", CodeRequired},
		{func(r *Review) { r.Action = "" }, "action", CodeRequired},
		{func(r *Review) { r.OwnerID = "" }, "owner", CodeRequired},
		{func(r *Review) { r.FollowUp = d(t, "2024-03-01") }, "follow_up", CodeBeforeStart},
		{func(r *Review) { r.Closed = true }, "result", CodeRequired},
	} {
		x := r
		tc.edit(&x)
		var fe *FieldError
		if err := x.Validate(); !errors.As(err, &fe) || fe.Field != tc.field || fe.Code != tc.code {
			t.Errorf("%s: %v", tc.field, err)
		}
	}
}

func TestFieldErrorMessages(t *testing.T) {
	for code, want := range map[string]string{
		CodeBeforeStart: "step due is before the start date",
		CodeNotNumber:   "step due is not a number",
		CodeNotDate:     "step due is not a date of the form YYYY-MM-DD",
	} {
		if got := (&FieldError{Entity: "step", Field: "due", Code: code}).Error(); got != want {
			t.Errorf("%s: %q", code, got)
		}
	}
}
