package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/opsbench/opsbench/app"
)

// Orders the office ships to buyers itself (app.ServiceOrder): reships
// and replacements sent for cases, self-fulfilled and cash-on-delivery
// orders. The follow-up lists (service_followup.go) come from them.

const tableServiceOrder = "service_order"

func optionalInstant(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return formatInstant(t)
}

func serviceOrderRecord(o app.ServiceOrder) record {
	return record{
		"case_id": o.CaseID, "order_id": o.OrderID, "marketplace": o.Marketplace, "customer": o.Customer,
		"contact": o.Contact, "sku": o.SKU, "quantity": o.Quantity, "cod": o.COD,
		"shipped_at": optionalInstant(o.ShippedAt), "tracking": o.Tracking, "carrier": o.Carrier,
		"tracking_sent_at": optionalInstant(o.TrackingSentAt), "called_at": optionalInstant(o.CalledAt),
		"cancelled": o.Cancelled, "note": o.Note, "created_at": formatInstant(o.Created),
	}
}

const serviceOrderColumns = `id, case_id, order_id, marketplace, customer, contact, sku, quantity, cod, shipped_at, tracking,
	carrier, tracking_sent_at, called_at, cancelled, note, created_at`

func scanServiceOrder(r caseScanner) (app.ServiceOrder, error) {
	var o app.ServiceOrder
	var shipped, sent, called, created string
	err := r.Scan(&o.ID, &o.CaseID, &o.OrderID, &o.Marketplace, &o.Customer, &o.Contact, &o.SKU, &o.Quantity, &o.COD,
		&shipped, &o.Tracking, &o.Carrier, &sent, &called, &o.Cancelled, &o.Note, &created)
	o.ShippedAt, o.TrackingSentAt, o.CalledAt, o.Created = parseCaseTime(shipped), parseCaseTime(sent), parseCaseTime(called), parseCaseTime(created)
	return o, err
}

// CreateServiceOrder adds an order to follow up. One made for a case
// takes the case's buyer, order and marketplace where it names none.
func (s *Store) CreateServiceOrder(ctx context.Context, o app.ServiceOrder) (app.ServiceOrder, error) {
	o = o.Normalize()
	if o.Created.IsZero() {
		o.Created = s.now()
	}
	o.ID = s.newID()
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		if o.CaseID != "" {
			c, err := readCase(ctx, tx, o.CaseID)
			if err != nil {
				return err
			}
			fill := func(dst *string, v string) {
				if *dst == "" {
					*dst = v
				}
			}
			fill(&o.Customer, c.Customer)
			fill(&o.Contact, c.Contact)
			fill(&o.OrderID, c.OrderID)
			fill(&o.Marketplace, c.Marketplace)
			fill(&o.SKU, c.SKU)
		}
		if err := o.Validate(); err != nil {
			return err
		}
		return s.insertRecord(ctx, tx, tableServiceOrder, o.ID, serviceOrderRecord(o))
	})
	if err != nil {
		return app.ServiceOrder{}, err
	}
	return s.ServiceOrder(ctx, o.ID)
}

// UpdateServiceOrder saves a changed order, writing only the fields that
// differ from the stored ones.
func (s *Store) UpdateServiceOrder(ctx context.Context, o app.ServiceOrder) (app.ServiceOrder, error) {
	o = o.Normalize()
	if err := o.Validate(); err != nil {
		return app.ServiceOrder{}, err
	}
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		_, err := s.updateRecord(ctx, tx, tableServiceOrder, o.ID, serviceOrderRecord(o))
		return err
	})
	if err != nil {
		return app.ServiceOrder{}, err
	}
	return s.ServiceOrder(ctx, o.ID)
}

// ServiceOrder returns one order.
func (s *Store) ServiceOrder(ctx context.Context, id string) (app.ServiceOrder, error) {
	o, err := scanServiceOrder(s.read.QueryRowContext(ctx, `SELECT `+serviceOrderColumns+` FROM service_order WHERE id = ? AND deleted = 0`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return app.ServiceOrder{}, fmt.Errorf("order %s: %w", id, app.ErrNotFound)
	}
	return o, mapErr(err)
}

// CaseOrders lists the orders sent for a case, oldest first.
func (s *Store) CaseOrders(ctx context.Context, caseID string) ([]app.ServiceOrder, error) {
	return s.queryServiceOrders(ctx, `SELECT `+serviceOrderColumns+` FROM service_order WHERE case_id = ? AND deleted = 0 ORDER BY created_at, id`, caseID)
}

func (s *Store) queryServiceOrders(ctx context.Context, q string, args ...any) ([]app.ServiceOrder, error) {
	rows, err := s.read.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []app.ServiceOrder
	for rows.Next() {
		o, err := scanServiceOrder(rows)
		if err != nil {
			return nil, mapErr(err)
		}
		out = append(out, o)
	}
	return out, mapErr(rows.Err())
}
