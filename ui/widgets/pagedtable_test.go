package widgets

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
)

// auditRow is a view row as a screen would make it: texts formatted in
// Load, off the UI thread.
type auditRow struct {
	id, when, who, entity, change string
	fields                        int
}

func toAuditRow(e app.AuditEntry) auditRow {
	var parts []string
	for _, c := range e.Changes {
		parts = append(parts, c.Field+": "+c.Old+" → "+c.New)
	}
	return auditRow{
		id: e.ID, when: e.At.UTC().Format("2006-01-02 15:04:05"), who: e.ActorName,
		entity: e.Entity, change: strings.Join(parts, "; "), fields: len(e.Changes),
	}
}

// Column labels, as a screen's translator would give them.
const (
	colID, colWhen, colWho, colEntity, colChange, colFields = "ID", "When", "Who", "Record", "Change", "Fields"
)

func auditColumns() []Column[auditRow] {
	return []Column[auditRow]{
		{Label: colID, Width: 300, Text: func(r auditRow) string { return r.id }},
		{Label: colWhen, Width: 150, Sort: app.AuditSortTime, Text: func(r auditRow) string { return r.when }},
		{Label: colWho, Width: 80, Sort: app.AuditSortPerson, Text: func(r auditRow) string { return r.who }},
		{Label: colEntity, Width: 110, Sort: app.AuditSortEntity, Text: func(r auditRow) string { return r.entity },
			Importance: func(r auditRow) widget.Importance {
				if r.entity == "service_case" {
					return widget.DangerImportance
				}
				return widget.MediumImportance
			}},
		{Label: colChange, Width: 300, Text: func(r auditRow) string { return r.change }},
		{Label: colFields, Width: 60, Align: fyne.TextAlignTrailing,
			Text:  func(r auditRow) string { return strconv.Itoa(r.fields) },
			Value: func(r auditRow) any { return r.fields }},
	}
}

// Texts the table asks its owner for, in both languages (the owner's
// translator would hold them).
var tableTexts = map[string]map[string]string{
	"en": {TextLoading: "Loading…", TextEmpty: "No rows", TextSearch: "Search", TextAll: "All",
		TextExport: "Export to Excel…", TextLoadFailed: "The list could not be read: {{.Error}}"},
	"zh-Hans": {TextLoading: "正在加载…", TextEmpty: "没有记录", TextSearch: "搜索", TextAll: "全部",
		TextExport: "导出 Excel…", TextLoadFailed: "无法读取列表：{{.Error}}"},
}

func translator(lang string) func(string, ...any) string {
	return func(key string, args ...any) string {
		named := map[string]any{}
		for i := 0; i+1 < len(args); i += 2 {
			named[fmt.Sprint(args[i])] = args[i+1]
		}
		if key == TextRows {
			if lang == "zh-Hans" {
				return fmt.Sprintf("共 %s 行", named["Rows"])
			}
			if named["Count"] == 1 {
				return "1 row"
			}
			return fmt.Sprintf("%s rows", named["Rows"])
		}
		return strings.ReplaceAll(tableTexts[lang][key], "{{.Error}}", fmt.Sprint(named["Error"]))
	}
}

// The 100,000-entry audit log is written once per test run into a
// template file; each test opens a copy.
var (
	templateOnce sync.Once
	templatePath string
	templateErr  error
	templateDir  string
)

func TestMain(m *testing.M) {
	code := m.Run()
	if templateDir != "" {
		os.RemoveAll(templateDir)
	}
	os.Exit(code)
}

const fixtureRows = 100_000

// fixturePeople wrote the fixture's entries: person i%7.
var fixturePeople = []string{"王芳", "李雷", "Anna", "bob", "张伟", "Zoe", "安娜"}

func makeTemplate() (string, error) {
	dir, err := os.MkdirTemp("", "pagedtable")
	if err != nil {
		return "", err
	}
	templateDir = dir
	path := filepath.Join(dir, "audit.db")
	s, err := data.Open(context.Background(), path, data.Options{ReplicaName: "template"})
	if err != nil {
		return "", err
	}
	s.Close()
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		return "", err
	}
	defer db.Close()
	// Straight SQL, in one statement: the store's writer takes seconds
	// for 100,000 entries. Twenty entries share each instant, so every
	// sort has runs of equal keys.
	_, err = db.Exec(`WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i+1 FROM n WHERE i < ? - 1),
		people(k, name) AS (SELECT key, value FROM json_each(?))
		INSERT INTO audit_log (id, hlc, replica, at, actor_id, actor_name, entity, entity_id, action, changes)
		SELECT printf('0190a000-0000-7000-8000-%012d', i), printf('%013d-0000-fixture', 1772352000000 + i),
			'fixture', strftime('%Y-%m-%dT%H:%M:%fZ', 1772352000 + i / 20, 'unixepoch'),
			'p' || (i % 7), (SELECT name FROM people WHERE k = i % 7),
			CASE (i / 3) % 5 WHEN 0 THEN 'person' WHEN 1 THEN 'scenario' WHEN 2 THEN 'shipping_mode'
				WHEN 3 THEN 'sop_run' ELSE 'service_case' END,
			'e' || (i % 50), 'update',
			json_array(json_object('field', 'name', 'old', 'old-' || i, 'new', 'new value ' || (i * 7 % 100)))
		FROM n`, fixtureRows, `["王芳","李雷","Anna","bob","张伟","Zoe","安娜"]`)
	return path, err
}

