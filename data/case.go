package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/opsbench/opsbench/app"
)

// After-sales cases (app.Case). A case's status and owner changes are
// also written to its timeline (case_entry.go), where the SLA clocks
// read their pauses; the SLA columns are kept by case_sla.go.

const tableCase = "service_case"

// maxFutureCase is how far ahead of this desk's clock a case may be
// created: a typo in the year, not a time zone, is beyond it.
const maxFutureCase = 24 * time.Hour

// CodeInFuture: a case created after tomorrow (a mistyped date).
const CodeInFuture = "in_future"

func caseRecord(c app.Case) record {
	return record{
		"type": string(c.Type), "channel": string(c.Channel), "summary": c.Summary,
		"customer": c.Customer, "contact": c.Contact, "marketplace": c.Marketplace,
		"order_id": c.OrderID, "sku": c.SKU, "tracking": c.Tracking, "carrier": c.Carrier,
		"priority": string(c.Priority), "owner_id": c.OwnerID, "status": string(c.Status),
		"root_cause": string(c.RootCause), "resolution": string(c.Resolution),
		"created_at": formatInstant(c.Created),
	}
}

// caseColumns are read by scanCase, in order. The owner's name comes by
// a subquery, not a join, so that counting a list's rows reads only the
// case table's indexes.
const caseColumns = `c.id, c.type, c.channel, c.summary, c.customer, c.contact, c.marketplace, c.order_id, c.sku,
	c.tracking, c.carrier, c.priority, c.owner_id, coalesce((SELECT p.name FROM person p WHERE p.id = c.owner_id), ''),
	c.status, c.root_cause, c.resolution, c.created_at, c.updated_at`

// caseFrom is the case table as case queries name it.
const caseFrom = `service_case c`

// activeStatuses is the SQL list of the statuses of a case not resolved
// or closed (an IN list, which the status indexes serve; NOT IN would
// scan).
const activeStatuses = `('new', 'open', 'waiting_customer', 'waiting_carrier')`

type caseScanner interface{ Scan(dest ...any) error }

func scanCase(r caseScanner, extra ...any) (app.Case, error) {
	var c app.Case
	var typ, ch, prio, status, cause, res, created, updated string
	dest := append([]any{&c.ID, &typ, &ch, &c.Summary, &c.Customer, &c.Contact, &c.Marketplace, &c.OrderID, &c.SKU,
		&c.Tracking, &c.Carrier, &prio, &c.OwnerID, &c.OwnerName, &status, &cause, &res, &created, &updated}, extra...)
	if err := r.Scan(dest...); err != nil {
		return c, err
	}
	c.Type, c.Channel, c.Priority, c.Status = app.CaseType(typ), app.Channel(ch), app.Priority(prio), app.CaseStatus(status)
	c.RootCause, c.Resolution = app.RootCause(cause), app.Resolution(res)
	c.Created, c.Updated = parseCaseTime(created), parseCaseTime(updated)
	return c, nil
}

// parseCaseTime reads a stored instant; "" or a damaged value is zero.
func parseCaseTime(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}
	}
	return t.UTC()
}

