// PagedTable shows a list too long to hold in memory (100,000 audit
// entries, 50,000 cases): its rows come a page at a time from a store
// query run off the UI thread, as the user scrolls. Columns and filters
// are declared as data; a header tap sorts (in the store's SQL); the
// filter row has a debounced search and choice filters; the selection is
// a row id, so it survives reloads and re-sorts; the whole filtered,
// sorted result exports to XLSX.
//
// A screen declares a view row with its texts already formatted (in Load,
// off the UI thread) and the columns that show it:
//
//	type auditRow struct{ id, when, who, change string; late bool }
//
//	table := widgets.NewPagedTable(widgets.PagedTableConfig[auditRow]{
//		Columns: []widgets.Column[auditRow]{
//			{Label: tr.T("audit.when"), Width: 140, Sort: app.AuditSortTime,
//				Text: func(r auditRow) string { return r.when }},
//			{Label: tr.T("audit.who"), Width: 100, Sort: app.AuditSortPerson,
//				Text: func(r auditRow) string { return r.who },
//				Importance: func(r auditRow) widget.Importance {
//					if r.late {
//						return widget.DangerImportance
//					}
//					return widget.MediumImportance
//				}},
//			{Label: tr.T("audit.change"), Width: 420,
//				Text: func(r auditRow) string { return r.change }},
//		},
//		Filters: []widgets.Filter{{Key: app.AuditFilterPerson, Label: tr.T("audit.who"), Options: people}},
//		Search:  true,
//		Sort:    app.AuditSortTime, Desc: true,
//		Load: func(ctx context.Context, q app.ListQuery) ([]auditRow, int, error) {
//			entries, total, err := store.ListAudit(ctx, q)
//			rows := make([]auditRow, len(entries))
//			for i, e := range entries {
//				rows[i] = toAuditRow(tr, e)
//			}
//			return rows, total, err
//		},
//		ID:         func(r auditRow) string { return r.id },
//		T:          tr.T,
//		OnSelected: showDetail,
//		Title:      tr.T("audit.title"),
//		Export: func(x *widgets.Export) {
//			// ask for the file (save dialog), then off the UI thread,
//			// under a cancellable progress dialog (ExampleNewPagedTable):
//			//   n, err := x.Write(ctx, file, progress)
//		},
//		Go: env.Go, Do: fyne.Do,
//	})
//	// after a sync or an edit changed the data:
//	table.Reload()
package widgets

import (
	"context"
	"fmt"
	"image/color"
	"io"
	"maps"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"

	"github.com/opsbench/opsbench/app"
)

// Keys of the texts a PagedTable shows itself, passed to its T.
const (
	// TextRows is the row count, with "Count" (an int, for plural rules)
	// and "Rows" (the count formatted, "12,345").
	TextRows = "table.rows"
	// TextLoading shows while the first page of a query loads.
	TextLoading = "table.loading"
	// TextEmpty shows over a table the query left without rows.
	TextEmpty = "table.empty"
	// TextLoadFailed shows when a page could not be read, with "Error".
	TextLoadFailed = "table.load_failed"
	// TextSearch is the search entry's placeholder.
	TextSearch = "table.search"
	// TextAll is the choice of a filter that keeps every row.
	TextAll = "table.all"
	// TextExport is the export button.
	TextExport = "table.export"
)

// Column is one column of a PagedTable.
type Column[R any] struct {
	// Label is the header, already translated; also the XLSX header.
	Label string
	// Width is the column's width in Fyne units (0: 120).
	Width float32
	// Align places the cell and header text.
	Align fyne.TextAlign
	// Sort is the store's sort key (app.ListQuery.Sort) a tap on the
	// header picks; "" makes the column not sortable.
	Sort string
	// Text is the cell's text. It runs for every cell drawn: format in
	// Load and only pick a field here.
	Text func(R) string
	// Importance, when set, colours the cell's text (e.g.
	// widget.DangerImportance for an overdue date).
	Importance func(R) widget.Importance
	// Value, when set, is the cell's XLSX value instead of Text, so a
	// number stays a number in the spreadsheet.
	Value func(R) any
	// Progress, when set, draws the cell as a bar filled to this fraction
	// (0 to 1) with Text on it, e.g. a SOP run's steps done.
	Progress func(R) float64
}

