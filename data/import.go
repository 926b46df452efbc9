package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data/reports"
)

// Importing Amazon reports (and OpsBench's templates) into the database.
//
// An import reads a file once for its preview (nothing written: the kind,
// the rows, the date range, the SKUs not in the catalog, the rows it would
// skip and why) and once more to write it, all in one transaction: a file
// with a bad row is refused whole unless the user chose to skip bad rows,
// and a cancelled or failed import leaves the database as it was. Rows
// have ids derived from what they are (see the 0007 migration), so a file
// imported twice, or an overlapping period, adds nothing the second time.
//
// Kinds are pluggable: an ImportKind reads one reports.Kind into its
// tables; NewImporter takes the kinds an application handles
// (InventoryImportKinds, and the service area's case log).

// DateNeed says which dates a report does not carry and the user gives.
type DateNeed int

// Dates an import may need.
const (
	// NeedNoDate: the rows carry their dates (orders, returns, catalog).
	NeedNoDate DateNeed = iota
	// NeedDay: a snapshot of one day (FBA inventory); default today.
	NeedDay
	// NeedRange: a period (Business Report); no default.
	NeedRange
)

// ImportOptions say how to read a file and what to do with it.
type ImportOptions struct {
	// Kind, when set, is the only kind accepted (--kind).
	Kind reports.Kind
	// Day is the day of a snapshot (FBA inventory; default today in the
	// marketplace) or the last day of a Business Report's period; From
	// is the first day of that period.
	From, Day app.Date
	// Marketplace is the marketplace of rows that do not say and whose SKU
	// is not in the catalog (default US).
	Marketplace string
	// SkipBadRows imports the good rows of a file with bad ones; without
	// it such a file is refused whole.
	SkipBadRows bool
	// AddUnknownSKUs adds the SKUs the file names but the catalog lacks to
	// the catalog, with what the file says about them (title, ASIN...).
	AddUnknownSKUs bool
	// Name is the file's name, for the import log; Size its size, for
	// Progress, which is called as the file is read (bytes done, total).
	Name     string
	Size     int64
	Progress func(done, total int64)
}

// ImportPreview is what a file holds and what importing it would do.
type ImportPreview struct {
	Kind     reports.Kind
	Format   reports.Format
	Encoding reports.Encoding
	Header   []string
	// Rows read; Good of them can be imported, Skipped have problems:
	// Problems lists the first of them (ProblemCount counts all).
	Rows, Good, Skipped int
	Problems            []reports.Problem
	ProblemCount        int
	// From and To are the first and last day of the rows (in their
	// marketplace's days), or the period given for a Business Report or
	// snapshot.
	From, To app.Date
	// Dates is which dates the kind needs from the user.
	Dates DateNeed
	// UnknownSKUs are SKUs (ASINs, for a Business Report) not in the
	// catalog, sorted, at most maxUnknownListed; UnknownCount counts all.
	UnknownSKUs  []string
	UnknownCount int
	// Truncated is set when the file seems cut short.
	Truncated bool
}

// ReportImportResult is a finished import.
type ReportImportResult struct {
	ImportPreview
	// Added counts rows new to this database; Updated the catalog rows
	// that changed a SKU already in it (only a catalog updates); Already
	// the rows that were imported before (here or on another desk) and
	// were left alone, or catalog rows that changed nothing.
	Added, Updated, Already int
	// SKUsAdded counts catalog entries made (AddUnknownSKUs).
	SKUsAdded int
}

// maxUnknownListed bounds the unknown SKUs a preview lists.
const maxUnknownListed = 200

// BadRowsError refuses a file with bad rows when skipping was not chosen.
type BadRowsError struct {
	Kind     reports.Kind
	Count    int
	Problems []reports.Problem
}

func (e *BadRowsError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d row%s cannot be imported, so nothing was imported (choose to skip bad rows to import the others)",
		e.Kind.Title(), e.Count, plural(e.Count))
	for i, p := range e.Problems {
		if i == 3 {
			fmt.Fprintf(&b, "; and %d more", e.Count-3)
			break
		}
		b.WriteString("; " + p.Error())
	}
	return b.String()
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// ErrNoRows is returned for a file with a header and no data rows.
var ErrNoRows = errors.New("the file has a header but no rows to import")