// checkCase applies the rules only this desk can check: a creation time
// not after tomorrow, an owner who is on the team. They hold for what a
// form changes, so a case merged from elsewhere stays editable.
func (s *Store) checkCase(ctx context.Context, tx *sql.Tx, c, old app.Case) error {
	if !c.Created.Equal(old.Created) && c.Created.After(s.now().Add(maxFutureCase)) {
		return &app.FieldError{Entity: "case", Field: "created", Code: CodeInFuture}
	}
	if c.OwnerID != "" && c.OwnerID != old.OwnerID {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM person WHERE id = ? AND deleted = 0`, c.OwnerID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return &app.FieldError{Entity: "case", Field: "owner", Code: app.CodeBadChoice}
		}
	}
	return nil
}

// CreateCase adds a case. Its timeline starts at c.Created with its
// status, its owner when it has one, and the buyer's message when message
// is not empty. Problems are *app.FieldError values (c.Problems); the
// warnings (c.Warnings) never stop it.
func (s *Store) CreateCase(ctx context.Context, c app.Case, message string) (app.Case, error) {
	c = c.Normalize()
	if err := c.Validate(); err != nil {
		return app.Case{}, err
	}
	c.ID = s.newID()
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		return s.createCase(ctx, tx, c, message)
	})
	if err != nil {
		return app.Case{}, err
	}
	return s.Case(ctx, c.ID)
}

func (s *Store) createCase(ctx context.Context, tx *sql.Tx, c app.Case, message string) error {
	if err := s.checkCase(ctx, tx, c, app.Case{}); err != nil {
		return err
	}
	r := caseRecord(c)
	r["updated_at"] = formatInstant(s.now())
	if err := s.insertRecord(ctx, tx, tableCase, c.ID, r); err != nil {
		return err
	}
	first := []app.Entry{{Kind: app.EntryStatusChange, To: string(c.Status)}}
	if c.OwnerID != "" {
		first = append(first, app.Entry{Kind: app.EntryOwner, To: c.OwnerID})
	}
	if m := strings.TrimSpace(message); m != "" {
		first = append(first, app.Entry{Kind: app.EntryMessageIn, Body: m})
	}
	for _, e := range first {
		e.CaseID, e.At = c.ID, c.Created
		if _, err := s.appendEntry(ctx, tx, e); err != nil {
			return err
		}
	}
	return s.refreshSLA(ctx, tx, []string{c.ID})
}

// Case returns one case (deleted ones are not found).
func (s *Store) Case(ctx context.Context, id string) (app.Case, error) {
	return readCase(ctx, s.read, id)
}

func readCase(ctx context.Context, q queryer, id string) (app.Case, error) {
	c, err := scanCase(q.QueryRowContext(ctx, `SELECT `+caseColumns+` FROM `+caseFrom+` WHERE c.id = ? AND c.deleted = 0`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return app.Case{}, fmt.Errorf("case %s: %w", id, app.ErrNotFound)
	}
	return c, mapErr(err)
}

// UpdateCase saves a changed case, writing only the fields that differ
// from the stored ones; a new status or owner is also written to the
// timeline. For forms, SaveCaseChanges also keeps a colleague's edits.
func (s *Store) UpdateCase(ctx context.Context, c app.Case) (app.Case, error) {
	c = c.Normalize()
	if err := c.Validate(); err != nil {
		return app.Case{}, err
	}
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		return s.changeCase(ctx, tx, c.ID, func(old app.Case) error {
			if err := s.checkCase(ctx, tx, c, old); err != nil {
				return err
			}
			_, err := s.updateRecordTouching(ctx, tx, tableCase, c.ID, caseRecord(c), record{"updated_at": formatInstant(s.now())})
			return err
		})
	})
	if err != nil {
		return app.Case{}, err
	}
	return s.Case(ctx, c.ID)
}

// SaveCaseChanges saves a case form opened as snap (Store.OpenRecord on
// "service_case"): only the fields the user changed are written, on top
// of what other desks changed meanwhile; a field changed on both sides
// refuses the save with a *StaleError unless named in keepMine. A new
// status or owner is also written to the timeline.
func (s *Store) SaveCaseChanges(ctx context.Context, snap RecordSnapshot, c app.Case, keepMine []string) (app.Case, error) {
	c = c.Normalize()
	if err := c.Validate(); err != nil {
		return app.Case{}, err
	}
	c.ID = snap.ID
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		return s.changeCase(ctx, tx, c.ID, func(old app.Case) error {
			base := old
			base.Created = parseCaseTime(text(snap.Fields["created_at"].Value))
			base.OwnerID = text(snap.Fields["owner_id"].Value)
			if err := s.checkCase(ctx, tx, c, base); err != nil {
				return err
			}
			_, err := s.saveChanges(ctx, tx, snap, caseRecord(c), keepMine, record{"updated_at": formatInstant(s.now())})
			return err
		})
	})
	if err != nil {
		return app.Case{}, err
	}
	return s.Case(ctx, c.ID)
}

// changeCase runs write on case id inside tx and writes the status and
// owner changes it made to the timeline, stamped now. The stored case
// after write must still be valid as a whole: a form that left the
// resolution alone cannot close a case a colleague's merge left
// without one.
func (s *Store) changeCase(ctx context.Context, tx *sql.Tx, id string, write func(old app.Case) error) error {
	old, err := readCase(ctx, tx, id)
	if err != nil {
		return err
	}
	if err := write(old); err != nil {
		return err
	}
	now, err := readCase(ctx, tx, id)
	if err != nil {
		return err
	}
	if err := now.Validate(); err != nil {
		return err
	}
	at := s.now()
	if now.Status != old.Status {
		if _, err := s.appendEntry(ctx, tx, app.Entry{CaseID: id, At: at, Kind: app.EntryStatusChange, From: string(old.Status), To: string(now.Status)}); err != nil {
			return err
		}
	}
	if now.OwnerID != old.OwnerID {
		if _, err := s.appendEntry(ctx, tx, app.Entry{CaseID: id, At: at, Kind: app.EntryOwner, From: old.OwnerID, To: now.OwnerID}); err != nil {
			return err
		}
	}
	return s.refreshSLA(ctx, tx, []string{id})
}

// SetCaseStatus moves a case to another status in one action (a follow-up
// done, a quick resolve): a resolved or closed case needs resolution
// (kept when already set, resolution "" keeps the stored one).
func (s *Store) SetCaseStatus(ctx context.Context, id string, status app.CaseStatus, resolution app.Resolution) (app.Case, error) {
	c, err := s.Case(ctx, id)
	if err != nil {
		return app.Case{}, err
	}
	c.Status = status
	if resolution != "" {
		c.Resolution = resolution
	}
	return s.UpdateCase(ctx, c)
}

// DeleteCase removes a case made by mistake (a tombstone that travels;
// its timeline stays, unreachable).
func (s *Store) DeleteCase(ctx context.Context, id string) error {
	return s.withTx(ctx, func(tx *sql.Tx) error { return s.deleteRecord(ctx, tx, tableCase, id) })
}

// CaseWithTimeline is a case and its history, for adding many at once.
type CaseWithTimeline struct {
	Case    app.Case
	Entries []app.Entry
}

// AddCases adds cases with their timelines (a demo office's years of
// them) in one transaction: all or nothing. Each case is checked as
// CreateCase checks it, each entry as AddEntry does; here status and
// owner changes are history like the rest, and the case's status must be
// the last status its timeline reaches. Cases keep their ids when set.
func (s *Store) AddCases(ctx context.Context, cases []CaseWithTimeline) error {
	return s.withTx(ctx, func(tx *sql.Tx) error {
		ids := make([]string, 0, len(cases))
		for i, cw := range cases {
			c := cw.Case.Normalize()
			if err := c.Validate(); err != nil {
				return fmt.Errorf("case %d: %w", i+1, err)
			}
			if c.ID == "" {
				c.ID = s.newID()
			}
			if h := app.StatusHistory(cw.Entries); len(h) > 0 && h[len(h)-1].Status != c.Status {
				return fmt.Errorf("case %d: its timeline ends in status %s, the case is %s: %w", i+1, h[len(h)-1].Status, c.Status, app.ErrInvalidInput)
			}
			if err := s.checkCase(ctx, tx, c, app.Case{}); err != nil {
				return fmt.Errorf("case %d: %w", i+1, err)
			}
			r := caseRecord(c)
			r["updated_at"] = formatInstant(s.now())
			if err := s.insertRecord(ctx, tx, tableCase, c.ID, r); err != nil {
				return err
			}
			for _, e := range cw.Entries {
				e.CaseID = c.ID
				if _, err := s.appendEntry(ctx, tx, e); err != nil {
					return fmt.Errorf("case %d: %w", i+1, err)
				}
			}
			ids = append(ids, c.ID)
		}
		return s.refreshSLA(ctx, tx, ids)
	})
}
