package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/unicode"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
)

// sopDB makes a database with 王芳 and 李娜, a run started Friday
// 2024-03-01 (research due Mon 03-04 for 王芳, freight due Wed 03-06 for
// 李娜) and a daily checklist item of 王芳's.
func sopDB(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "office.db")
	s, err := data.Open(ctx, path, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	fang, _ := s.CreatePerson(ctx, app.Person{Name: "王芳", Role: app.RoleOperations, Active: true})
	na, _ := s.CreatePerson(ctx, app.Person{Name: "李娜", Role: app.RolePurchasing, Active: true})
	tpl, err := s.CreateTemplate(ctx, app.Template{Name: "新品", Body: app.TemplateBody{Stages: []app.Stage{
		{Title: "选品", Steps: []app.Step{{Key: "research", Title: "市场调研", Role: app.RoleOperations, Days: 2}}},
		{Title: "出货", Steps: []app.Step{{Key: "freight", Title: "订舱", Role: app.RolePurchasing, Days: 2,
			Fields: []app.FormField{{Key: "cost", Label: "运费", Type: app.FieldMoney, Currency: "CNY", Required: true}}}}},
	}}})
	if err != nil {
		t.Fatal(err)
	}
	v, _ := s.TemplateVersion(ctx, tpl.VersionID)
	start, _ := app.ParseDate("2024-03-01")
	p := app.PlanRun(app.MustDefaultCalendar(), tpl.ID, v, start, func(r app.Role) string {
		if r == app.RolePurchasing {
			return na.ID
		}
		return fang.ID
	})
	p.Title, p.SKU = "杯子", "MUG-1"
	if _, err := s.StartRun(ctx, p); err != nil {
		t.Fatal(err)
	}
	monday, _ := app.ParseDate("2024-03-04")
	if _, err := s.SaveChecklistItem(ctx, app.ChecklistItem{Title: "订单统计", OwnerID: fang.ID,
		Schedule: app.Schedule{Kind: app.ScheduleWorkdays}}, monday); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestTodayJSON(t *testing.T) {
	path := sopDB(t)
	code, out, errOut := cli(t, "--db", path, "today", "--json", "--date", "2024-03-06")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got todayOutput
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	// Wednesday: research 2 days overdue; freight and the checklist
	// entry due today.
	if got.Date != "2024-03-06" || got.Person != nil || got.Generated != 1 || len(got.Items) != 3 || got.Overdue != 1 {
		t.Fatalf("%+v", got)
	}
	first := got.Items[0]
	if first.Kind != "step" || first.Title != "市场调研" || first.Owner != "王芳" || first.Due != "2024-03-04" ||
		first.OverdueDays != 2 || first.Run != "杯子" || first.SKU != "MUG-1" || first.Stage != "选品" || first.Status != "todo" {
		t.Errorf("first item %+v", first)
	}
	// Due today: steps before checklist entries.
	if got.Items[1].Kind != "step" || got.Items[1].Title != "订舱" || !got.Items[1].HasForm || got.Items[1].OverdueDays != 0 {
		t.Errorf("second item %+v", got.Items[1])
	}
	// The item started Monday; a first run generates today only.
	if got.Items[2].Kind != "checklist" || got.Items[2].Due != "2024-03-06" || got.Items[2].Owner != "王芳" {
		t.Errorf("checklist item %+v", got.Items[2])
	}
	// Run again: nothing generated, the same list.
	_, again, _ := cli(t, "--db", path, "today", "--json", "--date", "2024-03-06")
	var second todayOutput
	_ = json.Unmarshal([]byte(again), &second)
	if second.Generated != 0 || len(second.Items) != 3 {
		t.Errorf("second run %+v", second)
	}

	code, out, _ = cli(t, "--db", path, "today", "--json", "--person", "李娜", "--date", "2024-03-06")
	var hers todayOutput
	if err := json.Unmarshal([]byte(out), &hers); err != nil || code != 0 {
		t.Fatal(code, err, out)
	}
	if hers.Person == nil || *hers.Person != "李娜" || len(hers.Items) != 1 || hers.Items[0].Title != "订舱" {
		t.Errorf("李娜's list %+v", hers)
	}

	code, _, errOut = cli(t, "--db", path, "today", "--person", "王五")
	if code != exitFail || !strings.Contains(errOut, `nobody is called "王五"`) || !strings.Contains(errOut, "李娜") {
		t.Errorf("unknown person: %d %q", code, errOut)
	}
	if code, _, _ := cli(t, "--db", path, "today", "--date", "next monday"); code != exitUsage {
		t.Errorf("bad date: exit %d", code)
	}

	// Text for people.
	code, out, _ = cli(t, "--db", path, "today", "--date", "2024-03-06")
	if code != 0 || !strings.Contains(out, "Due on 2024-03-06 for everyone: 3 item(s), 1 overdue") || !strings.Contains(out, "2 days overdue") {
		t.Errorf("text: %s", out)
	}
}

// TestTodayWhileTheAppIsOpen: with the database held by the app, the list
// is read without generating and says so on stderr.
func TestTodayWhileTheAppIsOpen(t *testing.T) {
	path := sopDB(t)
	held, err := data.Open(context.Background(), path, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	code, out, errOut := cli(t, "--db", path, "today", "--json", "--date", "2024-03-06")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got todayOutput
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err, out)
	}
	if got.Generated != 0 || len(got.Items) != 2 || !strings.Contains(errOut, "without generating") {
		t.Errorf("%+v %q", got, errOut)
	}
}

