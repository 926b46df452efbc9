package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/opsbench/opsbench/app"
)

// The SOP forms save through these: each writes only the fields the form
// changed since it opened the record (snap, see OpenRecord), on top of
// the record as it is now, refusing with a *StaleError when another desk
// changed one of those fields meanwhile, unless the person chose to keep
// theirs (keepMine). The entity's rules apply to the record as it will
// be, and nothing is written when they fail.

// snapText reads a text field of a snapshot.
func snapText(snap RecordSnapshot, field string) string { return text(snap.Fields[field].Value) }

// SaveStepChanges saves a step form: status, reason, owner, due date and
// note from v (the step's columns), the record form's values, and
// handOffNote for a new owner. As SaveStep: blocked and skipped need a
// reason, the due date cannot come before the run's start, completing
// needs the required values, a new owner is a hand-off. today is the
// office's day, the day values are recorded for.
func (s *Store) SaveStepChanges(ctx context.Context, snap RecordSnapshot, v map[string]any, keepMine []string, today app.Date,
	values map[string]app.Value, handOffNote string) error {
	if err := checkSnapshot(snap, tableStep); err != nil {
		return err
	}
	f, err := s.StepForm(ctx, snap.ID, today)
	if err != nil {
		return err
	}
	// The step as the form opened it, and the change the form makes.
	old := f.Step
	old.Status = app.StepStatus(snapText(snap, "status"))
	old.Reason, old.Note, old.OwnerID = snapText(snap, "reason"), snapText(snap, "note"), snapText(snap, "owner_id")
	old.Due, _ = app.ParseDate(snapText(snap, "due"))
	c := app.StepChange{Status: app.StepStatus(text(v["status"])), Reason: text(v["reason"]), OwnerID: text(v["owner_id"]), HandOffNote: handOffNote}
	note := text(v["note"])
	c.Note = &note
	if d := text(v["due"]); d != "" {
		due, err := app.ParseDate(d)
		if err != nil {
			return &app.FieldError{Entity: "sop_step", Field: "due", Code: app.CodeNotDate}
		}
		c.Due = due
	}
	st, err := app.ApplyStepChange(old, f.Run.Start, c)
	if err != nil {
		return err
	}
	return s.withTx(ctx, func(tx *sql.Tx) error {
		src := valueSource{subject: app.SubjectStep, subjectID: snap.ID, series: app.StepSeries(f.Run.TemplateID, old.StepKey),
			day: today, sku: f.Run.SKU}
		if err := s.writeValues(ctx, tx, src, f.Def.Fields, values); err != nil {
			return err
		}
		if st.Status == app.StepDone && old.Status != app.StepDone {
			if err := requireValues(ctx, tx, snap.ID, f.Def.Fields); err != nil {
				return err
			}
		}
		if st.OwnerID != old.OwnerID {
			if err := checkOwner(ctx, tx, st.OwnerID, "sop_step"); err != nil {
				return err
			}
		}
		var touch record
		switch {
		case !st.Status.Open() && st.Status != old.Status:
			touch = record{"done_at": formatInstant(s.now()), "done_by": s.Actor().ID}
		case st.Status.Open() && !old.Status.Open():
			touch = record{"done_at": "", "done_by": ""}
		}
		wrote, err := s.saveChanges(ctx, tx, snap, record{"status": string(st.Status), "reason": st.Reason, "owner_id": st.OwnerID,
			"due": st.Due.String(), "note": st.Note}, keepMine, touch)
		if err != nil || !wrote || st.OwnerID == old.OwnerID {
			return err
		}
		return s.appendRow(ctx, tx, tableHandOff, s.newID(), record{"run_id": old.RunID, "step_id": snap.ID,
			"from_id": old.OwnerID, "to_id": st.OwnerID, "by_id": s.Actor().ID, "at": formatInstant(s.now()),
			"note": strings.TrimSpace(handOffNote)})
	})
}

