package data

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
)

// Kinds of synced tables (sync_table.kind).
const (
	// SyncKindRecord rows merge field by field, last writer wins by HLC.
	SyncKindRecord = "record"
	// SyncKindAppend rows are written once and merge as a union by id.
	SyncKindAppend = "append"
)

// syncBookkeeping are the columns every synced table has that sync manages
// itself; they are not business columns.
var syncBookkeeping = map[string]bool{"id": true, "hlc": true, "replica": true, "deleted": true, "field_hlc": true}

// localColumnPrefix marks columns of synced tables that stay on this desk.
const localColumnPrefix = "local_"

// SyncColumn is one business column of a synced table.
type SyncColumn struct {
	Name string
	// Type is the declared type in upper case (INTEGER, TEXT, REAL, BLOB
	// or ANY in our STRICT tables).
	Type    string
	NotNull bool
	// Merge is how the column merges when not by the plain rule (see
	// sync_column): "" plain, MergeDerived or MergeTOML.
	Merge string
}

// How a column merges (sync_column.merge).
const (
	// MergeDerived columns are computed from the others (updated_at): the
	// newer clock wins and a losing value is never a conflict.
	MergeDerived = "derived"
	// MergeTOML columns hold a TOML document merged key by key, with the
	// key clocks in the companion column <name>_hlc.
	MergeTOML = "toml"
	// keyClockSuffix names the companion column of a MergeTOML column.
	keyClockSuffix = "_hlc"
)

// KeyClockColumn is the companion column holding the key clocks of a
// MergeTOML column.
func KeyClockColumn(col string) string { return col + keyClockSuffix }

// SyncTable is a table listed in sync_table, with the columns that travel:
// every column except the bookkeeping ones (id, hlc, replica, deleted,
// field_hlc) and local ones (named local_*), in declaration order. They are
// read from the schema at run time, so a new synced table needs no sync code.
type SyncTable struct {
	Name    string
	Kind    string
	Columns []SyncColumn
}

// ColumnNames returns the names of t's business columns in order.
func (t SyncTable) ColumnNames() []string {
	out := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		out[i] = c.Name
	}
	return out
}

// Column returns the index of the business column name, or -1.
func (t SyncTable) Column(name string) int {
	for i, c := range t.Columns {
		if c.Name == name {
			return i
		}
	}
	return -1
}

// SyncTables lists the synced tables, append kinds first (so that the audit
// entries of a bundle are merged before the records they describe), each
// group by name.
func (s *Store) SyncTables(ctx context.Context) ([]SyncTable, error) {
	return syncTables(ctx, s.read)
}

