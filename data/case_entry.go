package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/opsbench/opsbench/app"
)

// The case timeline (app.Entry): an append-only synced table. Entries
// are added through appendRow and never changed or removed (migration
// 0008's triggers refuse it), so two desks' timelines merge as a union.

const tableCaseEntry = "case_entry"

func entryRecord(e app.Entry) record {
	atts, _ := json.Marshal(e.Attachments) // a []string always encodes
	if e.Attachments == nil {
		atts = []byte("[]")
	}
	due := ""
	if !e.Due.IsZero() {
		due = formatInstant(e.Due)
	}
	return record{
		"case_id": e.CaseID, "at": formatInstant(e.At), "kind": string(e.Kind),
		"actor_id": e.ActorID, "actor_name": e.ActorName, "body": e.Body,
		"from_value": e.From, "to_value": e.To, "action": e.Action, "due_at": due,
		"ref": e.Ref, "template_id": e.TemplateID, "lang": e.Lang, "attachments": string(atts),
	}
}

const caseEntryColumns = `id, case_id, at, kind, actor_id, actor_name, body, from_value, to_value, action, due_at, ref,
	template_id, lang, attachments`

func scanCaseEntry(r caseScanner) (app.Entry, error) {
	var e app.Entry
	var at, kind, due, atts string
	if err := r.Scan(&e.ID, &e.CaseID, &at, &kind, &e.ActorID, &e.ActorName, &e.Body, &e.From, &e.To, &e.Action,
		&due, &e.Ref, &e.TemplateID, &e.Lang, &atts); err != nil {
		return e, err
	}
	e.At, e.Due, e.Kind = parseCaseTime(at), parseCaseTime(due), app.EntryKind(kind)
	_ = json.Unmarshal([]byte(atts), &e.Attachments) // a damaged list shows no files
	return e, nil
}

// appendEntry writes a checked entry inside tx, attributed to the store's
// actor, and returns it with its id.
func (s *Store) appendEntry(ctx context.Context, tx *sql.Tx, e app.Entry) (app.Entry, error) {
	e = e.Normalize()
	if e.ID == "" {
		e.ID = s.newID()
	}
	if e.ActorID == "" && e.ActorName == "" {
		a := s.Actor()
		e.ActorID, e.ActorName = a.ID, a.Name
	}
	if err := e.Validate(); err != nil {
		return e, err
	}
	return e, s.appendRow(ctx, tx, tableCaseEntry, e.ID, entryRecord(e))
}

// AddEntry appends a message, call, note, action or promised call-back to
// a case's timeline, by the store's actor, at e.At (now when zero).
// Status and owner changes are written by the case's own updates. A call
// or message keeping a promised call-back names it in Ref.
func (s *Store) AddEntry(ctx context.Context, e app.Entry) (app.Entry, error) {
	if e.Kind == app.EntryStatusChange || e.Kind == app.EntryOwner {
		return app.Entry{}, fmt.Errorf("a %s entry is written by changing the case: %w", e.Kind, app.ErrInvalidInput)
	}
	if e.At.IsZero() {
		e.At = s.now()
	}
	e.ActorID, e.ActorName = "", ""
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		if _, err := readCase(ctx, tx, e.CaseID); err != nil {
			return err
		}
		var err error
		if e, err = s.appendEntry(ctx, tx, e); err != nil {
			return err
		}
		if e.Kind.Answers() {
			return s.refreshSLA(ctx, tx, []string{e.CaseID})
		}
		return nil
	})
	if err != nil {
		return app.Entry{}, err
	}
	return e, nil
}

// Timeline returns a case's entries in the order they happened (by time,
// then by id, the same on every desk).
func (s *Store) Timeline(ctx context.Context, caseID string) ([]app.Entry, error) {
	return s.queryEntries(ctx, `SELECT `+caseEntryColumns+` FROM case_entry WHERE case_id = ? AND deleted = 0 ORDER BY at, id`, caseID)
}

func (s *Store) queryEntries(ctx context.Context, q string, args ...any) ([]app.Entry, error) {
	rows, err := s.read.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []app.Entry
	for rows.Next() {
		e, err := scanCaseEntry(rows)
		if err != nil {
			return nil, mapErr(err)
		}
		out = append(out, e)
	}
	return out, mapErr(rows.Err())
}

// CaseFile is a file to attach to a case.
type CaseFile struct {
	Name    string
	Content []byte
}

// AttachmentTooLargeError refuses a file over app.MaxAttachmentSize. It
// wraps app.ErrInvalidInput.
type AttachmentTooLargeError struct {
	Name  string
	Size  int64
	Limit int64
}

func (e *AttachmentTooLargeError) Error() string {
	return fmt.Sprintf("%s is %.1f MB; a file attached to a case may have up to %d MB: attach a smaller photo or a scan at a lower resolution",
		e.Name, float64(e.Size)/(1<<20), e.Limit>>20)
}

func (e *AttachmentTooLargeError) Unwrap() error { return app.ErrInvalidInput }

// CheckAttachmentSize refuses a file of size bytes over the limit before
// it is read (a screen checks the size a file picker reports).
func CheckAttachmentSize(name string, size int64) error {
	if size > app.MaxAttachmentSize {
		return &AttachmentTooLargeError{Name: name, Size: size, Limit: app.MaxAttachmentSize}
	}
	return nil
}

// AddCaseFiles attaches files (photos of damage, shipping receipts) to a
// case as one timeline note with note as its text. The files go to the
// attachment store, so they travel with sync; the same file attached
// twice is stored once. All or nothing: one file refused (too large,
// empty) attaches none.
func (s *Store) AddCaseFiles(ctx context.Context, caseID string, files []CaseFile, note string) (app.Entry, error) {
	if len(files) == 0 {
		return app.Entry{}, &app.FieldError{Entity: "entry", Field: "attachments", Code: app.CodeRequired}
	}
	atts := make([]app.Attachment, len(files))
	for i, f := range files {
		if err := CheckAttachmentSize(f.Name, int64(len(f.Content))); err != nil {
			return app.Entry{}, err
		}
		a, err := newAttachment(f.Name, f.Content)
		if err != nil {
			return app.Entry{}, fmt.Errorf("%s: %w", f.Name, err)
		}
		atts[i] = a
	}
	e := app.Entry{CaseID: caseID, At: s.now(), Kind: app.EntryNote, Body: note}
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		if _, err := readCase(ctx, tx, caseID); err != nil {
			return err
		}
		for _, a := range atts {
			stored, err := s.addAttachment(ctx, tx, a)
			if err != nil {
				return err
			}
			e.Attachments = append(e.Attachments, stored.ID)
		}
		var err error
		e, err = s.appendEntry(ctx, tx, e)
		return err
	})
	if err != nil {
		return app.Entry{}, err
	}
	return e, nil
}

// CaseFiles lists the files attached to a case (without their content:
// Store.Attachment reads one), oldest first.
func (s *Store) CaseFiles(ctx context.Context, caseID string) ([]app.Attachment, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT DISTINCT a.id, a.sha256, a.name, a.mime, a.size
		FROM case_entry e, json_each(e.attachments) j JOIN attachment a ON a.id = j.value
		WHERE e.case_id = ? AND e.deleted = 0 AND a.deleted = 0 ORDER BY e.at, a.id`, caseID)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []app.Attachment
	for rows.Next() {
		var a app.Attachment
		if err := rows.Scan(&a.ID, &a.SHA256, &a.Name, &a.MIME, &a.Size); err != nil {
			return nil, mapErr(err)
		}
		out = append(out, a)
	}
	return out, mapErr(rows.Err())
}
