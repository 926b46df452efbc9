package data

import (
	"context"
	"database/sql"
	"time"

	"github.com/opsbench/opsbench/app"
)

const tableReview = "review"

// SaveReview creates (empty ID) or saves a weekly review entry. Writing
// its result closes it (it leaves its owner's Today).
func (s *Store) SaveReview(ctx context.Context, r app.Review) (app.Review, error) {
	r = r.Normalize()
	if r.Result != "" {
		r.Closed = true
	}
	if err := r.Validate(); err != nil {
		return app.Review{}, err
	}
	rec := record{"week": r.Week.String(), "metric": r.Metric, "change": r.Change, "sku": r.SKU, "diagnosis": r.Diagnosis,
		"action": r.Action, "owner_id": r.OwnerID, "follow_up": r.FollowUp.String(), "result": r.Result, "why": r.Why,
		"closed": r.Closed}
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		if r.ID == "" {
			if err := checkOwner(ctx, tx, r.OwnerID, "review"); err != nil {
				return err
			}
			r.ID = s.newID()
			r.CreatedAt = s.now().UTC().Truncate(time.Millisecond)
			rec["created_at"] = formatInstant(r.CreatedAt)
			return s.insertRecord(ctx, tx, tableReview, r.ID, rec)
		}
		var owner string
		if err := tx.QueryRowContext(ctx, `SELECT owner_id FROM review WHERE id = ? AND deleted = 0`, r.ID).Scan(&owner); err != nil {
			return notFound(err, tableReview, r.ID)
		}
		if owner != r.OwnerID {
			if err := checkOwner(ctx, tx, r.OwnerID, "review"); err != nil {
				return err
			}
		}
		_, err := s.updateRecord(ctx, tx, tableReview, r.ID, rec)
		return err
	})
	if err != nil {
		return app.Review{}, err
	}
	return s.Review(ctx, r.ID)
}

// DeleteReview removes a review entry.
func (s *Store) DeleteReview(ctx context.Context, id string) error {
	return s.withTx(ctx, func(tx *sql.Tx) error { return s.deleteRecord(ctx, tx, tableReview, id) })
}

const reviewColumns = `r.id, r.week, r.metric, r.change, r.sku, r.diagnosis, r.action, r.owner_id, r.follow_up,
	r.result, r.why, r.closed, r.created_at, coalesce(p.name, '')`

const reviewFrom = `review r LEFT JOIN person p ON p.id = r.owner_id AND p.deleted = 0`

func scanReview(sc rowScanner) (app.Review, error) {
	var r app.Review
	var week, follow, created string
	if err := sc.Scan(&r.ID, &week, &r.Metric, &r.Change, &r.SKU, &r.Diagnosis, &r.Action, &r.OwnerID, &follow,
		&r.Result, &r.Why, &r.Closed, &created, &r.OwnerName); err != nil {
		return r, mapErr(err)
	}
	r.Week, _ = app.ParseDate(week)
	r.FollowUp, _ = app.ParseDate(follow)
	r.CreatedAt, _ = time.Parse(time.RFC3339Nano, created)
	return r, nil
}

// Review returns one review entry.
func (s *Store) Review(ctx context.Context, id string) (app.Review, error) {
	r, err := scanReview(s.read.QueryRowContext(ctx, `SELECT `+reviewColumns+` FROM `+reviewFrom+` WHERE r.id = ? AND r.deleted = 0`, id))
	if err != nil {
		return r, notFound(err, tableReview, id)
	}
	return r, nil
}

// Sort and filter keys of ListReviews.
const (
	ReviewSortWeek     = "week"
	ReviewSortFollowUp = "follow_up"
	ReviewSortMetric   = "metric"

	ReviewFilterWeek  = "week"  // the Monday, YYYY-MM-DD
	ReviewFilterOwner = "owner" // person id
	ReviewFilterOpen  = "open"  // "1": open ones, "0": closed ones
)

var reviewList = listSpec{
	name:  "reviews",
	from:  reviewFrom,
	where: "r.deleted = 0",
	id:    "r.id",
	tie:   "r.rowid",
	sorts: map[string][]string{
		ReviewSortWeek:     {"r.week"},
		ReviewSortFollowUp: {"r.follow_up"},
		ReviewSortMetric:   {"r.metric", "r.week"},
	},
	defaultSort: ReviewSortWeek,
	defaultDesc: true,
	filters: map[string]string{
		ReviewFilterWeek:  "r.week = ?",
		ReviewFilterOwner: "r.owner_id = ?",
		ReviewFilterOpen:  "r.closed = (1 - ?)",
	},
	search: func(text string) (string, []any) {
		p := likeContains(text)
		return `(r.metric LIKE ? ESCAPE '\' OR r.action LIKE ? ESCAPE '\' OR r.diagnosis LIKE ? ESCAPE '\' OR r.sku LIKE ? ESCAPE '\')`, []any{p, p, p, p}
	},
}

// ListReviews pages through the weekly review entries.
func (s *Store) ListReviews(ctx context.Context, q app.ListQuery) ([]app.Review, int, error) {
	l, err := reviewList.build(ctx, s.read, q, reviewColumns)
	if err != nil {
		return nil, 0, err
	}
	return runList(ctx, s.read, l, func(query string, args ...any) ([]app.Review, error) {
		return queryAll(ctx, s.read, scanReview, query, args...)
	})
}