type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func syncTables(ctx context.Context, q querier) ([]SyncTable, error) {
	rows, err := q.QueryContext(ctx, `SELECT name, kind FROM sync_table`)
	if err != nil {
		return nil, mapErr(err)
	}
	var tables []SyncTable
	for rows.Next() {
		var t SyncTable
		if err := rows.Scan(&t.Name, &t.Kind); err != nil {
			rows.Close()
			return nil, mapErr(err)
		}
		tables = append(tables, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, mapErr(err)
	}
	sort.Slice(tables, func(i, j int) bool {
		if (tables[i].Kind == SyncKindAppend) != (tables[j].Kind == SyncKindAppend) {
			return tables[i].Kind == SyncKindAppend
		}
		return tables[i].Name < tables[j].Name
	})
	rules, err := columnRules(ctx, q)
	if err != nil {
		return nil, err
	}
	for i := range tables {
		t := &tables[i]
		if !validIdent(t.Name) {
			return nil, fmt.Errorf("sync_table lists %q, which is not a plain table name", t.Name)
		}
		if t.Kind != SyncKindRecord && t.Kind != SyncKindAppend {
			return nil, fmt.Errorf("sync_table: table %s has unknown kind %q", t.Name, t.Kind)
		}
		if t.Columns, err = syncColumns(ctx, q, t.Name); err != nil {
			return nil, err
		}
		for j := range t.Columns {
			c := &t.Columns[j]
			c.Merge = rules[t.Name+"."+c.Name]
			if c.Merge == MergeTOML && (t.Kind != SyncKindRecord || t.Column(KeyClockColumn(c.Name)) < 0) {
				return nil, fmt.Errorf("synced table %s: the document column %s needs a column %s", t.Name, c.Name, KeyClockColumn(c.Name))
			}
		}
	}
	return tables, nil
}

// columnRules reads sync_column: "table.column" -> merge rule.
func columnRules(ctx context.Context, q querier) (map[string]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT tbl, col, merge FROM sync_column`)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var t, c, m string
		if err := rows.Scan(&t, &c, &m); err != nil {
			return nil, mapErr(err)
		}
		out[t+"."+c] = m
	}
	return out, mapErr(rows.Err())
}

// docOf reports whether column i of t is the key-clock companion of
// a document column, and which.
func (t SyncTable) docOf(i int) (doc int, ok bool) {
	name := t.Columns[i].Name
	base, found := strings.CutSuffix(name, keyClockSuffix)
	if !found {
		return -1, false
	}
	if j := t.Column(base); j >= 0 && t.Columns[j].Merge == MergeTOML {
		return j, true
	}
	return -1, false
}

func syncColumns(ctx context.Context, q querier, table string) ([]SyncColumn, error) {
	rows, err := q.QueryContext(ctx, `SELECT name, upper(type), "notnull" FROM pragma_table_info(?) ORDER BY cid`, table)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var cols []SyncColumn
	seen := map[string]bool{}
	for rows.Next() {
		var c SyncColumn
		if err := rows.Scan(&c.Name, &c.Type, &c.NotNull); err != nil {
			return nil, mapErr(err)
		}
		seen[c.Name] = true
		if syncBookkeeping[c.Name] || strings.HasPrefix(c.Name, localColumnPrefix) {
			continue
		}
		if !validIdent(c.Name) {
			return nil, fmt.Errorf("synced table %s has column %q, which sync cannot name", table, c.Name)
		}
		cols = append(cols, c)
	}
	if err := rows.Err(); err != nil {
		return nil, mapErr(err)
	}
	if len(seen) == 0 {
		return nil, fmt.Errorf("sync_table lists %s, but there is no such table", table)
	}
	for c := range syncBookkeeping {
		if !seen[c] {
			return nil, fmt.Errorf("synced table %s lacks the column %s every synced table needs", table, c)
		}
	}
	return cols, nil
}

// validIdent reports whether s is a lower-case SQL identifier that is safe
// to put into a statement unquoted.
func validIdent(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for i, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r == '_':
		case r >= '0' && r <= '9' && i > 0:
		default:
			return false
		}
	}
	return true
}

// SyncRow is one row of a synced table as it travels between desks.
type SyncRow struct {
	ID  string
	HLC string // the row's newest clock
	// Deleted is the tombstone as stored: true when the row's "deleted"
	// clock is newer than every other field's and its value is 1.
	Deleted bool
	// Clocks is field_hlc: column (and "deleted") -> HLC string.
	Clocks map[string]string
	// Values are the business column values in the order of the columns
	// they were read or sent with: int64, float64, string, []byte or nil.
	Values []any
}

// SyncScan says which rows ScanSyncRows visits.
type SyncScan struct {
	// Since visits the rows whose change sequence (sync_change.seq) is
	// above it: every row changed here after the export that returned it.
	Since int64
	// Full visits every row of every synced table, tombstones included,
	// whether or not it was ever recorded in sync_change.
	Full bool
	// Tables, when not empty, visits only these tables, in this order.
	Tables []string
}

// ScanSyncRows visits, inside one read snapshot, the rows of every synced
// table that scan selects: tables in SyncTables order (or scan.Tables'),
// rows by id. It
// returns the highest change sequence in that snapshot: pass it as Since
// next time to get only what changed after. visit must not keep r.Values.
func (s *Store) ScanSyncRows(ctx context.Context, scan SyncScan, visit func(t SyncTable, r SyncRow) error) (int64, error) {
	tx, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return 0, mapErr(err)
	}
	defer tx.Rollback()
	var upTo int64
	// The first statement starts the snapshot every later one shares.
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(seq), 0) FROM sync_change`).Scan(&upTo); err != nil {
		return 0, mapErr(err)
	}
	tables, err := syncTables(ctx, tx)
	if err != nil {
		return 0, err
	}
	if len(scan.Tables) > 0 {
		byName := map[string]SyncTable{}
		for _, t := range tables {
			byName[t.Name] = t
		}
		tables = tables[:0:0]
		for _, name := range scan.Tables {
			t, ok := byName[name]
			if !ok {
				return 0, fmt.Errorf("table %q is not synced", name)
			}
			tables = append(tables, t)
		}
	}
	for _, t := range tables {
		if err := scanTable(ctx, tx, t, scan, upTo, visit); err != nil {
			return 0, err
		}
	}
	return upTo, nil
}

func scanTable(ctx context.Context, tx *sql.Tx, t SyncTable, scan SyncScan, upTo int64, visit func(SyncTable, SyncRow) error) error {
	cols := make([]string, 0, len(t.Columns)+4)
	cols = append(cols, "t.id", "t.hlc", "t.deleted", "t.field_hlc")
	for _, c := range t.Columns {
		cols = append(cols, "t."+c.Name)
	}
	var q string
	var args []any
	if scan.Full {
		q = fmt.Sprintf(`SELECT %s FROM %s t ORDER BY t.id`, strings.Join(cols, ", "), t.Name)
	} else {
		q = fmt.Sprintf(`SELECT %s FROM sync_change c JOIN %s t ON t.id = c.row_id
			WHERE c.tbl = ? AND c.seq > ? AND c.seq <= ? ORDER BY t.id`, strings.Join(cols, ", "), t.Name)
		args = []any{t.Name, scan.Since, upTo}
	}
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return mapErr(err)
	}
	defer rows.Close()
	n := len(t.Columns)
	vals := make([]any, n+4)
	ptrs := make([]any, n+4)
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	var fcText string
	var deleted int64
	var row SyncRow
	ptrs[0], ptrs[1], ptrs[2], ptrs[3] = &row.ID, &row.HLC, &deleted, &fcText
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return mapErr(err)
		}
		row.Deleted = deleted != 0
		var err error
		if row.Clocks, err = parseClocksFast(fcText); err != nil {
			return fmt.Errorf("%s %s: damaged field_hlc %q: %w", t.Name, row.ID, fcText, err)
		}
		row.Values = vals[4:]
		if err := visit(t, row); err != nil {
			return err
		}
	}
	return mapErr(rows.Err())
}

// RowCount is how many rows of a synced table are live and deleted.
type RowCount struct {
	Table         string
	Live, Deleted int
}

// SyncRowCounts counts the rows of every synced table, by table name.
func (s *Store) SyncRowCounts(ctx context.Context) ([]RowCount, error) {
	tables, err := s.SyncTables(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]RowCount, 0, len(tables))
	for _, t := range tables {
		c := RowCount{Table: t.Name}
		q := fmt.Sprintf(`SELECT count(*) - coalesce(sum(deleted), 0), coalesce(sum(deleted), 0) FROM %s`, t.Name)
		if err := s.read.QueryRowContext(ctx, q).Scan(&c.Live, &c.Deleted); err != nil {
			return nil, mapErr(err)
		}
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Table < out[j].Table })
	return out, nil
}
