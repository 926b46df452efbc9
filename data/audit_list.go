package data

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/opsbench/opsbench/app"
)

// auditList is the audit log as a list. Migration 0005 indexes every
// sort, alone and under the person and entity filters.
var auditList = listSpec{
	name:  "audit log",
	from:  "audit_log a",
	where: "a.deleted = 0",
	id:    "a.id",
	tie:   "a.rowid",
	sorts: map[string][]string{
		app.AuditSortTime:   {"a.at"},
		app.AuditSortPerson: {"a.actor_name", "a.at"},
		app.AuditSortEntity: {"a.entity", "a.at"},
	},
	defaultSort: app.AuditSortTime,
	defaultDesc: true,
	filters: map[string]string{
		app.AuditFilterPerson: "a.actor_id = ?",
		app.AuditFilterEntity: "a.entity = ?",
	},
	search: auditSearch,
}

// ListAudit returns a page of the audit log (see app.ListQuery): sorted by
// app.AuditSortTime (the default, newest first), AuditSortPerson or
// AuditSortEntity; filtered by AuditFilterPerson (a person's id) and
// AuditFilterEntity (a table name); the search matches who made the
// change and the old and new values.
func (s *Store) ListAudit(ctx context.Context, q app.ListQuery) ([]app.AuditEntry, int, error) {
	l, err := auditList.build(ctx, s.read, q, "a.id, a.at, a.actor_id, a.actor_name, a.entity, a.entity_id, a.action, a.changes")
	if err != nil {
		return nil, 0, err
	}
	return runList(ctx, s.read, l, func(query string, args ...any) ([]app.AuditEntry, error) {
		return s.queryAudit(ctx, query, args...)
	})
}

// auditSearch matches the person's name or an old or new value. The
// values live in the changes column as JSON, so a plain LIKE on it would
// also match the keys ("field", "old", "new"): the LIKE on the raw text
// only narrows the rows cheaply, and json_each checks the values of the
// few that pass. The raw text is searched for the JSON form of the text
// (insertAudit's encoding escapes quotes, backslashes and < > &).
func auditSearch(text string) (string, []any) {
	pat := likeContains(text)
	enc, _ := json.Marshal(text) // a string always encodes
	raw := likeContains(strings.TrimSuffix(strings.TrimPrefix(string(enc), `"`), `"`))
	return `(a.actor_name LIKE ? ESCAPE '\' OR (a.changes LIKE ? ESCAPE '\' AND EXISTS (
		SELECT 1 FROM json_each(a.changes) j
		WHERE j.value->>'old' LIKE ? ESCAPE '\' OR j.value->>'new' LIKE ? ESCAPE '\')))`,
		[]any{pat, raw, pat, pat}
}
