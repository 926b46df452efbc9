package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pelletier/go-toml/v2"

	"github.com/opsbench/opsbench/data"
)

// cli runs the command line and returns the exit code and outputs.
func cli(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, &out, &errOut, time.Now())
	return code, out.String(), errOut.String()
}

func TestVersion(t *testing.T) {
	code, out, _ := cli(t, "version")
	if code != 0 || !strings.HasPrefix(out, "opsbench "+version) {
		t.Fatalf("version: %d %q", code, out)
	}
}

func TestVersionMatchesFyneAppToml(t *testing.T) {
	b, err := os.ReadFile("../../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	var meta struct {
		Details struct {
			ID      string
			Version string
		}
		Migrations map[string]bool
	}
	if err := toml.Unmarshal(b, &meta); err != nil {
		t.Fatal(err)
	}
	if meta.Details.Version != version || meta.Details.ID != appID {
		t.Fatalf("FyneApp.toml has %s %s, the binary %s %s", meta.Details.ID, meta.Details.Version, appID, version)
	}
	if !meta.Migrations["fyneDo"] {
		t.Fatal("FyneApp.toml must declare [Migrations] fyneDo = true")
	}
}

func TestUsageErrorsExit2(t *testing.T) {
	for _, args := range [][]string{
		{"frobnicate"},
		{"--no-such-flag"},
		{"version", "extra"},
		{"demo", "--size", "huge"},
		{"check", "--bogus"},
	} {
		code, _, errOut := cli(t, args...)
		if code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
		if !strings.Contains(errOut, "Usage:") {
			t.Errorf("%v: no usage printed: %q", args, errOut)
		}
	}
}

func TestDemoThenCheck(t *testing.T) {
	path := filepath.Join(t.TempDir(), "demo.db")
	code, out, errOut := cli(t, "--db", path, "demo", "--size", "small")
	if code != 0 {
		t.Fatalf("demo: exit %d: %s %s", code, out, errOut)
	}
	// It says what the sample office holds, in every area.
	if !strings.Contains(out, "8 people, 3 scenarios, 24 SKUs") || !strings.Contains(out, " cases") {
		t.Errorf("demo says %q", out)
	}
	code, out, _ = cli(t, "--db", path, "check")
	if code != 0 || !strings.HasPrefix(out, "ok:") {
		t.Fatalf("check: exit %d: %s", code, out)
	}
	// Loading twice is refused.
	if code, _, errOut := cli(t, "--db", path, "demo"); code != 1 || !strings.Contains(errOut, "already") {
		t.Fatalf("second demo: exit %d %q", code, errOut)
	}
}

func TestDemoIsDeterministic(t *testing.T) {
	names := func() string {
		path := filepath.Join(t.TempDir(), "demo.db")
		if code, _, e := cli(t, "--db", path, "demo", "--seed", "7"); code != 0 {
			t.Fatal(e)
		}
		s, err := data.Open(context.Background(), path, data.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		people, _ := s.People(context.Background())
		var sb strings.Builder
		for _, p := range people {
			sb.WriteString(p.Name + "/" + string(p.Role) + ";")
		}
		return sb.String()
	}
	if a, b := names(), names(); a != b || a == "" {
		t.Fatalf("same seed, different data:\n%s\n%s", a, b)
	}
}

func TestCheckCorruptedCopyExits1(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "demo.db")
	// The small demo is large enough (about 20 MB) that pages a third, half
	// and two thirds in are data.
	if code, _, e := cli(t, "--db", path, "demo", "--size", "small"); code != 0 {
		t.Fatal(e)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	pages := len(b) / 4096
	for _, p := range []int{pages / 3, pages / 2, 2 * pages / 3} {
		copy(b[p*4096:(p+1)*4096], bytes.Repeat([]byte{0xAB}, 4096))
	}
	bad := filepath.Join(dir, "copy.db")
	if err := os.WriteFile(bad, b, 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ := cli(t, "--db", bad, "check")
	if code != 1 || !strings.Contains(out, "problems in") {
		t.Fatalf("check of a corrupted copy: exit %d: %s", code, out)
	}
}

func TestCheckRefusesForeignAndMissingFiles(t *testing.T) {
	dir := t.TempDir()
	txt := filepath.Join(dir, "notes.txt")
	os.WriteFile(txt, []byte(strings.Repeat("not a database ", 100)), 0o644)
	if code, out, _ := cli(t, "--db", txt, "check"); code != 1 || !strings.Contains(out, "not an SQLite database") {
		t.Fatalf("check of a text file: exit %d: %s", code, out)
	}
	if code, _, errOut := cli(t, "--db", filepath.Join(dir, "none.db"), "check"); code != 1 || !strings.Contains(errOut, "no such file") {
		t.Fatalf("check of a missing file: exit %d: %s", code, errOut)
	}
}

func TestDBFromEnvironment(t *testing.T) {
	path := filepath.Join(t.TempDir(), "env.db")
	t.Setenv("OPSBENCH_DB", path)
	if code, _, e := cli(t, "demo"); code != 0 {
		t.Fatal(e)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("OPSBENCH_DB was not used: %v", err)
	}
}

func TestDemoRefusedWhileOpen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "open.db")
	s, err := data.Open(context.Background(), path, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	code, _, errOut := cli(t, "--db", path, "demo")
	if code != 1 || !strings.Contains(errOut, "already running") {
		t.Fatalf("demo on an open database: exit %d %q", code, errOut)
	}
}

// Relative paths name files under the working folder (issue 8, point 11).
func TestRelativePaths(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if code, out, errOut := cli(t, "--db", "sub/ob.db", "demo"); code != 0 {
		t.Fatalf("demo: %d %s %s", code, out, errOut)
	}
	if code, out, errOut := cli(t, "--db", "sub/ob.db", "check"); code != 0 || !strings.Contains(out, filepath.Join(dir, "sub", "ob.db")) {
		t.Fatalf("check: %d %q %q", code, out, errOut)
	}
	if code, out, errOut := cli(t, "--db", "sub/ob.db", "backup", "--out", "sub/backups/x.db"); code != 0 {
		t.Fatalf("backup: %d %q %q", code, out, errOut)
	}
	if code, out, errOut := cli(t, "--db", "sub/ob.db", "restore", "sub/backups/x.db"); code != 0 || !strings.Contains(out, "restored") {
		t.Fatalf("restore: %d %q %q", code, out, errOut)
	}
	if code, out, _ := cli(t, "--db", "sub/ob.db", "backups"); code != 0 || !strings.Contains(out, "8 people") {
		t.Fatalf("backups: %d %q", code, out)
	}
}