// ImportKind imports one kind of file. Implementations live in this
// package (they write through the record writer).
type ImportKind interface {
	Kind() reports.Kind
	Dates() DateNeed
	// read hands the file's rows to run: run.tx is nil for a preview.
	read(ctx context.Context, run *importRun, f *reports.File) (*reports.Summary, error)
}

// Importer imports files of the kinds it was made with.
type Importer struct {
	s     *Store
	kinds map[reports.Kind]ImportKind
	order []reports.Kind
}

// NewImporter makes an importer for the given kinds.
func NewImporter(s *Store, kinds ...ImportKind) *Importer {
	im := &Importer{s: s, kinds: map[reports.Kind]ImportKind{}}
	for _, k := range kinds {
		if _, dup := im.kinds[k.Kind()]; !dup {
			im.order = append(im.order, k.Kind())
		}
		im.kinds[k.Kind()] = k
	}
	return im
}

// InventoryImportKinds are the kinds the inventory area imports: All
// Orders, FBA inventory, Business Report, FBA returns and the catalog.
func InventoryImportKinds() []ImportKind {
	return []ImportKind{ordersKind{}, fbaInventoryKind{}, businessKind{}, returnsKind{}, catalogKind{}}
}

// Kinds lists the kinds this importer handles, in the order given.
func (im *Importer) Kinds() []reports.Kind { return slices.Clone(im.order) }

// Dates says which dates the user gives for a kind.
func (im *Importer) Dates(k reports.Kind) DateNeed {
	if ik, ok := im.kinds[k]; ok {
		return ik.Dates()
	}
	return NeedNoDate
}

// importRun is one reading of a file, for a preview or an import.
type importRun struct {
	s       *Store
	ctx     context.Context
	tx      *sql.Tx // nil: preview
	opt     ImportOptions
	now     time.Time
	catalog map[string]app.Product
	asins   map[string]app.Product
	unknown map[string]app.Product // what the file says about SKUs not in the catalog
	from    app.Date
	to      app.Date
	// batches write the rows: "" the report's own rows (counted in
	// Added and Already), other names bookkeeping rows (the second entry
	// of a cancelled order line).
	batches map[string]*appendBatch
	queued  int
	added   int
	updated int // catalog rows that changed a SKU already there
	// rejected are rows the reader accepted but the catalog's rules
	// refuse (a MOQ too large): skipped like the reader's bad rows.
	rejected []reports.Problem
	// channels remembers the marketplace of each sales channel seen.
	channels map[string]channelMarket
}

type channelMarket struct {
	m  app.Marketplace
	ok bool
}

// maxAhead is how far past now a row's date may be (a time zone ahead):
// a date further on is a typing mistake (a wrong year) or a wrong date on
// the computer that made the file.
const maxAhead = 20 * time.Hour

// FutureDetail is the Detail of the problem (reports.ProblemNotDate) of a
// row dated in the future.
const FutureDetail = "in the future"

// ahead rejects a row dated too far in the future (a wrong year typed in
// a spreadsheet): true when it did.
func (r *importRun) ahead(row int, column string, t time.Time) bool {
	if r.now.IsZero() || !t.After(r.now.Add(maxAhead)) {
		return false
	}
	r.rejected = append(r.rejected, reports.Problem{Row: row, Column: column, Value: t.Format(time.RFC3339),
		Code: reports.ProblemNotDate, Detail: FutureDetail})
	return true
}

// reject skips a row the reader accepted, for the reason err gives.
func (r *importRun) reject(row int, column, value string, err error) {
	r.rejected = append(r.rejected, reports.Problem{Row: row, Column: column, Value: value, Code: reports.ProblemBadChoice, Detail: err.Error()})
}

// day widens the run's date range by d.
func (r *importRun) day(d app.Date) {
	if d.IsZero() {
		return
	}
	if r.from.IsZero() || d < r.from {
		r.from = d
	}
	if d > r.to {
		r.to = d
	}
}

// known reports whether sku is in the catalog, remembering it otherwise
// with what the file says about it.
func (r *importRun) known(sku string, about app.Product) bool {
	if _, ok := r.catalog[sku]; ok {
		return true
	}
	if _, ok := r.unknown[sku]; !ok {
		about.SKU = sku
		r.unknown[sku] = about
	}
	return false
}