// openAudit opens a copy of the 100,000-entry audit log.
func openAudit(t testing.TB) *data.Store {
	t.Helper()
	templateOnce.Do(func() { templatePath, templateErr = makeTemplate() })
	if templateErr != nil {
		t.Fatal(templateErr)
	}
	b, err := os.ReadFile(templatePath)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "audit.db")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := data.Open(context.Background(), path, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// harness runs a PagedTable the way the UI does, deterministically:
// background work is counted, and its UI changes are queued for the test
// goroutine (the only one touching widgets), as ui's test queue does.
type harness[R any] struct {
	t     *testing.T
	table *PagedTable[R]
	win   fyne.Window
	work  sync.WaitGroup

	mu      sync.Mutex
	queue   []func()
	queries []app.ListQuery
	uiGo    string // the test goroutine's id
}

func goroutineID() string {
	b := make([]byte, 64)
	b = b[:runtime.Stack(b, false)]
	return strings.Fields(string(b))[1]
}

// startTable shows a table over load in a 1280x720 window. Every Load
// is recorded and must run off the UI goroutine.
func startTable[R any](t *testing.T, cfg PagedTableConfig[R]) *harness[R] {
	test.NewTempApp(t)
	h := &harness[R]{t: t, uiGo: goroutineID()}
	load := cfg.Load
	cfg.Load = func(ctx context.Context, q app.ListQuery) ([]R, int, error) {
		if goroutineID() == h.uiGo {
			t.Errorf("query %+v ran on the UI goroutine", q)
		}
		h.mu.Lock()
		h.queries = append(h.queries, q)
		h.mu.Unlock()
		return load(ctx, q)
	}
	cfg.Go = func(f func()) {
		h.work.Add(1)
		go func() {
			defer h.work.Done()
			f()
		}()
	}
	cfg.Do = func(f func()) {
		h.mu.Lock()
		h.queue = append(h.queue, f)
		h.mu.Unlock()
	}
	h.table = NewPagedTable(cfg)
	h.table.delay = time.Millisecond
	h.win = test.NewWindow(h.table)
	h.win.Resize(fyne.NewSize(1280, 720))
	t.Cleanup(h.win.Close)
	h.settle()
	return h
}

// settle waits for the background work and runs its UI changes, until
// nothing is left, then lays out what a frame would.
func (h *harness[R]) settle() {
	for {
		h.work.Wait()
		h.mu.Lock()
		fns := h.queue
		h.queue = nil
		h.mu.Unlock()
		if len(fns) == 0 {
			h.frame()
			return
		}
		for _, f := range fns {
			f()
		}
	}
}

// frame does for the table's scrollers what the real driver does before
// each frame (common.Canvas.EnsureMinSize) and the test canvas does not:
// lay a scroller out again, so that its content takes the height of the
// rows counted since.
func (h *harness[R]) frame() {
	walk(h.table.table, func(o fyne.CanvasObject) {
		if _, ok := o.(fyne.Scrollable); ok {
			if w, ok := o.(fyne.Widget); ok {
				test.WidgetRenderer(w).Layout(w.Size())
			}
		}
	})
}

// takeQueries returns the queries run since the last call.
func (h *harness[R]) takeQueries() []app.ListQuery {
	h.mu.Lock()
	defer h.mu.Unlock()
	q := h.queries
	h.queries = nil
	return q
}

// shownCell is one cell drawn: its background, and its label or, in a
// Progress column, its bar.
type shownCell struct {
	bg    *canvas.Rectangle
	label *widget.Label
	bar   *widget.ProgressBar
}

// text is what the cell shows.
func (c shownCell) text() string {
	if c.bar.Visible() {
		return c.bar.TextFormatter()
	}
	return c.label.Text
}

// shownCells returns the cells of the rows drawn, top to bottom, as they
// are on screen.
func (h *harness[R]) shownCells() [][]shownCell {
	type placed struct {
		pos fyne.Position
		c   shownCell
	}
	var cells []placed
	d := fyne.CurrentApp().Driver()
	walk(h.table.table, func(o fyne.CanvasObject) {
		if stack, ok := o.(*fyne.Container); ok && len(stack.Objects) == 3 {
			bg, ok1 := stack.Objects[0].(*canvas.Rectangle)
			l, ok2 := stack.Objects[1].(*widget.Label)
			bar, ok3 := stack.Objects[2].(*widget.ProgressBar)
			if ok1 && ok2 && ok3 {
				cells = append(cells, placed{d.AbsolutePositionForObject(stack), shownCell{bg, l, bar}})
			}
		}
	})
	sort.Slice(cells, func(i, j int) bool {
		if cells[i].pos.Y != cells[j].pos.Y {
			return cells[i].pos.Y < cells[j].pos.Y
		}
		return cells[i].pos.X < cells[j].pos.X
	})
	var rows [][]shownCell
	for i, c := range cells {
		if i == 0 || c.pos.Y != cells[i-1].pos.Y {
			rows = append(rows, nil)
		}
		rows[len(rows)-1] = append(rows[len(rows)-1], c.c)
	}
	return rows
}

// shownRows returns the text of the rows drawn, top to bottom.
func (h *harness[R]) shownRows() [][]string {
	var rows [][]string
	for _, r := range h.shownCells() {
		texts := make([]string, len(r))
		for i, c := range r {
			texts[i] = c.text()
		}
		rows = append(rows, texts)
	}
	return rows
}

// shownIDs returns the first column of the rows drawn.
func (h *harness[R]) shownIDs() []string {
	var ids []string
	for _, r := range h.shownRows() {
		ids = append(ids, r[0])
	}
	return ids
}

// wheel scrolls the table's rows as a mouse wheel over them does (dy < 0
// scrolls down). The wheel event goes to the table's scrollers; only the
// one holding the cells moves.
func (h *harness[R]) wheel(dy float32) {
	walk(h.table.table, func(o fyne.CanvasObject) {
		if s, ok := o.(fyne.Scrollable); ok {
			s.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.Delta{DY: dy}})
		}
	})
}

