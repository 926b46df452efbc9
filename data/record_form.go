package data

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/opsbench/opsbench/app"
)

// A form keeps what it loaded (a RecordSnapshot), so that sync changes to
// the open record can be noticed (Subscribe, ChangedSince) and explained
// (who changed which field, when), and Save writes only what the user
// changed (SaveRecordChanges): a colleague's edit of another field
// survives, and the same field changed on both sides is found before
// anything is written.

// FieldState is one field of a record as loaded: its value, its clock and
// who wrote it. Document columns also appear key by key, as
// DocumentField(column, key) with the key's TOML literal as value.
type FieldState struct {
	Value any
	Clock app.HLC
	Desk  string // the desk that wrote it (its name here)
	Actor string // the person, when the audit log knows
}

// RecordSnapshot is a record of a synced table as a form opened it.
type RecordSnapshot struct {
	Table   string
	ID      string
	Deleted bool
	Fields  map[string]FieldState
}

// OpenRecord reads a record with its field clocks and writers, for a form.
func (s *Store) OpenRecord(ctx context.Context, table, id string) (RecordSnapshot, error) {
	t, err := syncTableByName(ctx, s.read, table)
	if err != nil {
		return RecordSnapshot{}, err
	}
	if t.Kind != SyncKindRecord {
		return RecordSnapshot{}, fmt.Errorf("table %s is not a record table", table)
	}
	names := t.ColumnNames()
	vals := make([]any, len(names)+2)
	ptrs := make([]any, len(vals))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	q := fmt.Sprintf(`SELECT deleted, field_hlc, %s FROM %s WHERE id = ?`, strings.Join(names, ", "), table)
	if err := s.read.QueryRowContext(ctx, q, id).Scan(ptrs...); err != nil {
		return RecordSnapshot{}, notFound(mapErr(err), table, id)
	}
	snap := RecordSnapshot{Table: table, ID: id, Deleted: text(vals[0]) == "1", Fields: map[string]FieldState{}}
	fc := parseFieldClocks(text(vals[1]))
	who := writerNames{s: s, ctx: ctx, table: table, id: id}
	for i, c := range t.Columns {
		v := vals[i+2]
		snap.Fields[c.Name] = who.state(v, fc[c.Name])
		if c.Merge != MergeTOML {
			continue
		}
		kc := parseFieldClocks(text(vals[t.Column(KeyClockColumn(c.Name))+2]))
		d := docState{keys: DocumentKeys(text(v)), clocks: kc, col: fc[c.Name]}
		for k, lit := range d.keys {
			snap.Fields[DocumentField(c.Name, k)] = who.state(lit, d.clock(k))
		}
	}
	return snap, nil
}

// writerNames finds desk and person names for clocks of one record.
type writerNames struct {
	s         *Store
	ctx       context.Context
	table, id string
}

func (w writerNames) state(v any, clock string) FieldState {
	h, _ := app.ParseHLC(clock)
	st := FieldState{Value: v, Clock: h}
	if h.IsZero() {
		return st
	}
	st.Desk = w.s.DeskName(w.ctx, h.Replica)
	_ = w.s.read.QueryRowContext(w.ctx, `SELECT actor_name FROM audit_log WHERE hlc = ? AND entity = ? AND entity_id = ? LIMIT 1`,
		clock, w.table, w.id).Scan(&st.Actor)
	return st
}

// FieldChange is a field changed elsewhere since a snapshot: its value in
// the snapshot (Base), now (Theirs, with who wrote it and when), and, for
// a StaleError, the value the form wants to save (Mine).
type FieldChange struct {
	Field        string
	Base, Theirs any
	Mine         any
	Clock        app.HLC
	Desk, Actor  string
}

// ChangedSince compares a snapshot with the record now: the fields (and
// document keys) someone changed since, and whether it is deleted now.
// A form without unsaved edits reloads them; one with edits shows them.
func (s *Store) ChangedSince(ctx context.Context, snap RecordSnapshot) (changes []FieldChange, deleted bool, err error) {
	now, err := s.OpenRecord(ctx, snap.Table, snap.ID)
	if err != nil {
		return nil, false, err
	}
	whole := map[string]bool{} // document columns: compared key by key
	if t, err := syncTableByName(ctx, s.read, snap.Table); err == nil {
		for _, c := range t.Columns {
			if c.Merge == MergeTOML {
				whole[c.Name], whole[KeyClockColumn(c.Name)] = true, true
			}
		}
	}
	for f, st := range now.Fields {
		if whole[f] {
			continue
		}
		if b, ok := snap.Fields[f]; !ok || b.Clock != st.Clock {
			if ok && syncValueEqual(b.Value, st.Value) {
				continue
			}
			changes = append(changes, FieldChange{Field: f, Base: snap.Fields[f].Value, Theirs: st.Value, Clock: st.Clock, Desk: st.Desk, Actor: st.Actor})
		}
	}
	for f, b := range snap.Fields {
		if _, ok := now.Fields[f]; !ok && b.Value != nil && !whole[f] {
			changes = append(changes, FieldChange{Field: f, Base: b.Value}) // a document key removed
		}
	}
	sort.Slice(changes, func(i, j int) bool { return changes[i].Field < changes[j].Field })
	return changes, now.Deleted, nil
}

