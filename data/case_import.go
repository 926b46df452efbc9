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
	"unicode/utf8"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data/reports"
)

// Importing the office's old after-sales log (the case log template,
// reports.CaseLogColumns) as cases with their timelines.
//
// Like a report import, a file is read once for the preview (nothing
// written) and once more to import it in one transaction: a file with a
// bad row is refused whole unless the user chose to skip bad rows, and a
// failed or cancelled import leaves the database as it was. A case's id
// is derived from what the row says (created, channel, type, buyer,
// order, tracking number), so importing a log twice, or a log that
// overlaps one imported before, adds nothing the second time.
//
// An old log is history: an e-mail case without a contact or a closed
// case without a resolution (the template has no such column) is
// imported as it is, and counted in the preview; editing such a case
// later asks for what it lacks. Owners are matched to the team by name;
// a name not on the team leaves the case without an owner, the name kept
// in a note.

// CaseLogOptions say how to import a case log.
type CaseLogOptions struct {
	// SkipBadRows imports the good rows of a file with bad ones; without
	// it such a file is refused whole.
	SkipBadRows bool
	// Size is the file's size, for Progress (bytes done, total).
	Size     int64
	Progress func(done, total int64)
}

// CaseLogResult is what a case log holds (a preview) or what importing
// it did.
type CaseLogResult struct {
	Format   reports.Format
	Encoding reports.Encoding
	// Rows read; Good can be imported, Skipped have problems (Problems
	// lists the first, ProblemCount counts all).
	Rows, Good, Skipped int
	Problems            []reports.Problem
	ProblemCount        int
	// From and To are the first and last day a case came in (office days).
	From, To app.Date
	// New cases are not in the database yet (Added, once imported);
	// Already were imported before and are left alone.
	New, Added, Already int
	// UnknownOwners are owner names not on the team (their cases get no
	// owner); NoContact counts e-mail and phone cases without a contact,
	// NoResolution resolved or closed cases without a resolution.
	UnknownOwners           []string
	NoContact, NoResolution int
	Truncated               bool
}

// CaseLogBadRowsError refuses a case log with bad rows when skipping was
// not chosen. Nothing was imported. It wraps app.ErrInvalidInput.
type CaseLogBadRowsError struct {
	Count    int
	Problems []reports.Problem
}

func (e *CaseLogBadRowsError) Error() string {
	var b strings.Builder
	s := "s"
	if e.Count == 1 {
		s = ""
	}
	fmt.Fprintf(&b, "after-sales case log: %d row%s cannot be imported, so nothing was imported (choose to skip bad rows to import the others)", e.Count, s)
	for i, p := range e.Problems {
		if i == 3 {
			fmt.Fprintf(&b, "; and %d more", e.Count-3)
			break
		}
		b.WriteString("; " + p.Error())
	}
	return b.String()
}

func (e *CaseLogBadRowsError) Unwrap() error { return app.ErrInvalidInput }

// Problem codes of case log rows beyond the reader's: a field the case
// rules refuse (ProblemCaseField followed by the app.Code*, e.g.
// "case_too_long"), and a creation time after tomorrow.
const (
	ProblemCaseField reports.ProblemCode = "case_"
	ProblemInFuture  reports.ProblemCode = "in_future"
)

// ErrCaseLogEmpty: the file has a header and no cases.
var ErrCaseLogEmpty = fmt.Errorf("the after-sales case log has a header but no cases to import: %w", app.ErrInvalidInput)

// importedFirstReply is the text of the first reply an old log records
// only by its time; both languages, as the log's readers may be either.
const importedFirstReply = "首次回复（从售后记录导入） / First reply (imported from the after-sales log)"

// caseLogRun is one reading of a case log.
type caseLogRun struct {
	s      *Store
	ctx    context.Context
	tx     *sql.Tx // nil: preview
	cfg    ServiceConfig
	now    time.Time
	people map[string]string // folded name -> person id ("" when two share it)
	seen   map[string]bool
	res    CaseLogResult
	bad    []reports.Problem
	owners map[string]bool
}

// PreviewCaseLog reads a case log and says what importing it would do,
// writing nothing.
func (s *Store) PreviewCaseLog(ctx context.Context, r io.Reader, opt CaseLogOptions) (CaseLogResult, error) {
	return s.runCaseLog(ctx, r, opt, nil)
}