// Filter is a choice filter in the filter row.
type Filter struct {
	// Key is the store's filter key (app.ListQuery.Filters).
	Key string
	// Label names the filter, already translated.
	Label string
	// Options are the values to choose from (SetFilterOptions replaces
	// them); TextAll, first, keeps every row.
	Options []Option
}

// Option is one choice of a Filter.
type Option struct {
	Value string // what the store gets
	Label string // what the user sees, already translated
}

// PagedTableConfig declares a PagedTable. Columns, Load, ID and T are
// required.
type PagedTableConfig[R any] struct {
	Columns []Column[R]
	Filters []Filter
	// Search shows the search entry (app.ListQuery.Search).
	Search bool
	// Sort and Desc are the first order; Sort should be a column's sort
	// key, so that its header shows the arrow.
	Sort string
	Desc bool
	// Load reads one page. It runs off the UI thread; ctx is cancelled
	// when a newer query replaces this one. It returns at most q.Limit
	// rows and the total as the store does (-1 when q.SkipTotal).
	Load func(ctx context.Context, q app.ListQuery) (rows []R, total int, err error)
	// ID is a row's id: the selection, and the keyset cursor of the next
	// page (app.ListQuery.After).
	ID func(R) string
	// T translates the table's own texts (the Text* keys).
	T func(key string, args ...any) string
	// OnSelected, when set, is called on the UI thread with the id of the
	// row the user selected.
	OnSelected func(id string)
	// Export, when set, shows the export button; a tap calls it with the
	// export of the result as shown. The owner asks where to save (its
	// save dialog) and runs Export.Write off the UI thread.
	Export func(x *Export)
	// Title names the exported sheet and the suggested file.
	Title string
	// Go runs background work without blocking (default: a goroutine);
	// Do runs the UI changes it makes on the UI thread (default:
	// fyne.Do). Owners pass their environment's, so that closing the
	// window waits for a query and tests can settle.
	Go func(func())
	Do func(func())
}

// Paging: pages of pageSize rows, at most keptPages of them held (the
// ones drawn most recently), enough for a tall window and a fast scroll.
const (
	pageSize    = 100
	keptPages   = 10
	searchDelay = 300 * time.Millisecond
	// defaultWidth is a column's width when it declares none.
	defaultWidth = 120
)

// PagedTable is a sortable, filterable table over a store query, loaded a
// page at a time. Create it with NewPagedTable; use it on the UI thread.
type PagedTable[R any] struct {
	widget.BaseWidget

	cfg   PagedTableConfig[R]
	delay time.Duration // the search's debounce

	// The query shown: its order and filters. Filters is replaced, never
	// changed in place, since background loads hold copies.
	query app.ListQuery
	// gen counts queries; a result of an older one is dropped. ctx is
	// the current query's, cancelled when a newer one starts.
	gen    int
	ctx    context.Context
	cancel context.CancelFunc

	// pages holds the current query's pages by index; stale holds the
	// previous query's, shown until their replacements arrive so a reload
	// does not flash empty rows.
	pages, stale map[int][]R
	// used is when each page was last drawn (a tick), for eviction;
	// wanted is the pages drawn but not loaded, by when.
	used, wanted map[int]uint64
	tick         uint64
	busy         bool // a page load of the current query is running
	total        int  // rows, as last counted
	counted      bool // total belongs to the current query
	failed       error

	selected   string
	stopSearch context.CancelFunc
	table      *widget.Table
	status     *widget.Label
	overlay    *widget.Label
	search     *widget.Entry
	choices    []*widget.Select
	filterOpts [][]Option // each filter's options as in its Select
	exportBtn  *widget.Button
}

// NewPagedTable makes the table and starts loading its first page.
func NewPagedTable[R any](cfg PagedTableConfig[R]) *PagedTable[R] {
	if cfg.Go == nil {
		cfg.Go = func(f func()) { go f() }
	}
	if cfg.Do == nil {
		cfg.Do = fyne.Do
	}
	t := &PagedTable[R]{
		cfg:    cfg,
		delay:  searchDelay,
		query:  app.ListQuery{Sort: cfg.Sort, Desc: cfg.Desc},
		pages:  map[int][]R{},
		stale:  map[int][]R{},
		used:   map[int]uint64{},
		wanted: map[int]uint64{},
	}
	t.ExtendBaseWidget(t)
	t.build()
	t.restart(true)
	return t
}

// Reload reads the shown rows again, keeping the scroll position and the
// selection: call it after the data changed (an edit, a sync). (It is not
// Refresh, which Fyne calls to redraw, e.g. on a theme change.)
func (t *PagedTable[R]) Reload() { t.restart(false) }

