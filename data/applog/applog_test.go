package applog

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRotation(t *testing.T) {
	dir := t.TempDir()
	l, err := Open(filepath.Join(dir, "logs", FileName), Options{MaxSize: 100, Keep: 3})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	line := strings.Repeat("x", 39) + "\n" // 40 bytes: two fit in a 100-byte file, a third does not
	for i := 0; i < 9; i++ {
		if _, err := l.Write([]byte(line)); err != nil {
			t.Fatal(err)
		}
	}
	files := l.Files()
	if len(files) != 3 {
		t.Fatalf("files = %v, want the current one and two older", files)
	}
	for _, f := range files {
		st, err := os.Stat(f)
		if err != nil {
			t.Fatal(err)
		}
		if st.Size() > 100 {
			t.Errorf("%s has %d bytes, more than the 100 allowed", f, st.Size())
		}
	}
	// 9 lines, 2 per file: the current file has the 9th, .1 the 7th and
	// 8th, .2 the 5th and 6th; the 1st to 4th were dropped.
	if b, _ := os.ReadFile(files[0]); len(b) != 40 {
		t.Errorf("current file has %d bytes, want 40", len(b))
	}
	if _, err := os.Stat(filepath.Join(dir, "logs", "opsbench.3.log")); err == nil {
		t.Error("a fourth file was kept")
	}
}

// The log goes to support: a passphrase must never appear in it, whatever
// writes it (structured events, Fyne's own log lines, wrapped errors).
func TestSecretsNeverWritten(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	l, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	const pass = "办公室 passphrase 2026"
	l.AddSecret(pass)
	l.AddSecret("ab") // too short to redact safely: ignored
	log := New(l)
	log.Error("sync round failed", "err", "decrypt with "+pass+": wrong", "bundle", "0192-abc")
	if _, err := l.Write([]byte("Fyne error: " + pass + "\n")); err != nil {
		t.Fatal(err)
	}
	l.Close()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	if strings.Contains(text, pass) || strings.Contains(text, "2026\"") {
		t.Fatalf("the passphrase is in the log:\n%s", text)
	}
	if strings.Count(text, "[redacted]") != 2 || !strings.Contains(text, "bundle=0192-abc") || !strings.Contains(text, "level=ERROR") {
		t.Errorf("log = %s", text)
	}
	if _, err := l.Write([]byte("after close\n")); err == nil {
		t.Error("a write after Close succeeded")
	}
}

func TestPaths(t *testing.T) {
	db := filepath.Join("C:", "Users", "张三", "运营 数据", "opsbench.db")
	if got, want := PathFor(db), filepath.Join("C:", "Users", "张三", "运营 数据", "logs", "opsbench.log"); got != want {
		t.Errorf("PathFor = %q, want %q", got, want)
	}
}