// ImportCaseLog imports a case log in one transaction: all of it, the
// good rows when opt.SkipBadRows, or nothing (a *CaseLogBadRowsError,
// returned with what the file holds, as a preview says it: New counts
// what would have been added).
func (s *Store) ImportCaseLog(ctx context.Context, r io.Reader, opt CaseLogOptions) (CaseLogResult, error) {
	var res CaseLogResult
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		var err error
		res, err = s.runCaseLog(ctx, r, opt, tx)
		return err
	})
	// The support log gets counts only: a case log names customers.
	var bad *CaseLogBadRowsError
	switch {
	case errors.As(err, &bad):
		res.Added = 0
		s.log.Error("import refused", "kind", "cases", "rows", res.Rows, "skipped", res.Skipped, "err", fmt.Sprintf("%d bad rows", bad.Count))
		return res, err
	case err != nil:
		s.log.Error("import refused", "kind", "cases", "err", importErrorClass(err))
		return CaseLogResult{}, err
	}
	s.log.Info("import", "kind", "cases", "rows", res.Rows, "added", res.Added, "already", res.Already, "skipped", res.Skipped)
	return res, nil
}

func (s *Store) runCaseLog(ctx context.Context, r io.Reader, opt CaseLogOptions, tx *sql.Tx) (CaseLogResult, error) {
	cfg, err := s.ServiceConfig(ctx)
	if err != nil {
		return CaseLogResult{}, err
	}
	f, err := reports.Open(ctx, r, reports.Options{Kind: reports.KindCases, Location: cfg.Calendar.Location(), Size: opt.Size, Progress: opt.Progress})
	if err != nil {
		return CaseLogResult{}, err
	}
	defer f.Close()
	run := &caseLogRun{s: s, ctx: ctx, tx: tx, cfg: cfg, now: s.now(), seen: map[string]bool{}, owners: map[string]bool{}}
	run.res.Format, run.res.Encoding = f.Format, f.Encoding
	if run.people, err = s.peopleByName(ctx); err != nil {
		return CaseLogResult{}, err
	}
	sum, err := f.Cases(ctx, run.row)
	if err != nil {
		return CaseLogResult{}, err
	}
	res := run.res
	res.Rows, res.Skipped, res.Truncated = sum.Rows, sum.Skipped+len(run.bad), sum.Truncated
	res.Good = sum.Good - len(run.bad)
	res.Problems = append(slices.Clone(sum.Problems), run.bad...)
	slices.SortStableFunc(res.Problems, func(a, b reports.Problem) int { return a.Row - b.Row })
	res.ProblemCount = sum.ProblemCount + len(run.bad)
	for name := range run.owners {
		res.UnknownOwners = append(res.UnknownOwners, name)
	}
	slices.Sort(res.UnknownOwners)
	if res.Rows == 0 {
		return res, ErrCaseLogEmpty
	}
	if tx != nil && res.Skipped > 0 && !opt.SkipBadRows {
		return res, &CaseLogBadRowsError{Count: res.ProblemCount, Problems: res.Problems}
	}
	return res, nil
}

// peopleByName maps the team's names (trimmed, case folded) to person
// ids; a name two people share maps to "" (which of them is unknown).
func (s *Store) peopleByName(ctx context.Context) (map[string]string, error) {
	people, err := s.People(ctx)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, p := range people {
		k := strings.ToLower(strings.TrimSpace(p.Name))
		if _, dup := out[k]; dup {
			out[k] = ""
			continue
		}
		out[k] = p.ID
	}
	return out, nil
}

