package app

import "time"

// Audit actions.
const (
	ActionCreate = "create"
	ActionUpdate = "update"
	ActionDelete = "delete"
)

// Change is one field's old and new value in an audit entry, both as text.
type Change struct {
	Field string `json:"field"`
	Old   string `json:"old,omitempty"`
	New   string `json:"new,omitempty"`
}

// AuditEntry records who changed what, when. The store writes one for
// every change; the log is append-only and travels with sync.
type AuditEntry struct {
	ID        string
	At        time.Time
	ActorID   string
	ActorName string
	Entity    string
	EntityID  string
	Action    string
	Changes   []Change
}
