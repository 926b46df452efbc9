//go:build linux

package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/opsbench/opsbench/data"
)

// The command line prints only its own output whatever the locale: under
// LANG=C.UTF-8 Fyne used to log "Error parsing user locale C" on every
// command. Each case runs this test binary as opsbench (see TestMain).
func TestCommandLineIsQuietUnderEveryLocale(t *testing.T) {
	db := filepath.Join(t.TempDir(), "opsbench.db")
	s, err := data.Open(context.Background(), db, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	for _, env := range [][]string{
		{}, {"LANG=C"}, {"LANG=C.UTF-8"}, {"LANG=C.utf8"}, {"LANG=POSIX"}, {"LANG=POSIX.UTF-8"}, {"LC_ALL=C.UTF-8"},
		{"LC_MESSAGES=C.UTF-8", "LANG=zh_CN.UTF-8"}, {"LANG=zh_CN.UTF-8"}, {"LANG=en_US.UTF-8"},
	} {
		for _, args := range []string{"version", "--db " + db + " check"} {
			t.Run(strings.Join(env, ",")+"/"+args, func(t *testing.T) {
				cmd := exec.Command(os.Args[0], "-test.run=^$")
				cmd.Env = append(withoutLocale(os.Environ()), "OPSBENCH_BENCH_CHILD=app", "OPSBENCH_BENCH_ARGS="+args)
				cmd.Env = append(cmd.Env, env...)
				var stdout, stderr bytes.Buffer
				cmd.Stdout, cmd.Stderr = &stdout, &stderr
				if err := cmd.Run(); err != nil {
					t.Fatalf("%v: %s", err, stderr.String())
				}
				if stderr.Len() > 0 {
					t.Fatalf("stderr is not empty:\n%s", stderr.String())
				}
				if stdout.Len() == 0 {
					t.Fatal("no output")
				}
			})
		}
	}
}

// withoutLocale drops the locale variables of this process.
func withoutLocale(env []string) []string {
	var out []string
	for _, kv := range env {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case "LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES":
			continue
		}
		out = append(out, kv)
	}
	return out
}
