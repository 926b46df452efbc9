package data

import (
	"context"
	"database/sql"
	"time"

	"github.com/opsbench/opsbench/app"
)

// Weekly service statistics for the weekly review (复盘): what kind of
// problems came in and why, how fast buyers were answered against the
// targets, which SKUs draw negative reviews and returns, and what buyers
// said, by SKU. Aggregated in SQL over the cases' SLA columns (refreshed
// first), so a year of cases costs a few indexed scans.

// StatCount is one group of a breakdown.
type StatCount struct {
	Key string
	N   int
}

// FirstResponseStat is how fast the cases of one channel were answered.
type FirstResponseStat struct {
	Channel app.Channel
	Target  app.SLATarget
	// Cases came in; Answered were answered (by now); OnTime within the
	// target; Late answered late or, unanswered, past due now.
	Cases, Answered, OnTime, Late int
	// MedianMinutes and AvgMinutes are the counted minutes to the first
	// answer (office minutes for an office-hours target).
	MedianMinutes, AvgMinutes int
}

// SKUReasons is a SKU's count with its reasons.
type SKUReasons struct {
	SKU     string
	N       int
	Reasons []StatCount
}

// VoiceComment is a buyer's own words about a SKU.
type VoiceComment struct {
	SKU      string
	At       time.Time
	CaseID   string
	Customer string
	Text     string
}

// ServiceStats are the statistics of the cases created in From..To
// (office days, both included).
type ServiceStats struct {
	From, To app.Date
	Cases    int
	ByType   []StatCount
	// ByRootCause and ByResolution count the cases resolved or closed in
	// the period ("" for a root cause not found).
	ByRootCause   []StatCount
	ByResolution  []StatCount
	ByChannel     []StatCount
	BySKU         []StatCount // cases with a SKU, most first
	FirstResponse []FirstResponseStat
	// NegativeReviews and Returns are the negative-review and
	// return/refund cases per SKU, with their root causes as reasons.
	NegativeReviews []SKUReasons
	Returns         []SKUReasons
	// FBAReturns are the units returned to Amazon per SKU and reason in
	// the period (the FBA returns report, by the marketplace's days),
	// most first: returns many buyers never open a case about.
	FBAReturns []ReturnCount
	// Voice is the first message of each case with a SKU, by SKU.
	Voice []VoiceComment
	// Days are the period's days one by one (periods up to maxStatDays).
	Days []DayStat
}

// DayStat is one office day: the cases that came in, and how many of
// them were answered on time and late (or are late unanswered).
type DayStat struct {
	Day                 app.Date
	Cases, OnTime, Late int
}

// maxStatDays bounds the period whose days are counted one by one.
const maxStatDays = 62

// maxVoiceRunes cuts a buyer's message for the voice-of-customer list.
const maxVoiceRunes = 300

