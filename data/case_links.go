package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/opsbench/opsbench/app"
)

// Where the service area meets inventory: a replacement or reship sent
// for a case leaves stock through the inventory ledger, and a return from
// the FBA returns report opens a case.

// CaseReplacement is a replacement (or reship) sent to the buyer of a
// case: the units leave LocationID on Day (the ledger's replacement
// movement), and the parcel goes on the follow-up list until its
// tracking number is sent to the buyer.
type CaseReplacement struct {
	// ReplacementSent is the stock side: SKU and OrderID default to the
	// case's.
	app.ReplacementSent
	// Carrier and Tracking name the new parcel (not the case's first one).
	Carrier  string
	Tracking string
	// Known is how many replacements the rep was shown as sent for the case
	// already: a send is refused (*ReplacementsChangedError) when there
	// are more by now (a double click, a colleague on this desk), so that
	// a second unit only goes out deliberately.
	Known int
}

// CaseReplacementResult is what sending a replacement recorded.
type CaseReplacementResult struct {
	Movement app.Movement
	Order    app.ServiceOrder
	Entry    app.Entry
}

// ReplacementsChangedError refuses a replacement when the case has more
// replacements sent than the rep was shown. Nothing was recorded. It
// wraps app.ErrInvalidInput.
type ReplacementsChangedError struct {
	Known, Sent int
}

func (e *ReplacementsChangedError) Error() string {
	return fmt.Sprintf("%d replacement%s already sent for this case, %d when the form was opened: look at them and send again if another one is needed",
		e.Sent, plural(e.Sent), e.Known)
}

func (e *ReplacementsChangedError) Unwrap() error { return app.ErrInvalidInput }