// header finds the header button of a column.
func (h *harness[R]) header(label string) *widget.Button {
	var found *widget.Button
	walk(h.table.table, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == label {
			found = b
		}
	})
	if found == nil {
		h.t.Fatalf("no header %q", label)
	}
	return found
}

// walk visits o and every visible object under it.
func walk(o fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	if o == nil || !o.Visible() {
		return
	}
	visit(o)
	switch w := o.(type) {
	case *fyne.Container:
		for _, c := range w.Objects {
			walk(c, visit)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(w).Objects() {
			walk(c, visit)
		}
	}
}

func auditConfig(s *data.Store, lang string) PagedTableConfig[auditRow] {
	return PagedTableConfig[auditRow]{
		Columns: auditColumns(),
		Filters: []Filter{
			{Key: app.AuditFilterPerson, Label: colWho, Options: []Option{{"p2", "Anna"}, {"p3", "bob"}}},
			{Key: app.AuditFilterEntity, Label: colEntity, Options: []Option{{"person", "Person"}, {"sop_run", "SOP run"}}},
		},
		Search: true,
		Sort:   app.AuditSortTime, Desc: true,
		Load: func(ctx context.Context, q app.ListQuery) ([]auditRow, int, error) {
			entries, total, err := s.ListAudit(ctx, q)
			rows := make([]auditRow, len(entries))
			for i, e := range entries {
				rows[i] = toAuditRow(e)
			}
			return rows, total, err
		},
		ID:    func(r auditRow) string { return r.id },
		T:     translator(lang),
		Title: "Audit log",
	}
}

// storeIDs reads the ids of rows [from, from+n) of q straight from the
// store, the truth the table must show.
func storeIDs(t *testing.T, s *data.Store, q app.ListQuery, from, n int) ([]string, int) {
	t.Helper()
	q.Offset, q.Limit = from, n
	entries, total, err := s.ListAudit(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]string, len(entries))
	for i, e := range entries {
		ids[i] = e.ID
	}
	return ids, total
}

// checkShows fails unless the rows drawn are a run of q's rows in order,
// starting at row first.
func checkShows(t *testing.T, h *harness[auditRow], s *data.Store, q app.ListQuery, first int) {
	t.Helper()
	shown := h.shownIDs()
	if len(shown) < 10 {
		t.Fatalf("%d rows drawn, want a screenful", len(shown))
	}
	want, _ := storeIDs(t, s, q, first, len(shown))
	if !slices.Equal(shown, want) {
		t.Fatalf("rows drawn from %d:\n%v\nwant\n%v", first, shown, want)
	}
}

