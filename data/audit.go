package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"github.com/opsbench/opsbench/app"
)

const tableAudit = "audit_log"

func (s *Store) insertAudit(ctx context.Context, tx *sql.Tx, h app.HLC, e app.AuditEntry) error {
	changes, err := json.Marshal(e.Changes)
	if err != nil {
		return err
	}
	if e.Changes == nil {
		changes = []byte("[]")
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO audit_log
		(id, hlc, replica, deleted, field_hlc, at, actor_id, actor_name, entity, entity_id, action, changes)
		VALUES (?, ?, ?, 0, '{}', ?, ?, ?, ?, ?, ?, ?)`,
		e.ID, h.String(), h.Replica, formatInstant(e.At), e.ActorID, e.ActorName, e.Entity, e.EntityID, e.Action, string(changes))
	if err != nil {
		return err
	}
	return markChanged(ctx, tx, tableAudit, e.ID)
}

// RecentActivity returns the newest audit entries, newest first. It reads
// an index, so it costs the same however long the log is.
func (s *Store) RecentActivity(ctx context.Context, limit int) ([]app.AuditEntry, error) {
	return s.queryAudit(ctx, recentActivitySQL, limit)
}

// recentActivitySQL reads the newest entries along the hlc index: the
// "+" keeps the planner off the (deleted, at) index, which would sort
// every entry of the log (175 ms at Today's start-up on the large demo).
const recentActivitySQL = `SELECT id, at, actor_id, actor_name, entity, entity_id, action, changes
	FROM audit_log WHERE +deleted = 0 ORDER BY hlc DESC LIMIT ?`

// History returns the audit entries of one record, oldest first.
func (s *Store) History(ctx context.Context, entity, id string) ([]app.AuditEntry, error) {
	return s.queryAudit(ctx, `SELECT id, at, actor_id, actor_name, entity, entity_id, action, changes
		FROM audit_log WHERE entity = ? AND entity_id = ? AND deleted = 0 ORDER BY hlc`, entity, id)
}

func (s *Store) queryAudit(ctx context.Context, q string, args ...any) ([]app.AuditEntry, error) {
	rows, err := s.read.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []app.AuditEntry
	for rows.Next() {
		var e app.AuditEntry
		var at, changes string
		if err := rows.Scan(&e.ID, &at, &e.ActorID, &e.ActorName, &e.Entity, &e.EntityID, &e.Action, &changes); err != nil {
			return nil, mapErr(err)
		}
		e.At, _ = time.Parse(time.RFC3339Nano, at)
		_ = json.Unmarshal([]byte(changes), &e.Changes) // a damaged value shows no details
		out = append(out, e)
	}
	return out, mapErr(rows.Err())
}