// SendCaseReplacement records a replacement sent for a case in one
// transaction: the stock movement out of the location it left, the parcel
// as an order to follow up (its tracking number to send to the buyer), and
// a "goods left stock" action on the case's timeline at the time the
// parcel left, whose Ref is the movement. A failure records none of them.
func (s *Store) SendCaseReplacement(ctx context.Context, r CaseReplacement) (CaseReplacementResult, error) {
	var res CaseReplacementResult
	cfg, err := s.ServiceConfig(ctx)
	if err != nil {
		return res, err
	}
	now := s.now().UTC()
	err = s.withTx(ctx, func(tx *sql.Tx) error {
		c, err := readCase(ctx, tx, r.CaseID)
		if err != nil {
			return err
		}
		var sent int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM stock_movement WHERE case_id = ? AND deleted = 0 AND kind = ?`,
			c.ID, string(app.MoveReplacement)).Scan(&sent); err != nil {
			return err
		}
		if sent != r.Known {
			return &ReplacementsChangedError{Known: r.Known, Sent: sent}
		}
		if strings.TrimSpace(r.SKU) == "" {
			r.SKU = c.SKU
		}
		if strings.TrimSpace(r.OrderID) == "" {
			r.OrderID = c.OrderID
		}
		if r.Qty <= 0 {
			return &app.FieldError{Entity: "movement", Field: "qty", Code: app.CodeOutOfRange, Limit: app.MaxMovementQty}
		}
		m := r.Movement().Normalize()
		if err := m.Validate(); err != nil {
			return err
		}
		if err := checkLive(ctx, tx, tableLocation, m.LocationID, "movement", "location"); err != nil {
			return err
		}
		m.ID, m.CreatedAt, m.ActorID = s.newID(), now, s.Actor().ID
		if err := s.appendRow(ctx, tx, tableMovement, m.ID, movementRecord(m)); err != nil {
			return err
		}
		o := app.ServiceOrder{CaseID: c.ID, OrderID: r.OrderID, Marketplace: c.Marketplace, Customer: c.Customer,
			Contact: c.Contact, SKU: m.SKU, Quantity: r.Qty, Carrier: r.Carrier, Tracking: r.Tracking,
			ShippedAt: shippedAt(m.Day, now, cfg.Calendar.Location()), Created: now}.Normalize()
		if err := o.Validate(); err != nil {
			return err
		}
		o.ID = s.newID()
		if err := s.insertRecord(ctx, tx, tableServiceOrder, o.ID, serviceOrderRecord(o)); err != nil {
			return err
		}
		// The timeline tells when the goods left: the parcel's time.
		e, err := s.appendEntry(ctx, tx, app.Entry{CaseID: c.ID, At: o.ShippedAt, Kind: app.EntryAction, Action: app.ActionStockMoved,
			Ref: m.ID, Body: m.Note})
		if err != nil {
			return err
		}
		res = CaseReplacementResult{Movement: m, Order: o, Entry: e}
		return nil
	})
	if err != nil {
		return CaseReplacementResult{}, err
	}
	return res, nil
}

// shippedAt is when a parcel sent on day left: now when day is today
// (or later) in the office, else noon of that day (a send recorded
// afterwards).
func shippedAt(day app.Date, now time.Time, loc *time.Location) time.Time {
	if day >= app.DateOf(now, loc) {
		return now
	}
	return day.In(loc).Add(12 * time.Hour).UTC()
}

// ReturnCaseID is the id of the case opened from an FBA return: derived
// from the return, so that opening it twice, or on two desks before they
// sync, makes one case.
func ReturnCaseID(returnID string) string { return app.DerivedID(tableCase, tableFBAReturn, returnID) }

// OpenReturnCase opens the case of an FBA return (a return/refund case
// with the return's SKU, order and marketplace, owned by ownerID, its
// reason and the buyer's comments as the first message on its timeline)
// or, when it has one already, returns that; created says which. A case
// of the return deleted since is brought back.
func (s *Store) OpenReturnCase(ctx context.Context, returnID, ownerID string) (c app.Case, created bool, err error) {
	r, err := s.fbaReturn(ctx, returnID)
	if err != nil {
		return app.Case{}, false, err
	}
	id := ReturnCaseID(returnID)
	err = s.withTx(ctx, func(tx *sql.Tx) error {
		var deleted int
		err := tx.QueryRowContext(ctx, `SELECT deleted FROM service_case WHERE id = ?`, id).Scan(&deleted)
		switch {
		case err == nil && deleted == 0:
			return nil
		case err == nil:
			created = true
			return s.undeleteRecord(ctx, tx, tableCase, id)
		case !errors.Is(err, sql.ErrNoRows):
			return err
		}
		created = true
		// The clocks start when the case is opened (the buyer wrote to
		// Amazon, not to us), to the minute: two desks opening it in the
		// same minute write the same values, and their merge asks nothing.
		c := app.Case{ID: id, Type: app.CaseReturnRefund, Channel: app.ChannelOther, OrderID: r.OrderID, SKU: r.SKU,
			Summary: returnSummary(r), OwnerID: ownerID, Status: app.CaseNew, Created: s.now().Truncate(time.Minute)}
		if _, ok := app.MarketplaceLang(r.Marketplace); ok {
			c.Marketplace = r.Marketplace
		}
		c = c.Normalize()
		if utf8.RuneCountInString(c.OrderID) > app.MaxCaseCode {
			c.OrderID = "" // not an order id the case could hold
		}
		if err := c.Validate(); err != nil {
			return err
		}
		return s.createCase(ctx, tx, c, returnMessage(r))
	})
	if err != nil {
		return app.Case{}, false, err
	}
	c, err = s.Case(ctx, id)
	return c, created, err
}

// The texts a return's case starts with name their parts in both
// languages, as the team may read either (the reason, disposition and
// comments are as Amazon gave them).
func returnSummary(r FBAReturn) string {
	s := "FBA 退货 / FBA return"
	if r.Reason != "" {
		s += ": " + r.Reason
	}
	return firstLine(s, app.MaxCaseSummary)
}

func returnMessage(r FBAReturn) string {
	var b strings.Builder
	fmt.Fprintf(&b, "FBA 退货 / FBA return %s: %d × %s", r.Day, r.Qty, r.SKU)
	for _, l := range [][2]string{
		{"订单 / Order", r.OrderID}, {"原因 / Reason", r.Reason}, {"处置 / Disposition", r.Disposition},
		{"状态 / Status", r.Status}, {"买家留言 / Buyer comments", r.Comments},
	} {
		if strings.TrimSpace(l[1]) != "" {
			fmt.Fprintf(&b, "\n%s: %s", l[0], strings.TrimSpace(l[1]))
		}
	}
	return b.String()
}
