package data

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/opsbench/opsbench/app"
)

const tableValue = "sop_value"

// valueSource is what recorded values belong to.
type valueSource struct {
	subject   string // app.SubjectStep or app.SubjectChecklist
	subjectID string
	series    string
	day       app.Date
	sku       string
}

func valueRecord(src valueSource, f app.FormField, v app.Value, at time.Time, by string) record {
	return record{"subject": src.subject, "subject_id": src.subjectID, "series": src.series, "field_key": f.Key,
		"label": f.Label, "type": string(f.Type), "day": src.day.String(), "has_value": v.Set, "num": v.Num,
		"minor": v.Minor, "currency": v.Currency, "value_day": v.Day.String(), "txt": v.Text, "sku": src.sku,
		"recorded_at": formatInstant(at), "recorded_by": by}
}

// writeValues stores the given values of a record form (keyed by field
// key; fields not in values are left as they are). A value whose type is
// not its field's is refused with a *app.FieldError naming the field.
// Unchanged values write nothing.
func (s *Store) writeValues(ctx context.Context, tx *sql.Tx, src valueSource, fields []app.FormField, values map[string]app.Value) error {
	at, by := s.now(), s.Actor().Name
	for _, f := range fields {
		v, ok := values[f.Key]
		if !ok {
			continue
		}
		if v.Set && v.Type != f.Type {
			return &app.FieldError{Entity: "record", Field: f.Key, Code: app.CodeBadChoice}
		}
		v.Type = f.Type
		id := app.ValueID(src.subjectID, f.Key)
		var has int
		var num float64
		var minor int64
		var cur, day, txt string
		err := tx.QueryRowContext(ctx, `SELECT has_value, num, minor, currency, value_day, txt FROM sop_value WHERE id = ? AND deleted = 0`, id).
			Scan(&has, &num, &minor, &cur, &day, &txt)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			if !v.Set {
				continue
			}
			if err := s.insertRecord(ctx, tx, tableValue, id, valueRecord(src, f, v, at, by)); err != nil {
				return err
			}
		case err != nil:
			return err
		default:
			if (has != 0) == v.Set && num == v.Num && minor == v.Minor && cur == v.Currency && day == v.Day.String() && txt == v.Text {
				continue
			}
			r := valueRecord(src, f, v, at, by)
			touch := record{"recorded_at": r["recorded_at"], "recorded_by": r["recorded_by"]}
			delete(r, "recorded_at")
			delete(r, "recorded_by")
			if _, err := s.updateRecordTouching(ctx, tx, tableValue, id, r, touch); err != nil {
				return err
			}
		}
	}
	return nil
}

// requireValues refuses when a required field of fields has no value
// stored for subjectID (inside tx, after this change's values were
// written).
func requireValues(ctx context.Context, tx *sql.Tx, subjectID string, fields []app.FormField) error {
	for _, f := range fields {
		if !f.Required {
			continue
		}
		var has int
		err := tx.QueryRowContext(ctx, `SELECT has_value FROM sop_value WHERE id = ? AND deleted = 0`, app.ValueID(subjectID, f.Key)).Scan(&has)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if has == 0 {
			return &app.FieldError{Entity: "record", Field: f.Key, Code: app.CodeRequired}
		}
	}
	return nil
}

const valueColumns = `v.id, v.subject, v.subject_id, v.series, v.field_key, v.label, v.type, v.day, v.has_value,
	v.num, v.minor, v.currency, v.value_day, v.txt, v.sku, v.recorded_at, v.recorded_by`

func scanValue(sc rowScanner) (app.RecordedValue, error) {
	var r app.RecordedValue
	var typ, day, valueDay, at string
	if err := sc.Scan(&r.ID, &r.Subject, &r.SubjectID, &r.Series, &r.FieldKey, &r.Label, &typ, &day, &r.Value.Set,
		&r.Value.Num, &r.Value.Minor, &r.Value.Currency, &valueDay, &r.Value.Text, &r.SKU, &at, &r.RecordedBy); err != nil {
		return r, mapErr(err)
	}
	r.Value.Type = app.FieldType(typ)
	r.Day, _ = app.ParseDate(day)
	r.Value.Day, _ = app.ParseDate(valueDay)
	r.RecordedAt, _ = time.Parse(time.RFC3339Nano, at)
	return r, nil
}

func (s *Store) queryValues(ctx context.Context, q string, args ...any) ([]app.RecordedValue, error) {
	return queryAll(ctx, s.read, scanValue, q, args...)
}