func TestPagedTableShowsFirstPageAndCount(t *testing.T) {
	for _, tc := range []struct{ lang, format string }{{"en", "%s rows"}, {"zh-Hans", "共 %s 行"}} {
		t.Run(tc.lang, func(t *testing.T) {
			s := openAudit(t)
			h := startTable(t, auditConfig(s, tc.lang))
			newest := app.ListQuery{Sort: app.AuditSortTime, Desc: true}
			_, total := storeIDs(t, s, newest, 0, 1)
			if total < fixtureRows {
				t.Fatalf("the store has %d entries", total)
			}
			if want := fmt.Sprintf(tc.format, app.FormatNumber(float64(total), 0)); h.table.status.Text != want {
				t.Errorf("count %q, want %q", h.table.status.Text, want)
			}
			checkShows(t, h, s, newest, 0)
			// One page was read, with the total; not the whole log.
			qs := h.takeQueries()
			if len(qs) != 1 || qs[0].Limit != pageSize || qs[0].SkipTotal {
				t.Errorf("queries %+v, want one page with its total", qs)
			}
			if got := len(h.table.pages) + len(h.table.stale); got != 1 {
				t.Errorf("%d pages held", got)
			}
			if h.header(colWhen).Icon != theme.MenuDropDownIcon() {
				t.Error("the sorted column shows no descending arrow")
			}
			// Cells take their column's colour and alignment.
			danger := 0
			for _, r := range h.shownCells() {
				want := widget.MediumImportance
				entity, who, id, fields := r[3].label, r[2].label, r[0].label, r[5].label
				if entity.Text == "service_case" {
					want, danger = widget.DangerImportance, danger+1
				}
				if entity.Importance != want || who.Importance != widget.MediumImportance {
					t.Errorf("row %s: importance %v, %v", id.Text, who.Importance, entity.Importance)
				}
				if fields.Alignment != fyne.TextAlignTrailing || id.Alignment != fyne.TextAlignLeading {
					t.Errorf("row %s: alignment %v, %v", id.Text, id.Alignment, fields.Alignment)
				}
			}
			if danger == 0 {
				t.Error("no service case on screen to check its colour")
			}
		})
	}
}

func TestPagedTableSortsOnHeaderTap(t *testing.T) {
	s := openAudit(t)
	h := startTable(t, auditConfig(s, "en"))
	h.table.table.ScrollTo(widget.TableCellID{Row: 300})
	h.settle()
	h.takeQueries()

	for _, tc := range []struct {
		header string
		want   app.ListQuery
		icon   fyne.Resource
	}{
		{colWho, app.ListQuery{Sort: app.AuditSortPerson}, theme.MenuDropUpIcon()},
		{colWho, app.ListQuery{Sort: app.AuditSortPerson, Desc: true}, theme.MenuDropDownIcon()},
		{colEntity, app.ListQuery{Sort: app.AuditSortEntity}, theme.MenuDropUpIcon()},
		{colWhen, app.ListQuery{Sort: app.AuditSortTime}, theme.MenuDropUpIcon()},
	} {
		test.Tap(h.header(tc.header))
		h.settle()
		if h.header(tc.header).Icon != tc.icon {
			t.Errorf("%s: wrong arrow", tc.header)
		}
		for _, other := range []string{colWhen, colWho, colEntity} {
			if other != tc.header && h.header(other).Icon != nil {
				t.Errorf("%s shows an arrow while sorted by %s", other, tc.header)
			}
		}
		// A new order starts from the top.
		checkShows(t, h, s, tc.want, 0)
		for _, q := range h.takeQueries() {
			if q.Sort != tc.want.Sort || q.Desc != tc.want.Desc {
				t.Errorf("after tapping %s: query %+v", tc.header, q)
			}
		}
	}
	// A column without a sort key does not sort.
	test.Tap(h.header(colChange))
	h.settle()
	if qs := h.takeQueries(); len(qs) != 0 {
		t.Errorf("tapping an unsortable header queried %+v", qs)
	}
}

func TestPagedTableFilters(t *testing.T) {
	s := openAudit(t)
	h := startTable(t, auditConfig(s, "en"))
	newest := app.ListQuery{Sort: app.AuditSortTime, Desc: true}

	h.table.table.ScrollTo(widget.TableCellID{Row: 500})
	h.settle()
	h.takeQueries()
	h.table.choices[0].SetSelected("bob")
	h.settle()
	bob := newest
	bob.Filters = map[string]string{app.AuditFilterPerson: "p3"}
	// bob (p3) wrote every 7th entry from i=3: (99,998-3)/7+1 = 14,286.
	if h.table.status.Text != "14,286 rows" {
		t.Errorf("count %q for bob", h.table.status.Text)
	}
	checkShows(t, h, s, bob, 0)
	for _, r := range h.shownRows() {
		if r[2] != "bob" {
			t.Fatalf("row by %q under bob's filter", r[2])
		}
	}

	h.table.choices[1].SetSelected("SOP run")
	h.settle()
	both := bob
	both.Filters = map[string]string{app.AuditFilterPerson: "p3", app.AuditFilterEntity: "sop_run"}
	checkShows(t, h, s, both, 0)

	// Typing searches once typing pauses, within the filters.
	test.Type(h.table.search, "value 4")
	h.settle()
	search := both
	search.Search = "value 4"
	checkShows(t, h, s, search, 0)
	_, total := storeIDs(t, s, search, 0, 1)
	if want := app.FormatNumber(float64(total), 0) + " rows"; h.table.status.Text != want {
		t.Errorf("count %q, want %q", h.table.status.Text, want)
	}
	qs := h.takeQueries()
	if len(qs) == 0 || qs[len(qs)-1].Search != "value 4" {
		t.Fatalf("queries %+v", qs)
	}
	for _, q := range qs {
		if q.Search != "" && q.Search != "value 4" {
			t.Errorf("typing queried the unfinished word %q", q.Search)
		}
	}

	// Back to all: the whole log again.
	h.table.choices[0].SetSelected("All")
	h.table.choices[1].SetSelected("All")
	h.table.search.SetText("")
	h.settle()
	checkShows(t, h, s, newest, 0)

	// A filter that keeps nothing says so.
	h.table.search.SetText("no such text anywhere")
	h.settle()
	if h.table.status.Text != "0 rows" || !h.table.overlay.Visible() || h.table.overlay.Text != "No rows" {
		t.Errorf("empty result: status %q, overlay %q shown %v", h.table.status.Text, h.table.overlay.Text, h.table.overlay.Visible())
	}
	if rows := h.shownRows(); len(rows) != 0 {
		t.Errorf("empty result draws %d rows", len(rows))
	}
}

