package data

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/opsbench/opsbench/app"
)

// The inventory forms save as every form does (see record_form.go): only
// what the person changed since the form was opened is written, on top of
// the record as it is now, so a colleague's edit of another field
// survives; a field changed on both sides is found before anything is
// written (*StaleError) unless the person chose to keep theirs.
//
// An order's or a shipment's lines are records of their own. The form
// keeps the lines as it loaded them (before): lines it added are added,
// lines it changed get the fields it changed, lines it removed are
// removed, and lines another desk added meanwhile stay.

// UpdateProductChanges saves a product form (see SaveRecordChanges) after
// the catalog's rules. The SKU is the product's identity: it cannot
// change.
func (s *Store) UpdateProductChanges(ctx context.Context, snap RecordSnapshot, p app.Product, keepMine []string) error {
	p = p.Normalize()
	if err := p.Validate(); err != nil {
		return err
	}
	if snap.ID != app.ProductID(p.SKU) {
		return &app.FieldError{Entity: "product", Field: "sku", Code: app.CodeBadChoice}
	}
	return s.withTx(ctx, func(tx *sql.Tx) error {
		_, err := s.saveChanges(ctx, tx, snap, productRecord(p), keepMine, nil)
		return err
	})
}

// UpdateLocationChanges saves a location form; a new name must not be
// taken here.
func (s *Store) UpdateLocationChanges(ctx context.Context, snap RecordSnapshot, l app.Location, keepMine []string) error {
	l = l.Normalize()
	if err := l.Validate(); err != nil {
		return err
	}
	l.ID = snap.ID
	return s.withTx(ctx, func(tx *sql.Tx) error {
		if err := checkNewName(ctx, tx, tableLocation, l.Name, l.ID, "location"); err != nil {
			return err
		}
		_, err := s.saveChanges(ctx, tx, snap, locationRecord(l), keepMine, nil)
		return err
	})
}

// UpdatePurchaseOrderChanges saves a purchase order form: the order's
// fields changed since snap, and its lines changed since before (the
// lines the form loaded).
func (s *Store) UpdatePurchaseOrderChanges(ctx context.Context, snap RecordSnapshot, po app.PurchaseOrder, before []app.POLine, keepMine []string) error {
	po = po.Normalize()
	if err := po.Validate(); err != nil {
		return err
	}
	po.ID = snap.ID
	return s.withTx(ctx, func(tx *sql.Tx) error {
		if err := checkPurchaseOrder(ctx, tx, po); err != nil {
			return err
		}
		if _, err := s.saveChanges(ctx, tx, snap, poRecord(po), keepMine, nil); err != nil {
			return err
		}
		old := map[string]record{}
		for i, l := range before {
			old[l.ID] = poLineRecord(po.ID, l, i)
		}
		lines := make([]formLine, len(po.Lines))
		for i, l := range po.Lines {
			lines[i] = formLine{id: l.ID, rec: poLineRecord(po.ID, l, i)}
		}
		return s.saveLineChanges(ctx, tx, tablePOLine, old, lines)
	})
}

// UpdateShipmentChanges saves a shipment form: the shipment's fields
// changed since snap, and its lines changed since before. The rules of
// SaveShipment hold: a departed shipment's lines are fixed, one that
// departed cannot be cancelled.
func (s *Store) UpdateShipmentChanges(ctx context.Context, snap RecordSnapshot, sh app.Shipment, before []app.ShipmentLine, keepMine []string) error {
	sh = sh.Normalize()
	if err := sh.Validate(); err != nil {
		return err
	}
	sh.ID = snap.ID
	return s.withTx(ctx, func(tx *sql.Tx) error {
		if err := s.checkShipment(ctx, tx, sh, false); err != nil {
			return err
		}
		if _, err := s.saveChanges(ctx, tx, snap, shipmentRecord(sh), keepMine, nil); err != nil {
			return err
		}
		old := map[string]record{}
		for i, l := range before {
			old[l.ID] = shipmentLineRecord(sh.ID, l, i)
		}
		lines := make([]formLine, len(sh.Lines))
		for i, l := range sh.Lines {
			lines[i] = formLine{id: l.ID, rec: shipmentLineRecord(sh.ID, l, i)}
		}
		return s.saveLineChanges(ctx, tx, tableShipmentLine, old, lines)
	})
}

// formLine is a line as a form saves it ("" id: a new line).
type formLine struct {
	id  string
	rec record
}

// saveLineChanges writes the lines of a form (see the file comment):
// before holds the lines as the form loaded them, by id.
func (s *Store) saveLineChanges(ctx context.Context, tx *sql.Tx, table string, before map[string]record, lines []formLine) error {
	kept := map[string]bool{}
	for _, l := range lines {
		was, known := before[l.id]
		if l.id == "" || !known {
			id := l.id
			if id == "" {
				id = s.newID()
			}
			if err := s.insertRecord(ctx, tx, table, id, l.rec); err != nil {
				return err
			}
			continue
		}
		kept[l.id] = true
		changed := record{}
		for k, v := range l.rec {
			if fmt.Sprint(v) != fmt.Sprint(was[k]) {
				changed[k] = v
			}
		}
		if len(changed) == 0 {
			continue
		}
		if _, err := s.updateRecord(ctx, tx, table, l.id, changed); err != nil {
			return err
		}
	}
	for id := range before {
		if kept[id] {
			continue
		}
		var deleted int
		err := tx.QueryRowContext(ctx, fmt.Sprintf(`SELECT deleted FROM %s WHERE id = ?`, table), id).Scan(&deleted)
		if err != nil || deleted != 0 {
			continue // gone already
		}
		if err := s.deleteRecord(ctx, tx, table, id); err != nil {
			return err
		}
	}
	return nil
}

// SaveInventorySettingsChanges stores the settings the person changed in
// a form (after against before, the settings it loaded), on top of the
// settings as they are now: another desk's change of another setting
// stays. The settings that result must be valid.
func (s *Store) SaveInventorySettingsChanges(ctx context.Context, before, after app.InventorySettings) error {
	if err := after.Validate(); err != nil {
		return err
	}
	return s.withTx(ctx, func(tx *sql.Tx) error {
		cur, err := inventorySettings(ctx, tx)
		if err != nil {
			return err
		}
		next := cur
		var changed []int
		for i, k := range inventorySettingKeys {
			v := k.get(after)
			if v == k.get(before) || v == k.get(cur) {
				continue
			}
			if k.key == "fx" {
				next.FX = nil
			}
			if err := k.set(&next, v); err != nil {
				return err
			}
			changed = append(changed, i)
		}
		if err := next.Validate(); err != nil {
			return err
		}
		for _, i := range changed {
			k := inventorySettingKeys[i]
			if err := s.putOfficeSetting(ctx, tx, k.key, k.get(next)); err != nil {
				return err
			}
		}
		return nil
	})
}