// SaveChecklistEntryChanges saves a checklist entry form: status, reason
// and note from v, and the record form's values. As SaveChecklistEntry:
// skipped needs a reason, done needs the required values.
func (s *Store) SaveChecklistEntryChanges(ctx context.Context, snap RecordSnapshot, v map[string]any, keepMine []string,
	values map[string]app.Value) error {
	if err := checkSnapshot(snap, tableChecklistEntry); err != nil {
		return err
	}
	e, err := s.ChecklistEntry(ctx, snap.ID)
	if err != nil {
		return err
	}
	item, err := s.ChecklistItem(ctx, e.ItemID)
	if err != nil {
		return err
	}
	bad := func(field, code string, limit int) error {
		return &app.FieldError{Entity: "checklist_entry", Field: field, Code: code, Limit: limit}
	}
	old := app.EntryStatus(snapText(snap, "status"))
	st := app.EntryStatus(text(v["status"]))
	reason, note := strings.TrimSpace(text(v["reason"])), strings.TrimSpace(text(v["note"]))
	switch {
	case !st.Valid():
		return bad("status", app.CodeBadChoice, 0)
	case st == app.EntrySkipped && reason == "":
		return bad("reason", app.CodeRequired, 0)
	case len([]rune(reason)) > app.MaxReasonLen:
		return bad("reason", app.CodeTooLong, app.MaxReasonLen)
	case len([]rune(note)) > app.MaxNoteLen:
		return bad("note", app.CodeTooLong, app.MaxNoteLen)
	}
	if st != app.EntrySkipped {
		reason = ""
	}
	return s.withTx(ctx, func(tx *sql.Tx) error {
		src := valueSource{subject: app.SubjectChecklist, subjectID: snap.ID, series: item.ID, day: e.Day}
		if err := s.writeValues(ctx, tx, src, item.Fields, values); err != nil {
			return err
		}
		if st == app.EntryDone && old != app.EntryDone {
			if err := requireValues(ctx, tx, snap.ID, item.Fields); err != nil {
				return err
			}
		}
		var touch record
		switch {
		case st == app.EntryTodo && old != app.EntryTodo:
			touch = record{"done_at": "", "done_by": ""}
		case st != app.EntryTodo && st != old:
			touch = record{"done_at": formatInstant(s.now()), "done_by": s.Actor().ID}
		}
		_, err := s.saveChanges(ctx, tx, snap, record{"status": string(st), "reason": reason, "note": note}, keepMine, touch)
		return err
	})
}

// ChecklistItemValues are the columns of an item a form edits, as stored
// (see ChecklistItemFromValues): what a checklist item form reads and
// fills by field name.
func ChecklistItemValues(it app.ChecklistItem) (map[string]any, error) {
	r, err := checklistRecord(it)
	if err != nil {
		return nil, err
	}
	for _, c := range []string{"builtin", "position", "start_day", "end_day"} {
		delete(r, c) // not the form's: what is stored stays
	}
	return r, nil
}

// ChecklistItemFromValues reads an item from its columns (a form's
// values, or a snapshot's).
func ChecklistItemFromValues(v map[string]any) (app.ChecklistItem, error) {
	it := app.ChecklistItem{Title: text(v["title"]), Description: text(v["description"]), OwnerID: text(v["owner_id"]),
		Archived: text(v["archived"]) == "1" || text(v["archived"]) == "true"}
	it.Schedule.Kind = app.ScheduleKind(text(v["schedule"]))
	it.Schedule.Weekdays = parseWeekdays(text(v["weekdays"]))
	n, _ := strconv.Atoi(text(v["weekday"]))
	it.Schedule.Weekday = time.Weekday(n)
	it.Schedule.MonthDay, _ = strconv.Atoi(text(v["month_day"]))
	it.Schedule.OffDay = app.OffDayRule(text(v["off_day"]))
	fields := text(v["fields"])
	if fields == "" {
		fields = "[]"
	}
	if err := json.Unmarshal([]byte(fields), &it.Fields); err != nil {
		return it, fmt.Errorf("damaged record form: %w", err)
	}
	return it, nil
}

