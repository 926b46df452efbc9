package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/opsbench/opsbench/app"
)

const (
	tableChecklistItem  = "checklist_item"
	tableChecklistEntry = "checklist_entry"
)

// SettingChecklistThrough is the last day this desk generated checklist
// entries for (YYYY-MM-DD).
const SettingChecklistThrough = "checklist_through"

// MaxCatchUpDays bounds how far back a desk that was closed generates the
// entries it missed: they show as overdue; older ones are history.
const MaxCatchUpDays = 14

func weekdaysText(ds []time.Weekday) string {
	parts := make([]string, len(ds))
	for i, d := range ds {
		parts[i] = strconv.Itoa(int(d))
	}
	return strings.Join(parts, ",")
}

func parseWeekdays(s string) []time.Weekday {
	var out []time.Weekday
	for _, p := range strings.Split(s, ",") {
		if n, err := strconv.Atoi(strings.TrimSpace(p)); err == nil {
			out = append(out, time.Weekday(n))
		}
	}
	return out
}

func checklistRecord(it app.ChecklistItem) (record, error) {
	fields := it.Fields
	if fields == nil {
		fields = []app.FormField{}
	}
	fj, err := json.Marshal(fields)
	if err != nil {
		return nil, err
	}
	sc := it.Schedule
	return record{"title": it.Title, "description": it.Description, "owner_id": it.OwnerID,
		"schedule": string(sc.Kind), "weekdays": weekdaysText(sc.Weekdays), "weekday": int64(sc.Weekday),
		"month_day": int64(sc.MonthDay), "off_day": string(sc.OffDay), "start_day": sc.Start.String(),
		"end_day": sc.End.String(), "fields": string(fj), "archived": it.Archived, "builtin": it.Builtin,
		"position": int64(it.Position)}, nil
}

// SaveChecklistItem creates (empty ID) or saves a checklist item. A new
// item starts on start unless its schedule says when: it has no backlog
// of earlier days.
func (s *Store) SaveChecklistItem(ctx context.Context, it app.ChecklistItem, start app.Date) (app.ChecklistItem, error) {
	it = it.Normalize()
	if err := it.Validate(); err != nil {
		return app.ChecklistItem{}, err
	}
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		if it.ID == "" {
			if it.Schedule.Start.IsZero() {
				it.Schedule.Start = start
			}
			if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(position), -1) + 1 FROM checklist_item WHERE deleted = 0`).Scan(&it.Position); err != nil {
				return err
			}
			var err error
			it, err = s.createChecklistItem(ctx, tx, it)
			return err
		}
		var owner string
		if err := tx.QueryRowContext(ctx, `SELECT owner_id FROM checklist_item WHERE id = ? AND deleted = 0`, it.ID).Scan(&owner); err != nil {
			return notFound(err, tableChecklistItem, it.ID)
		}
		// Only a new owner is checked: an owner deleted on another desk
		// must not make the item uneditable here.
		if it.OwnerID != owner {
			if err := checkOwner(ctx, tx, it.OwnerID, "checklist_item"); err != nil {
				return err
			}
		}
		r, err := checklistRecord(it)
		if err != nil {
			return err
		}
		delete(r, "builtin")
		_, err = s.updateRecord(ctx, tx, tableChecklistItem, it.ID, r)
		return err
	})
	if err != nil {
		return app.ChecklistItem{}, err
	}
	return s.ChecklistItem(ctx, it.ID)
}

func (s *Store) createChecklistItem(ctx context.Context, tx *sql.Tx, it app.ChecklistItem) (app.ChecklistItem, error) {
	it = it.Normalize()
	if err := it.Validate(); err != nil {
		return it, err
	}
	if err := checkOwner(ctx, tx, it.OwnerID, "checklist_item"); err != nil {
		return it, err
	}
	it.ID = s.newID()
	r, err := checklistRecord(it)
	if err != nil {
		return it, err
	}
	return it, s.insertRecord(ctx, tx, tableChecklistItem, it.ID, r)
}

// checkOwner refuses an owner id that is not a person here ("" passes).
func checkOwner(ctx context.Context, tx *sql.Tx, id, entity string) error {
	if id == "" {
		return nil
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM person WHERE id = ? AND deleted = 0`, id).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return &app.FieldError{Entity: entity, Field: "owner", Code: app.CodeBadChoice}
	}
	return nil
}

