package data

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data/reports"
)

const ordersHeader = "amazon-order-id\tpurchase-date\tsales-channel\tsku\tproduct-name\titem-status\tquantity\titem-price\tcurrency\n"

// Order lines at times chosen around midnight in Los Angeles (UTC-8 in
// November): a US day is not a UTC day.
const ordersA = ordersHeader +
	"113-1\t2026-11-28T07:30:00+00:00\tAmazon.com\tMUG\tEnamel mug\tShipped\t2\t33.98\tUSD\n" + // 27 Nov 23:30 LA
	"113-1\t2026-11-28T07:30:00+00:00\tAmazon.com\tMUG\tEnamel mug\tShipped\t1\t16.99\tUSD\n" + // same SKU again in the order
	"113-2\t2026-11-28T09:00:00+00:00\tAmazon.com\tMUG\tEnamel mug\tCancelled\t1\t16.99\tUSD\n" + // 28 Nov, cancelled
	"113-3\t2026-11-28T10:00:00+00:00\tAmazon.co.uk\tMUG\tEnamel mug\tShipped\t4\t40.00\tGBP\n" + // 28 Nov in London
	"113-4\t2026-11-29T12:00:00+00:00\tAmazon.com\tTOWEL\tTowel\tPending\t1\t24.50\tUSD\n" // 29 Nov, pending counts