// marketplace is the marketplace of a row: its sales channel's, else its
// SKU's in the catalog, else the option's, else US.
func (r *importRun) marketplace(channel, sku string) app.Marketplace {
	if channel != "" {
		cm, seen := r.channels[channel]
		if !seen {
			if r.channels == nil {
				r.channels = map[string]channelMarket{}
			}
			cm.m, cm.ok = app.MarketplaceOfChannel(channel)
			r.channels[channel] = cm
		}
		if cm.ok {
			return cm.m
		}
	}
	if p, ok := r.catalog[sku]; ok {
		if m, ok := app.MarketplaceOf(p.Marketplace); ok {
			return m
		}
	}
	return r.defaultMarketplace()
}

func (r *importRun) defaultMarketplace() app.Marketplace {
	if m, ok := app.MarketplaceOf(r.opt.Marketplace); ok {
		return m
	}
	m, _ := app.MarketplaceOf(app.DefaultMarketplace)
	return m
}

// write queues one row of the report for table (nothing in a preview).
func (r *importRun) write(table string, cols []string, id string, vals ...any) error {
	if r.tx == nil {
		return nil
	}
	r.queued++
	return r.writeTo("", table, cols, id, vals...)
}

// writeTo queues a row in the named batch.
func (r *importRun) writeTo(name, table string, cols []string, id string, vals ...any) error {
	if r.tx == nil {
		return nil
	}
	b := r.batches[name]
	if b == nil {
		b = r.s.newAppendBatch(r.ctx, r.tx, table, cols)
		r.batches[name] = b
	}
	return b.add(id, vals...)
}

func (r *importRun) closeBatches() error {
	for _, name := range slices.Sorted(mapKeys(r.batches)) {
		n, err := r.batches[name].close()
		if err != nil {
			return err
		}
		if name == "" {
			r.added += n
		}
	}
	r.batches = map[string]*appendBatch{}
	return nil
}

// Open reads the start of a file: its format, encoding and kind. The
// returned file must be closed; its rows are read by Preview or Import.
func (im *Importer) open(ctx context.Context, rd io.Reader, opt ImportOptions) (*reports.File, ImportKind, error) {
	ropt := reports.Options{Kind: opt.Kind, Size: opt.Size, Progress: opt.Progress}
	if m, ok := app.MarketplaceOf(opt.Marketplace); ok {
		ropt.Location, ropt.Currency = m.Location(), m.Currency
		ropt.DayFirst = m.Code != "US" && m.Code != "CA" && m.Code != "MX"
	}
	f, err := reports.Open(ctx, rd, ropt)
	if err != nil {
		return nil, nil, err
	}
	ik, ok := im.kinds[f.Kind]
	if !ok {
		f.Close()
		return nil, nil, fmt.Errorf("%s files are not imported here: OpsBench imports %s here", f.Kind.Title(), im.kindList())
	}
	return f, ik, nil
}

func (im *Importer) kindList() string {
	var names []string
	for _, k := range im.order {
		names = append(names, fmt.Sprintf("%s (%s)", k.Title(), k))
	}
	return strings.Join(names, ", ")
}

// Preview reads a file without writing anything.
func (im *Importer) Preview(ctx context.Context, rd io.Reader, opt ImportOptions) (ImportPreview, error) {
	f, ik, err := im.open(ctx, rd, opt)
	if err != nil {
		return ImportPreview{}, err
	}
	defer f.Close()
	run, err := im.newRun(ctx, nil, opt)
	if err != nil {
		return ImportPreview{}, err
	}
	sum, err := ik.read(ctx, run, f)
	if err != nil {
		return ImportPreview{}, err
	}
	return run.preview(f, ik, sum), nil
}

func (im *Importer) newRun(ctx context.Context, tx *sql.Tx, opt ImportOptions) (*importRun, error) {
	var q querier = im.s.read
	if tx != nil {
		q = tx
	}
	cat, err := knownSKUs(ctx, q)
	if err != nil {
		return nil, err
	}
	run := &importRun{s: im.s, ctx: ctx, tx: tx, opt: opt, now: im.s.now().UTC(), catalog: cat,
		asins: map[string]app.Product{}, unknown: map[string]app.Product{}, batches: map[string]*appendBatch{}}
	for _, p := range cat {
		if p.ASIN != "" {
			run.asins[p.ASIN] = p
		}
	}
	return run, nil
}

