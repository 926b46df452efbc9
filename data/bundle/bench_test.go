package bundle

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
)

// bulkGadgets adds n changed rows to the gadget table of the database at
// path (closed) in one statement, as if desk replica had written them an
// hour ago, field clocks and change capture included.
func bulkGadgets(tb testing.TB, path, replica string, n int) {
	tb.Helper()
	wall := time.Now().Add(-time.Hour).UnixMilli()
	execSQL(tb, path, fmt.Sprintf(`
WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < %[1]d),
r(i, id, h) AS (SELECT i, printf('%%08x-0000-7000-8000-%%012x', i, i * 7919),
	printf('%%013d-%%010d-%%s', %[2]d + i / 50, i %% 50, '%[3]s') FROM c)
INSERT INTO gadget (id, hlc, replica, deleted, field_hlc, name, qty, price, note)
SELECT id, h, '%[3]s', 0,
	json_object('deleted', h, 'name', h, 'note', h, 'photo', h, 'price', h, 'qty', h),
	'商品 ' || (i %% 977) || ' gadget', i %% 200, (i %% 4000) * 0.25,
	CASE WHEN i %% 3 = 0 THEN NULL ELSE 'FBA 发货 batch ' || (i / 100) END
FROM r;
INSERT INTO sync_change (tbl, row_id) SELECT 'gadget', id FROM gadget;`, n, wall, replica))
}

// bigDesk makes a desk holding n bulk rows.
func bigDesk(tb testing.TB, n int) *data.Store {
	tb.Helper()
	ctx := context.Background()
	path := filepath.Join(tb.TempDir(), "big.db")
	s, err := data.Open(ctx, path, data.Options{ReplicaName: "big"})
	if err != nil {
		tb.Fatal(err)
	}
	id := s.Replica().ID
	s.Close()
	execSQL(tb, path, testTablesSQL)
	bulkGadgets(tb, path, id, n)
	if s, err = data.Open(ctx, path, data.Options{}); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// TestBundleIsSmall checks the size target on 20,000 rows: the bundle is
// under a quarter of the plain JSON of the same rows.
func TestBundleIsSmall(t *testing.T) {
	s := bigDesk(t, 20000)
	res := export(t, s, filepath.Join(t.TempDir(), "big.opsync"), true)
	plain := len(dump(t, s, true))
	ratio := float64(res.Bytes) / float64(plain)
	t.Logf("%d rows: bundle %d bytes, plain JSON %d bytes (%.1f%%)", res.Manifest.Rows, res.Bytes, plain, 100*ratio)
	if ratio >= 0.25 {
		t.Fatalf("bundle is %.1f%% of the plain JSON", 100*ratio)
	}
}

const benchRows = 100000

// BenchmarkExport100k exports 100,000 changed rows (target: under 3 s),
// with the production scrypt work factor.
func BenchmarkExport100k(b *testing.B) {
	s := bigDesk(b, benchRows)
	dir := b.TempDir()
	plain := len(dump(b, s, true))
	o := exportOpts()
	o.WorkFactor = DefaultWorkFactor
	o.Full = true
	var res ExportResult
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var err error
		res, err = ExportFile(context.Background(), s, filepath.Join(dir, "big.opsync"), o)
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(res.Bytes)/float64(plain)*100, "%json")
	b.ReportMetric(float64(res.Bytes), "bytes")
}

// BenchmarkImport100k imports a bundle of 100,000 rows into another desk
// (target: under 5 s), backup before the import included.
func BenchmarkImport100k(b *testing.B) {
	src := bigDesk(b, benchRows)
	o := exportOpts()
	o.WorkFactor = DefaultWorkFactor
	o.Full = true
	res, err := ExportFile(context.Background(), src, filepath.Join(b.TempDir(), "big.opsync"), o)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		dst := newDesk(b, "dst", true)
		b.StartTimer()
		rep := importFiles(b, dst, res.Path)
		if rep.Files[0].Tables["gadget"].Inserted != benchRows {
			b.Fatalf("%+v", rep.Files[0].Tables)
		}
	}
}

// BenchmarkReimport100k imports a bundle of 100,000 rows already merged
// (target: under 0.5 s).
func BenchmarkReimport100k(b *testing.B) {
	src := bigDesk(b, benchRows)
	o := exportOpts()
	o.WorkFactor = DefaultWorkFactor
	o.Full = true
	res, err := ExportFile(context.Background(), src, filepath.Join(b.TempDir(), "big.opsync"), o)
	if err != nil {
		b.Fatal(err)
	}
	dst := newDesk(b, "dst", true)
	importFiles(b, dst, res.Path)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if rep := importFiles(b, dst, res.Path); rep.Files[0].Status != StatusSeen {
			b.Fatalf("%+v", rep.Files[0])
		}
	}
}

// BenchmarkMergeUnchanged100k merges a new bundle of 100,000 rows of which
// one is new here (a shared-folder file rewritten after one change).
func BenchmarkMergeUnchanged100k(b *testing.B) {
	src := bigDesk(b, benchRows)
	dir := b.TempDir()
	first := export(b, src, filepath.Join(dir, "1.opsync"), true)
	dst := newDesk(b, "dst", true)
	importFiles(b, dst, first.Path)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		// One row changes, so the content is new and every row is compared.
		if err := src.AppendRecord(context.Background(), "movement", app.NewID(), map[string]any{"sku": "X", "delta": i}); err != nil {
			b.Fatal(err)
		}
		p := export(b, src, filepath.Join(dir, fmt.Sprintf("n%d.opsync", i)), true).Path
		b.StartTimer()
		rep, err := Import(context.Background(), dst, []string{p}, ImportOptions{Passphrase: testPass, NoBackup: true})
		if err != nil || rep.Files[0].Changed != 1 {
			b.Fatalf("%+v %v", rep.Files, err)
		}
	}
}

// BenchmarkDamagedRefused100k refuses a damaged bundle of 100,000 rows
// (one byte flipped near the end) with the production work factor: under
// 1 s, and no backup taken.
func BenchmarkDamagedRefused100k(b *testing.B) {
	src := bigDesk(b, benchRows)
	o := exportOpts()
	o.WorkFactor = DefaultWorkFactor
	o.Full = true
	res, err := ExportFile(context.Background(), src, filepath.Join(b.TempDir(), "big.opsync"), o)
	if err != nil {
		b.Fatal(err)
	}
	raw, err := os.ReadFile(res.Path)
	if err != nil {
		b.Fatal(err)
	}
	raw[len(raw)-100] ^= 0x40
	bad := filepath.Join(b.TempDir(), "bad.opsync")
	if err := os.WriteFile(bad, raw, 0o644); err != nil {
		b.Fatal(err)
	}
	dst := newDesk(b, "dst", true)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rep, err := Import(context.Background(), dst, []string{bad}, importOpts())
		if !errors.Is(err, ErrDamaged) || rep.Backup != "" {
			b.Fatalf("%v, backup %q", err, rep.Backup)
		}
	}
	b.StopTimer()
	if list, _ := dst.Backups(); len(list) != 0 {
		b.Fatalf("%d backups taken", len(list))
	}
}