// ServiceStats computes the statistics of the cases created from day
// from to day to (office days, in the office's time zone), at now.
func (s *Store) ServiceStats(ctx context.Context, from, to app.Date, now time.Time) (ServiceStats, error) {
	if err := s.RefreshServiceSLA(ctx); err != nil {
		return ServiceStats{}, err
	}
	cfg, err := s.ServiceConfig(ctx)
	if err != nil {
		return ServiceStats{}, err
	}
	loc := cfg.Calendar.Location()
	lo, hi := formatInstant(from.In(loc)), formatInstant(to.AddDays(1).In(loc))
	loMS, hiMS := from.In(loc).UnixMilli(), to.AddDays(1).In(loc).UnixMilli()
	st := ServiceStats{From: from, To: to}
	tx, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return st, mapErr(err)
	}
	defer tx.Rollback()
	const created = `FROM service_case WHERE deleted = 0 AND created_at >= ? AND created_at < ?`
	const resolved = `FROM service_case WHERE deleted = 0 AND local_resolved_at >= ? AND local_resolved_at < ?`
	if err := tx.QueryRowContext(ctx, `SELECT count(*) `+created, lo, hi).Scan(&st.Cases); err != nil {
		return st, mapErr(err)
	}
	for _, g := range []struct {
		dst  *[]StatCount
		q    string
		args []any
	}{
		{&st.ByType, `SELECT type, count(*) ` + created + ` GROUP BY type`, []any{lo, hi}},
		{&st.ByChannel, `SELECT channel, count(*) ` + created + ` GROUP BY channel`, []any{lo, hi}},
		{&st.BySKU, `SELECT sku, count(*) ` + created + ` AND sku <> '' GROUP BY sku`, []any{lo, hi}},
		{&st.ByRootCause, `SELECT root_cause, count(*) ` + resolved + ` GROUP BY root_cause`, []any{loMS, hiMS}},
		{&st.ByResolution, `SELECT resolution, count(*) ` + resolved + ` GROUP BY resolution`, []any{loMS, hiMS}},
	} {
		if *g.dst, err = statCounts(ctx, tx, g.q+` ORDER BY count(*) DESC, 1`, g.args...); err != nil {
			return st, err
		}
	}
	if st.FirstResponse, err = firstResponseStats(ctx, tx, cfg.Policy, lo, hi, now); err != nil {
		return st, err
	}
	for _, g := range []struct {
		dst *[]SKUReasons
		typ app.CaseType
	}{{&st.NegativeReviews, app.CaseNegativeReview}, {&st.Returns, app.CaseReturnRefund}} {
		if *g.dst, err = skuReasons(ctx, tx, `SELECT sku, root_cause, count(*) `+created+` AND type = ? AND sku <> ''
			GROUP BY sku, root_cause ORDER BY sku, count(*) DESC, root_cause`, lo, hi, string(g.typ)); err != nil {
			return st, err
		}
	}
	if st.FBAReturns, err = returnsByReason(ctx, tx, from, to); err != nil {
		return st, err
	}
	if to-from < maxStatDays {
		for d := from; d <= to; d++ {
			ds := DayStat{Day: d}
			if err := tx.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(local_first_at > 0 AND local_first_due > 0 AND local_first_at <= local_first_due), 0),
				coalesce(sum((local_first_at > 0 AND local_first_due > 0 AND local_first_at > local_first_due)
					OR (local_first_at = 0 AND local_first_due > 0 AND local_first_due < ?)), 0) `+created,
				now.UnixMilli(), formatInstant(d.In(loc)), formatInstant(d.AddDays(1).In(loc))).Scan(&ds.Cases, &ds.OnTime, &ds.Late); err != nil {
				return st, mapErr(err)
			}
			st.Days = append(st.Days, ds)
		}
	}
	rows, err := tx.QueryContext(ctx, `SELECT c.sku, c.id, c.customer, e.at, substr(e.body, 1, ?)
		FROM service_case c JOIN case_entry e ON e.id = (
			SELECT id FROM case_entry WHERE case_id = c.id AND kind = 'message_in' AND deleted = 0 ORDER BY at, id LIMIT 1)
		WHERE c.deleted = 0 AND c.created_at >= ? AND c.created_at < ? AND c.sku <> ''
		ORDER BY c.sku, e.at, c.id`, maxVoiceRunes, lo, hi)
	if err != nil {
		return st, mapErr(err)
	}
	defer rows.Close()
	for rows.Next() {
		var v VoiceComment
		var at string
		if err := rows.Scan(&v.SKU, &v.CaseID, &v.Customer, &at, &v.Text); err != nil {
			return st, mapErr(err)
		}
		v.At = parseCaseTime(at)
		st.Voice = append(st.Voice, v)
	}
	return st, mapErr(rows.Err())
}

func statCounts(ctx context.Context, tx *sql.Tx, q string, args ...any) ([]StatCount, error) {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []StatCount
	for rows.Next() {
		var c StatCount
		if err := rows.Scan(&c.Key, &c.N); err != nil {
			return nil, mapErr(err)
		}
		out = append(out, c)
	}
	return out, mapErr(rows.Err())
}

func skuReasons(ctx context.Context, tx *sql.Tx, q string, args ...any) ([]SKUReasons, error) {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []SKUReasons
	for rows.Next() {
		var sku, reason string
		var n int
		if err := rows.Scan(&sku, &reason, &n); err != nil {
			return nil, mapErr(err)
		}
		if len(out) == 0 || out[len(out)-1].SKU != sku {
			out = append(out, SKUReasons{SKU: sku})
		}
		last := &out[len(out)-1]
		last.N += n
		last.Reasons = append(last.Reasons, StatCount{Key: reason, N: n})
	}
	return out, mapErr(rows.Err())
}

// firstResponseStats compares each channel's first answers with its
// target. The median is the middle row (the mean of the two middle rows)
// of the answered cases ordered by counted minutes, found with window
// functions.
func firstResponseStats(ctx context.Context, tx *sql.Tx, policy app.SLAPolicy, lo, hi string, now time.Time) ([]FirstResponseStat, error) {
	rows, err := tx.QueryContext(ctx, `
		WITH w AS (
			SELECT channel, local_first_at AS at, local_first_due AS due, local_first_minutes AS m
			FROM service_case WHERE deleted = 0 AND created_at >= ? AND created_at < ?),
		ranked AS (
			SELECT channel, m, row_number() OVER (PARTITION BY channel ORDER BY m) AS rn,
				count(*) OVER (PARTITION BY channel) AS n
			FROM w WHERE at > 0),
		median AS (
			SELECT channel, CAST(round(avg(m)) AS INTEGER) AS med FROM ranked
			WHERE rn IN ((n + 1) / 2, (n + 2) / 2) GROUP BY channel)
		SELECT w.channel, count(*), sum(w.at > 0), sum(w.at > 0 AND w.due > 0 AND w.at <= w.due),
			sum((w.at > 0 AND w.due > 0 AND w.at > w.due) OR (w.at = 0 AND w.due > 0 AND w.due < ?)),
			coalesce(max(median.med), 0), coalesce(CAST(round(avg(CASE WHEN w.at > 0 THEN w.m END)) AS INTEGER), 0)
		FROM w LEFT JOIN median ON median.channel = w.channel
		GROUP BY w.channel ORDER BY w.channel`, lo, hi, now.UnixMilli())
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	byChannel := map[app.Channel]FirstResponseStat{}
	for rows.Next() {
		var f FirstResponseStat
		var ch string
		if err := rows.Scan(&ch, &f.Cases, &f.Answered, &f.OnTime, &f.Late, &f.MedianMinutes, &f.AvgMinutes); err != nil {
			return nil, mapErr(err)
		}
		f.Channel = app.Channel(ch)
		f.Target = policy.For(f.Channel).FirstResponse
		byChannel[f.Channel] = f
	}
	if err := rows.Err(); err != nil {
		return nil, mapErr(err)
	}
	var out []FirstResponseStat
	for _, ch := range app.Channels() {
		if f, ok := byChannel[ch]; ok {
			out = append(out, f)
		}
	}
	return out, nil
}