func TestImportAllOrders(t *testing.T) {
	s := openInv(t)
	res, err := importText(t, s, ordersA, ImportOptions{Name: "a.txt"})
	if err != nil {
		t.Fatal(err)
	}
	// MUG: 27 Nov 2 + 1 = 3 (the UTC day is the 28th); 28 Nov 0 (cancelled)
	// + 4 (UK) = 4. TOWEL: 29 Nov 1.
	if got, want := unitsByDay(t, s, "MUG"), map[string]int{"2026-11-27": 3, "2026-11-28": 4}; !reflect.DeepEqual(got, want) {
		t.Errorf("MUG units %v, want %v", got, want)
	}
	if got, want := unitsByDay(t, s, "TOWEL"), map[string]int{"2026-11-29": 1}; !reflect.DeepEqual(got, want) {
		t.Errorf("TOWEL units %v, want %v", got, want)
	}
	if res.Rows != 5 || res.Good != 5 || res.Added != 5 || res.Already != 0 {
		t.Errorf("result %+v", res)
	}
	if res.From != ymd(2026, 11, 27) || res.To != ymd(2026, 11, 29) {
		t.Errorf("range %s..%s", res.From, res.To)
	}
	if !reflect.DeepEqual(res.UnknownSKUs, []string{"MUG", "TOWEL"}) {
		t.Errorf("unknown SKUs %v", res.UnknownSKUs)
	}

	t.Run("SameFileAgainAddsNothing", func(t *testing.T) {
		before := rowCount(t, s, "sync_change")
		res, err := importText(t, s, ordersA, ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if res.Added != 0 || res.Already != 5 {
			t.Errorf("again: added %d, already %d", res.Added, res.Already)
		}
		if got := unitsByDay(t, s, "MUG"); got["2026-11-27"] != 3 || got["2026-11-28"] != 4 {
			t.Errorf("counted twice: %v", got)
		}
		// Nothing new to send but the import log entry.
		if after := rowCount(t, s, "sync_change"); after != before+1 {
			t.Errorf("sync_change %d -> %d", before, after)
		}
	})

	t.Run("OverlappingPeriodAndLaterCancellation", func(t *testing.T) {
		// 113-4 again (now cancelled), 113-3 again, one new line.
		b := ordersHeader +
			"113-3\t2026-11-28T10:00:00+00:00\tAmazon.co.uk\tMUG\tEnamel mug\tShipped\t4\t40.00\tGBP\n" +
			"113-4\t2026-11-29T12:00:00+00:00\tAmazon.com\tTOWEL\tTowel\tCancelled\t1\t24.50\tUSD\n" +
			"113-5\t2026-11-30T12:00:00+00:00\tAmazon.com\tTOWEL\tTowel\tShipped\t3\t73.50\tUSD\n"
		res, err := importText(t, s, b, ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if res.Added != 1 || res.Already != 2 {
			t.Errorf("added %d already %d, want 1 and 2", res.Added, res.Already)
		}
		if got, want := unitsByDay(t, s, "TOWEL"), map[string]int{"2026-11-29": 0, "2026-11-30": 3}; !reflect.DeepEqual(got, want) {
			t.Errorf("TOWEL %v, want %v", got, want)
		}
		if got := unitsByDay(t, s, "MUG")["2026-11-28"]; got != 4 {
			t.Errorf("MUG 28 Nov %d, want 4", got)
		}
	})
}

// A line first seen cancelled and later seen live (another desk's older
// download) still counts zero; any order of imports gives the same rows.
func TestImportCancellationOrderDoesNotMatter(t *testing.T) {
	live := ordersHeader + "113-9\t2026-11-28T20:00:00+00:00\tAmazon.com\tMUG\tm\tShipped\t2\t1\tUSD\n"
	cancelled := ordersHeader + "113-9\t2026-11-28T20:00:00+00:00\tAmazon.com\tMUG\tm\tCancelled\t2\t1\tUSD\n"
	for _, order := range [][]string{{live, cancelled}, {cancelled, live}, {cancelled}} {
		s := openInv(t)
		for _, f := range order {
			if _, err := importText(t, s, f, ImportOptions{}); err != nil {
				t.Fatal(err)
			}
		}
		if got := unitsByDay(t, s, "MUG")["2026-11-28"]; got != 0 {
			t.Errorf("%d units of a cancelled line", got)
		}
	}
}

func TestImportFixturesEveryKind(t *testing.T) {
	tests := []struct {
		file  string
		opt   ImportOptions
		kind  reports.Kind
		rows  int
		table string
		added int
	}{
		{"all_orders.txt", ImportOptions{}, reports.KindAllOrders, 84, "sale_line", 84},
		{"all_orders_zh_gb18030.csv", ImportOptions{}, reports.KindAllOrders, 4, "sale_line", 4},
		{"fba_manage_inventory.txt", ImportOptions{Day: ymd(2026, 11, 29)}, reports.KindFBAInventory, 2, "fba_snapshot", 2},
		{"fba_inventory_zh.csv", ImportOptions{}, reports.KindFBAInventory, 0, "fba_snapshot", 0},
		{"business_report_en.csv", ImportOptions{From: ymd(2026, 11, 1), Day: ymd(2026, 11, 28)}, reports.KindBusinessReport, 2, "business_report", 2},
		{"business_report_zh.csv", ImportOptions{From: ymd(2026, 11, 1), Day: ymd(2026, 11, 28)}, reports.KindBusinessReport, 0, "business_report", 0},
		{"business_report_zh_gb18030.csv", ImportOptions{From: ymd(2026, 11, 1), Day: ymd(2026, 11, 28)}, reports.KindBusinessReport, 0, "business_report", 0},
		{"business_report_de.csv", ImportOptions{From: ymd(2026, 11, 1), Day: ymd(2026, 11, 28), Marketplace: "DE"}, reports.KindBusinessReport, 0, "business_report", 0},
		{"fba_returns.txt", ImportOptions{}, reports.KindFBAReturns, 0, "fba_return", 0},
		{"fba_returns_zh_utf16.txt", ImportOptions{}, reports.KindFBAReturns, 0, "fba_return", 0},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			s := openInv(t)
			res, err := importFixture(t, s, tt.file, tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			if res.Kind != tt.kind || res.Skipped != 0 || res.Good == 0 || res.Good != res.Rows {
				t.Fatalf("%+v", res)
			}
			if tt.rows > 0 && res.Rows != tt.rows {
				t.Errorf("%d rows, want %d", res.Rows, tt.rows)
			}
			// Orders add a second entry for each cancelled line.
			n := rowCount(t, s, tt.table)
			if tt.added > 0 && (res.Added != tt.added || n < tt.added) {
				t.Errorf("added %d, %d rows in %s; want %d", res.Added, n, tt.table, tt.added)
			}
			if n == 0 || res.Added == 0 {
				t.Errorf("nothing written to %s", tt.table)
			}
			again, err := importFixture(t, s, tt.file, tt.opt)
			if err != nil || again.Added != 0 || rowCount(t, s, tt.table) != n {
				t.Errorf("second import added %d (%v)", again.Added, err)
			}
		})
	}
}

func TestImportFixtureFigures(t *testing.T) {
	s := openInv(t)
	// all_orders.txt: each day 08:xx UTC (00:xx in Los Angeles, same day)
	// MUG sells 2+1+1 and TOWEL 2+1+1, except that one unit of each is
	// cancelled on 24 and 29 Nov: 3 then.
	if _, err := importFixture(t, s, "all_orders.txt", ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	mug := unitsByDay(t, s, "MUG-11")
	if mug["2026-11-29"] != 3 || mug["2026-11-28"] != 4 || mug["2026-11-24"] != 3 {
		t.Errorf("MUG-11 %v", mug)
	}
	// The Chinese GB18030 file writes times without a zone: Los Angeles
	// time for Amazon.com. 7 Mar 23:59:59 stays the 7th; the repeated SKU
	// of order 113-1000001 counts both lines (2 + 1); TOWEL's first line
	// is cancelled.
	if _, err := importFixture(t, s, "all_orders_zh_gb18030.csv", ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if got := unitsByDay(t, s, "MUG-11")["2024-03-05"]; got != 3 {
		t.Errorf("MUG-11 5 Mar 2024: %d, want 3", got)
	}
	if got := unitsByDay(t, s, "TOWEL-22"); got["2024-03-06"] != 0 || got["2024-03-07"] != 3 {
		t.Errorf("TOWEL-22 2024: %v", got)
	}
	if _, err := importFixture(t, s, "fba_manage_inventory.txt", ImportOptions{Day: ymd(2026, 11, 29)}); err != nil {
		t.Fatal(err)
	}
	snaps, err := s.SKUSnapshots(context.Background(), "MUG-11", ymd(2026, 11, 1), ymd(2026, 12, 31))
	if err != nil || len(snaps) != 1 || snaps[0].Fulfillable != 400 || snaps[0].Reserved != 18 || snaps[0].Day != ymd(2026, 11, 29) {
		t.Errorf("snapshots %+v %v", snaps, err)
	}
	if _, err := s.Location(context.Background(), app.FBALocationID("US")); err != nil {
		t.Errorf("no FBA US location after an FBA import: %v", err)
	}
}

func TestImportFBASnapshotDefaultsToTodayInTheMarketplace(t *testing.T) {
	s := openInv(t)
	body := "sku\tafn-fulfillable-quantity\tafn-inbound-shipped-quantity\nMUG\t40\t5\n"
	res, err := importText(t, s, body, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// invNow is 1 Dec 10:00 UTC: 02:00 in Los Angeles, 1 Dec there too.
	if res.From != ymd(2026, 12, 1) {
		t.Errorf("snapshot of %s", res.From)
	}
	// A second download the same day with other figures is another row,
	// and the newer counts.
	s.now = func() time.Time { return invNow.Add(time.Hour) }
	if _, err := importText(t, s, "sku\tafn-fulfillable-quantity\nMUG\t37\n", ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	snaps, err := s.SKUSnapshots(context.Background(), "MUG", ymd(2026, 12, 1), ymd(2026, 12, 1))
	if err != nil || len(snaps) != 1 || snaps[0].Fulfillable != 37 {
		t.Errorf("%+v %v", snaps, err)
	}
}

func TestImportBadInput(t *testing.T) {
	s := openInv(t)
	t.Run("ErrUnknownKind", func(t *testing.T) {
		_, err := importFixture(t, s, "unknown.csv", ImportOptions{})
		var uk *reports.UnknownKindError
		if !errors.As(err, &uk) || !strings.Contains(err.Error(), `"Campaign"`) || !strings.Contains(err.Error(), "All Orders (all_orders)") {
			t.Errorf("%v", err)
		}
	})
	t.Run("ErrMissingColumn", func(t *testing.T) {
		_, err := importFixture(t, s, "orders_missing_quantity.txt", ImportOptions{})
		var mc *reports.MissingColumnsError
		if !errors.As(err, &mc) || !strings.Contains(err.Error(), `"quantity"`) {
			t.Errorf("%v", err)
		}
	})
	t.Run("ErrEmpty", func(t *testing.T) {
		if _, err := importFixture(t, s, "empty.csv", ImportOptions{}); !errors.Is(err, reports.ErrEmpty) {
			t.Errorf("%v", err)
		}
		if _, err := importText(t, s, ordersHeader, ImportOptions{}); !errors.Is(err, ErrNoRows) {
			t.Errorf("header only: %v", err)
		}
	})
	t.Run("ErrTruncated", func(t *testing.T) {
		_, err := importFixture(t, s, "business_report_cut.csv", ImportOptions{From: ymd(2026, 11, 1), Day: ymd(2026, 11, 2), SkipBadRows: true})
		if !errors.Is(err, reports.ErrTruncated) {
			t.Errorf("%v", err)
		}
		// Cut at the end of a line: refused even when bad rows may be skipped.
		_, err = importFixture(t, s, "orders_bad_rows.txt", ImportOptions{SkipBadRows: true})
		if !errors.Is(err, reports.ErrTruncated) {
			t.Errorf("%v", err)
		}
	})
	t.Run("ErrBusinessReportWithoutPeriod", func(t *testing.T) {
		_, err := importFixture(t, s, "business_report_en.csv", ImportOptions{Day: ymd(2026, 11, 2)})
		var dn *DatesNeededError
		if !errors.As(err, &dn) {
			t.Errorf("%v", err)
		}
	})
	if n := rowCount(t, s, "sale_line") + rowCount(t, s, "business_report") + rowCount(t, s, "import_log"); n != 0 {
		t.Errorf("%d rows written by refused imports", n)
	}
}

func TestImportBadRowsRefusedWholeUnlessSkipped(t *testing.T) {
	s := openInv(t)
	body := ordersHeader +
		"113-1\t2026-11-28T20:00:00+00:00\tAmazon.com\tMUG\tm\tShipped\t2\t1\tUSD\n" +
		"113-2\t2026-11-28T20:00:00+00:00\tAmazon.com\tMUG\tm\tShipped\ttwo\t1\tUSD\n" +
		"113-3\t2026-11-28T20:00:00+00:00\tAmazon.com\tMUG\tm\tShipped\t1\t1\tUSD\n"
	_, err := importText(t, s, body, ImportOptions{})
	var bad *BadRowsError
	if !errors.As(err, &bad) || bad.Count != 1 || bad.Problems[0].Row != 3 || bad.Problems[0].Value != "two" {
		t.Fatalf("%v", err)
	}
	if !strings.Contains(err.Error(), `row 3, column "quantity": "two" is not a number`) {
		t.Errorf("message %q", err)
	}
	if n := rowCount(t, s, "sale_line"); n != 0 {
		t.Fatalf("%d lines written by a refused file", n)
	}
	res, err := importText(t, s, body, ImportOptions{SkipBadRows: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Good != 2 || res.Skipped != 1 || unitsByDay(t, s, "MUG")["2026-11-28"] != 3 {
		t.Errorf("%+v, units %v", res, unitsByDay(t, s, "MUG"))
	}
}

func TestImportPreviewWritesNothing(t *testing.T) {
	s := openInv(t)
	mustProduct(t, s, app.Product{SKU: "MUG", Title: "Enamel mug", Active: true})
	before := rowCount(t, s, "sync_change")
	p, err := NewImporter(s, InventoryImportKinds()...).Preview(context.Background(), strings.NewReader(ordersA), ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if p.Kind != reports.KindAllOrders || p.Rows != 5 || p.From != ymd(2026, 11, 27) || !reflect.DeepEqual(p.UnknownSKUs, []string{"TOWEL"}) {
		t.Errorf("%+v", p)
	}
	if rowCount(t, s, "sale_line") != 0 || rowCount(t, s, "sync_change") != before {
		t.Error("the preview wrote")
	}
}

func TestImportAddsUnknownSKUs(t *testing.T) {
	s := openInv(t)
	res, err := importFixture(t, s, "fba_manage_inventory.txt", ImportOptions{Day: ymd(2026, 11, 29), AddUnknownSKUs: true})
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.ProductBySKU(context.Background(), "TOWEL-22")
	if err != nil || res.SKUsAdded != 2 {
		t.Fatalf("%d added, %v", res.SKUsAdded, err)
	}
	if p.FNSKU != "X00TWL0022" || p.ASIN != "B0TWL00022" || p.Title != "Microfiber Travel Towel" || p.Price != 2450 || p.Marketplace != "US" {
		t.Errorf("%+v", p)
	}
}

// stallingReader hands out a big orders file and cancels the import's
// context once half of it was read.
type stallingReader struct {
	r      io.Reader
	read   int
	cancel func()
	at     int
}

func (s *stallingReader) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	s.read += n
	if s.read >= s.at {
		s.cancel()
	}
	return n, err
}

func bigOrdersFile(lines int) []byte {
	var b bytes.Buffer
	b.WriteString(ordersHeader)
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 1; i <= lines; i++ {
		at := base.Add(time.Duration(i) * 157 * time.Second).Format(time.RFC3339)
		status := "Shipped"
		if i%37 == 0 {
			status = "Cancelled"
		}
		b.WriteString("113-" + strconv.Itoa(1000000+i) + "\t" + at + "\tAmazon.com\tSKU-" + strconv.Itoa(i%2000) +
			"\tEnamel Camping Mug, 12 oz, blue\t" + status + "\t" + strconv.Itoa(1+i%3) + "\t16.99\tUSD\n")
	}
	return b.Bytes()
}

// An import interrupted midway (cancelled while half the file was read
// and written) leaves the database as before: no line, no mark for sync,
// no log entry.
func TestImportCancelledMidwayLeavesTheDatabaseAsBefore(t *testing.T) {
	s := openInv(t)
	if _, err := importText(t, s, ordersA, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	before := map[string]int{}
	for _, table := range []string{"sale_line", "sync_change", "import_log", "local_setting"} {
		before[table] = rowCount(t, s, table)
	}
	hlcBefore, _ := s.Setting(context.Background(), SettingLastHLC)
	body := bigOrdersFile(40_000)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var progressed int64
	rd := &stallingReader{r: bytes.NewReader(body), cancel: cancel, at: len(body) / 2}
	_, err := NewImporter(s, InventoryImportKinds()...).Import(ctx, rd, ImportOptions{Size: int64(len(body)),
		Progress: func(done, total int64) { progressed = done }})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("%v", err)
	}
	if progressed == 0 {
		t.Error("no progress reported before the cancel")
	}
	for table, n := range before {
		if got := rowCount(t, s, table); got != n {
			t.Errorf("%s: %d rows, %d before", table, got, n)
		}
	}
	if h, _ := s.Setting(context.Background(), SettingLastHLC); h != hlcBefore {
		t.Errorf("last clock moved: %s -> %s", hlcBefore, h)
	}
	// And the database still takes the whole file afterwards.
	res, err := NewImporter(s, InventoryImportKinds()...).Import(context.Background(), bytes.NewReader(body), ImportOptions{})
	if err != nil || res.Added != 40_000 {
		t.Fatalf("%d added, %v", res.Added, err)
	}
}

func TestImportCatalog(t *testing.T) {
	s := openInv(t)
	mustProduct(t, s, app.Product{SKU: "MUG", Title: "Enamel mug", UnitCost: 1250, MOQ: 100, Active: true})
	en := "SKU,Title,Price,Unit cost,Unit weight kg,Length cm,Width cm,Height cm,MOQ,Case pack,Shipping mode,Active\n" +
		"MUG,,16.99,,0.35,10,10,18,,24,海运,yes\n" +
		"TOWEL,Travel towel,$24.50,¥8.80,0.2,,,,300,50,air,no\n"
	res, err := importText(t, s, en, ImportOptions{Kind: reports.KindCatalog})
	if err != nil {
		t.Fatal(err)
	}
	// MUG was known and changed: updated, not "already imported".
	if res.Added != 1 || res.Updated != 1 || res.Already != 0 {
		t.Errorf("added %d updated %d unchanged %d, want 1, 1, 0", res.Added, res.Updated, res.Already)
	}
	mug, _ := s.ProductBySKU(context.Background(), "MUG")
	// Cells with a value replace; empty ones (title, unit cost, MOQ) keep
	// what was stored. 10 × 10 × 18 cm = 1,800 cm³.
	if mug.Price != 1699 || mug.PriceCurrency != "USD" || mug.WeightG != 350 || mug.VolumeCm3 != 1800 || mug.CasePack != 24 || mug.Mode != "sea" ||
		mug.Title != "Enamel mug" || mug.UnitCost != 1250 || mug.MOQ != 100 {
		t.Errorf("MUG %+v", mug)
	}
	towel, _ := s.ProductBySKU(context.Background(), "TOWEL")
	if towel.UnitCost != 880 || towel.CostCurrency != "CNY" || towel.Active || towel.MOQ != 300 || towel.Mode != "air" {
		t.Errorf("TOWEL %+v", towel)
	}
	// A file with SKU and Price only changes prices only. MUG's row here
	// changes nothing: unchanged.
	res, err = importText(t, s, "SKU,Price,Title\nTOWEL,25.99,Travel towel\nMUG,16.99,Enamel mug\n", ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != 0 || res.Updated != 1 || res.Already != 1 {
		t.Errorf("added %d updated %d unchanged %d, want 0, 1, 1", res.Added, res.Updated, res.Already)
	}
	towel2, _ := s.ProductBySKU(context.Background(), "TOWEL")
	if towel2.Price != 2599 || towel2.UnitCost != 880 || towel2.MOQ != 300 {
		t.Errorf("price-only file: %+v", towel2)
	}
	// A UK SKU keeps its pounds when a file gives a bare price.
	mustProduct(t, s, app.Product{SKU: "UKMUG", Marketplace: "UK", Price: 1500, Active: true})
	if _, err := importText(t, s, "SKU,Price,Title\nUKMUG,17.50,UK mug\n", ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if uk, _ := s.ProductBySKU(context.Background(), "UKMUG"); uk.Price != 1750 || uk.PriceCurrency != "GBP" {
		t.Errorf("UK price %d %s", uk.Price, uk.PriceCurrency)
	}
	// Export, then import the export: nothing changes.
	sh, err := s.ExportCatalog(context.Background(), "zh-Hans")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := reports.WriteXLSX(&buf, sh); err != nil {
		t.Fatal(err)
	}
	audits := rowCount(t, s, "audit_log")
	res, err = NewImporter(s, InventoryImportKinds()...).Import(context.Background(), &buf, ImportOptions{})
	if err != nil || res.Kind != reports.KindCatalog || res.Rows != 3 || res.Updated != 0 || res.Already != 3 {
		t.Fatalf("%+v %v", res, err)
	}
	if got := rowCount(t, s, "audit_log"); got != audits {
		t.Errorf("re-importing the export changed %d records", got-audits)
	}
	// A bad value refuses the file whole, naming the row.
	_, err = importText(t, s, "SKU,Title,MOQ\nCUP,Cup,-5\n", ImportOptions{Kind: reports.KindCatalog})
	var bad *BadRowsError
	if !errors.As(err, &bad) || bad.Problems[0].Row != 2 {
		t.Errorf("%v", err)
	}
}

// A report's times become its rows' clocks, which other desks refuse
// beyond a day ahead: rows dated in the future are refused.
func TestImportRefusesTheFuture(t *testing.T) {
	s := openInv(t)
	body := ordersHeader + "113-1\t2027-11-28T20:00:00+00:00\tAmazon.com\tMUG\tm\tShipped\t2\t1\tUSD\n" +
		"113-2\t2026-11-28T20:00:00+00:00\tAmazon.com\tMUG\tm\tShipped\t1\t1\tUSD\n"
	_, err := importText(t, s, body, ImportOptions{})
	var bad *BadRowsError
	if !errors.As(err, &bad) || bad.Problems[0].Row != 2 || bad.Problems[0].Detail != "in the future" {
		t.Fatalf("%v", err)
	}
	if _, err := importText(t, s, "sku\tafn-fulfillable-quantity\nMUG\t3\n", ImportOptions{Day: ymd(2026, 12, 5)}); !errors.Is(err, app.ErrInvalidInput) {
		t.Errorf("snapshot of a day to come: %v", err)
	}
}

// Two desks importing the same file write the same rows (each with its
// own clock: sync merges them to the newer one).
func TestImportedRowsAreTheSameOnEveryDesk(t *testing.T) {
	var dumps [2]string
	for i := range dumps {
		s := openInv(t)
		if _, err := importFixture(t, s, "all_orders.txt", ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		if _, err := importFixture(t, s, "fba_manage_inventory.txt", ImportOptions{Day: ymd(2026, 11, 29)}); err != nil {
			t.Fatal(err)
		}
		rows, err := s.read.Query(`SELECT id || day || qty FROM sale_line UNION ALL
			SELECT id || fulfillable FROM fba_snapshot ORDER BY 1`)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var r string
			_ = rows.Scan(&r)
			dumps[i] += r + "\n"
		}
		rows.Close()
	}
	if dumps[0] != dumps[1] || dumps[0] == "" {
		t.Errorf("the rows differ:\n%s\n---\n%s", dumps[0], dumps[1])
	}
}

// The support log says what each import did or why it was refused, with
// kinds and counts only: never a customer's order, product or address.
func TestImportIsLogged(t *testing.T) {
	var buf bytes.Buffer
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "opsbench.db"),
		Options{ReplicaName: "test desk", Now: func() time.Time { return invNow }, Log: slog.New(slog.NewTextHandler(&buf, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := importText(t, s, ordersA, ImportOptions{Name: "a.txt"}); err != nil {
		t.Fatal(err)
	}
	bad := ordersHeader + "113-9\t2026-11-28T20:00:00+00:00\tAmazon.com\tMUG\t张三的杯子\tShipped\ttwo\t1\tUSD\n"
	if _, err := importText(t, s, bad, ImportOptions{}); err == nil {
		t.Fatal("a bad row was imported")
	}
	text := buf.String()
	for _, want := range []string{"msg=import kind=all_orders rows=5 added=5", `msg="import refused" kind=all_orders rows=1 skipped=1 err="1 bad rows"`} {
		if !strings.Contains(text, want) {
			t.Errorf("the log lacks %q:\n%s", want, text)
		}
	}
	for _, private := range []string{"113-", "Enamel mug", "张三", "two"} {
		if strings.Contains(text, private) {
			t.Errorf("the log holds %q:\n%s", private, text)
		}
	}
}
