package bundle

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
)

// FuzzReadBundle feeds arbitrary files to the bundle reader and the merge:
// they must fail cleanly, never panic. The seed corpus in
// testdata/fuzz/FuzzReadBundle holds valid bundles (passphrase testPass),
// damaged ones and foreign files; regenerate it with
// OPSBENCH_WRITE_FUZZ_SEEDS=1 go test -run TestWriteFuzzSeeds.
func FuzzReadBundle(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte("age-encryption.org/v1\n-> scrypt AAAA 4\n"))
	s := newDesk(f, "fuzz", true)
	f.Fuzz(func(t *testing.T, raw []byte) {
		if br, err := openBundleMax(raw, testPass, 8); err == nil {
			_ = br.rows(func(TableInfo) error { return nil }, func(data.SyncRow) error { return nil })
		}
		r := importOne(context.Background(), s, "fuzz.opsync", raw, ImportOptions{Passphrase: testPass, maxWorkFactor: 8}, func() error { return nil })
		if r.Status == StatusFailed && r.Err == nil {
			t.Fatal("failed without an error")
		}
	})
}

// TestWriteFuzzSeeds writes the seed corpus of FuzzReadBundle.
func TestWriteFuzzSeeds(t *testing.T) {
	if os.Getenv("OPSBENCH_WRITE_FUZZ_SEEDS") == "" {
		t.Skip("set OPSBENCH_WRITE_FUZZ_SEEDS=1 to regenerate testdata/fuzz/FuzzReadBundle")
	}
	ctx := context.Background()
	a := newDesk(t, "seed desk", true)
	if _, err := a.CreatePerson(ctx, app.Person{Name: "王芳", Role: app.RoleService, Active: true}); err != nil {
		t.Fatal(err)
	}
	g := app.NewID()
	if err := a.EditRecord(ctx, "gadget", g, map[string]any{"name": "mug", "qty": 2, "price": 1.5, "photo": []byte{1, 2}}); err != nil {
		t.Fatal(err)
	}
	if err := a.DeleteRecord(ctx, "gadget", g); err != nil {
		t.Fatal(err)
	}
	if err := a.AppendRecord(ctx, "movement", app.NewID(), map[string]any{"sku": "MUG", "delta": 3}); err != nil {
		t.Fatal(err)
	}
	valid, err := os.ReadFile(export(t, a, filepath.Join(t.TempDir(), "v.opsync"), true).Path)
	if err != nil {
		t.Fatal(err)
	}
	flipped := bytes.Clone(valid)
	flipped[len(flipped)/2] ^= 0x40
	seeds := map[string][]byte{
		"valid":          valid,
		"truncated":      valid[:len(valid)*2/3],
		"flipped":        flipped,
		"newer_schema":   rewrite(t, valid, func(m *Manifest) { m.Schema += 5; m.AppVersion = "9.0.0" }),
		"lying_counts":   rewrite(t, valid, func(m *Manifest) { m.Rows += 2; m.Tables[0].Rows += 2 }),
		"foreign_age":    ageFile(t, testPass, []byte("OPSYNC 1\n{\"app\":\"opsbench\",\"format\":1,\"schema\":1,\"tables\":[{\"name\":\"person\",\"kind\":\"record\",\"columns\":[\"name\"],\"rows\":1}],\"rows\":1,\"compression\":\"gzip\",\"body_bytes\":4}\nabcd")),
		"unknown_table":  rewriteBody(t, valid, "gadget", "gizmo"),
		"not_a_bundle":   []byte("PK\x03\x04\x14\x00\x00\x00"),
		"magic_only":     ageFile(t, testPass, []byte("OPSYNC 1\n")),
		"huge_work":      []byte("age-encryption.org/v1\n-> scrypt c2FsdHNhbHRzYWx0c2FsdA 30\nAAAA\n--- AAAA\n"),
		"plain_manifest": []byte("OPSYNC 1\n{}\n"),
	}
	dir := filepath.Join("testdata", "fuzz", "FuzzReadBundle")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, b := range seeds {
		content := fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", b)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