// Selected is the id of the selected row, "" when none.
func (t *PagedTable[R]) Selected() string { return t.selected }

// Select marks the row with this id as selected ("" for none), without
// calling OnSelected. The row shows as selected wherever it appears.
func (t *PagedTable[R]) Select(id string) {
	t.selected = id
	t.table.Refresh()
}

// SetFilterOptions replaces the choices of the filter with this key (e.g.
// once the team list has loaded). A chosen value that is no longer among
// them goes back to TextAll.
func (t *PagedTable[R]) SetFilterOptions(key string, opts []Option) {
	for i, f := range t.cfg.Filters {
		if f.Key != key {
			continue
		}
		sel := t.choices[i]
		keep := t.query.Filters[key]
		if !slices.ContainsFunc(opts, func(o Option) bool { return o.Value == keep }) {
			keep = ""
		}
		t.filterOpts[i] = opts
		sel.Options = t.optionLabels(opts)
		sel.Selected = t.optionLabel(opts, keep)
		sel.Refresh()
		if keep != t.query.Filters[key] {
			t.setFilter(key, keep)
		}
	}
}

// CreateRenderer implements fyne.Widget.
func (t *PagedTable[R]) CreateRenderer() fyne.WidgetRenderer {
	var right []fyne.CanvasObject
	for i, f := range t.cfg.Filters {
		right = append(right, widget.NewLabel(f.Label), t.choices[i])
	}
	right = append(right, t.status)
	if t.exportBtn != nil {
		right = append(right, t.exportBtn)
	}
	var center fyne.CanvasObject
	if t.search != nil {
		center = t.search
	}
	bar := container.NewBorder(nil, nil, nil, container.NewHBox(right...), center)
	body := container.NewStack(t.table, container.NewCenter(t.overlay))
	return widget.NewSimpleRenderer(container.NewBorder(bar, nil, nil, nil, body))
}

func (t *PagedTable[R]) build() {
	t.table = widget.NewTable(t.length, t.createCell, t.updateCell)
	t.table.ShowHeaderRow = true
	t.table.CreateHeader = func() fyne.CanvasObject {
		b := widget.NewButton("", nil)
		b.Importance = widget.LowImportance
		b.IconPlacement = widget.ButtonIconTrailingText
		return b
	}
	t.table.UpdateHeader = t.updateHeader
	t.table.OnSelected = t.tapped
	for i, c := range t.cfg.Columns {
		w := c.Width
		if w <= 0 {
			w = defaultWidth
		}
		t.table.SetColumnWidth(i, w)
	}
	t.status = widget.NewLabel("")
	t.overlay = widget.NewLabel("")
	t.overlay.Hide()
	if t.cfg.Search {
		t.search = widget.NewEntry()
		t.search.SetPlaceHolder(t.cfg.T(TextSearch))
		t.search.OnChanged = t.searchChanged
	}
	for i, f := range t.cfg.Filters {
		t.filterOpts = append(t.filterOpts, f.Options)
		sel := widget.NewSelect(t.optionLabels(f.Options), nil)
		sel.Selected = t.cfg.T(TextAll)
		sel.OnChanged = func(label string) {
			opts := t.filterOpts[i]
			value := ""
			if j := slices.IndexFunc(opts, func(o Option) bool { return o.Label == label }); j >= 0 {
				value = opts[j].Value
			}
			t.setFilter(f.Key, value)
		}
		t.choices = append(t.choices, sel)
	}
	if t.cfg.Export != nil {
		t.exportBtn = widget.NewButtonWithIcon(t.cfg.T(TextExport), theme.DocumentSaveIcon(), func() {
			t.cfg.Export(t.export())
		})
	}
}

func (t *PagedTable[R]) optionLabels(opts []Option) []string {
	labels := []string{t.cfg.T(TextAll)}
	for _, o := range opts {
		labels = append(labels, o.Label)
	}
	return labels
}

func (t *PagedTable[R]) optionLabel(opts []Option, value string) string {
	if j := slices.IndexFunc(opts, func(o Option) bool { return o.Value == value }); value != "" && j >= 0 {
		return opts[j].Label
	}
	return t.cfg.T(TextAll)
}