// DeleteChecklistItem removes an item; its entries and recorded values
// stay as history.
func (s *Store) DeleteChecklistItem(ctx context.Context, id string) error {
	return s.withTx(ctx, func(tx *sql.Tx) error { return s.deleteRecord(ctx, tx, tableChecklistItem, id) })
}

// MoveChecklistItem puts an item at position pos (0-based) of the list,
// renumbering the others.
func (s *Store) MoveChecklistItem(ctx context.Context, id string, pos int) error {
	items, err := s.ChecklistItems(ctx, true)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(items, func(it app.ChecklistItem) bool { return it.ID == id })
	if i < 0 {
		return fmt.Errorf("checklist item %s: %w", id, app.ErrNotFound)
	}
	it := items[i]
	items = slices.Delete(items, i, i+1)
	pos = max(0, min(pos, len(items)))
	items = slices.Insert(items, pos, it)
	return s.withTx(ctx, func(tx *sql.Tx) error {
		for n, it := range items {
			if it.Position == n {
				continue
			}
			if _, err := s.updateRecord(ctx, tx, tableChecklistItem, it.ID, record{"position": int64(n)}); err != nil {
				return err
			}
		}
		return nil
	})
}

const checklistItemColumns = `i.id, i.title, i.description, i.owner_id, coalesce(p.name, ''), i.schedule, i.weekdays,
	i.weekday, i.month_day, i.off_day, i.start_day, i.end_day, i.fields, i.archived, i.builtin, i.position`

func (s *Store) queryChecklistItems(ctx context.Context, q querier, where string, args ...any) ([]app.ChecklistItem, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+checklistItemColumns+` FROM checklist_item i
		LEFT JOIN person p ON p.id = i.owner_id AND p.deleted = 0 `+where, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []app.ChecklistItem
	for rows.Next() {
		var it app.ChecklistItem
		var kind, weekdays, off, start, end, fields string
		var weekday int
		if err := rows.Scan(&it.ID, &it.Title, &it.Description, &it.OwnerID, &it.OwnerName, &kind, &weekdays,
			&weekday, &it.Schedule.MonthDay, &off, &start, &end, &fields, &it.Archived, &it.Builtin, &it.Position); err != nil {
			return nil, mapErr(err)
		}
		it.Schedule.Kind = app.ScheduleKind(kind)
		it.Schedule.Weekdays = parseWeekdays(weekdays)
		it.Schedule.Weekday = time.Weekday(weekday)
		it.Schedule.OffDay = app.OffDayRule(off)
		it.Schedule.Start, _ = app.ParseDate(start)
		it.Schedule.End, _ = app.ParseDate(end)
		if err := json.Unmarshal([]byte(fields), &it.Fields); err != nil {
			return nil, fmt.Errorf("checklist item %q: damaged record form: %w", it.Title, err)
		}
		out = append(out, it)
	}
	return out, mapErr(rows.Err())
}

// ChecklistItem returns one item.
func (s *Store) ChecklistItem(ctx context.Context, id string) (app.ChecklistItem, error) {
	items, err := s.queryChecklistItems(ctx, s.read, `WHERE i.id = ? AND i.deleted = 0`, id)
	if err != nil {
		return app.ChecklistItem{}, err
	}
	if len(items) == 0 {
		return app.ChecklistItem{}, fmt.Errorf("checklist item %s: %w", id, app.ErrNotFound)
	}
	return items[0], nil
}

// ChecklistItems lists the items in their order, archived ones too when
// asked.
func (s *Store) ChecklistItems(ctx context.Context, withArchived bool) ([]app.ChecklistItem, error) {
	where := `WHERE i.deleted = 0`
	if !withArchived {
		where += ` AND i.archived = 0`
	}
	return s.queryChecklistItems(ctx, s.read, where+` ORDER BY i.position, i.id`)
}

