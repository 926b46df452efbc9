package data

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data/reports"
)

// fbaInventoryKind imports FBA Manage Inventory reports as snapshots.
type fbaInventoryKind struct{}

func (fbaInventoryKind) Kind() reports.Kind { return reports.KindFBAInventory }
func (fbaInventoryKind) Dates() DateNeed    { return NeedDay }

var snapshotColumns = []string{"day", "sku", "marketplace", "fnsku", "asin", "fulfillable", "inbound_working",
	"inbound_shipped", "inbound_receiving", "reserved", "unsellable"}

func (fbaInventoryKind) read(ctx context.Context, run *importRun, f *reports.File) (*reports.Summary, error) {
	markets := map[string]bool{}
	sum, err := f.Inventory(ctx, func(r reports.InventoryRow) error {
		m := run.marketplace("", r.SKU)
		day := run.opt.Day
		if day.IsZero() {
			// The report is of the moment it was downloaded: today there.
			day = app.DateOf(run.now, m.Location())
		}
		run.day(day)
		run.known(r.SKU, app.Product{FNSKU: r.FNSKU, ASIN: r.ASIN, Title: r.ProductName, Price: r.Price,
			PriceCurrency: r.Currency, Marketplace: m.Code})
		markets[m.Code] = true
		return writeSnapshot(run, FBASnapshot{Day: day, SKU: r.SKU, Marketplace: m.Code, Fulfillable: r.Fulfillable,
			InboundWorking: r.InboundWorking, InboundShipped: r.InboundShipped, InboundReceiving: r.InboundReceiving,
			Reserved: r.Reserved, Unsellable: r.Unsellable}, r.FNSKU, r.ASIN)
	})
	if err != nil || run.tx == nil {
		return sum, err
	}
	for code := range markets {
		if err := run.s.ensureLocation(ctx, run.tx, FBALocation(code)); err != nil {
			return sum, err
		}
	}
	return sum, nil
}

// writeSnapshot queues one snapshot row. The same figures on the same day
// are the same snapshot, whoever imports it; other figures (a later
// download) are another row.
func writeSnapshot(run *importRun, sn FBASnapshot, fnsku, asin string) error {
	vals := []int{sn.Fulfillable, sn.InboundWorking, sn.InboundShipped, sn.InboundReceiving, sn.Reserved, sn.Unsellable}
	parts := []string{sn.Marketplace, dayText(sn.Day), sn.SKU}
	for _, v := range vals {
		parts = append(parts, strconv.Itoa(v))
	}
	// Ids that follow the day keep a year of snapshots appending to the
	// index instead of splitting pages all over it.
	return run.write(tableFBASnapshot, snapshotColumns, app.TimeID(sn.Day.In(time.UTC), strings.Join(parts, "\x00")),
		dayText(sn.Day), sn.SKU, sn.Marketplace, fnsku, asin, sn.Fulfillable, sn.InboundWorking, sn.InboundShipped,
		sn.InboundReceiving, sn.Reserved, sn.Unsellable)
}

// AddFBASnapshots records snapshots without a file (the demo data): the
// same rows and ids as importing FBA inventory reports of those days.
func (s *Store) AddFBASnapshots(ctx context.Context, snaps []FBASnapshot) (int, error) {
	var added int
	err := s.withBulkTx(ctx, func(tx *sql.Tx) error {
		run := &importRun{s: s, ctx: ctx, tx: tx, batches: map[string]*appendBatch{}}
		markets := map[string]bool{}
		for _, sn := range snaps {
			markets[sn.Marketplace] = true
			if err := writeSnapshot(run, sn, "", ""); err != nil {
				return err
			}
		}
		for code := range markets {
			if err := s.ensureLocation(ctx, tx, FBALocation(code)); err != nil {
				return err
			}
		}
		err := run.closeBatches()
		added = run.added
		return err
	})
	return added, err
}

// FBASnapshot is Amazon's count of a SKU's units on a day.
type FBASnapshot struct {
	Day              app.Date
	SKU              string
	Marketplace      string
	Fulfillable      int
	InboundWorking   int
	InboundShipped   int
	InboundReceiving int
	Reserved         int
	Unsellable       int
}

// Inbound is working + shipped + receiving.
func (s FBASnapshot) Inbound() int { return s.InboundWorking + s.InboundShipped + s.InboundReceiving }

// latestSnapshotSQL picks, per SKU, marketplace and day, the download
// with the fewest fulfillable units (ties by id, the same on every desk).
const latestSnapshotSQL = `SELECT day, sku, marketplace, fulfillable, inbound_working, inbound_shipped, inbound_receiving,
	reserved, unsellable FROM (
	SELECT *, row_number() OVER (PARTITION BY sku, marketplace, day ORDER BY fulfillable, id) AS n
	  FROM fba_snapshot WHERE deleted = 0 %s) WHERE n = 1`

// SKUSnapshots lists a SKU's FBA snapshots from..to, one per day and
// marketplace, by day.
func (s *Store) SKUSnapshots(ctx context.Context, sku string, from, to app.Date) ([]FBASnapshot, error) {
	return querySnapshots(ctx, s.read, `AND sku = ? AND day BETWEEN ? AND ?`, sku, dayText(from), dayText(to))
}

func querySnapshots(ctx context.Context, q querier, where string, args ...any) ([]FBASnapshot, error) {
	rows, err := q.QueryContext(ctx, fmt.Sprintf(latestSnapshotSQL, where)+` ORDER BY sku, day, marketplace`, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []FBASnapshot
	for rows.Next() {
		var sn FBASnapshot
		var day string
		if err := rows.Scan(&day, &sn.SKU, &sn.Marketplace, &sn.Fulfillable, &sn.InboundWorking, &sn.InboundShipped,
			&sn.InboundReceiving, &sn.Reserved, &sn.Unsellable); err != nil {
			return nil, mapErr(err)
		}
		sn.Day = parseDay(day)
		out = append(out, sn)
	}
	return out, mapErr(rows.Err())
}