// Values returns the values recorded for a run step or checklist entry,
// by field key (values cleared again are left out).
func (s *Store) Values(ctx context.Context, subjectID string) (map[string]app.Value, error) {
	vs, err := s.queryValues(ctx, `SELECT `+valueColumns+` FROM sop_value v
		WHERE v.subject_id = ? AND v.deleted = 0 AND v.has_value = 1`, subjectID)
	if err != nil {
		return nil, err
	}
	out := make(map[string]app.Value, len(vs))
	for _, v := range vs {
		out[v.FieldKey] = v.Value
	}
	return out, nil
}

// ValueSeries is one question asked again and again: a field of a
// checklist item or of a template step, with how many values it has.
type ValueSeries struct {
	Series   string
	FieldKey string
	Label    string
	Type     app.FieldType
	// Title is the checklist item's or the step's title.
	Title string
	Count int
	First app.Date
	Last  app.Date
}

// ValueSeriesList lists every series with recorded values, numeric ones
// (those a chart can draw) first, then by title and label.
func (s *Store) ValueSeriesList(ctx context.Context) ([]ValueSeries, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT g.series, g.field_key, g.label, g.type, g.n, g.first, g.last,
			coalesce((SELECT i.title FROM checklist_item i WHERE i.id = g.series),
				(SELECT st.title FROM sop_step st WHERE st.id = g.subject), '')
		FROM (SELECT v.series, v.field_key, max(v.label) AS label, max(v.type) AS type, count(*) AS n,
				min(v.day) AS first, max(v.day) AS last, max(v.subject_id) AS subject
			FROM sop_value v WHERE v.deleted = 0 AND v.has_value = 1
			GROUP BY v.series, v.field_key) g`)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []ValueSeries
	for rows.Next() {
		var vs ValueSeries
		var typ, first, last string
		if err := rows.Scan(&vs.Series, &vs.FieldKey, &vs.Label, &typ, &vs.Count, &first, &last, &vs.Title); err != nil {
			return nil, mapErr(err)
		}
		vs.Type = app.FieldType(typ)
		vs.First, _ = app.ParseDate(first)
		vs.Last, _ = app.ParseDate(last)
		out = append(out, vs)
	}
	if err := rows.Err(); err != nil {
		return nil, mapErr(err)
	}
	sortByName(out, func(v ValueSeries) string {
		n := "1"
		if v.Type.Numeric() {
			n = "0"
		}
		return n + v.Title + "\x00" + v.Label
	}, func(v ValueSeries) string { return v.Series + "/" + v.FieldKey })
	return out, nil
}

// SeriesValues returns the values of one series in day order, optionally
// only of one SKU: what a line chart draws.
func (s *Store) SeriesValues(ctx context.Context, series, fieldKey, sku string) ([]app.RecordedValue, error) {
	q := `SELECT ` + valueColumns + ` FROM sop_value v WHERE v.series = ? AND v.field_key = ? AND v.deleted = 0 AND v.has_value = 1`
	args := []any{series, fieldKey}
	if sku != "" {
		q += ` AND v.sku = ?`
		args = append(args, sku)
	}
	return s.queryValues(ctx, q+` ORDER BY v.day, v.recorded_at, v.id`, args...)
}

// Sort and filter keys of ListValues.
const (
	ValueSortDay   = "day"
	ValueSortValue = "value"

	ValueFilterSeries = "series"
	ValueFilterField  = "field"
	ValueFilterSKU    = "sku"
	ValueFilterFrom   = "from"
	ValueFilterTo     = "to"
)

var valueList = listSpec{
	name:  "recorded values",
	from:  "sop_value v",
	where: "v.deleted = 0 AND v.has_value = 1",
	id:    "v.id",
	tie:   "v.rowid",
	sorts: map[string][]string{
		ValueSortDay:   {"v.series", "v.field_key", "v.day"},
		ValueSortValue: {"v.series", "v.field_key", "v.num + v.minor"},
	},
	defaultSort: ValueSortDay,
	defaultDesc: true,
	filters: map[string]string{
		ValueFilterSeries: "v.series = ?",
		ValueFilterField:  "v.field_key = ?",
		ValueFilterSKU:    "v.sku = ?",
		ValueFilterFrom:   "v.day >= ?",
		ValueFilterTo:     "v.day <= ?",
	},
	search: func(text string) (string, []any) {
		return `(v.txt LIKE ? ESCAPE '\' OR v.sku LIKE ? ESCAPE '\')`, []any{likeContains(text), likeContains(text)}
	},
}

// ListValues pages through recorded values (the recorded-values table);
// filter by series and field to see one question's answers over time.
func (s *Store) ListValues(ctx context.Context, q app.ListQuery) ([]app.RecordedValue, int, error) {
	l, err := valueList.build(ctx, s.read, q, valueColumns)
	if err != nil {
		return nil, 0, err
	}
	return runList(ctx, s.read, l, func(query string, args ...any) ([]app.RecordedValue, error) {
		return s.queryValues(ctx, query, args...)
	})
}