func (r *importRun) preview(f *reports.File, ik ImportKind, sum *reports.Summary) ImportPreview {
	p := ImportPreview{Kind: f.Kind, Format: f.Format, Encoding: f.EncodingUsed(), Header: f.Header,
		Rows: sum.Rows, Good: sum.Good, Skipped: sum.Skipped, Problems: sum.Problems, ProblemCount: sum.ProblemCount,
		From: r.from, To: r.to, Dates: ik.Dates(), Truncated: sum.Truncated, UnknownCount: len(r.unknown)}
	if len(r.rejected) > 0 {
		p.Good -= len(r.rejected)
		p.Skipped += len(r.rejected)
		p.ProblemCount += len(r.rejected)
		p.Problems = append(slices.Clone(p.Problems), r.rejected...)
		slices.SortStableFunc(p.Problems, func(a, b reports.Problem) int { return a.Row - b.Row })
	}
	for sku := range r.unknown {
		p.UnknownSKUs = append(p.UnknownSKUs, sku)
	}
	slices.Sort(p.UnknownSKUs)
	if len(p.UnknownSKUs) > maxUnknownListed {
		p.UnknownSKUs = p.UnknownSKUs[:maxUnknownListed]
	}
	return p
}

// Import reads a file and writes it in one transaction. A file with bad
// rows is refused whole (*BadRowsError) unless opt.SkipBadRows; a file cut
// short (reports.ErrTruncated) is refused whole either way. Cancelling ctx
// stops the reading and leaves the database as it was.
func (im *Importer) Import(ctx context.Context, rd io.Reader, opt ImportOptions) (ReportImportResult, error) {
	if err := im.s.CheckFile(); err != nil {
		return ReportImportResult{}, err
	}
	f, ik, err := im.open(ctx, rd, opt)
	if err != nil {
		return ReportImportResult{}, err
	}
	defer f.Close()
	if err := checkDates(ik.Dates(), f.Kind, opt, app.DateOf(im.s.now(), time.UTC)); err != nil {
		return ReportImportResult{}, err
	}
	var res ReportImportResult
	err = im.s.withBulkTx(ctx, func(tx *sql.Tx) error {
		run, err := im.newRun(ctx, tx, opt)
		if err != nil {
			return err
		}
		sum, err := ik.read(ctx, run, f)
		if err != nil {
			return err
		}
		if err := run.closeBatches(); err != nil {
			return err
		}
		res.ImportPreview = run.preview(f, ik, sum)
		switch {
		case sum.Truncated:
			return fmt.Errorf("the last row is incomplete: %w", reports.ErrTruncated)
		case res.Skipped > 0 && !opt.SkipBadRows:
			return &BadRowsError{Kind: f.Kind, Count: res.ProblemCount, Problems: res.Problems}
		case res.Rows == 0:
			return ErrNoRows
		}
		if opt.AddUnknownSKUs {
			if res.SKUsAdded, err = run.addUnknown(); err != nil {
				return err
			}
		}
		res.Added, res.Updated, res.Already = run.added, run.updated, run.queued-run.added-run.updated
		return im.s.appendRow(ctx, tx, tableImportLog, im.s.newID(), record{
			"at": formatInstant(run.now), "kind": string(f.Kind), "file_name": opt.Name, "rows": sum.Rows,
			"added": run.added, "skipped": res.Skipped, "date_from": dayText(res.From), "date_to": dayText(res.To),
			"actor_name": im.s.Actor().Name,
		})
	})
	if err != nil && ctx.Err() != nil {
		// Cancelled: whatever failed first (a statement the cancelled
		// transaction closed), the cause is the cancel.
		im.s.log.Info("import cancelled", "kind", string(f.Kind))
		return res, ctx.Err()
	}
	if err != nil {
		// The support log gets the kind and the counts, never row
		// contents (orders name customers).
		im.s.log.Error("import refused", "kind", string(f.Kind), "rows", res.Rows, "skipped", res.Skipped, "err", importErrorClass(err))
		return res, err
	}
	im.s.log.Info("import", "kind", string(f.Kind), "rows", res.Rows, "added", res.Added, "updated", res.Updated,
		"already", res.Already, "skipped", res.Skipped, "skus_added", res.SKUsAdded)
	return res, nil
}

