package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/opsbench/opsbench/app"
)

// listSpec declares what one list lets callers sort and filter by. Its
// fields are the only SQL that reaches the list's statements: a query's
// keys pick among them and its values travel as parameters, so nothing a
// person types is ever part of the SQL text.
//
// For a page to be fast, every sort (with the always-on condition and each
// filter that is commonly combined with it) needs an index whose columns
// are those expressions in order; the tie column then comes free, since
// every index of a rowid table ends with the rowid.
type listSpec struct {
	// name is the list's name in error messages.
	name string
	// from is the FROM clause, with the alias the expressions use.
	from string
	// where is the condition every row meets (e.g. not deleted).
	where string
	// id is the row's id expression, what ListQuery.After names.
	id string
	// tie breaks ties between equal sort values: unique and indexed
	// (the rowid), so that the order is total and keyset pages neither
	// skip nor repeat rows.
	tie string
	// sorts maps a sort key to its expressions, most significant first.
	// They must never be NULL (a NULL defeats the keyset comparison).
	sorts map[string][]string
	// defaultSort and defaultDesc are the order when ListQuery.Sort is "".
	defaultSort string
	defaultDesc bool
	// filters maps a filter key to a condition with one ? for its value.
	filters map[string]string
	// search turns a search text into a condition and its arguments; nil
	// when the list has no search.
	search func(text string) (cond string, args []any)
}

// listSQL is one page's statement and the statement counting all the rows
// of the query, each with its arguments.
type listSQL struct {
	page      string
	pageArgs  []any
	count     string // "" when the caller skipped the total
	countArgs []any
}

// maxSearchRunes bounds a search text: longer text is a paste by mistake,
// and LIKE patterns cost time in their length.
const maxSearchRunes = 200

// build makes the statements for q, selecting columns. A keyset query
// (q.After) reads the sort values of the row it continues after through
// db, so that callers need only ids.
func (sp *listSpec) build(ctx context.Context, db *sql.DB, q app.ListQuery, columns string) (listSQL, error) {
	if q.Offset < 0 || q.Limit < 0 {
		return listSQL{}, fmt.Errorf("%s: offset %d and limit %d must not be negative: %w", sp.name, q.Offset, q.Limit, app.ErrInvalidInput)
	}
	key, desc := q.Sort, q.Desc
	if key == "" {
		key, desc = sp.defaultSort, sp.defaultDesc
	}
	exprs, ok := sp.sorts[key]
	if !ok {
		return listSQL{}, fmt.Errorf("%s cannot be sorted by %q (known: %s): %w", sp.name, key, strings.Join(slices.Sorted(maps.Keys(sp.sorts)), ", "), app.ErrInvalidInput)
	}
	exprs = append(slices.Clip(exprs), sp.tie)

	conds := []string{sp.where}
	var args []any
	for _, k := range slices.Sorted(maps.Keys(q.Filters)) {
		cond, ok := sp.filters[k]
		if !ok {
			return listSQL{}, fmt.Errorf("%s cannot be filtered by %q: %w", sp.name, k, app.ErrInvalidInput)
		}
		if v := q.Filters[k]; v != "" {
			conds = append(conds, cond)
			args = append(args, v)
		}
	}
	if text := strings.TrimSpace(q.Search); text != "" && sp.search != nil {
		if r := []rune(text); len(r) > maxSearchRunes {
			text = string(r[:maxSearchRunes])
		}
		cond, sargs := sp.search(text)
		conds = append(conds, cond)
		args = append(args, sargs...)
	}

	var l listSQL
	if !q.SkipTotal {
		l.count = "SELECT count(*) FROM " + sp.from + " WHERE " + strings.Join(conds, " AND ")
		l.countArgs = args
	}

	pageConds, pageArgs := conds, slices.Clip(args)
	if q.After != "" {
		after, err := sp.sortValues(ctx, db, exprs, q.After)
		if err != nil {
			return listSQL{}, err
		}
		op := ">"
		if desc {
			op = "<"
		}
		pageConds = append(slices.Clip(pageConds), fmt.Sprintf("(%s) %s (%s)",
			strings.Join(exprs, ", "), op, strings.TrimSuffix(strings.Repeat("?, ", len(exprs)), ", ")))
		pageArgs = append(pageArgs, after...)
	}
	dir := " ASC"
	if desc {
		dir = " DESC"
	}
	order := make([]string, len(exprs))
	for i, e := range exprs {
		order[i] = e + dir
	}
	l.page = fmt.Sprintf("SELECT %s FROM %s WHERE %s ORDER BY %s LIMIT ? OFFSET ?",
		columns, sp.from, strings.Join(pageConds, " AND "), strings.Join(order, ", "))
	l.pageArgs = append(pageArgs, q.PageLimit(), q.Offset)
	return l, nil
}

// sortValues reads the sort expressions of the row with the given id.
func (sp *listSpec) sortValues(ctx context.Context, db *sql.DB, exprs []string, id string) ([]any, error) {
	vals := make([]any, len(exprs))
	ptrs := make([]any, len(exprs))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	q := fmt.Sprintf("SELECT %s FROM %s WHERE %s = ?", strings.Join(exprs, ", "), sp.from, sp.id)
	err := db.QueryRowContext(ctx, q, id).Scan(ptrs...)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("%s: the row %s a page should continue after: %w", sp.name, id, app.ErrNotFound)
	}
	return vals, mapErr(err)
}

// runList runs l: read runs the page's statement and scans its rows, then
// the rows are counted unless the caller skipped the total (-1).
func runList[T any](ctx context.Context, db *sql.DB, l listSQL, read func(query string, args ...any) ([]T, error)) ([]T, int, error) {
	rows, err := read(l.page, l.pageArgs...)
	if err != nil {
		return nil, 0, err
	}
	if l.count == "" {
		return rows, -1, nil
	}
	var total int
	if err := db.QueryRowContext(ctx, l.count, l.countArgs...).Scan(&total); err != nil {
		return nil, 0, mapErr(err)
	}
	return rows, total, nil
}

// likeContains makes a LIKE pattern (with ESCAPE '\') that matches text
// anywhere, the wildcards in text taken literally.
func likeContains(text string) string {
	return "%" + strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(text) + "%"
}
