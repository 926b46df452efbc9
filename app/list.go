package app

// ListQuery asks a store for one page of a list: which rows (filters and
// search), in which order, and where the page starts. Every store list
// follows the shape
//
//	ListX(ctx context.Context, q app.ListQuery) (rows []X, total int, err error)
//
// where total counts every row the filters and search let through (not
// only this page), or is -1 when q.SkipTotal is set.
//
// Sort and filter keys are names each list declares (see the AuditSort*
// and AuditFilter* keys); the store maps them to fixed SQL, so nothing a
// person types ever becomes part of a statement. An unknown key is an
// ErrInvalidInput error.
type ListQuery struct {
	// Sort is the sort key; "" is the list's default order (Desc is then
	// ignored). Rows with equal sort values keep one fixed order, so pages
	// never overlap or leave gaps.
	Sort string
	// Desc reverses the order.
	Desc bool
	// Search keeps the rows whose searchable text contains it (case is
	// ignored for Latin letters); "" keeps all.
	Search string
	// Filters maps a filter key to the value the rows must have; a
	// missing key or an empty value does not filter.
	Filters map[string]string
	// After is the id of the last row of the previous page: the page
	// continues right after that row in this order (keyset paging, which
	// costs the same however deep the page). The store reads the row's
	// sort values itself, so callers only need ids. "" starts at Offset.
	After string
	// Offset skips that many rows (after After, when both are set). Deep
	// offsets cost a scan of the rows skipped: use After to page on.
	Offset int
	// Limit is the page size: 0 means DefaultListLimit; at most
	// MaxListLimit.
	Limit int
	// SkipTotal saves counting when the caller knows the total already
	// (a later page of the same query); total is then -1.
	SkipTotal bool
}

// Page sizes of store lists.
const (
	DefaultListLimit = 100
	MaxListLimit     = 1000
)

// PageLimit is the page size q asks for, with the default applied and
// capped at MaxListLimit.
func (q ListQuery) PageLimit() int {
	switch {
	case q.Limit <= 0:
		return DefaultListLimit
	case q.Limit > MaxListLimit:
		return MaxListLimit
	}
	return q.Limit
}

// Sort and filter keys of the audit log list (data.Store.ListAudit).
const (
	// AuditSortTime orders by when the change was made. The default
	// order is this one, newest first.
	AuditSortTime = "time"
	// AuditSortPerson orders by who made the change, then by time.
	AuditSortPerson = "person"
	// AuditSortEntity orders by the kind of record changed, then by time.
	AuditSortEntity = "entity"

	// AuditFilterPerson keeps the changes of one person (their id).
	AuditFilterPerson = "person"
	// AuditFilterEntity keeps the changes of one kind of record (its
	// table name, AuditEntry.Entity).
	AuditFilterEntity = "entity"
)