// SaveChecklistItemChanges saves a checklist item form (its values as
// ChecklistItemValues writes them): it must be a valid item; a new owner
// must be in the team.
func (s *Store) SaveChecklistItemChanges(ctx context.Context, snap RecordSnapshot, v map[string]any, keepMine []string) error {
	if err := checkSnapshot(snap, tableChecklistItem); err != nil {
		return err
	}
	it, err := ChecklistItemFromValues(v)
	if err != nil {
		return err
	}
	it = it.Normalize()
	if err := it.Validate(); err != nil {
		return err
	}
	r, err := ChecklistItemValues(it)
	if err != nil {
		return err
	}
	return s.withTx(ctx, func(tx *sql.Tx) error {
		if it.OwnerID != snapText(snap, "owner_id") {
			if err := checkOwner(ctx, tx, it.OwnerID, "checklist_item"); err != nil {
				return err
			}
		}
		_, err := s.saveChanges(ctx, tx, snap, r, keepMine, nil)
		return err
	})
}

// SaveReviewChanges saves a review form: a valid entry (writing the
// result closes it); a new owner must be in the team.
func (s *Store) SaveReviewChanges(ctx context.Context, snap RecordSnapshot, r app.Review, keepMine []string) error {
	if err := checkSnapshot(snap, tableReview); err != nil {
		return err
	}
	r = r.Normalize()
	r.Closed = r.Result != ""
	if err := r.Validate(); err != nil {
		return err
	}
	return s.withTx(ctx, func(tx *sql.Tx) error {
		if r.OwnerID != snapText(snap, "owner_id") {
			if err := checkOwner(ctx, tx, r.OwnerID, "review"); err != nil {
				return err
			}
		}
		_, err := s.saveChanges(ctx, tx, snap, record{"week": r.Week.String(), "metric": r.Metric, "change": r.Change, "sku": r.SKU,
			"diagnosis": r.Diagnosis, "action": r.Action, "owner_id": r.OwnerID, "follow_up": r.FollowUp.String(), "result": r.Result,
			"why": r.Why, "closed": r.Closed}, keepMine, nil)
		return err
	})
}

// SaveTemplateChanges saves a template form: name and description as
// changed, and the content as a new version when it differs from the
// version the form opened (the snapshot's version_id). When another desk
// saved a version meanwhile, the save is refused as a change of field
// "version_id" (keep mine saves this content as the newest version). A
// new name must not be taken here.
func (s *Store) SaveTemplateChanges(ctx context.Context, snap RecordSnapshot, t app.Template, keepMine []string) (app.Template, error) {
	if err := checkSnapshot(snap, tableTemplate); err != nil {
		return app.Template{}, err
	}
	t.ID = snap.ID
	t = t.Normalize()
	if err := t.Validate(); err != nil {
		return app.Template{}, err
	}
	base := snapText(snap, "version_id")
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		if err := checkNewName(ctx, tx, tableTemplate, t.Name, t.ID, tableTemplate); err != nil {
			return err
		}
		var baseBody string
		err := tx.QueryRowContext(ctx, `SELECT body FROM sop_template_version WHERE id = ?`, base).Scan(&baseBody)
		if err != nil {
			return notFound(err, tableTemplateVersion, base)
		}
		want, err := bodyJSON(t.Body)
		if err != nil {
			return err
		}
		r := record{"name": t.Name, "description": t.Description, "archived": t.Archived}
		if want != normalJSON(baseBody) {
			var last int
			if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(number), 0) FROM sop_template_version WHERE template_id = ?`, t.ID).Scan(&last); err != nil {
				return err
			}
			v, err := s.addVersion(ctx, tx, t.ID, last+1, t.Body)
			if err != nil {
				return err
			}
			r["version_id"] = v.ID
		}
		_, err = s.saveChanges(ctx, tx, snap, r, keepMine, record{"updated_at": formatInstant(s.now().UTC().Truncate(time.Millisecond))})
		return err
	})
	if err != nil {
		return app.Template{}, err
	}
	return s.Template(ctx, t.ID)
}

// normalJSON is a stored body as bodyJSON writes it now (an older
// version's JSON may differ in layout only).
func normalJSON(stored string) string {
	b, err := parseBody(stored)
	if err != nil {
		return stored
	}
	out, err := bodyJSON(b)
	if err != nil {
		return stored
	}
	return out
}

// checkSnapshot refuses a snapshot of another table.
func checkSnapshot(snap RecordSnapshot, table string) error {
	if snap.Table != table {
		return fmt.Errorf("a form of %s cannot save a %s: %w", table, snap.Table, app.ErrInvalidInput)
	}
	return nil
}