// GenerateChecklist makes the entries due from the day after this desk
// last generated (at most MaxCatchUpDays back) through today, for every
// item with an owner, and returns how many it added. Entries that exist
// (made here before, or by another desk and synced) are left alone, so
// running it twice, or on two desks, makes each entry once.
func (s *Store) GenerateChecklist(ctx context.Context, cal *app.Calendar, today app.Date) (int, error) {
	added := 0
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		from := today
		if last, err := getSetting(ctx, tx, SettingChecklistThrough); err != nil {
			return err
		} else if d, err := app.ParseDate(last); err == nil && d < today {
			from = max(d.AddDays(1), today.AddDays(-MaxCatchUpDays))
		}
		items, err := s.queryChecklistItems(ctx, tx, `WHERE i.deleted = 0 AND i.archived = 0 AND i.owner_id <> ''`)
		if err != nil {
			return err
		}
		sched := make([]app.ScheduledItem, len(items))
		for i, it := range items {
			sched[i] = it.Scheduled()
		}
		for _, in := range app.ChecklistInstancesBetween(cal, sched, from, today) {
			ok, err := s.insertBaseRow(ctx, tx, tableChecklistEntry, in.ID, record{"item_id": in.ItemID, "day": in.Day.String()}, false)
			if err != nil {
				return err
			}
			if ok {
				added++
			}
		}
		if last, _ := getSetting(ctx, tx, SettingChecklistThrough); last < today.String() {
			return setSetting(ctx, tx, SettingChecklistThrough, today.String())
		}
		return nil
	})
	return added, err
}

const entryColumns = `e.id, e.item_id, e.day, e.status, e.reason, e.note, e.done_at, e.done_by, coalesce(db.name, ''),
	coalesce(i.title, ''), CASE WHEN e.owner_id <> '' THEN e.owner_id ELSE coalesce(i.owner_id, '') END,
	coalesce(op.name, ''), coalesce(i.fields, '[]') <> '[]'`

const entryFrom = `checklist_entry e
	LEFT JOIN checklist_item i ON i.id = e.item_id
	LEFT JOIN person op ON op.id = (CASE WHEN e.owner_id <> '' THEN e.owner_id ELSE i.owner_id END) AND op.deleted = 0
	LEFT JOIN person db ON db.id = e.done_by AND db.deleted = 0`

func scanEntry(sc rowScanner) (app.ChecklistEntry, error) {
	var e app.ChecklistEntry
	var day, status, doneAt string
	if err := sc.Scan(&e.ID, &e.ItemID, &day, &status, &e.Reason, &e.Note, &doneAt, &e.DoneBy, &e.DoneByName,
		&e.Title, &e.OwnerID, &e.OwnerName, &e.HasForm); err != nil {
		return e, mapErr(err)
	}
	e.Day, _ = app.ParseDate(day)
	e.Status = app.EntryStatus(status)
	e.DoneAt, _ = time.Parse(time.RFC3339Nano, doneAt)
	return e, nil
}

// ChecklistEntry returns one entry with its item's title and owner.
func (s *Store) ChecklistEntry(ctx context.Context, id string) (app.ChecklistEntry, error) {
	e, err := scanEntry(s.read.QueryRowContext(ctx, `SELECT `+entryColumns+` FROM `+entryFrom+` WHERE e.id = ? AND e.deleted = 0`, id))
	if err != nil {
		return e, notFound(err, tableChecklistEntry, id)
	}
	return e, nil
}

// Sort and filter keys of ListChecklistEntries.
const (
	EntrySortDay    = "day"
	EntrySortItem   = "item"
	EntrySortStatus = "status"

	EntryFilterItem   = "item"
	EntryFilterOwner  = "owner"
	EntryFilterStatus = "status"
	EntryFilterFrom   = "from" // day on or after (YYYY-MM-DD)
	EntryFilterTo     = "to"   // day on or before
)