func TestPagedTablePagesAsItScrolls(t *testing.T) {
	s := openAudit(t)
	h := startTable(t, auditConfig(s, "en"))
	newest := app.ListQuery{Sort: app.AuditSortTime, Desc: true}
	all := allIDs(t, s, newest)
	h.takeQueries()
	page0 := slices.Clone(h.table.pages[0])

	// Scrolling on: the next page continues after the last row held
	// (keyset), without counting again.
	h.wheel(-40 * pageSize) // a few wheel turns: about a hundred rows down
	h.settle()
	qs := h.takeQueries()
	if len(qs) == 0 {
		t.Fatal("scrolling loaded nothing")
	}
	if q := qs[0]; q.After != page0[pageSize-1].id || q.Offset != 0 || !q.SkipTotal {
		t.Errorf("next page query %+v, want After %s without a count", q, page0[pageSize-1].id)
	}
	first := firstShown(t, h, all)
	checkShows(t, h, s, newest, first)

	// A jump deep down reads by offset (nothing above it is held).
	for _, row := range []int{50_000, 99_950} {
		h.table.table.ScrollTo(widget.TableCellID{Row: row})
		h.settle()
		first := firstShown(t, h, all)
		if first > row || first < row-30 {
			t.Fatalf("after a jump to row %d the rows drawn start at %d", row, first)
		}
		checkShows(t, h, s, newest, first)
		qs := h.takeQueries()
		if len(qs) == 0 || qs[0].Offset != row/pageSize*pageSize && qs[0].Offset != (row/pageSize-1)*pageSize {
			t.Errorf("jump to row %d: queries %+v", row, qs)
		}
	}

	// Scrolling through many pages holds only a few.
	for row := 0; row < 2_000; row += 100 {
		h.table.table.ScrollTo(widget.TableCellID{Row: row})
		h.settle()
	}
	if held := len(h.table.pages) + len(h.table.stale); held > keptPages {
		t.Errorf("%d pages held after scrolling through 20", held)
	}
	checkShows(t, h, s, newest, firstShown(t, h, all))
}

// firstShown is the index in ids of the first row drawn.
func firstShown(t *testing.T, h *harness[auditRow], ids []string) int {
	t.Helper()
	shown := h.shownIDs()
	if len(shown) == 0 {
		t.Fatal("no rows drawn")
	}
	i := slices.Index(ids, shown[0])
	if i < 0 {
		t.Fatalf("row %s drawn is not in the store", shown[0])
	}
	return i
}

func TestPagedTableKeepsSelection(t *testing.T) {
	s := openAudit(t)
	cfg := auditConfig(s, "en")
	var picked []string
	cfg.OnSelected = func(id string) { picked = append(picked, id) }
	h := startTable(t, cfg)
	_, total := storeIDs(t, s, app.ListQuery{}, 0, 1)

	h.table.table.Select(widget.TableCellID{Row: 3, Col: 4}) // what a tap does
	h.settle()
	want := h.table.pages[0][3].id
	if !slices.Equal(picked, []string{want}) || h.table.Selected() != want {
		t.Fatalf("selected %v / %q, want %s", picked, h.table.Selected(), want)
	}
	checkHighlight(t, h, want)

	// New entries arrive (a sync): the selected row moves down, the
	// selection goes with it.
	ctx := context.Background()
	for i := range 5 {
		if _, err := s.CreatePerson(ctx, app.Person{Name: fmt.Sprintf("new %d", i), Role: app.RoleService, Active: true}); err != nil {
			t.Fatal(err)
		}
	}
	h.table.Reload()
	h.settle()
	if h.shownIDs()[8] != want {
		t.Errorf("after 5 new entries the selected row is not 5 rows lower: %v", h.shownIDs()[:10])
	}
	checkHighlight(t, h, want)
	if want := app.FormatNumber(float64(total+5), 0) + " rows"; h.table.status.Text != want {
		t.Errorf("count %q after 5 new entries, want %q", h.table.status.Text, want)
	}

	// Re-sorted, the same row stays selected wherever it is.
	test.Tap(h.header(colWho))
	h.settle()
	if h.table.Selected() != want {
		t.Errorf("selection %q after sorting, want %s", h.table.Selected(), want)
	}
	row := slices.IndexFunc(allIDs(t, s, app.ListQuery{Sort: app.AuditSortPerson}), func(id string) bool { return id == want })
	h.table.table.ScrollTo(widget.TableCellID{Row: row})
	h.settle()
	checkHighlight(t, h, want)

	// The owner selects another row (e.g. one it just created).
	other := h.shownIDs()[0]
	h.table.Select(other)
	checkHighlight(t, h, other)
	if h.table.Selected() != other {
		t.Errorf("Selected %q, want %s", h.table.Selected(), other)
	}
	if len(picked) != 1 {
		t.Errorf("OnSelected called %d times; only the tap selects", len(picked))
	}
}

