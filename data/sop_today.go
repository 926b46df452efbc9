package data

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/opsbench/opsbench/app"
)

// Today lists what is due today or overdue for one person (everyone when
// personID is ""): the open steps of runs not cancelled, the checklist
// entries still to do, and the review actions whose follow-up has come.
// Overdue items come first (the oldest first), then today's; steps, then
// checklist entries, then reviews. It reads the partial indexes of open
// work only, so its cost follows what is open, not the history.
func (s *Store) Today(ctx context.Context, personID string, today app.Date) ([]app.TodayItem, error) {
	day := today.String()
	// Each query gets the day and, for one person, their id.
	args := func(q, byPerson string) (string, []any) {
		if personID == "" {
			return q, []any{day}
		}
		return q + ` AND ` + byPerson + ` = ?`, []any{day, personID}
	}
	dated := func(it app.TodayItem, kind app.TodayKind, due string) app.TodayItem {
		it.Kind = kind
		it.Due, _ = app.ParseDate(due)
		it.OverdueDays = app.OverdueDays(it.Due, today)
		return it
	}

	type stepItem struct {
		app.TodayItem
		version, step string
	}
	q, a := args(`SELECT s.id, s.title, s.owner_id, coalesce(o.name, ''), s.due, s.status, r.id, r.title, s.stage_title, r.sku,
			r.version_id, s.step_key
		FROM sop_step s
		JOIN sop_run r ON r.id = s.run_id
		LEFT JOIN person o ON o.id = s.owner_id AND o.deleted = 0
		WHERE s.deleted = 0 AND s.status IN ('todo', 'doing', 'blocked') AND s.due <= ?
			AND r.deleted = 0 AND r.cancelled = 0`, "s.owner_id")
	steps, err := queryAll(ctx, s.read, func(sc rowScanner) (stepItem, error) {
		var it stepItem
		var due string
		err := sc.Scan(&it.ID, &it.Title, &it.OwnerID, &it.OwnerName, &due, &it.Status, &it.RunID, &it.RunTitle,
			&it.Stage, &it.SKU, &it.version, &it.step)
		it.TodayItem = dated(it.TodayItem, app.TodayStep, due)
		return it, mapErr(err)
	}, q, a...)
	if err != nil {
		return nil, err
	}
	// Which steps have a record form: each version read once.
	out := make([]app.TodayItem, 0, len(steps))
	bodies := map[string]app.TemplateBody{}
	for _, st := range steps {
		b, ok := bodies[st.version]
		if !ok {
			if v, err := s.TemplateVersion(ctx, st.version); err == nil {
				b = v.Body
			}
			bodies[st.version] = b
		}
		if def, ok := b.Step(st.step); ok {
			st.HasForm = len(def.Step.Fields) > 0
		}
		out = append(out, st.TodayItem)
	}

	const owner = `(CASE WHEN e.owner_id <> '' THEN e.owner_id ELSE i.owner_id END)`
	q, a = args(`SELECT e.id, i.title, `+owner+`, coalesce(o.name, ''), e.day, e.status, i.fields <> '[]'
		FROM checklist_entry e
		JOIN checklist_item i ON i.id = e.item_id
		LEFT JOIN person o ON o.id = `+owner+` AND o.deleted = 0
		WHERE e.deleted = 0 AND e.status = 'todo' AND e.day <= ? AND i.deleted = 0 AND i.archived = 0`, owner)
	entries, err := queryAll(ctx, s.read, func(sc rowScanner) (app.TodayItem, error) {
		var it app.TodayItem
		var due string
		err := sc.Scan(&it.ID, &it.Title, &it.OwnerID, &it.OwnerName, &due, &it.Status, &it.HasForm)
		return dated(it, app.TodayChecklist, due), mapErr(err)
	}, q, a...)
	if err != nil {
		return nil, err
	}
	out = append(out, entries...)

	q, a = args(`SELECT r.id, r.action, r.owner_id, coalesce(p.name, ''), r.follow_up, r.sku, r.metric
		FROM review r LEFT JOIN person p ON p.id = r.owner_id AND p.deleted = 0
		WHERE r.deleted = 0 AND r.closed = 0 AND r.follow_up <= ?`, "r.owner_id")
	reviews, err := queryAll(ctx, s.read, func(sc rowScanner) (app.TodayItem, error) {
		it := app.TodayItem{Status: "open"}
		var due string
		err := sc.Scan(&it.ID, &it.Title, &it.OwnerID, &it.OwnerName, &due, &it.SKU, &it.Stage)
		return dated(it, app.TodayReview, due), mapErr(err)
	}, q, a...)
	if err != nil {
		return nil, err
	}
	out = append(out, reviews...)

	kindOrder := map[app.TodayKind]int{app.TodayStep: 0, app.TodayChecklist: 1, app.TodayReview: 2}
	slices.SortStableFunc(out, func(a, b app.TodayItem) int {
		switch {
		case a.Due != b.Due:
			return int(a.Due - b.Due)
		case a.Kind != b.Kind:
			return kindOrder[a.Kind] - kindOrder[b.Kind]
		case a.OwnerName != b.OwnerName:
			return strings.Compare(a.OwnerName, b.OwnerName)
		case a.RunTitle != b.RunTitle:
			return strings.Compare(a.RunTitle, b.RunTitle)
		}
		return strings.Compare(a.Title, b.Title)
	})
	return out, nil
}

