package data

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/opsbench/opsbench/app"
)

func TestSyncTablesFromTheSchema(t *testing.T) {
	s := mustOpen(t)
	tables, err := s.SyncTables(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]SyncTable{}
	var order []string
	for _, tb := range tables {
		byName[tb.Name] = tb
		order = append(order, tb.Kind)
	}
	if got := strings.Join(byName["person"].ColumnNames(), ","); got != "name,role,active,note" {
		t.Errorf("person columns %s", got)
	}
	for _, name := range []string{"audit_log", "replica", "scenario", "shipping_mode", "sync_conflict"} {
		if _, ok := byName[name]; !ok {
			t.Errorf("%s is not listed", name)
		}
	}
	for _, local := range []string{"local_setting", "sync_change", "sync_target", "sync_bundle", "sync_conflict_status"} {
		if _, ok := byName[local]; ok {
			t.Errorf("local table %s is synced", local)
		}
	}
	for i := 1; i < len(order); i++ {
		if order[i-1] == SyncKindRecord && order[i] == SyncKindAppend {
			t.Fatalf("append tables do not come first: %v", order)
		}
	}
}

func TestSyncValueRoundTrip(t *testing.T) {
	values := []any{nil, int64(0), int64(-42), int64(math.MaxInt64), 1.5, 2.0, -0.25, 1e300, math.Inf(1), math.Inf(-1),
		"", "王芳 \"quoted\"\n\t\x01\x7f", "\xff\xfe not UTF-8", []byte{}, []byte{0, 1, 255}}
	for _, v := range values {
		enc := AppendSyncValue(nil, v)
		if !json.Valid(enc) {
			t.Errorf("%#v encodes to invalid JSON %s", v, enc)
		}
		got, err := ParseSyncValue(enc)
		if err != nil {
			t.Fatalf("%#v: %s: %v", v, enc, err)
		}
		if !syncValueEqual(got, v) || reflect.TypeOf(got) != reflect.TypeOf(v) {
			t.Errorf("%#v -> %s -> %#v", v, enc, got)
		}
	}
	for _, bad := range []string{"", "nul", `{"q":"x"}`, `{"b":"%%%"}`, "1.2.3", "99999999999999999999", `"unterminated`} {
		if _, err := ParseSyncValue([]byte(bad)); err == nil {
			t.Errorf("accepted %q", bad)
		}
	}
}

func TestParseClocksFast(t *testing.T) {
	for _, s := range []string{"", "{}", `{"a":"1","deleted":"2"}`, `{"a":"x\"y"}`, ` {"a":"1"}`, `{"a":"1",}`, `nonsense`} {
		got, err1 := parseClocksFast(s)
		want := map[string]string{}
		err2 := json.Unmarshal([]byte(s), &want)
		if s == "" {
			err2, want = nil, map[string]string{}
		}
		if (err1 == nil) != (err2 == nil) || (err1 == nil && !reflect.DeepEqual(got, want)) {
			t.Errorf("%q: %v %v, want %v %v", s, got, err1, want, err2)
		}
	}
	fc := fieldClocks{"b": "2", "a": "1", "deleted": "x\"y"}
	if clocksString(fc) != fc.String() {
		t.Errorf("%s != %s", clocksString(fc), fc.String())
	}
}

func TestGenericEditsCheckNames(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	id := app.NewID()
	if err := s.EditRecord(ctx, "local_setting", id, map[string]any{"value": "x"}); err == nil {
		t.Error("edited a local table")
	}
	if err := s.EditRecord(ctx, "person", id, map[string]any{"name": "x", "nonsense": 1}); !errors.Is(err, app.ErrInvalidInput) {
		t.Errorf("unknown column: %v", err)
	}
	if err := s.EditRecord(ctx, "person", "42", map[string]any{"name": "x"}); !errors.Is(err, app.ErrInvalidInput) {
		t.Errorf("bad id: %v", err)
	}
	if err := s.AppendRecord(ctx, "person", id, map[string]any{"name": "x"}); err == nil {
		t.Error("appended to a record table")
	}
	if err := s.EditRecord(ctx, "person", id, map[string]any{"name": "Ann", "role": "owner", "active": true}); err != nil {
		t.Fatal(err)
	}
	if p, err := s.Person(ctx, id); err != nil || p.Name != "Ann" || !p.Active {
		t.Fatalf("%+v %v", p, err)
	}
	if err := s.DeleteRecord(ctx, "person", id); err != nil {
		t.Fatal(err)
	}
	if err := s.EditRecord(ctx, "person", id, map[string]any{"name": "Bo"}); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("edited a deleted record: %v", err)
	}
}

func TestMergeRefusesMalformedRows(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	m, err := s.BeginSyncMerge(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Rollback()
	if _, err := m.Table("no_such_table", SyncKindRecord, nil, false); !errors.Is(err, app.ErrNewerSchema) {
		t.Errorf("unknown table: %v", err)
	}
	if _, err := m.Table("person", SyncKindAppend, []string{"name"}, false); err == nil {
		t.Error("wrong kind accepted")
	}
	if _, err := m.Table("person", SyncKindRecord, []string{"name", "shoe_size"}, false); err == nil {
		t.Error("unknown column accepted")
	}
	h, err := m.Table("person", SyncKindRecord, []string{"name", "role", "active"}, false)
	if err != nil {
		t.Fatal(err)
	}
	good := app.HLC{WallMS: 1764237600000, Replica: app.NewID()}.String()
	rows := []SyncRow{
		{ID: "not-a-uuid", HLC: good, Values: []any{"a", "owner", int64(1)}},
		{ID: app.NewID(), HLC: "yesterday", Values: []any{"a", "owner", int64(1)}},
		{ID: app.NewID(), HLC: good, Values: []any{"a"}},
		{ID: app.NewID(), HLC: good, Clocks: map[string]string{"name": "soon"}, Values: []any{"a", "owner", int64(1)}},
		{ID: app.NewID(), HLC: good, Values: []any{[]byte{1}, "owner", int64(1)}}, // a blob in a TEXT column
	}
	for i, r := range rows {
		if err := h.Merge(r); err == nil {
			t.Errorf("row %d accepted", i)
		}
	}
}

func TestConflictIDIsStableAndAUUID(t *testing.T) {
	a := ConflictID("person", "x", "name", "h1")
	if a != ConflictID("person", "x", "name", "h1") || a == ConflictID("person", "x", "name", "h2") || !app.ValidID(a) {
		t.Fatalf("%s", a)
	}
}