func TestPagedTableFilterOptionsChange(t *testing.T) {
	s := openAudit(t)
	h := startTable(t, auditConfig(s, "zh-Hans"))
	people := h.table.choices[0]
	people.SetSelected("bob")
	h.settle()
	h.takeQueries()

	// The team list grew: bob stays chosen, nothing reloads.
	h.table.SetFilterOptions(app.AuditFilterPerson, []Option{{"p2", "Anna"}, {"p3", "bob"}, {"p0", "王芳"}})
	h.settle()
	if !slices.Equal(people.Options, []string{"全部", "Anna", "bob", "王芳"}) || people.Selected != "bob" {
		t.Errorf("options %v, chosen %q", people.Options, people.Selected)
	}
	if qs := h.takeQueries(); len(qs) != 0 {
		t.Errorf("new options queried %+v", qs)
	}

	// bob left the team list: back to everyone.
	h.table.SetFilterOptions(app.AuditFilterPerson, []Option{{"p0", "王芳"}})
	h.settle()
	if people.Selected != "全部" {
		t.Errorf("chosen %q after bob's option went", people.Selected)
	}
	qs := h.takeQueries()
	if len(qs) == 0 || len(qs[0].Filters) != 0 {
		t.Errorf("queries %+v, want the unfiltered list", qs)
	}
	checkShows(t, h, s, app.ListQuery{Sort: app.AuditSortTime, Desc: true}, 0)
}

func allIDs(t *testing.T, s *data.Store, q app.ListQuery) []string {
	t.Helper()
	var ids []string
	for {
		q.Limit = app.MaxListLimit
		entries, _, err := s.ListAudit(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			ids = append(ids, e.ID)
		}
		if len(entries) < app.MaxListLimit {
			return ids
		}
		q.After = entries[len(entries)-1].ID
	}
}

// checkHighlight fails unless the row with this id is on screen and it
// alone is drawn selected, in every cell.
func checkHighlight(t *testing.T, h *harness[auditRow], id string) {
	t.Helper()
	sel := theme.Color(theme.ColorNameSelection)
	found := false
	for _, r := range h.shownCells() {
		shown := r[0].text()
		found = found || shown == id
		for _, c := range r {
			if lit := c.bg.FillColor == sel; lit != (shown == id) {
				t.Errorf("a cell of row %s drawn selected=%v, the selection is %s", shown, lit, id)
				break
			}
		}
	}
	if !found {
		t.Errorf("the selected row %s is not on screen", id)
	}
}