// restart begins a new query with the current order and filters: from
// the first row, or (a reload) where the user is. The rows on screen stay
// until their replacements arrive, so a reload does not flash.
func (t *PagedTable[R]) restart(top bool) {
	if t.cancel != nil {
		t.cancel()
	}
	t.ctx, t.cancel = context.WithCancel(context.Background())
	t.gen++
	t.busy, t.counted, t.failed = false, false, nil
	maps.Copy(t.stale, t.pages)
	t.pages = map[int][]R{}
	t.wanted = map[int]uint64{}
	if top {
		// The count of another query would mislead; a reload keeps it,
		// since a "loading" flash on every sync would be noise.
		t.status.SetText(t.cfg.T(TextLoading))
		t.table.ScrollToTop()
	}
	if top || t.total == 0 {
		t.need(0) // no row on screen asks for it
	}
	// Redrawing asks for the pages on screen.
	t.table.Refresh()
}

func (t *PagedTable[R]) sortBy(col int) {
	c := t.cfg.Columns[col]
	if c.Sort == "" {
		return
	}
	if t.query.Sort == c.Sort {
		t.query.Desc = !t.query.Desc
	} else {
		t.query.Sort, t.query.Desc = c.Sort, false
	}
	t.restart(true)
}

func (t *PagedTable[R]) setFilter(key, value string) {
	if t.query.Filters[key] == value {
		return
	}
	f := maps.Clone(t.query.Filters)
	if f == nil {
		f = map[string]string{}
	}
	if value == "" {
		delete(f, key)
	} else {
		f[key] = value
	}
	t.query.Filters = f
	t.restart(true)
}

// searchChanged waits for a pause in typing before it queries, so that
// typing a word runs one query, not one per letter.
func (t *PagedTable[R]) searchChanged(text string) {
	if t.stopSearch != nil {
		t.stopSearch()
	}
	ctx, stop := context.WithCancel(context.Background())
	t.stopSearch = stop
	t.cfg.Go(func() {
		timer := time.NewTimer(t.delay)
		defer timer.Stop()
		select {
		case <-timer.C:
		case <-ctx.Done():
			return
		}
		t.cfg.Do(func() {
			if ctx.Err() != nil { // typing went on meanwhile
				return
			}
			if text = strings.TrimSpace(text); text != t.query.Search {
				t.query.Search = text
				t.restart(true)
			}
		})
	})
}

// need notes that page p is on screen and loads it unless it is loaded.
// Called while cells are drawn, it only starts background work.
func (t *PagedTable[R]) need(p int) {
	t.tick++
	t.used[p] = t.tick
	if _, ok := t.pages[p]; ok {
		return
	}
	t.wanted[p] = t.tick
	t.fetch()
}

// fetch loads the page wanted most recently, one page at a time: a fast
// scroll past many pages then loads only where it stopped.
func (t *PagedTable[R]) fetch() {
	if t.busy || len(t.wanted) == 0 {
		return
	}
	p := -1
	for q, at := range t.wanted {
		if p < 0 || at > t.wanted[p] {
			p = q
		}
	}
	delete(t.wanted, p)
	q := t.query
	q.Limit, q.SkipTotal = pageSize, t.counted
	if prev := t.pages[p-1]; len(prev) == pageSize {
		q.After = t.cfg.ID(prev[pageSize-1]) // keyset: as fast deep down as at the top
	} else {
		q.Offset = p * pageSize
	}
	gen, ctx := t.gen, t.ctx
	t.busy = true
	t.cfg.Go(func() {
		rows, total, err := t.cfg.Load(ctx, q)
		t.cfg.Do(func() { t.loaded(gen, p, rows, total, err) })
	})
}

// loaded swaps in a page that arrived.
func (t *PagedTable[R]) loaded(gen, p int, rows []R, total int, err error) {
	if gen != t.gen {
		return // a newer query is running (this one was cancelled)
	}
	t.busy = false
	if err != nil {
		t.failed = err
		clear(t.stale)
		t.status.SetText("")
		t.showOverlay(t.cfg.T(TextLoadFailed, "Error", err.Error()))
		t.table.Refresh()
		return
	}
	if total >= 0 {
		t.total, t.counted = total, true
		t.status.SetText(t.cfg.T(TextRows, "Count", total, "Rows", app.FormatNumber(float64(total), 0)))
		over := ""
		if total == 0 {
			over = t.cfg.T(TextEmpty)
		}
		t.showOverlay(over)
	}
	t.pages[p] = rows[:min(len(rows), pageSize)]
	delete(t.stale, p)
	t.evict()
	// Drawing registers again the pages still on screen; those scrolled
	// past meanwhile are not loaded.
	t.wanted = map[int]uint64{}
	t.table.Refresh()
	t.fetch()
}