// StaleError refuses a save: fields the form changed were also changed
// elsewhere since it was opened. Nothing was written. It wraps
// app.ErrStale; the form offers keep mine (save again with those fields in
// keepMine) or take theirs (reload them).
type StaleError struct {
	Table, ID string
	Fields    []FieldChange
}

func (e *StaleError) Error() string {
	names := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		names[i] = f.Field
		if f.Desk != "" {
			names[i] += " (by desk " + f.Desk + ")"
		}
	}
	return fmt.Sprintf("%s %s: %s: %s", e.Table, e.ID, app.ErrStale, strings.Join(names, ", "))
}

func (e *StaleError) Unwrap() error { return app.ErrStale }

// SaveRecordChanges saves a form: of mine (column -> value; a document
// column's whole text) it writes only what differs from the snapshot, on
// top of the record as it is now, through the record writer (clocks,
// audit, sync). A field (or document key) the form changed that was also
// changed elsewhere since the snapshot refuses the save with a
// *StaleError, unless named in keepMine (the user chose "keep mine").
// It applies no entity rules: SaveScenarioChanges and UpdatePersonChanges
// do. It reports whether anything was written.
func (s *Store) SaveRecordChanges(ctx context.Context, snap RecordSnapshot, mine map[string]any, keepMine []string) (bool, error) {
	var wrote bool
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		var err error
		wrote, err = s.saveChanges(ctx, tx, snap, mine, keepMine, nil)
		return err
	})
	return wrote, err
}

// saveChanges is SaveRecordChanges inside tx; touch fields are written
// too when anything is (updated_at).
func (s *Store) saveChanges(ctx context.Context, tx *sql.Tx, snap RecordSnapshot, mine map[string]any, keepMine []string, touch record) (bool, error) {
	t, err := syncTableByName(ctx, tx, snap.Table)
	if err != nil {
		return false, err
	}
	keep := map[string]bool{}
	for _, f := range keepMine {
		keep[f] = true
	}
	names := t.ColumnNames()
	vals := make([]any, len(names)+2)
	ptrs := make([]any, len(vals))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	q := fmt.Sprintf(`SELECT deleted, field_hlc, %s FROM %s WHERE id = ?`, strings.Join(names, ", "), snap.Table)
	if err := tx.QueryRowContext(ctx, q, snap.ID).Scan(ptrs...); err != nil {
		return false, notFound(err, snap.Table, snap.ID)
	}
	if text(vals[0]) == "1" {
		return false, fmt.Errorf("%s %s: %w", snap.Table, snap.ID, ErrRecordDeleted)
	}
	fc := parseFieldClocks(text(vals[1]))
	now := func(c string) any { return vals[t.Column(c)+2] }
	stale := &StaleError{Table: snap.Table, ID: snap.ID}
	theirs := func(f string, base, cur, mineV any, clock string) {
		h, _ := app.ParseHLC(clock)
		st := writerNames{s: s, ctx: ctx, table: snap.Table, id: snap.ID}.state(cur, clock)
		stale.Fields = append(stale.Fields, FieldChange{Field: f, Base: base, Theirs: cur, Mine: mineV, Clock: h, Desk: st.Desk, Actor: st.Actor})
	}
	out := record{}
	for c, v := range mine {
		i := t.Column(c)
		if i < 0 {
			return false, fmt.Errorf("table %s has no synced column %q: %w", snap.Table, c, app.ErrInvalidInput)
		}
		base := snap.Fields[c]
		if t.Columns[i].Merge == MergeTOML {
			text, err := s.rebaseDocument(snap, c, text(v), text(now(c)), parseFieldClocks(text(now(KeyClockColumn(c)))), fc[c], keep, theirs)
			if err != nil {
				return false, err
			}
			out[c] = text
			continue
		}
		if syncValueEqual(normalizeSyncValue(sqlValue(v), t.Columns[i].Type), base.Value) {
			continue // not changed in the form: what is there now stays
		}
		if fc[c] != base.Clock.String() && !syncValueEqual(now(c), base.Value) && !keep[c] {
			theirs(c, base.Value, now(c), v, fc[c])
		}
		out[c] = v
	}
	if len(stale.Fields) > 0 {
		sort.Slice(stale.Fields, func(i, j int) bool { return stale.Fields[i].Field < stale.Fields[j].Field })
		return false, stale
	}
	if len(out) == 0 {
		return false, nil
	}
	return s.updateRecordTouching(ctx, tx, snap.Table, snap.ID, out, touch)
}