func TestPagedTableExportsTheFilteredResult(t *testing.T) {
	s := openAudit(t)
	cfg := auditConfig(s, "zh-Hans")
	var exports []*Export
	cfg.Export = func(x *Export) { exports = append(exports, x) }
	cfg.Columns[1].Label = "时间" // translated headers go to the sheet
	h := startTable(t, cfg)
	h.table.choices[0].SetSelected("Anna")
	h.table.choices[1].SetSelected("SOP run")
	h.settle()
	test.Tap(h.header(colEntity))
	h.settle()

	test.Tap(h.table.exportBtn)
	if len(exports) != 1 {
		t.Fatalf("%d exports", len(exports))
	}
	x := exports[0]
	if x.Name != "Audit log.xlsx" {
		t.Errorf("suggested name %q", x.Name)
	}
	var buf bytes.Buffer
	var progress [][2]int
	n, err := offUI(func() (int, error) {
		return x.Write(context.Background(), &buf, func(done, total int) { progress = append(progress, [2]int{done, total}) })
	})
	if err != nil {
		t.Fatal(err)
	}
	q := app.ListQuery{Sort: app.AuditSortEntity, Filters: map[string]string{app.AuditFilterPerson: "p2", app.AuditFilterEntity: "sop_run"}}
	want := allIDs(t, s, q)
	// Anna's (i%7 == 2) changes to SOP runs ((i/3)%5 == 3): 3 in every
	// 105 entries (15 of Anna's, 3 of them on SOP runs); 100,000 =
	// 952*105 + 40, and i = 99,969 is one more in the last 40:
	// 952*3 + 1 = 2,857.
	if n != len(want) || n != 2_857 {
		t.Fatalf("wrote %d rows, the filtered result has %d", n, len(want))
	}
	if last := progress[len(progress)-1]; last != [2]int{n, n} || len(progress) != (n+app.MaxListLimit-1)/app.MaxListLimit {
		t.Errorf("progress %v", progress)
	}

	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if sheets := f.GetSheetList(); !slices.Equal(sheets, []string{"Audit log"}) {
		t.Errorf("sheets %v", sheets)
	}
	rows, err := f.GetRows("Audit log")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rows[0], []string{colID, "时间", colWho, colEntity, colChange, colFields}) {
		t.Errorf("header %v", rows[0])
	}
	if len(rows) != n+1 {
		t.Fatalf("%d sheet rows for %d entries", len(rows), n)
	}
	entries := map[string]app.AuditEntry{}
	for _, id := range []string{want[0], want[n/2], want[n-1]} {
		es, _, err := s.ListAudit(context.Background(), app.ListQuery{Search: "", Filters: q.Filters, Sort: q.Sort, Offset: slices.Index(want, id), Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		entries[id] = es[0]
	}
	for i, r := range rows[1:] {
		if r[0] != want[i] {
			t.Fatalf("sheet row %d is %s, the result's row is %s", i+2, r[0], want[i])
		}
		if e, ok := entries[r[0]]; ok {
			v := toAuditRow(e)
			if !slices.Equal(r, []string{v.id, v.when, v.who, v.entity, v.change, strconv.Itoa(v.fields)}) {
				t.Errorf("sheet row %d: %v, want %+v", i+2, r, v)
			}
		}
	}
	// A number column is a number in the sheet.
	if typ, err := f.GetCellType("Audit log", "F2"); err != nil || typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
		t.Errorf("the Fields column is stored as %v (%v), want a number", typ, err)
	}
}

// offUI runs an export as its owner does, off the UI goroutine.
func offUI(f func() (int, error)) (int, error) {
	var n int
	var err error
	done := make(chan struct{})
	go func() {
		defer close(done)
		n, err = f()
	}()
	<-done
	return n, err
}

func TestPagedTableExportStopsWhenCancelled(t *testing.T) {
	s := openAudit(t)
	cfg := auditConfig(s, "en")
	var x *Export
	cfg.Export = func(e *Export) { x = e }
	h := startTable(t, cfg)
	test.Tap(h.table.exportBtn)
	ctx, cancel := context.WithCancel(context.Background())
	var buf bytes.Buffer
	_, err := offUI(func() (int, error) {
		return x.Write(ctx, &buf, func(done, total int) {
			if done >= 3*app.MaxListLimit {
				cancel()
			}
		})
	})
	if !errors.Is(err, context.Canceled) || buf.Len() != 0 {
		t.Errorf("cancelled export: %v, %d bytes written", err, buf.Len())
	}
}

// TestPagedTableLatestQueryWins: a slow query overtaken by a newer one is
// cancelled and its rows never shown.
func TestPagedTableLatestQueryWins(t *testing.T) {
	release := make(chan struct{})
	var mu sync.Mutex
	var cancelled []string
	cfg := PagedTableConfig[auditRow]{
		Columns: auditColumns(),
		Filters: []Filter{{Key: "who", Label: colWho, Options: []Option{{"slow", "Slow"}, {"fast", "Fast"}}}},
		Load: func(ctx context.Context, q app.ListQuery) ([]auditRow, int, error) {
			who := q.Filters["who"]
			if who == "slow" {
				<-release
				if ctx.Err() != nil {
					mu.Lock()
					cancelled = append(cancelled, who)
					mu.Unlock()
				}
			}
			rows := make([]auditRow, 40)
			for i := range rows {
				rows[i] = auditRow{id: fmt.Sprintf("%s-%d", who, i), who: who}
			}
			return rows, len(rows), nil
		},
		ID: func(r auditRow) string { return r.id },
		T:  translator("en"),
	}
	h := startTable(t, cfg)
	h.table.choices[0].SetSelected("Slow") // starts the slow query
	h.table.choices[0].SetSelected("Fast") // overtakes it
	close(release)
	h.settle()
	mu.Lock()
	defer mu.Unlock()
	if !slices.Equal(cancelled, []string{"slow"}) {
		t.Errorf("cancelled queries %v, want the slow one", cancelled)
	}
	for _, r := range h.shownRows() {
		if r[2] != "fast" {
			t.Fatalf("a row of the overtaken query is drawn: %v", r)
		}
	}
	if h.table.status.Text != "40 rows" {
		t.Errorf("count %q", h.table.status.Text)
	}
}