// evict drops the pages drawn least recently beyond keptPages.
func (t *PagedTable[R]) evict() {
	for len(t.pages)+len(t.stale) > keptPages {
		oldest, found := 0, false
		for _, m := range []map[int][]R{t.stale, t.pages} {
			for p := range m {
				if !found || t.used[p] < t.used[oldest] {
					oldest, found = p, true
				}
			}
		}
		delete(t.stale, oldest)
		delete(t.pages, oldest)
		delete(t.used, oldest)
	}
}

// showOverlay shows text over the table ("" hides it): no rows, or why
// they could not be read.
func (t *PagedTable[R]) showOverlay(text string) {
	t.overlay.Text = text
	t.overlay.Hidden = text == ""
	t.overlay.Refresh()
}

func (t *PagedTable[R]) length() (int, int) {
	if t.failed != nil {
		return 0, len(t.cfg.Columns)
	}
	return t.total, len(t.cfg.Columns)
}

// row returns the row at index r, from the current query's pages or,
// until they arrive, the previous query's; current says which.
func (t *PagedTable[R]) row(r int) (row R, ok, current bool) {
	p, i := r/pageSize, r%pageSize
	rows, current := t.pages[p]
	if !current {
		rows = t.stale[p]
	}
	if i >= len(rows) {
		return row, false, current
	}
	return rows[i], true, current
}

// Cell parts: the selection background, the text, and the bar of a
// Progress column (Fyne's table shares cells between columns).
func (t *PagedTable[R]) createCell() fyne.CanvasObject {
	// Clipped, not ellipsized: an ellipsis shapes text again for every
	// cell drawn, which made a page swap 40 times slower.
	l := widget.NewLabel("")
	l.Truncation = fyne.TextTruncateClip
	bar := widget.NewProgressBar()
	bar.Hide()
	return container.NewStack(canvas.NewRectangle(color.Transparent), l, bar)
}

func (t *PagedTable[R]) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	row, ok, current := t.row(id.Row)
	if !current {
		t.need(id.Row / pageSize)
	} else {
		t.tick++
		t.used[id.Row/pageSize] = t.tick
	}
	stack := o.(*fyne.Container)
	bg := stack.Objects[0].(*canvas.Rectangle)
	l := stack.Objects[1].(*widget.Label)
	bar := stack.Objects[2].(*widget.ProgressBar)
	c := t.cfg.Columns[id.Col]
	text, imp, fill := "", widget.MediumImportance, color.Color(color.Transparent)
	if ok {
		text = c.Text(row)
		if c.Importance != nil {
			imp = c.Importance(row)
		}
		if t.selected != "" && t.cfg.ID(row) == t.selected {
			fill = theme.Color(theme.ColorNameSelection)
		}
	}
	if bg.FillColor != fill {
		bg.FillColor = fill
		bg.Refresh()
	}
	if c.Progress != nil && ok {
		l.Hide()
		bar.Show()
		if v := c.Progress(row); bar.Value != v || bar.TextFormatter == nil || bar.TextFormatter() != text {
			bar.Value = v
			bar.TextFormatter = func() string { return text }
			bar.Refresh()
		}
		return
	}
	bar.Hide()
	l.Show()
	if l.Text != text || l.Importance != imp || l.Alignment != c.Align {
		l.Text, l.Importance, l.Alignment = text, imp, c.Align
		l.Refresh()
	}
}

func (t *PagedTable[R]) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	b := o.(*widget.Button)
	if id.Col < 0 || id.Col >= len(t.cfg.Columns) {
		return
	}
	c := t.cfg.Columns[id.Col]
	var icon fyne.Resource
	if c.Sort != "" && c.Sort == t.query.Sort {
		icon = theme.MenuDropUpIcon()
		if t.query.Desc {
			icon = theme.MenuDropDownIcon()
		}
	}
	align := widget.ButtonAlignLeading
	switch c.Align {
	case fyne.TextAlignCenter:
		align = widget.ButtonAlignCenter
	case fyne.TextAlignTrailing:
		align = widget.ButtonAlignTrailing
	}
	col := id.Col
	b.OnTapped = func() { t.sortBy(col) }
	if b.Text != c.Label || b.Icon != icon || b.Alignment != align {
		b.Text, b.Icon, b.Alignment = c.Label, icon, align
		b.Refresh()
	}
}