var entryList = listSpec{
	name:  "checklist entries",
	from:  entryFrom,
	where: "e.deleted = 0",
	id:    "e.id",
	tie:   "e.rowid",
	sorts: map[string][]string{
		EntrySortDay:    {"e.day"},
		EntrySortItem:   {"e.item_id", "e.day"},
		EntrySortStatus: {"e.status", "e.day"},
	},
	defaultSort: EntrySortDay,
	defaultDesc: true,
	filters: map[string]string{
		EntryFilterItem:   "e.item_id = ?",
		EntryFilterOwner:  "(CASE WHEN e.owner_id <> '' THEN e.owner_id ELSE i.owner_id END) = ?",
		EntryFilterStatus: "e.status = ?",
		EntryFilterFrom:   "e.day >= ?",
		EntryFilterTo:     "e.day <= ?",
	},
	search: func(text string) (string, []any) {
		return `(i.title LIKE ? ESCAPE '\' OR e.note LIKE ? ESCAPE '\')`, []any{likeContains(text), likeContains(text)}
	},
}

// ListChecklistEntries pages through the checklist history.
func (s *Store) ListChecklistEntries(ctx context.Context, q app.ListQuery) ([]app.ChecklistEntry, int, error) {
	l, err := entryList.build(ctx, s.read, q, entryColumns)
	if err != nil {
		return nil, 0, err
	}
	return runList(ctx, s.read, l, func(query string, args ...any) ([]app.ChecklistEntry, error) {
		return queryAll(ctx, s.read, scanEntry, query, args...)
	})
}

// EntryChange is what a person does with a checklist entry: its status
// (done needs the form's required values, skipped a reason), a note, the
// values of its record form, and optionally another owner for this one
// day.
type EntryChange struct {
	Status  app.EntryStatus
	Reason  string
	Note    *string
	OwnerID string
	Values  map[string]app.Value
}

// SaveChecklistEntry applies a change to an entry in one transaction:
// values first, then the status. Marking it done with a required value
// missing (stored or in the change) is refused with a *app.FieldError on
// entity "record" naming the field, and nothing is written.
func (s *Store) SaveChecklistEntry(ctx context.Context, id string, c EntryChange) (app.ChecklistEntry, error) {
	e, err := s.ChecklistEntry(ctx, id)
	if err != nil {
		return e, err
	}
	item, err := s.ChecklistItem(ctx, e.ItemID)
	if err != nil {
		return e, err
	}
	bad := func(field, code string, limit int) (app.ChecklistEntry, error) {
		return e, &app.FieldError{Entity: "checklist_entry", Field: field, Code: code, Limit: limit}
	}
	r := record{}
	if c.Status != "" {
		if !c.Status.Valid() {
			return bad("status", app.CodeBadChoice, 0)
		}
		reason := strings.TrimSpace(c.Reason)
		switch {
		case c.Status == app.EntrySkipped && reason == "":
			return bad("reason", app.CodeRequired, 0)
		case len([]rune(reason)) > app.MaxReasonLen:
			return bad("reason", app.CodeTooLong, app.MaxReasonLen)
		case c.Status != app.EntrySkipped:
			reason = ""
		}
		r["status"], r["reason"] = string(c.Status), reason
		if c.Status == app.EntryTodo {
			r["done_at"], r["done_by"] = "", ""
		} else if c.Status != e.Status {
			r["done_at"], r["done_by"] = formatInstant(s.now()), s.Actor().ID
		}
	}
	if c.Note != nil {
		note := strings.TrimSpace(*c.Note)
		if len([]rune(note)) > app.MaxNoteLen {
			return bad("note", app.CodeTooLong, app.MaxNoteLen)
		}
		r["note"] = note
	}
	err = s.withTx(ctx, func(tx *sql.Tx) error {
		if c.OwnerID != "" {
			if err := checkOwner(ctx, tx, c.OwnerID, "checklist_entry"); err != nil {
				return err
			}
			r["owner_id"] = c.OwnerID
		}
		src := valueSource{subject: app.SubjectChecklist, subjectID: e.ID, series: item.ID, day: e.Day}
		if err := s.writeValues(ctx, tx, src, item.Fields, c.Values); err != nil {
			return err
		}
		if c.Status == app.EntryDone {
			if err := requireValues(ctx, tx, e.ID, item.Fields); err != nil {
				return err
			}
		}
		if len(r) == 0 {
			return nil
		}
		_, err := s.updateRecord(ctx, tx, tableChecklistEntry, e.ID, r)
		return err
	})
	if err != nil {
		return e, err
	}
	return s.ChecklistEntry(ctx, id)
}
