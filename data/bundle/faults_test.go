package bundle

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"filippo.io/age"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
)

// state is what must not change when an import is refused.
type state struct {
	dump      string
	seq       int64
	conflicts int
}

func snapshot(tb testing.TB, s *data.Store) state {
	tb.Helper()
	seq, err := s.SyncChangeSeq(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	_, n, err := s.SyncConflicts(context.Background(), true, 0)
	if err != nil {
		tb.Fatal(err)
	}
	return state{dump: dump(tb, s, true), seq: seq, conflicts: n}
}

// deskWithData returns a desk with some rows and a full bundle of them.
func deskWithData(t *testing.T) (*data.Store, []byte) {
	t.Helper()
	ctx := context.Background()
	a := newDesk(t, "A", true)
	for i := 0; i < 30; i++ {
		if _, err := a.CreatePerson(ctx, app.Person{Name: fmt.Sprintf("员工 %d", i), Role: app.RoleService, Active: true}); err != nil {
			t.Fatal(err)
		}
		if err := a.EditRecord(ctx, "gadget", app.NewID(), map[string]any{"name": strings.Repeat("x", 500+i), "qty": i}); err != nil {
			t.Fatal(err)
		}
	}
	p := export(t, a, filepath.Join(t.TempDir(), "a.opsync"), true).Path
	raw, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return a, raw
}

// refuse imports raw into a fresh desk B and checks that it fails with
// want, that the message names the file, and that B is unchanged.
func refuse(t *testing.T, raw []byte, opts ImportOptions, want ...error) error {
	t.Helper()
	b := newDesk(t, "B", true)
	before := snapshot(t, b)
	path := filepath.Join(t.TempDir(), "in.opsync")
	if err := os.WriteFile(path, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err := Import(context.Background(), b, []string{path}, opts)
	if err == nil {
		t.Fatalf("import accepted it: %+v", rep.Files)
	}
	for _, w := range want {
		if !errors.Is(err, w) {
			t.Errorf("error %q is not %q", err, w)
		}
	}
	if !strings.Contains(err.Error(), path) {
		t.Errorf("the message does not say which file: %v", err)
	}
	if after := snapshot(t, b); after != before {
		t.Error("the refused import changed the database")
	}
	return err
}

func TestRefusedBundlesChangeNothing(t *testing.T) {
	_, raw := deskWithData(t)

	t.Run("WrongPassphrase", func(t *testing.T) {
		refuse(t, raw, ImportOptions{Passphrase: "not the office passphrase"}, ErrWrongPassphrase)
	})
	t.Run("NoPassphrase", func(t *testing.T) {
		refuse(t, raw, ImportOptions{}, ErrNoPassphrase)
	})
	t.Run("OneByteAltered", func(t *testing.T) {
		for _, at := range []int{len(raw) / 2, len(raw) - 1, len(raw) - 20, 200} {
			bad := bytes.Clone(raw)
			bad[at] ^= 0x01
			err := refuse(t, bad, importOpts())
			if !errors.Is(err, ErrDamaged) && !errors.Is(err, ErrWrongPassphrase) {
				t.Errorf("byte %d: %v", at, err)
			}
		}
	})
	t.Run("Truncated", func(t *testing.T) {
		for _, n := range []int{10, 100, len(raw) / 3, len(raw) - 17, len(raw) - 1, 64*1024 + 200} {
			if n >= len(raw) {
				continue
			}
			refuse(t, raw[:n], importOpts(), ErrDamaged)
		}
	})
	t.Run("Empty", func(t *testing.T) {
		refuse(t, nil, importOpts(), ErrEmptyFile)
	})
	t.Run("AnotherApplication", func(t *testing.T) {
		refuse(t, []byte("PK\x03\x04 a zip file, or a spreadsheet"), importOpts(), ErrNotBundle, app.ErrForeignFile)
		refuse(t, ageFile(t, testPass, []byte("hello, this is somebody else's age file\n")), importOpts(), ErrNotBundle)
		refuse(t, ageFile(t, testPass, []byte("OPSYNC 1\n{\"app\":\"other\",\"format\":1}\n")), importOpts(), ErrNotBundle)
	})
	t.Run("NewerSchema", func(t *testing.T) {
		bad := rewrite(t, raw, func(m *Manifest) { m.Schema = data.SchemaVersion() + 1; m.AppVersion = "9.9.0" })
		err := refuse(t, bad, importOpts(), app.ErrNewerSchema)
		if !strings.Contains(err.Error(), "update OpsBench to version 9.9.0") {
			t.Errorf("message: %v", err)
		}
	})
	t.Run("NewerFormat", func(t *testing.T) {
		err := refuse(t, ageFile(t, testPass, []byte("OPSYNC 2\n{\"app\":\"opsbench\",\"format\":2,\"app_version\":\"2.0.0\"}\nrows…")), importOpts(), app.ErrNewerSchema)
		if !strings.Contains(err.Error(), "2.0.0") {
			t.Errorf("message: %v", err)
		}
	})
	t.Run("ManifestLies", func(t *testing.T) {
		refuse(t, rewrite(t, raw, func(m *Manifest) { m.Tables[0].Rows++; m.Rows++ }), importOpts(), ErrDamaged)
		refuse(t, rewrite(t, raw, func(m *Manifest) { m.Tables[1].SHA256 = strings.Repeat("0", 64) }), importOpts(), ErrDamaged)
		refuse(t, rewrite(t, raw, func(m *Manifest) { m.BodySHA256 = strings.Repeat("0", 64) }), importOpts(), ErrDamaged)
	})
	t.Run("UnknownTable", func(t *testing.T) {
		// A bundle from a desk that syncs a table this one does not know.
		refuse(t, rewriteBody(t, raw, "gadget", "gizmo"), importOpts())
	})
}

// ageFile encrypts plain for pass.
func ageFile(t *testing.T, pass string, plain []byte) []byte {
	t.Helper()
	r, err := age.NewScryptRecipient(pass)
	if err != nil {
		t.Fatal(err)
	}
	r.SetWorkFactor(testWorkFactor)
	var buf bytes.Buffer
	w, err := age.Encrypt(&buf, r)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(plain)
	w.Close()
	return buf.Bytes()
}

// decrypt returns a bundle's plain content.
func decrypt(t *testing.T, raw []byte) []byte {
	t.Helper()
	id, _ := age.NewScryptIdentity(testPass)
	r, err := age.Decrypt(bytes.NewReader(raw), id)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return plain
}

// rewrite changes a bundle's manifest and encrypts it again.
func rewrite(t *testing.T, raw []byte, change func(m *Manifest)) []byte {
	t.Helper()
	br, err := openBundle(raw, testPass)
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(br.plain)
	if err != nil {
		t.Fatal(err)
	}
	m := br.m
	change(&m)
	var buf bytes.Buffer
	if err := writeBundle(&buf, testPass, testWorkFactor, &m, body); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// rewriteBody renames a table everywhere in a bundle, with valid checksums.
func rewriteBody(t *testing.T, raw []byte, from, to string) []byte {
	t.Helper()
	br, err := openBundle(raw, testPass)
	if err != nil {
		t.Fatal(err)
	}
	m := br.m
	out := m
	out.Tables, out.Rows, out.HLCMax, out.HLCMin = nil, 0, "", ""
	b := newBody(&out)
	cur := ""
	err = br.rows(func(ti TableInfo) error {
		cur = ti.Name
		name := ti.Name
		if name == from {
			name = to
		}
		cols := make([]data.SyncColumn, len(ti.Columns))
		for i, c := range ti.Columns {
			cols[i] = data.SyncColumn{Name: c}
		}
		b.startTable(data.SyncTable{Name: name, Kind: ti.Kind, Columns: cols})
		return nil
	}, func(r data.SyncRow) error { b.addRow(r); return nil })
	if err != nil {
		t.Fatal(err, cur)
	}
	body, err := b.finish()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := writeBundle(&buf, testPass, testWorkFactor, &out, body); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestFailureHalfwayRollsBack(t *testing.T) {
	_, raw := deskWithData(t)
	b := newDesk(t, "B", true)
	before := snapshot(t, b)
	path := filepath.Join(t.TempDir(), "a.opsync")
	os.WriteFile(path, raw, 0o644)
	o := importOpts()
	o.failAfter = 40 // of ~125 rows
	rep, err := Import(context.Background(), b, []string{path}, o)
	if err == nil || !strings.Contains(err.Error(), "nothing was imported") {
		t.Fatalf("err %v, files %+v", err, rep.Files)
	}
	if after := snapshot(t, b); after != before {
		t.Fatal("a failed import left half its rows")
	}
	// The same file imports fine afterwards.
	if rep := importFiles(t, b, path); rep.Files[0].Status != StatusImported || rep.Files[0].Changed == 0 {
		t.Fatalf("%+v", rep.Files[0])
	}
}

func TestCancelledImportChangesNothing(t *testing.T) {
	_, raw := deskWithData(t)
	b := newDesk(t, "B", true)
	before := snapshot(t, b)
	path := filepath.Join(t.TempDir(), "a.opsync")
	os.WriteFile(path, raw, 0o644)
	ctx, cancel := context.WithCancel(context.Background())
	o := importOpts()
	o.rowHook = func(n int) {
		if n == 20 {
			cancel()
		}
	}
	o.failAfter = 0
	if _, err := Import(ctx, b, []string{path}, o); err == nil {
		// Cancellation is noticed every 4096 rows or at commit.
		t.Log("the small bundle committed before the cancellation was noticed")
		return
	}
	if after := snapshot(t, b); after != before {
		t.Fatal("a cancelled import changed the database")
	}
}

// TestKilledDuringImport kills a child process in the middle of an import:
// the database must be intact and as before.
func TestKilledDuringImport(t *testing.T) {
	if os.Getenv("OPSBENCH_CHILD_DB") != "" {
		t.Skip("in the child")
	}
	_, raw := deskWithData(t)
	dir := t.TempDir()
	bundle := filepath.Join(dir, "a.opsync")
	os.WriteFile(bundle, raw, 0o644)
	dbPath := filepath.Join(dir, "b.db")
	b, err := data.Open(context.Background(), dbPath, data.Options{ReplicaName: "B"})
	if err != nil {
		t.Fatal(err)
	}
	b.Close()
	execSQL(t, dbPath, testTablesSQL)
	b, _ = data.Open(context.Background(), dbPath, data.Options{ReplicaName: "B"})
	before := snapshot(t, b)
	b.Close()

	cmd := exec.Command(os.Args[0], "-test.run=^TestImportChild$", "-test.v")
	cmd.Env = append(os.Environ(), "OPSBENCH_CHILD_DB="+dbPath, "OPSBENCH_CHILD_BUNDLE="+bundle)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	halfway := false
	for sc.Scan() {
		if strings.Contains(sc.Text(), "HALFWAY") {
			halfway = true
			break
		}
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	if !halfway {
		t.Fatal("the child never reached the middle of the import")
	}
	rep, err := data.Check(context.Background(), dbPath)
	if err != nil || !rep.OK() {
		t.Fatalf("after the kill: %+v %v", rep, err)
	}
	b, err = data.Open(context.Background(), dbPath, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if after := snapshot(t, b); after != before {
		t.Fatal("the killed import left rows behind")
	}
	// And importing again completes.
	if r := importFiles(t, b, bundle); r.Files[0].Status != StatusImported {
		t.Fatalf("%+v", r.Files[0])
	}
}

// TestImportChild is the child of TestKilledDuringImport: it imports and
// stops halfway, waiting to be killed.
func TestImportChild(t *testing.T) {
	dbPath := os.Getenv("OPSBENCH_CHILD_DB")
	if dbPath == "" {
		t.Skip("only run as the child of TestKilledDuringImport")
	}
	s, err := data.Open(context.Background(), dbPath, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	o := importOpts()
	o.rowHook = func(n int) {
		if n == 60 {
			fmt.Println("HALFWAY")
			os.Stdout.Sync()
			time.Sleep(time.Minute)
		}
	}
	Import(context.Background(), s, []string{os.Getenv("OPSBENCH_CHILD_BUNDLE")}, o)
	t.Fatal("not killed")
}

// fullDisk accepts limit bytes, then fails as a full disk does.
type fullDisk struct {
	f     *os.File
	limit int
}

func (d *fullDisk) Write(p []byte) (int, error) {
	if len(p) > d.limit {
		n, _ := d.f.Write(p[:d.limit])
		d.limit = 0
		return n, &os.PathError{Op: "write", Path: d.f.Name(), Err: syscall.ENOSPC}
	}
	d.limit -= len(p)
	return d.f.Write(p)
}
func (d *fullDisk) Name() string { return d.f.Name() }
func (d *fullDisk) Sync() error  { return d.f.Sync() }
func (d *fullDisk) Close() error { return d.f.Close() }

func TestDiskFullWhileExporting(t *testing.T) {
	ctx := context.Background()
	a, _ := deskWithData(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "a.opsync")
	// An older bundle is already there: it must survive untouched.
	old := export(t, a, path, true)
	oldRaw, _ := os.ReadFile(path)
	if _, err := a.CreatePerson(ctx, app.Person{Name: "new", Role: app.RoleOwner, Active: true}); err != nil {
		t.Fatal(err)
	}
	target, _, _ := a.SyncTarget(ctx, old.Target)
	o := exportOpts()
	o.createTemp = func(dir, pattern string) (tempFile, error) {
		f, err := os.CreateTemp(dir, pattern)
		if err != nil {
			return nil, err
		}
		return &fullDisk{f: f, limit: 1000}, nil
	}
	_, err := ExportFile(ctx, a, path, o)
	if !errors.Is(err, app.ErrDiskFull) || !strings.Contains(err.Error(), path) {
		t.Fatalf("err = %v", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("files left behind: %v", entries)
	}
	if now, _ := os.ReadFile(path); !bytes.Equal(now, oldRaw) {
		t.Fatal("the previous bundle was damaged")
	}
	if after, _, _ := a.SyncTarget(ctx, old.Target); after != target {
		t.Fatal("a failed export moved the target's watermark")
	}
	// With space again, the export carries the new row.
	res := export(t, a, path, false)
	if res.Manifest.Counts()["person"] != 1 {
		t.Fatalf("%v", res.Manifest.Counts())
	}
}

func TestExportRefusesBadPlaces(t *testing.T) {
	a := newDesk(t, "A", false)
	o := exportOpts()
	if _, err := ExportFile(context.Background(), a, filepath.Join(t.TempDir(), "no", "such", "x.opsync"), o); err == nil ||
		!strings.Contains(err.Error(), "does not exist") {
		t.Errorf("missing folder: %v", err)
	}
	if _, err := ExportFile(context.Background(), a, t.TempDir(), o); err == nil {
		t.Error("exported onto a folder")
	}
	o.Passphrase = ""
	if _, err := ExportFile(context.Background(), a, filepath.Join(t.TempDir(), "x.opsync"), o); !errors.Is(err, ErrNoPassphrase) {
		t.Errorf("no passphrase: %v", err)
	}
}

func TestNewerErrorMessage(t *testing.T) {
	e := &NewerError{AppVersion: "1.4.0", Format: 1, Schema: 9, MaxFormat: 1, Have: 3}
	if !strings.Contains(e.Error(), "update OpsBench to version 1.4.0") || !errors.Is(e, app.ErrNewerSchema) {
		t.Fatal(e)
	}
	_ = strconv.Itoa
}
