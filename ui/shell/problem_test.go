package shell

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/ui"
	"github.com/opsbench/opsbench/ui/uitest"
)

func TestSecondInstanceIsRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "opsbench.db")
	s, err := data.Open(context.Background(), path, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	u := startOn(t, path)
	shown := uitest.Texts(u.Window().Content())
	if !uitest.Contains(shown, u.T("problem.locked.title")) || u.Store() != nil || !u.Failed() {
		t.Fatalf("a second instance did not say it is already open: %v", shown)
	}
}

func TestForeignFileIsRefusedUnchanged(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.txt")
	content := []byte(strings.Repeat("my notes, not a database\n", 200))
	os.WriteFile(path, content, 0o644)
	u := startOn(t, path)
	shown := uitest.Texts(u.Window().Content())
	if !uitest.Contains(shown, u.T("problem.damaged.title")) {
		t.Fatalf("no explanation for a foreign file: %v", shown)
	}
	if !uitest.Contains(shown, u.T("problem.damaged.no_backup")) {
		t.Fatalf("no advice when there is no backup: %v", shown)
	}
	if b, _ := os.ReadFile(path); string(b) != string(content) {
		t.Fatal("the file was changed")
	}
}

func TestDamagedDatabaseOffersLatestBackup(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "opsbench.db")
	s, err := data.Open(ctx, path, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p, _ := s.CreatePerson(ctx, app.Person{Name: "王芳", Role: app.RoleService, Active: true})
	s.SetMe(ctx, p.ID)
	if _, err := s.AutoBackup(ctx, data.BackupDaily); err != nil {
		t.Fatal(err)
	}
	s.Close()
	// Damage the header: the file no longer opens at all.
	f, _ := os.OpenFile(path, os.O_RDWR, 0)
	f.WriteAt([]byte("this header is broken!!!"), 0)
	f.Close()
	damaged, _ := os.ReadFile(path)

	u := startOn(t, path)
	content := u.Window().Content()
	if !uitest.Contains(uitest.Texts(content), u.T("problem.damaged.title")) {
		t.Fatalf("no damage explanation: %v", uitest.Texts(content))
	}
	test.Tap(uitest.FindButton(t, content, u.T("problem.damaged.restore")))
	uitest.TapInDialog(t, u.Window(), u.T("backup.restore"))
	u.settle()
	if u.Store() == nil || u.shell == nil {
		t.Fatalf("not running after the restore: %v", uitest.Texts(u.Window().Content()))
	}
	me, err := u.Store().Me(ctx)
	if err != nil || me.Name != "王芳" {
		t.Fatalf("restored data: %+v %v", me, err)
	}
	// The damaged file was kept aside, byte for byte.
	matches, _ := filepath.Glob(filepath.Join(dir, "opsbench.damaged-*.db"))
	if len(matches) != 1 {
		t.Fatalf("damaged file not kept aside: %v", matches)
	}
	if b, _ := os.ReadFile(matches[0]); string(b) != string(damaged) {
		t.Fatal("the kept file differs from the damaged one")
	}
}

// Every start-up problem window, shown in Chinese on a machine whose
// only Chinese font is the bundled one, has a glyph for every character:
// title, message, buttons and the folded technical detail, opened.
func TestProblemWindowsRenderInChinese(t *testing.T) {
	t.Setenv("LC_ALL", "zh_CN.UTF-8")
	dir := t.TempDir()
	locked := filepath.Join(dir, "共享盘", "opsbench.db")
	os.MkdirAll(filepath.Dir(locked), 0o755)
	s, err := data.Open(context.Background(), locked, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	text := filepath.Join(dir, "笔记.txt")
	os.WriteFile(text, []byte(strings.Repeat("不是数据库\n", 300)), 0o644)

	cases := []struct {
		name, path, title string
		err               error // shown directly when there is no file to provoke it
	}{
		{"second copy", locked, "problem.locked.title", nil},
		{"text file", text, "problem.damaged.title", nil},
		{"newer", locked, "problem.newer.title", &app.SchemaError{Found: 9, Supported: 4}},
		{"foreign", locked, "problem.foreign.title", app.ErrForeignFile},
		{"read-only", locked, "problem.readonly.title", app.ErrReadOnly},
		{"disk full", locked, "problem.generic.title", app.ErrDiskFull},
		{"other", locked, "problem.generic.title", errors.New("open: input/output error")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			u := startOn(t, c.path)
			if c.err != nil {
				u.showOpenProblem(c.err)
			}
			if u.Translator().Lang() != ui.LangChinese {
				t.Fatalf("the problem window is in %s", u.Translator().Lang())
			}
			content := u.Window().Content()
			if !uitest.Contains(uitest.Texts(content), u.T(c.title)) {
				t.Fatalf("no %s: %v", c.title, uitest.Texts(content))
			}
			acc := uitest.Find(t, content, "technical detail", func(*widget.Accordion) bool { return true })
			acc.Open(0)
			if missing := uitest.MissingGlyphs(content); len(missing) > 0 {
				t.Fatalf("no glyph in the bundled font for %v", missing)
			}
		})
	}
}