// tapped selects the row of the tapped cell. Fyne's own cell selection is
// undone: the selection is a row id, drawn by updateCell, so that it
// follows the row through reloads and re-sorts.
func (t *PagedTable[R]) tapped(id widget.TableCellID) {
	t.table.UnselectAll()
	row, ok, _ := t.row(id.Row)
	if !ok {
		return // still loading
	}
	sel := t.cfg.ID(row)
	if sel == t.selected {
		return
	}
	t.selected = sel
	t.table.Refresh()
	if t.cfg.OnSelected != nil {
		t.cfg.OnSelected(sel)
	}
}

// Export is the export of a table's whole result, in the order and with
// the filters shown when it was made.
type Export struct {
	// Name is the file name to suggest, e.g. "Audit log.xlsx".
	Name  string
	write func(ctx context.Context, w io.Writer, progress func(done, total int)) (int, error)
}

// Write streams the result to w as an XLSX workbook (one sheet, the
// translated headers frozen on top), reading the store a page at a time.
// It queries: call it off the UI thread. progress, when not nil, gets the
// rows written so far and the total (-1 until known). Cancelling ctx
// stops it with ctx's error and w holds no complete workbook.
func (x *Export) Write(ctx context.Context, w io.Writer, progress func(done, total int)) (int, error) {
	return x.write(ctx, w, progress)
}

// maxSheetRows is Excel's limit of rows in a sheet, the header included.
const maxSheetRows = 1_048_576

func (t *PagedTable[R]) export() *Export {
	q := t.query
	q.After, q.Offset, q.Limit, q.SkipTotal = "", 0, app.MaxListLimit, false
	cols := slices.Clone(t.cfg.Columns)
	load, id := t.cfg.Load, t.cfg.ID
	sheet := sheetTitle(t.cfg.Title)
	return &Export{
		Name: strings.NewReplacer("/", "_", `\`, "_", ":", "_").Replace(sheet) + ".xlsx",
		write: func(ctx context.Context, w io.Writer, progress func(done, total int)) (int, error) {
			f := excelize.NewFile()
			defer f.Close()
			sw, err := startSheet(f, sheet, cols)
			if err != nil {
				return 0, err
			}
			n, total := 0, -1
			for {
				rows, count, err := load(ctx, q)
				if err != nil {
					return n, err
				}
				if count >= 0 {
					total, q.SkipTotal = count, true
				}
				if n+len(rows)+1 > maxSheetRows {
					return n, fmt.Errorf("%d rows do not fit in one Excel sheet (at most %d): filter the list first", n+len(rows), maxSheetRows-1)
				}
				for _, r := range rows {
					cells := make([]any, len(cols))
					for i, c := range cols {
						if c.Value != nil {
							cells[i] = c.Value(r)
						} else {
							cells[i] = c.Text(r)
						}
					}
					n++
					if err := sw.SetRow(fmt.Sprintf("A%d", n+1), cells); err != nil {
						return n, err
					}
				}
				if progress != nil {
					progress(n, total)
				}
				if len(rows) < q.PageLimit() {
					break
				}
				q.After = id(rows[len(rows)-1])
			}
			if err := sw.Flush(); err != nil {
				return n, err
			}
			if err := ctx.Err(); err != nil {
				return n, err
			}
			return n, f.Write(w)
		},
	}
}

// startSheet names the workbook's sheet and writes its header row.
func startSheet[R any](f *excelize.File, sheet string, cols []Column[R]) (*excelize.StreamWriter, error) {
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return nil, err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return nil, err
	}
	header := make([]any, len(cols))
	for i, c := range cols {
		w := c.Width
		if w <= 0 {
			w = defaultWidth
		}
		// An Excel width unit is about 7 pixels of text.
		if err := sw.SetColWidth(i+1, i+1, float64(w)/7); err != nil {
			return nil, err
		}
		header[i] = excelize.Cell{Value: c.Label, StyleID: bold}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return nil, err
	}
	return sw, sw.SetRow("A1", header)
}

// sheetTitle makes a valid sheet name of the table's title: no []:*?/\,
// at most 31 characters.
func sheetTitle(title string) string {
	name := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return '_'
		}
		return r
	}, strings.TrimSpace(title))
	if r := []rune(name); len(r) > 31 {
		name = string(r[:31])
	}
	if name == "" {
		name = "Sheet1"
	}
	return name
}