// importErrorClass names why an import was refused without quoting the
// file: a bad row's message can hold a customer's name or address.
func importErrorClass(err error) string {
	var bad *BadRowsError
	switch {
	case errors.As(err, &bad):
		return fmt.Sprintf("%d bad rows", bad.Count)
	case errors.Is(err, reports.ErrTruncated):
		return "file cut short"
	case errors.Is(err, ErrNoRows):
		return "no rows"
	case errors.Is(err, app.ErrInvalidInput):
		return "invalid input"
	}
	return err.Error()
}

// addUnknown adds the SKUs the file named but the catalog lacked.
func (r *importRun) addUnknown() (int, error) {
	n := 0
	for _, sku := range slices.Sorted(mapKeys(r.unknown)) {
		p := r.unknown[sku]
		p.Active = true
		p = p.Normalize()
		if p.Validate() != nil {
			p = app.Product{SKU: sku, Marketplace: p.Marketplace, Active: true}.Normalize()
			if p.Validate() != nil {
				continue
			}
		}
		p.ID = app.ProductID(p.SKU)
		created, _, err := r.s.putProduct(r.ctx, r.tx, p, false)
		if err != nil {
			var fe *app.FieldError
			if errors.As(err, &fe) {
				continue // there after all
			}
			return n, err
		}
		if created {
			n++
		}
	}
	return n, nil
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// checkDates refuses an import that lacks the dates its kind needs, or
// gives days still to come.
func checkDates(need DateNeed, k reports.Kind, opt ImportOptions, today app.Date) error {
	if !opt.Day.IsZero() && opt.Day > today.AddDays(1) {
		return fmt.Errorf("%s is still to come: give the day the report was downloaded: %w", opt.Day, app.ErrInvalidInput)
	}
	if need != NeedRange {
		return nil
	}
	switch {
	case opt.From.IsZero() || opt.Day.IsZero():
		return &DatesNeededError{Kind: k}
	case opt.From > opt.Day:
		return fmt.Errorf("the period %s..%s ends before it starts: %w", opt.From, opt.Day, app.ErrInvalidInput)
	}
	return nil
}

// DatesNeededError says a file does not name the period it covers (a
// Business Report): the user must give it.
type DatesNeededError struct{ Kind reports.Kind }

func (e *DatesNeededError) Error() string {
	return fmt.Sprintf("a %s does not say which days it covers: give the period it was downloaded for (first and last day)", e.Kind.Title())
}

func (e *DatesNeededError) Unwrap() error { return app.ErrInvalidInput }

// ImportLogEntry is one import, for the Import screen's history.
type ImportLogEntry struct {
	At        time.Time
	Kind      reports.Kind
	FileName  string
	Rows      int
	Added     int
	Skipped   int
	From, To  app.Date
	ActorName string
}

// ImportLog lists the imports made here and on other desks, newest first.
func (s *Store) ImportLog(ctx context.Context, limit int) ([]ImportLogEntry, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT at, kind, file_name, rows, added, skipped, date_from, date_to, actor_name
		FROM import_log WHERE deleted = 0 ORDER BY at DESC, id DESC LIMIT ?`, max(limit, 1))
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []ImportLogEntry
	for rows.Next() {
		var e ImportLogEntry
		var at, kind, from, to string
		if err := rows.Scan(&at, &kind, &e.FileName, &e.Rows, &e.Added, &e.Skipped, &from, &to, &e.ActorName); err != nil {
			return nil, mapErr(err)
		}
		e.At, e.Kind, e.From, e.To = parseInstant(at), reports.Kind(kind), parseDay(from), parseDay(to)
		out = append(out, e)
	}
	return out, mapErr(rows.Err())
}

// withBulkTx is withTx for writing many rows: a bigger page cache while it
// runs (as a sync merge has), the usual one after.
func (s *Store) withBulkTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `PRAGMA cache_size = -65536`); err != nil {
			return err
		}
		return fn(tx)
	})
	// The writer's usual page cache, once the transaction let go of it.
	_, _ = s.write.ExecContext(context.WithoutCancel(ctx), `PRAGMA cache_size = -2000`)
	return err
}
