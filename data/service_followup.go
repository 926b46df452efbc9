package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/opsbench/opsbench/app"
)

// Follow-up lists: the store reads the candidates, app's rules
// (followup.go) decide which are due; each item is done in one action.

// FollowUps are the four follow-up lists at an instant.
type FollowUps struct {
	Tracking  []app.FollowUp // shipped, tracking number not sent
	COD       []app.FollowUp // cash on delivery, buyer not called
	Carrier   []app.FollowUp // waiting on the carrier too long
	Callbacks []app.FollowUp // promised call-backs
}

// All is every item, list by list.
func (f FollowUps) All() []app.FollowUp {
	return append(append(append(append([]app.FollowUp(nil), f.Tracking...), f.COD...), f.Carrier...), f.Callbacks...)
}

// FollowUps reads the follow-up lists at now.
func (s *Store) FollowUps(ctx context.Context, now time.Time) (FollowUps, error) {
	cfg, err := s.ServiceConfig(ctx)
	if err != nil {
		return FollowUps{}, err
	}
	var out FollowUps
	orders, err := s.queryServiceOrders(ctx, `SELECT `+serviceOrderColumns+` FROM service_order
		WHERE deleted = 0 AND cancelled = 0 AND ((shipped_at <> '' AND tracking_sent_at = '') OR (cod = 1 AND shipped_at = '' AND called_at = ''))`)
	if err != nil {
		return out, err
	}
	out.Tracking = app.TrackingFollowUps(orders, cfg.Rules, now)
	out.COD = app.CODFollowUps(orders, cfg.Rules, now)

	rows, err := s.read.QueryContext(ctx, `SELECT `+caseColumns+`,
		(SELECT max(e.at) FROM case_entry e WHERE e.case_id = c.id AND e.kind = 'status' AND e.to_value = 'waiting_carrier'),
		coalesce((SELECT max(e.at) FROM case_entry e WHERE e.case_id = c.id AND e.kind = 'action' AND e.action = ?), '')
		FROM `+caseFrom+` WHERE c.deleted = 0 AND c.status = 'waiting_carrier'`, app.ActionCarrierChased)
	if err != nil {
		return out, mapErr(err)
	}
	var waits []app.CarrierWait
	for rows.Next() {
		var since, chased sql.NullString
		c, err := scanCase(rows, &since, &chased)
		if err != nil {
			rows.Close()
			return out, mapErr(err)
		}
		w := app.CarrierWait{Case: c, Since: parseCaseTime(since.String), LastChased: parseCaseTime(chased.String)}
		if w.Since.IsZero() {
			w.Since = c.Created
		}
		waits = append(waits, w)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return out, mapErr(err)
	}
	out.Carrier = app.CarrierFollowUps(waits, cfg.Rules, now)

	callbacks, err := s.queryEntries(ctx, `SELECT `+caseEntryColumns+` FROM case_entry e WHERE kind = 'callback' AND deleted = 0
		AND EXISTS (SELECT 1 FROM service_case c WHERE c.id = e.case_id AND c.deleted = 0)`)
	if err != nil {
		return out, err
	}
	kept, err := s.queryEntries(ctx, `SELECT `+caseEntryColumns+` FROM case_entry WHERE ref <> '' AND deleted = 0
		AND ref IN (SELECT id FROM case_entry WHERE kind = 'callback')`)
	if err != nil {
		return out, err
	}
	// The rule picks the promises not kept; only their cases are read.
	cases := map[string]app.Case{}
	for _, f := range app.CallbackFollowUps(callbacks, kept, nil, now) {
		if _, ok := cases[f.CaseID]; ok {
			continue
		}
		c, err := s.Case(ctx, f.CaseID)
		if err != nil {
			return out, err
		}
		cases[f.CaseID] = c
	}
	out.Callbacks = app.CallbackFollowUps(callbacks, kept, cases, now)
	return out, nil
}

// ErrNoTrackingNumber: a parcel's tracking number cannot be sent before
// it is entered.
var ErrNoTrackingNumber = fmt.Errorf("enter the tracking number before marking it sent: %w", app.ErrInvalidInput)

// DoFollowUp does an item's one action at the store's now: the tracking
// number marked sent, the COD buyer marked called, the carrier marked
// chased, the call-back marked made. The case it belongs to gets the
// action on its timeline; body, when not empty, says more (what the
// carrier said, how the call went).
func (s *Store) DoFollowUp(ctx context.Context, f app.FollowUp, body string) error {
	now := s.now()
	body = strings.TrimSpace(body)
	return s.withTx(ctx, func(tx *sql.Tx) error {
		caseEntry := func(caseID string, e app.Entry) error {
			if caseID == "" {
				return nil
			}
			e.CaseID, e.At = caseID, now
			if e.Body == "" {
				e.Body = body
			}
			if _, err := s.appendEntry(ctx, tx, e); err != nil {
				return err
			}
			if e.Kind.Answers() {
				return s.refreshSLA(ctx, tx, []string{caseID})
			}
			return nil
		}
		switch f.Kind {
		case app.FollowTracking, app.FollowCOD:
			o, err := scanServiceOrder(tx.QueryRowContext(ctx, `SELECT `+serviceOrderColumns+` FROM service_order WHERE id = ? AND deleted = 0`, f.Ref))
			if err != nil {
				return notFound(err, tableServiceOrder, f.Ref)
			}
			if f.Kind == app.FollowTracking {
				if o.Tracking == "" {
					return ErrNoTrackingNumber
				}
				if _, err := s.updateRecord(ctx, tx, tableServiceOrder, o.ID, record{"tracking_sent_at": formatInstant(now)}); err != nil {
					return err
				}
				return caseEntry(o.CaseID, app.Entry{Kind: app.EntryAction, Action: app.ActionTrackingSent,
					Body: strings.TrimSpace(o.Carrier + " " + o.Tracking + "\n" + body)})
			}
			if _, err := s.updateRecord(ctx, tx, tableServiceOrder, o.ID, record{"called_at": formatInstant(now)}); err != nil {
				return err
			}
			return caseEntry(o.CaseID, app.Entry{Kind: app.EntryAction, Action: app.ActionCODCalled})
		case app.FollowCarrier:
			if _, err := readCase(ctx, tx, f.Ref); err != nil {
				return err
			}
			return caseEntry(f.Ref, app.Entry{Kind: app.EntryAction, Action: app.ActionCarrierChased})
		case app.FollowCallback:
			var caseID string
			if err := tx.QueryRowContext(ctx, `SELECT case_id FROM case_entry WHERE id = ? AND kind = 'callback'`, f.Ref).Scan(&caseID); err != nil {
				return notFound(err, tableCaseEntry, f.Ref)
			}
			return caseEntry(caseID, app.Entry{Kind: app.EntryCall, Ref: f.Ref, Body: body})
		}
		return fmt.Errorf("follow-up kind %q: %w", f.Kind, app.ErrInvalidInput)
	})
}