// OpenReviews lists the open review actions of a person (everyone when
// personID is ""), the earliest follow-up first.
func (s *Store) OpenReviews(ctx context.Context, personID string) ([]app.Review, error) {
	q := `SELECT ` + reviewColumns + ` FROM ` + reviewFrom + ` WHERE r.deleted = 0 AND r.closed = 0`
	var args []any
	if personID != "" {
		q += ` AND r.owner_id = ?`
		args = append(args, personID)
	}
	return queryAll(ctx, s.read, scanReview, q+` ORDER BY r.follow_up, r.id`, args...)
}

// BoardPerson is one person's line of the team board.
type BoardPerson struct {
	PersonID, Name string
	// Open counts open steps and checklist entries to do up to today;
	// DueThisWeek those due from today to Sunday; Overdue those past due.
	Open, DueThisWeek, Overdue int
	Blocked                    int
}

// BoardStage is one stage's line of the team board: where work piles up.
type BoardStage struct {
	Stage                  string
	Open, Overdue, Blocked int
	Runs                   int // runs with an open step in the stage
}

// TeamBoard counts the open work per person (active people with any, by
// most overdue) and per stage of the active runs (by most open steps).
func (s *Store) TeamBoard(ctx context.Context, today app.Date) ([]BoardPerson, []BoardStage, error) {
	day := today.String()
	sunday := today.AddDays((7 - int(today.Weekday())) % 7).String()
	rows, err := s.read.QueryContext(ctx, `WITH work(owner, due, blocked) AS (
			SELECT s.owner_id, s.due, s.status = 'blocked' FROM sop_step s JOIN sop_run r ON r.id = s.run_id
			WHERE s.deleted = 0 AND s.status IN ('todo', 'doing', 'blocked') AND r.deleted = 0 AND r.cancelled = 0
			UNION ALL
			SELECT CASE WHEN e.owner_id <> '' THEN e.owner_id ELSE i.owner_id END, e.day, 0
			FROM checklist_entry e JOIN checklist_item i ON i.id = e.item_id
			WHERE e.deleted = 0 AND e.status = 'todo' AND e.day <= ?1 AND i.deleted = 0 AND i.archived = 0)
		SELECT w.owner, coalesce(p.name, ''), count(*), sum(w.due >= ?1 AND w.due <= ?2), sum(w.due < ?1), sum(w.blocked)
		FROM work w LEFT JOIN person p ON p.id = w.owner AND p.deleted = 0
		GROUP BY w.owner ORDER BY sum(w.due < ?1) DESC, count(*) DESC, p.name`, day, sunday)
	if err != nil {
		return nil, nil, mapErr(err)
	}
	var people []BoardPerson
	for rows.Next() {
		var b BoardPerson
		if err := rows.Scan(&b.PersonID, &b.Name, &b.Open, &b.DueThisWeek, &b.Overdue, &b.Blocked); err != nil {
			rows.Close()
			return nil, nil, mapErr(err)
		}
		people = append(people, b)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, mapErr(err)
	}
	rows, err = s.read.QueryContext(ctx, `SELECT s.stage_title, count(*), sum(s.due < ?), sum(s.status = 'blocked'), count(DISTINCT s.run_id)
		FROM sop_step s JOIN sop_run r ON r.id = s.run_id
		WHERE s.deleted = 0 AND s.status IN ('todo', 'doing', 'blocked') AND r.deleted = 0 AND r.cancelled = 0
		GROUP BY s.stage_title ORDER BY count(*) DESC, s.stage_title`, day)
	if err != nil {
		return nil, nil, mapErr(err)
	}
	defer rows.Close()
	var stages []BoardStage
	for rows.Next() {
		var b BoardStage
		if err := rows.Scan(&b.Stage, &b.Open, &b.Overdue, &b.Blocked, &b.Runs); err != nil {
			return nil, nil, mapErr(err)
		}
		stages = append(stages, b)
	}
	return people, stages, mapErr(rows.Err())
}

// TodayReader reads the morning list of a database that the app holds
// open (Open refuses it with app.ErrLocked): through a read-only
// connection, without the single-instance lock, generating nothing.
type TodayReader struct {
	s *Store
}

// OpenTodayReader opens path for TodayReader. A file that is not an
// OpsBench database, or not of this build's data format, is refused.
func OpenTodayReader(ctx context.Context, path string) (*TodayReader, error) {
	info, err := Inspect(ctx, path)
	if err != nil {
		return nil, err
	}
	if !info.Exists {
		return nil, fmt.Errorf("%s: no such database", path)
	}
	if err := checkOurs(path, info); err != nil {
		return nil, err
	}
	if info.UserVersion != SchemaVersion() {
		return nil, fmt.Errorf("%s uses data format %d: open it once with this OpsBench first", path, info.UserVersion)
	}
	db, err := openReadOnly(path)
	if err != nil {
		return nil, err
	}
	return &TodayReader{s: &Store{path: path, read: db}}, nil
}

// People lists the team (Store.People).
func (r *TodayReader) People(ctx context.Context) ([]app.Person, error) { return r.s.People(ctx) }

// Today lists what is due (Store.Today).
func (r *TodayReader) Today(ctx context.Context, personID string, today app.Date) ([]app.TodayItem, error) {
	return r.s.Today(ctx, personID, today)
}

// Close closes the connection.
func (r *TodayReader) Close() error { return r.s.read.Close() }