// rebaseDocument applies the keys the form changed in a document (mine
// against the snapshot's keys) to the document as it is now, noting keys
// changed on both sides (unless kept); it returns the text to save.
func (s *Store) rebaseDocument(snap RecordSnapshot, col, mine, cur string, curKC fieldClocks, curCol string,
	keep map[string]bool, theirs func(f string, base, cur, mine any, clock string)) (string, error) {
	prefix := DocumentField(col, "")
	base := map[string]string{}
	for f, st := range snap.Fields {
		if k, ok := strings.CutPrefix(f, prefix); ok {
			base[k] = text(st.Value)
		}
	}
	now := docState{keys: DocumentKeys(cur), clocks: curKC, col: curCol}
	mineKeys := DocumentKeys(mine)
	out := make(map[string]string, len(now.keys))
	for k, v := range now.keys {
		out[k] = v
	}
	apply := func(k string, v string, present bool) {
		f := DocumentField(col, k)
		b := snap.Fields[f]
		nv, nowOK := now.keys[k]
		_, baseOK := base[k]
		if now.clock(k) != b.Clock.String() && (nv != base[k] || nowOK != baseOK) && !keep[f] {
			var bv, cv, mv any
			if baseOK {
				bv = base[k]
			}
			if nowOK {
				cv = nv
			}
			if present {
				mv = v
			}
			theirs(f, bv, cv, mv, now.clock(k))
		}
		if present {
			out[k] = v
		} else {
			delete(out, k)
		}
	}
	for k, v := range mineKeys {
		if bv, ok := base[k]; !ok || bv != v {
			apply(k, v, true)
		}
	}
	for k := range base {
		if _, ok := mineKeys[k]; !ok {
			apply(k, "", false)
		}
	}
	return RenderDocument(out)
}

// SaveScenarioChanges saves a scenario form opened as snap: only the
// name, note and file keys the user changed are written, on top of what
// other desks changed meanwhile (see SaveRecordChanges); a *StaleError
// names what both changed. The rules of SaveScenario apply.
func (s *Store) SaveScenarioChanges(ctx context.Context, snap RecordSnapshot, sc app.SavedScenario, keepMine []string) (app.SavedScenario, error) {
	sc = sc.Normalize()
	if err := sc.Validate(); err != nil {
		return app.SavedScenario{}, err
	}
	sc.ID = snap.ID
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		if text(snap.Fields["name"].Value) != sc.Name {
			if err := checkNewName(ctx, tx, tableScenario, sc.Name, sc.ID, "scenario"); err != nil {
				return err
			}
		}
		_, err := s.saveChanges(ctx, tx, snap, map[string]any{"name": sc.Name, "note": sc.Note, "body": sc.Body}, keepMine,
			record{"updated_at": formatInstant(s.now())})
		return err
	})
	if err != nil {
		return app.SavedScenario{}, err
	}
	return s.Scenario(ctx, sc.ID)
}

// UpdatePersonChanges saves a person form opened as snap, writing only
// the fields the user changed (see SaveRecordChanges); the rules of
// UpdatePerson apply.
func (s *Store) UpdatePersonChanges(ctx context.Context, snap RecordSnapshot, p app.Person, keepMine []string) error {
	p = p.Normalize()
	if err := p.Validate(); err != nil {
		return err
	}
	p.ID = snap.ID
	return s.withTx(ctx, func(tx *sql.Tx) error {
		if err := checkPersonName(ctx, tx, p); err != nil {
			return err
		}
		_, err := s.saveChanges(ctx, tx, snap, personRecord(p), keepMine, nil)
		return err
	})
}

// ChangeSet says which records a sync import changed: ids by table (at
// most changeFeedCap per table; Truncated lists tables with more, whose
// open forms should check themselves with ChangedSince).
type ChangeSet struct {
	Tables    map[string][]string
	Truncated []string
}

// Has reports whether the change set touches the record.
func (c ChangeSet) Has(table, id string) bool {
	for _, t := range c.Truncated {
		if t == table {
			return true
		}
	}
	for _, x := range c.Tables[table] {
		if x == id {
			return true
		}
	}
	return false
}

// changeFeedCap bounds the ids a ChangeSet lists per table.
const changeFeedCap = 1000

// feed holds the subscribers to sync changes.
type feed struct {
	mu   sync.Mutex
	next int
	subs map[int]func(ChangeSet)
}

// Subscribe calls fn (on the importing goroutine, after the commit) with
// the records each import changed, until cancel is called. The GUI uses
// it to reload or flag open forms.
func (s *Store) Subscribe(fn func(ChangeSet)) (cancel func()) {
	s.feed.mu.Lock()
	defer s.feed.mu.Unlock()
	if s.feed.subs == nil {
		s.feed.subs = map[int]func(ChangeSet){}
	}
	id := s.feed.next
	s.feed.next++
	s.feed.subs[id] = fn
	return func() {
		s.feed.mu.Lock()
		defer s.feed.mu.Unlock()
		delete(s.feed.subs, id)
	}
}

func (s *Store) publish(c ChangeSet) {
	s.feed.mu.Lock()
	subs := make([]func(ChangeSet), 0, len(s.feed.subs))
	for _, fn := range s.feed.subs {
		subs = append(subs, fn)
	}
	s.feed.mu.Unlock()
	for _, fn := range subs {
		fn(c)
	}
}