func TestSOPExportImport(t *testing.T) {
	path := sopDB(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "sop.toml")
	code, out, errOut := cli(t, "--db", path, "sop", "export", file)
	if code != 0 || !strings.Contains(out, "1 template(s) and 1 checklist item(s)") {
		t.Fatalf("export: %d %s %s", code, out, errOut)
	}
	b, err := os.ReadFile(file)
	if err != nil || !strings.Contains(string(b), `name = '新品'`) && !strings.Contains(string(b), `name = "新品"`) {
		t.Fatalf("%v\n%s", err, b)
	}
	// Into the same database: the name is taken, nothing is imported.
	code, _, errOut = cli(t, "--db", path, "sop", "import", file)
	if code != exitFail || !strings.Contains(errOut, `template 1 "新品"`) || !strings.Contains(errOut, "nothing was imported") {
		t.Errorf("import of a taken name: %d %q", code, errOut)
	}
	// Saved by Notepad as "Unicode" (UTF-16 with CRLF) into a new
	// database: all of it, the owner found by name.
	crlf := strings.ReplaceAll(string(b), "\n", "\r\n")
	u16, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(crlf))
	u16file := filepath.Join(dir, "notepad.toml")
	if err := os.WriteFile(u16file, u16, 0o644); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(dir, "other.db")
	s, err := data.Open(context.Background(), other, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, _ = s.CreatePerson(context.Background(), app.Person{Name: "王芳", Role: app.RoleOperations, Active: true})
	s.Close()
	code, out, errOut = cli(t, "--db", other, "sop", "import", u16file)
	if code != 0 || !strings.Contains(out, `template "新品": 2 stage(s), 2 step(s)`) || !strings.Contains(out, "owner found") {
		t.Errorf("import: %d %s %s", code, out, errOut)
	}
	// A broken file names the line.
	bad := filepath.Join(dir, "bad.toml")
	_ = os.WriteFile(bad, []byte("format = \"opsbench-sop\"\n[[template]]\nname = \"x\"\ndays = \n"), 0o644)
	code, _, errOut = cli(t, "--db", other, "sop", "import", bad)
	if code != exitFail || !strings.Contains(errOut, "line 4") {
		t.Errorf("broken file: %d %q", code, errOut)
	}
	if code, _, _ := cli(t, "--db", other, "sop", "export", filepath.Join(dir, "x.toml"), "--template", "无此模板"); code != exitFail {
		t.Errorf("unknown template: exit %d", code)
	}
	if code, _, _ := cli(t, "--db", other, "sop", "import"); code != exitUsage {
		t.Errorf("no file: exit %d", code)
	}
}
