package data

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/opsbench/opsbench/app"
)

const (
	tableRun     = "sop_run"
	tableStep    = "sop_step"
	tableHandOff = "sop_handoff"
)

// StartRun starts a run of a template version: the run and every step,
// with its owner and due date, in one transaction. The plan is checked
// first (app.RunPlan.Validate: a step without an owner, a due date before
// the start); an archived template, a version of another template or an
// owner who is not in the team are refused too. Nothing is written then.
func (s *Store) StartRun(ctx context.Context, p app.RunPlan) (app.Run, error) {
	p = p.Normalize()
	if err := p.Validate(); err != nil {
		return app.Run{}, err
	}
	run := app.Run{ID: s.newID(), TemplateID: p.TemplateID, VersionID: p.Version.ID, Title: p.Title, SKU: p.SKU,
		Start: p.Start, OwnerID: p.OwnerID, Note: p.Note, CreatedAt: s.now().UTC().Truncate(time.Millisecond)}
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		var archived bool
		err := tx.QueryRowContext(ctx, `SELECT archived FROM sop_template WHERE id = ? AND deleted = 0`, p.TemplateID).Scan(&archived)
		if err != nil {
			return notFound(err, tableTemplate, p.TemplateID)
		}
		if archived {
			return &app.FieldError{Entity: "sop_run", Field: "template", Code: app.CodeBadChoice}
		}
		var vt string
		if err := tx.QueryRowContext(ctx, `SELECT template_id FROM sop_template_version WHERE id = ?`, p.Version.ID).Scan(&vt); err != nil {
			return notFound(err, tableTemplateVersion, p.Version.ID)
		}
		if vt != p.TemplateID {
			return &app.FieldError{Entity: "sop_run", Field: "template", Code: app.CodeBadChoice}
		}
		if err := checkOwner(ctx, tx, p.OwnerID, "sop_run"); err != nil {
			return err
		}
		inStage := map[int]int{}
		for _, st := range p.Steps {
			j := inStage[st.At.StageIdx]
			inStage[st.At.StageIdx]++
			if err := checkOwner(ctx, tx, st.OwnerID, "sop_step"); err != nil {
				var fe *app.FieldError
				if errors.As(err, &fe) {
					return &app.StepRef{Stage: st.At.StageIdx, Step: j, Field: -1, Err: fe}
				}
				return err
			}
		}
		if err := s.insertRecord(ctx, tx, tableRun, run.ID, record{"template_id": run.TemplateID, "version_id": run.VersionID,
			"title": run.Title, "sku": run.SKU, "start_day": run.Start.String(), "owner_id": run.OwnerID,
			"cancelled": false, "note": run.Note, "created_at": formatInstant(run.CreatedAt)}); err != nil {
			return err
		}
		for i, st := range p.Steps {
			if err := s.insertRecord(ctx, tx, tableStep, s.newID(), record{"run_id": run.ID, "position": int64(i),
				"stage_key": st.At.Stage.Key, "stage_title": st.At.Stage.Title, "step_key": st.At.Step.Key,
				"title": st.At.Step.Title, "owner_id": st.OwnerID, "due": st.Due.String(), "status": string(app.StepTodo)}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return app.Run{}, err
	}
	return s.Run(ctx, run.ID, p.Start)
}

// UpdateRun saves a run's title, SKU, lead and note.
func (s *Store) UpdateRun(ctx context.Context, r app.Run) error {
	r.Title, r.SKU, r.Note = strings.TrimSpace(r.Title), strings.TrimSpace(r.SKU), strings.TrimSpace(r.Note)
	bad := func(field, code string, limit int) error {
		return &app.FieldError{Entity: "sop_run", Field: field, Code: code, Limit: limit}
	}
	switch {
	case r.Title == "":
		return bad("title", app.CodeRequired, 0)
	case len([]rune(r.Title)) > app.MaxTitleLen:
		return bad("title", app.CodeTooLong, app.MaxTitleLen)
	case len([]rune(r.SKU)) > app.MaxTitleLen:
		return bad("sku", app.CodeTooLong, app.MaxTitleLen)
	case len([]rune(r.Note)) > app.MaxNoteLen:
		return bad("note", app.CodeTooLong, app.MaxNoteLen)
	}
	return s.withTx(ctx, func(tx *sql.Tx) error {
		var owner string
		if err := tx.QueryRowContext(ctx, `SELECT owner_id FROM sop_run WHERE id = ? AND deleted = 0`, r.ID).Scan(&owner); err != nil {
			return notFound(err, tableRun, r.ID)
		}
		if r.OwnerID != owner {
			if err := checkOwner(ctx, tx, r.OwnerID, "sop_run"); err != nil {
				return err
			}
		}
		_, err := s.updateRecord(ctx, tx, tableRun, r.ID, record{"title": r.Title, "sku": r.SKU, "owner_id": r.OwnerID, "note": r.Note})
		return err
	})
}

// SetRunCancelled stops a run (its open steps leave Today) or resumes it.
func (s *Store) SetRunCancelled(ctx context.Context, id string, cancelled bool) error {
	return s.withTx(ctx, func(tx *sql.Tx) error {
		_, err := s.updateRecord(ctx, tx, tableRun, id, record{"cancelled": cancelled})
		return err
	})
}

// DeleteRun removes a run and its steps (tombstones; recorded values and
// hand-offs stay as history).
func (s *Store) DeleteRun(ctx context.Context, id string) error {
	return s.withTx(ctx, func(tx *sql.Tx) error {
		steps, err := idsWhere(ctx, tx, `SELECT id FROM sop_step WHERE run_id = ? AND deleted = 0`, id)
		if err != nil {
			return err
		}
		for _, st := range steps {
			if err := s.deleteRecord(ctx, tx, tableStep, st); err != nil {
				return err
			}
		}
		return s.deleteRecord(ctx, tx, tableRun, id)
	})
}

// runColumns are a run's columns with its derived ones: steps done,
// total, overdue as of today (a literal date, written by runSQL), next
// due, last due.
const runColumns = `r.id, r.template_id, r.version_id, r.title, r.sku, r.start_day, r.owner_id, r.cancelled, r.note, r.created_at,
	coalesce(t.name, ''), coalesce(v.number, 0), coalesce(p.name, ''),
	` + runDoneExpr + `, ` + runTotalExpr + `, ` + runOverdueExpr + `,
	coalesce((SELECT min(s.due) FROM sop_step s WHERE s.run_id = r.id AND s.deleted = 0 AND s.status IN ('todo', 'doing', 'blocked')), ''),
	coalesce((SELECT max(s.due) FROM sop_step s WHERE s.run_id = r.id AND s.deleted = 0), '')`

const runFrom = `sop_run r
	LEFT JOIN sop_template t ON t.id = r.template_id
	LEFT JOIN sop_template_version v ON v.id = r.version_id
	LEFT JOIN person p ON p.id = r.owner_id AND p.deleted = 0`

// The run's derived values as SQL over its steps (sop_step_run index).
const (
	runDoneExpr    = `(SELECT count(*) FROM sop_step s WHERE s.run_id = r.id AND s.deleted = 0 AND s.status IN ('done', 'skipped'))`
	runTotalExpr   = `(SELECT count(*) FROM sop_step s WHERE s.run_id = r.id AND s.deleted = 0)`
	runOpenExpr    = `EXISTS (SELECT 1 FROM sop_step s WHERE s.run_id = r.id AND s.deleted = 0 AND s.status IN ('todo', 'doing', 'blocked'))`
	runNextDueExpr = `coalesce((SELECT min(s.due) FROM sop_step s WHERE s.run_id = r.id AND s.deleted = 0 AND s.status IN ('todo', 'doing', 'blocked')), '9999')`
	runOverdueExpr = `(SELECT count(*) FROM sop_step s WHERE s.run_id = r.id AND s.deleted = 0 AND s.status IN ('todo', 'doing', 'blocked') AND s.due < :today)`
	runStateExpr   = `(CASE WHEN r.cancelled THEN 'cancelled' WHEN NOT ` + runOpenExpr + ` THEN 'done' ELSE 'active' END)`
)

// runSQL puts the day into a run statement. The day is a Date this code
// formatted (digits and dashes), never text a person typed, so it may be
// part of the statement; that keeps every list statement's parameters
// those of the list helper.
func runSQL(q string, today app.Date) string {
	return strings.ReplaceAll(q, ":today", "'"+today.String()+"'")
}

func scanRun(sc rowScanner) (app.Run, error) {
	var r app.Run
	var start, created, next, end string
	if err := sc.Scan(&r.ID, &r.TemplateID, &r.VersionID, &r.Title, &r.SKU, &start, &r.OwnerID, &r.Cancelled, &r.Note, &created,
		&r.TemplateName, &r.Version, &r.OwnerName, &r.StepsDone, &r.StepsTotal, &r.Overdue, &next, &end); err != nil {
		return r, mapErr(err)
	}
	r.Start, _ = app.ParseDate(start)
	r.CreatedAt, _ = time.Parse(time.RFC3339Nano, created)
	r.NextDue, _ = app.ParseDate(next)
	r.End, _ = app.ParseDate(end)
	switch {
	case r.Cancelled:
		r.State = app.RunCancelled
	case r.StepsTotal > 0 && r.StepsDone == r.StepsTotal:
		r.State = app.RunDone
	default:
		r.State = app.RunActive
	}
	return r, nil
}

// Run returns one run with its progress as of today.
func (s *Store) Run(ctx context.Context, id string, today app.Date) (app.Run, error) {
	r, err := scanRun(s.read.QueryRowContext(ctx, runSQL(`SELECT `+runColumns+` FROM `+runFrom+` WHERE r.id = ? AND r.deleted = 0`, today), id))
	if err != nil {
		return r, notFound(err, tableRun, id)
	}
	return r, nil
}

// Sort and filter keys of ListRuns.
const (
	RunSortStart    = "start"
	RunSortTitle    = "title"
	RunSortSKU      = "sku"
	RunSortTemplate = "template"
	RunSortOwner    = "owner"
	RunSortProgress = "progress"
	RunSortNextDue  = "next_due"
	RunSortOverdue  = "overdue"

	RunFilterOwner    = "owner"    // the run's lead or the owner of one of its steps (person id)
	RunFilterState    = "state"    // app.RunState
	RunFilterTemplate = "template" // template id
	RunFilterSKU      = "sku"
)

// runsSpec is the runs list as of today.
func runsSpec(today app.Date) listSpec {
	return listSpec{
		name:  "runs",
		from:  runFrom,
		where: "r.deleted = 0",
		id:    "r.id",
		tie:   "r.rowid",
		sorts: map[string][]string{
			RunSortStart:    {"r.start_day"},
			RunSortTitle:    {"r.title"},
			RunSortSKU:      {"r.sku", "r.start_day"},
			RunSortTemplate: {"coalesce(t.name, '')", "r.start_day"},
			RunSortOwner:    {"coalesce(p.name, '')", "r.start_day"},
			RunSortProgress: {"(" + runDoneExpr + " * 1.0 / max(" + runTotalExpr + ", 1))", "r.start_day"},
			RunSortNextDue:  {runNextDueExpr, "r.start_day"},
			RunSortOverdue:  {runSQL(runOverdueExpr, today), "r.start_day"},
		},
		defaultSort: RunSortStart,
		defaultDesc: true,
		filters: map[string]string{
			RunFilterOwner:    "? IN (SELECT r.owner_id UNION ALL SELECT s.owner_id FROM sop_step s WHERE s.run_id = r.id AND s.deleted = 0)",
			RunFilterState:    runStateExpr + " = ?",
			RunFilterTemplate: "r.template_id = ?",
			RunFilterSKU:      "r.sku = ?",
		},
		search: func(text string) (string, []any) {
			return `(r.title LIKE ? ESCAPE '\' OR r.sku LIKE ? ESCAPE '\')`, []any{likeContains(text), likeContains(text)}
		},
	}
}

// ListRuns pages through the runs: sorted by start, title, SKU, template,
// lead, progress, next due date or overdue steps; filtered by owner (lead
// or step owner), state, template and SKU; searched in title and SKU.
// Progress and overdue counts are as of today.
func (s *Store) ListRuns(ctx context.Context, today app.Date, q app.ListQuery) ([]app.Run, int, error) {
	spec := runsSpec(today)
	l, err := spec.build(ctx, s.read, q, runSQL(runColumns, today))
	if err != nil {
		return nil, 0, err
	}
	return runList(ctx, s.read, l, func(query string, args ...any) ([]app.Run, error) {
		return queryAll(ctx, s.read, scanRun, query, args...)
	})
}

const stepColumns = `s.id, s.run_id, s.position, s.stage_key, s.stage_title, s.step_key, s.title, s.owner_id, s.due,
	s.status, s.reason, s.note, s.done_at, s.done_by, coalesce(o.name, ''), coalesce(d.name, '')`

const stepFrom = `sop_step s
	LEFT JOIN person o ON o.id = s.owner_id AND o.deleted = 0
	LEFT JOIN person d ON d.id = s.done_by AND d.deleted = 0`

func scanStep(sc rowScanner) (app.RunStep, error) {
	var st app.RunStep
	var due, status, doneAt string
	if err := sc.Scan(&st.ID, &st.RunID, &st.Position, &st.StageKey, &st.StageTitle, &st.StepKey, &st.Title, &st.OwnerID, &due,
		&status, &st.Reason, &st.Note, &doneAt, &st.DoneBy, &st.OwnerName, &st.DoneByName); err != nil {
		return st, mapErr(err)
	}
	st.Due, _ = app.ParseDate(due)
	st.Status = app.StepStatus(status)
	st.DoneAt, _ = time.Parse(time.RFC3339Nano, doneAt)
	return st, nil
}

// RunSteps lists a run's steps in order.
func (s *Store) RunSteps(ctx context.Context, runID string) ([]app.RunStep, error) {
	return queryAll(ctx, s.read, scanStep, `SELECT `+stepColumns+` FROM `+stepFrom+` WHERE s.run_id = ? AND s.deleted = 0 ORDER BY s.position, s.id`, runID)
}

// RunStep returns one step.
func (s *Store) RunStep(ctx context.Context, id string) (app.RunStep, error) {
	st, err := scanStep(s.read.QueryRowContext(ctx, `SELECT `+stepColumns+` FROM `+stepFrom+` WHERE s.id = ? AND s.deleted = 0`, id))
	if err != nil {
		return st, notFound(err, tableStep, id)
	}
	return st, nil
}

// StepForm is what a step's screen needs besides the step: its run, the
// template step it came from (description, record form) and the values
// recorded so far.
type StepForm struct {
	Step   app.RunStep
	Run    app.Run
	Def    app.Step
	Values map[string]app.Value
}

// StepForm loads a step with its definition and recorded values.
func (s *Store) StepForm(ctx context.Context, stepID string, today app.Date) (StepForm, error) {
	st, err := s.RunStep(ctx, stepID)
	if err != nil {
		return StepForm{}, err
	}
	run, err := s.Run(ctx, st.RunID, today)
	if err != nil {
		return StepForm{}, err
	}
	v, err := s.TemplateVersion(ctx, run.VersionID)
	if err != nil {
		return StepForm{}, err
	}
	def, _ := v.Body.Step(st.StepKey)
	vals, err := s.Values(ctx, stepID)
	if err != nil {
		return StepForm{}, err
	}
	return StepForm{Step: st, Run: run, Def: def.Step, Values: vals}, nil
}

// SaveStep applies a change to a run step in one transaction: the record
// form's values first, then status, owner, due date and note. Completing
// a step whose form has a required value missing (stored or in values)
// is refused with a *app.FieldError (entity "record", the field's key);
// a new owner is recorded as a hand-off. On any problem nothing is
// written. today is the office's day: the day values are recorded for.
func (s *Store) SaveStep(ctx context.Context, stepID string, today app.Date, c app.StepChange, values map[string]app.Value) (app.RunStep, error) {
	f, err := s.StepForm(ctx, stepID, today)
	if err != nil {
		return app.RunStep{}, err
	}
	old := f.Step
	st, err := app.ApplyStepChange(old, f.Run.Start, c)
	if err != nil {
		return old, err
	}
	err = s.withTx(ctx, func(tx *sql.Tx) error {
		src := valueSource{subject: app.SubjectStep, subjectID: stepID, series: app.StepSeries(f.Run.TemplateID, old.StepKey),
			day: today, sku: f.Run.SKU}
		if err := s.writeValues(ctx, tx, src, f.Def.Fields, values); err != nil {
			return err
		}
		if st.Status == app.StepDone && old.Status != app.StepDone {
			if err := requireValues(ctx, tx, stepID, f.Def.Fields); err != nil {
				return err
			}
		}
		r := record{"status": string(st.Status), "reason": st.Reason, "due": st.Due.String(), "note": st.Note}
		switch {
		case !st.Status.Open() && st.Status != old.Status:
			r["done_at"], r["done_by"] = formatInstant(s.now()), s.Actor().ID
		case st.Status.Open() && !old.Status.Open():
			r["done_at"], r["done_by"] = "", ""
		}
		if st.OwnerID != old.OwnerID {
			if err := checkOwner(ctx, tx, st.OwnerID, "sop_step"); err != nil {
				return err
			}
			r["owner_id"] = st.OwnerID
			if err := s.appendRow(ctx, tx, tableHandOff, s.newID(), record{"run_id": old.RunID, "step_id": stepID,
				"from_id": old.OwnerID, "to_id": st.OwnerID, "by_id": s.Actor().ID, "at": formatInstant(s.now()),
				"note": strings.TrimSpace(c.HandOffNote)}); err != nil {
				return err
			}
		}
		_, err := s.updateRecord(ctx, tx, tableStep, stepID, r)
		return err
	})
	if err != nil {
		return old, err
	}
	return s.RunStep(ctx, stepID)
}

// HandOffs lists the hand-offs of a run, oldest first.
func (s *Store) HandOffs(ctx context.Context, runID string) ([]app.HandOff, error) {
	return queryAll(ctx, s.read, func(sc rowScanner) (app.HandOff, error) {
		var h app.HandOff
		var at string
		err := sc.Scan(&h.ID, &h.RunID, &h.StepID, &h.FromID, &h.ToID, &h.ByID, &at, &h.Note,
			&h.FromName, &h.ToName, &h.ByName, &h.StepTitle)
		h.At, _ = time.Parse(time.RFC3339Nano, at)
		return h, mapErr(err)
	}, `SELECT h.id, h.run_id, h.step_id, h.from_id, h.to_id, h.by_id, h.at, h.note,
		coalesce(f.name, ''), coalesce(t.name, ''), coalesce(b.name, ''), coalesce(s.title, '')
		FROM sop_handoff h
		LEFT JOIN person f ON f.id = h.from_id
		LEFT JOIN person t ON t.id = h.to_id
		LEFT JOIN person b ON b.id = h.by_id
		LEFT JOIN sop_step s ON s.id = h.step_id
		WHERE h.run_id = ? AND h.deleted = 0 ORDER BY h.at, h.id`, runID)
}

// RunHistory returns the audit trail of a run: the changes to the run, to
// each of its steps and to the values recorded for them, oldest first.
func (s *Store) RunHistory(ctx context.Context, runID string) ([]app.AuditEntry, error) {
	return s.queryAudit(ctx, `SELECT id, at, actor_id, actor_name, entity, entity_id, action, changes FROM audit_log
		WHERE deleted = 0 AND ((entity = 'sop_run' AND entity_id = ?1)
			OR (entity = 'sop_step' AND entity_id IN (SELECT id FROM sop_step WHERE run_id = ?1))
			OR (entity = 'sop_value' AND entity_id IN (SELECT v.id FROM sop_value v JOIN sop_step st ON st.id = v.subject_id WHERE st.run_id = ?1)))
		ORDER BY hlc`, runID)
}