func TestPagedTableShowsLoadErrorsUntilReload(t *testing.T) {
	var mu sync.Mutex
	fail := true
	cfg := PagedTableConfig[auditRow]{
		Columns: auditColumns(),
		Load: func(ctx context.Context, q app.ListQuery) ([]auditRow, int, error) {
			mu.Lock()
			defer mu.Unlock()
			if fail {
				return nil, 0, io.ErrUnexpectedEOF
			}
			return []auditRow{{id: "a", who: "王芳"}, {id: "b", who: "bob"}}, 2, nil
		},
		ID: func(r auditRow) string { return r.id },
		T:  translator("zh-Hans"),
	}
	h := startTable(t, cfg)
	if want := "无法读取列表：" + io.ErrUnexpectedEOF.Error(); h.table.overlay.Text != want || !h.table.overlay.Visible() {
		t.Errorf("overlay %q, want %q", h.table.overlay.Text, want)
	}
	if rows := h.shownRows(); len(rows) != 0 {
		t.Errorf("%d rows drawn after a failed load", len(rows))
	}
	mu.Lock()
	fail = false
	mu.Unlock()
	h.table.Reload()
	h.settle()
	if h.table.overlay.Visible() || h.table.status.Text != "共 2 行" || !slices.Equal(h.shownIDs(), []string{"a", "b"}) {
		t.Errorf("after a reload: overlay %q shown %v, status %q, rows %v", h.table.overlay.Text, h.table.overlay.Visible(), h.table.status.Text, h.shownIDs())
	}
}

func TestPagedTableProgressColumn(t *testing.T) {
	type run struct {
		id, steps string
		done      float64
	}
	runs := []run{{"r1", "1/4", 0.25}, {"r2", "4/4", 1}, {"r3", "0/7", 0}}
	var x *Export
	h := startTable(t, PagedTableConfig[run]{
		Columns: []Column[run]{
			{Label: "Run", Text: func(r run) string { return r.id }},
			{Label: "Steps", Width: 160, Text: func(r run) string { return r.steps },
				Progress: func(r run) float64 { return r.done }, Value: func(r run) any { return r.done }},
		},
		Load:   func(context.Context, app.ListQuery) ([]run, int, error) { return runs, len(runs), nil },
		ID:     func(r run) string { return r.id },
		T:      translator("en"),
		Export: func(e *Export) { x = e },
	})
	cells := h.shownCells()
	if len(cells) != len(runs) {
		t.Fatalf("%d rows drawn", len(cells))
	}
	for i, r := range cells {
		if !r[0].label.Visible() || r[0].bar.Visible() || r[0].text() != runs[i].id {
			t.Errorf("row %d: the text column draws a bar or not its text %q", i, r[0].text())
		}
		bar := r[1].bar
		if !bar.Visible() || r[1].label.Visible() || bar.Value != runs[i].done || bar.TextFormatter() != runs[i].steps {
			t.Errorf("row %d: bar shown %v at %v %q, want %v %q", i, bar.Visible(), bar.Value, bar.TextFormatter(), runs[i].done, runs[i].steps)
		}
	}
	test.Tap(h.table.exportBtn)
	var buf bytes.Buffer
	if _, err := offUI(func() (int, error) { return x.Write(context.Background(), &buf, nil) }); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got, _ := f.GetCellValue("Sheet1", "B2"); got != "0.25" {
		t.Errorf("exported progress %q, want the fraction 0.25", got)
	}
}

// BenchmarkPagedTableSwap measures the UI side of a page arriving: the
// swap into the table and the redraw of a 1280x720 screenful of cells.
func BenchmarkPagedTableSwap(b *testing.B) {
	test.NewTempApp(b)
	pages := [2][]auditRow{}
	for k := range pages {
		pages[k] = make([]auditRow, pageSize)
		for i := range pages[k] {
			pages[k][i] = toAuditRow(app.AuditEntry{
				ID: fmt.Sprintf("%d-%d", k, i), At: time.Date(2026, 3, 1, 8, 0, i, 0, time.UTC), ActorName: fixturePeople[i%7],
				Entity: "person", Changes: []app.Change{{Field: "name", Old: fmt.Sprintf("old %d %d", k, i), New: "新名称"}},
			})
		}
	}
	cfg := PagedTableConfig[auditRow]{
		Columns: auditColumns(),
		Load:    func(context.Context, app.ListQuery) ([]auditRow, int, error) { return pages[0], fixtureRows, nil },
		ID:      func(r auditRow) string { return r.id },
		T:       translator("en"),
		Go:      func(f func()) { f() },
		Do:      func(f func()) { f() },
	}
	table := NewPagedTable(cfg)
	w := test.NewWindow(table)
	w.Resize(fyne.NewSize(1280, 720))
	defer w.Close()
	i := 0
	for b.Loop() {
		i++
		table.loaded(table.gen, 0, pages[i%2], -1, nil)
	}
}