// row takes one good row of the log: checked, counted, and written when
// the run imports.
func (run *caseLogRun) row(r reports.CaseRow) error {
	c := app.Case{
		Type: app.CaseType(r.Type), Channel: r.Channel, Customer: r.Customer, Contact: r.Contact,
		OrderID: r.OrderID, SKU: r.SKU, Tracking: r.Tracking, Carrier: r.Carrier, Status: r.Status,
		Created: r.Created, Summary: firstLine(r.Notes, app.MaxCaseSummary),
	}.Normalize()
	for _, p := range c.Problems() {
		if p.Code == app.CodeNeedsResolution || (p.Field == "contact" && p.Code == app.CodeRequired) {
			continue // history: counted below, imported as it is
		}
		run.bad = append(run.bad, reports.Problem{Row: r.Row, Column: p.Field, Code: ProblemCaseField + reports.ProblemCode(p.Code), Detail: p.Error()})
		return nil
	}
	if c.Created.After(run.now.Add(maxFutureCase)) {
		run.bad = append(run.bad, reports.Problem{Row: r.Row, Column: "created", Value: c.Created.Format(time.RFC3339),
			Code: ProblemInFuture, Detail: "after tomorrow: a mistyped year?"})
		return nil
	}
	if app.NeedsContact(c.Channel) && c.Contact == "" {
		run.res.NoContact++
	}
	if c.Status.Done() && c.Resolution == "" {
		run.res.NoResolution++
	}
	var ownerNote string
	if name := strings.TrimSpace(r.Owner); name != "" {
		if id := run.people[strings.ToLower(name)]; id != "" {
			c.OwnerID = id
		} else {
			run.owners[name] = true
			ownerNote = name
		}
	}
	day := app.DateOf(c.Created, run.cfg.Calendar.Location())
	if run.res.From.IsZero() || day < run.res.From {
		run.res.From = day
	}
	if day > run.res.To {
		run.res.To = day
	}
	c.ID = serviceID("case-log", formatInstant(c.Created), string(c.Channel), string(c.Type), c.Customer, c.OrderID, c.Tracking)
	if run.seen[c.ID] {
		run.res.Already++
		return nil
	}
	run.seen[c.ID] = true
	var n int
	if err := run.s.read.QueryRowContext(run.ctx, `SELECT count(*) FROM service_case WHERE id = ?`, c.ID).Scan(&n); err != nil {
		return mapErr(err)
	}
	if n > 0 {
		run.res.Already++
		return nil
	}
	run.res.New++
	if run.tx == nil {
		return nil
	}
	if err := run.write(c, r, ownerNote); err != nil {
		return fmt.Errorf("row %d: %w", r.Row, err)
	}
	run.res.Added++
	return nil
}

// write adds one case of the log with its timeline: the status it came
// in with (new), its owner, the first reply when the log has its time,
// the status the log gives (at the first reply, or when it came in), and
// the notes.
func (run *caseLogRun) write(c app.Case, r reports.CaseRow, ownerNote string) error {
	ctx, tx, s := run.ctx, run.tx, run.s
	rec := caseRecord(c)
	rec["updated_at"] = formatInstant(run.now)
	if err := s.insertRecord(ctx, tx, tableCase, c.ID, rec); err != nil {
		return err
	}
	entries := []app.Entry{{Kind: app.EntryStatusChange, To: string(app.CaseNew), At: c.Created}}
	if c.OwnerID != "" {
		entries = append(entries, app.Entry{Kind: app.EntryOwner, To: c.OwnerID, At: c.Created})
	}
	last := c.Created
	if !r.FirstReply.IsZero() {
		if r.FirstReply.After(last) {
			last = r.FirstReply
		}
		entries = append(entries, app.Entry{Kind: app.EntryMessageOut, Body: importedFirstReply, At: last})
	}
	if c.Status != app.CaseNew {
		entries = append(entries, app.Entry{Kind: app.EntryStatusChange, From: string(app.CaseNew), To: string(c.Status), At: last})
	}
	note := strings.TrimSpace(r.Notes)
	if ownerNote != "" {
		note = strings.TrimSpace(note + "\n" + ownerNoteText + ownerNote)
	}
	if note != "" {
		entries = append(entries, app.Entry{Kind: app.EntryNote, Body: note, At: c.Created})
	}
	for _, e := range entries {
		e.CaseID = c.ID
		if _, err := s.appendEntry(ctx, tx, e); err != nil {
			return err
		}
	}
	return s.refreshSLA(ctx, tx, []string{c.ID})
}

// ownerNoteText introduces an owner name the team does not have.
const ownerNoteText = "负责人 / Owner: "

// firstLine is the first line of s, cut to max characters.
func firstLine(s string, max int) string {
	line, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	line = strings.TrimSpace(line)
	if utf8.RuneCountInString(line) > max {
		line = string([]rune(line)[:max-1]) + "…"
	}
	return line
}
