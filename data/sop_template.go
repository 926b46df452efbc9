package data

import (
	"context"
	"crypto/sha1"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/opsbench/opsbench/app"
)

const (
	tableTemplate        = "sop_template"
	tableTemplateVersion = "sop_template_version"
)

// BuiltinAuthor is the author of the versions of built-in templates.
const BuiltinAuthor = "OpsBench"

// SettingSOPSeeded records that the built-in templates were loaded into
// this database (and in which language), so that a template the office
// deleted does not come back on the next start.
const SettingSOPSeeded = "sop_seeded"

func bodyJSON(b app.TemplateBody) (string, error) {
	out, err := json.Marshal(b)
	if err != nil {
		return "", fmt.Errorf("template content: %w", err)
	}
	return string(out), nil
}

func parseBody(s string) (app.TemplateBody, error) {
	var b app.TemplateBody
	if err := json.Unmarshal([]byte(s), &b); err != nil {
		return b, fmt.Errorf("damaged template content: %w", err)
	}
	return b, nil
}

// CreateTemplate adds a template with its first version. Its name must
// not be taken by another template here.
func (s *Store) CreateTemplate(ctx context.Context, t app.Template) (app.Template, error) {
	t = t.Normalize()
	if err := t.Validate(); err != nil {
		return app.Template{}, err
	}
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		var err error
		t, err = s.createTemplate(ctx, tx, t)
		return err
	})
	if err != nil {
		return app.Template{}, err
	}
	return t, nil
}

// createTemplate inserts a normalized, valid template inside tx.
func (s *Store) createTemplate(ctx context.Context, tx *sql.Tx, t app.Template) (app.Template, error) {
	t.ID = s.newID()
	if err := checkNewName(ctx, tx, tableTemplate, t.Name, t.ID, tableTemplate); err != nil {
		return t, err
	}
	v, err := s.addVersion(ctx, tx, t.ID, 1, t.Body)
	if err != nil {
		return t, err
	}
	t.VersionID, t.Version, t.Archived = v.ID, 1, false
	t.UpdatedAt = s.now().UTC().Truncate(time.Millisecond)
	err = s.insertRecord(ctx, tx, tableTemplate, t.ID, record{"name": t.Name, "description": t.Description,
		"archived": false, "builtin": t.Builtin, "version_id": v.ID, "updated_at": formatInstant(t.UpdatedAt)})
	return t, err
}

func (s *Store) addVersion(ctx context.Context, tx *sql.Tx, templateID string, number int, body app.TemplateBody) (app.TemplateVersion, error) {
	js, err := bodyJSON(body)
	if err != nil {
		return app.TemplateVersion{}, err
	}
	v := app.TemplateVersion{ID: s.newID(), TemplateID: templateID, Number: number, Body: body,
		CreatedAt: s.now().UTC().Truncate(time.Millisecond), CreatedBy: s.Actor().Name}
	err = s.appendRow(ctx, tx, tableTemplateVersion, v.ID, record{"template_id": templateID, "number": int64(number),
		"body": js, "created_at": formatInstant(v.CreatedAt), "created_by": v.CreatedBy})
	return v, err
}

// SaveTemplate saves changes to a template: name, description and the
// archive flag in place (a new name must not be taken here), the content
// as a new version when it differs from the current one. Runs keep the
// version they started from.
func (s *Store) SaveTemplate(ctx context.Context, t app.Template) (app.Template, error) {
	t = t.Normalize()
	if err := t.Validate(); err != nil {
		return app.Template{}, err
	}
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		if err := checkNewName(ctx, tx, tableTemplate, t.Name, t.ID, tableTemplate); err != nil {
			return err
		}
		cur, err := templateTx(ctx, tx, t.ID)
		if err != nil {
			return err
		}
		want, err := bodyJSON(t.Body)
		if err != nil {
			return err
		}
		have, err := bodyJSON(cur.Body)
		if err != nil {
			return err
		}
		t.VersionID, t.Version = cur.VersionID, cur.Version
		if want != have {
			var last int
			if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(number), 0) FROM sop_template_version WHERE template_id = ?`, t.ID).Scan(&last); err != nil {
				return err
			}
			v, err := s.addVersion(ctx, tx, t.ID, last+1, t.Body)
			if err != nil {
				return err
			}
			t.VersionID, t.Version = v.ID, v.Number
		}
		t.UpdatedAt = s.now().UTC().Truncate(time.Millisecond)
		_, err = s.updateRecordTouching(ctx, tx, tableTemplate, t.ID,
			record{"name": t.Name, "description": t.Description, "archived": t.Archived, "version_id": t.VersionID},
			record{"updated_at": formatInstant(t.UpdatedAt)})
		return err
	})
	if err != nil {
		return app.Template{}, err
	}
	return s.Template(ctx, t.ID)
}

// DeleteTemplate removes a template, or archives it when runs use it (so
// they keep their template): archived reports which happened.
func (s *Store) DeleteTemplate(ctx context.Context, id string) (archived bool, err error) {
	err = s.withTx(ctx, func(tx *sql.Tx) error {
		var runs int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sop_run WHERE template_id = ? AND deleted = 0`, id).Scan(&runs); err != nil {
			return err
		}
		if runs == 0 {
			return s.deleteRecord(ctx, tx, tableTemplate, id)
		}
		archived = true
		_, err := s.updateRecordTouching(ctx, tx, tableTemplate, id, record{"archived": true},
			record{"updated_at": formatInstant(s.now())})
		return err
	})
	return archived, err
}

// SetTemplateArchived archives a template (it starts no new runs and
// leaves the list) or brings it back.
func (s *Store) SetTemplateArchived(ctx context.Context, id string, archived bool) error {
	return s.withTx(ctx, func(tx *sql.Tx) error {
		_, err := s.updateRecordTouching(ctx, tx, tableTemplate, id, record{"archived": archived},
			record{"updated_at": formatInstant(s.now())})
		return err
	})
}

const templateColumns = `t.id, t.name, t.description, t.archived, t.builtin, t.version_id, t.updated_at,
	coalesce(v.number, 0), coalesce(v.body, '{"stages":[]}'),
	(SELECT count(*) FROM sop_run r WHERE r.template_id = t.id AND r.deleted = 0)`

const templateFrom = `sop_template t LEFT JOIN sop_template_version v ON v.id = t.version_id`

func scanTemplates(rows *sql.Rows) ([]app.Template, error) {
	defer rows.Close()
	var out []app.Template
	for rows.Next() {
		var t app.Template
		var at, body string
		if err := rows.Scan(&t.ID, &t.Name, &t.Description, &t.Archived, &t.Builtin, &t.VersionID, &at, &t.Version, &body, &t.Runs); err != nil {
			return nil, mapErr(err)
		}
		t.UpdatedAt, _ = time.Parse(time.RFC3339Nano, at)
		b, err := parseBody(body)
		if err != nil {
			return nil, fmt.Errorf("template %q: %w", t.Name, err)
		}
		t.Body = b
		out = append(out, t)
	}
	return out, mapErr(rows.Err())
}

func templateTx(ctx context.Context, q querier, id string) (app.Template, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+templateColumns+` FROM `+templateFrom+` WHERE t.id = ? AND t.deleted = 0`, id)
	if err != nil {
		return app.Template{}, mapErr(err)
	}
	ts, err := scanTemplates(rows)
	if err != nil {
		return app.Template{}, err
	}
	if len(ts) == 0 {
		return app.Template{}, fmt.Errorf("template %s: %w", id, app.ErrNotFound)
	}
	return ts[0], nil
}

// Template returns one template with its current version's content.
func (s *Store) Template(ctx context.Context, id string) (app.Template, error) {
	return templateTx(ctx, s.read, id)
}

// Templates lists the templates by name (Chinese by pinyin), archived
// ones too when asked, with their current content and number of runs.
func (s *Store) Templates(ctx context.Context, withArchived bool) ([]app.Template, error) {
	q := `SELECT ` + templateColumns + ` FROM ` + templateFrom + ` WHERE t.deleted = 0`
	if !withArchived {
		q += ` AND t.archived = 0`
	}
	rows, err := s.read.QueryContext(ctx, q)
	if err != nil {
		return nil, mapErr(err)
	}
	out, err := scanTemplates(rows)
	if err != nil {
		return nil, err
	}
	sortByName(out, func(t app.Template) string { return t.Name }, func(t app.Template) string { return t.ID })
	return out, nil
}

// TemplateVersion returns one version of a template.
func (s *Store) TemplateVersion(ctx context.Context, id string) (app.TemplateVersion, error) {
	vs, err := s.queryVersions(ctx, `WHERE id = ?`, id)
	if err != nil {
		return app.TemplateVersion{}, err
	}
	if len(vs) == 0 {
		return app.TemplateVersion{}, fmt.Errorf("template version %s: %w", id, app.ErrNotFound)
	}
	return vs[0], nil
}

// TemplateVersions lists a template's versions, newest first.
func (s *Store) TemplateVersions(ctx context.Context, templateID string) ([]app.TemplateVersion, error) {
	return s.queryVersions(ctx, `WHERE template_id = ? ORDER BY number DESC, id DESC`, templateID)
}

func (s *Store) queryVersions(ctx context.Context, where string, args ...any) ([]app.TemplateVersion, error) {
	return queryAll(ctx, s.read, func(sc rowScanner) (app.TemplateVersion, error) {
		var v app.TemplateVersion
		var body, at string
		if err := sc.Scan(&v.ID, &v.TemplateID, &v.Number, &body, &at, &v.CreatedBy); err != nil {
			return v, mapErr(err)
		}
		v.CreatedAt, _ = time.Parse(time.RFC3339Nano, at)
		var err error
		v.Body, err = parseBody(body)
		return v, err
	}, `SELECT id, template_id, number, body, created_at, created_by FROM sop_template_version `+where, args...)
}

// builtinNamespace is the UUID namespace of the ids of built-in templates
// and checklist items loaded into a database.
var builtinNamespace = uuid.MustParse("c1f3f0a4-8d2b-4c7e-b1f9-3e6a2d5c9b10")

func builtinID(parts ...string) string {
	return uuid.NewHash(sha1.New(), builtinNamespace, []byte(strings.Join(parts, "/")), 5).String()
}

// SeedResult says what SeedBuiltins added.
type SeedResult struct {
	Templates, Checklists int
}

// SeedBuiltins loads the built-in templates and checklist items of one
// language (the files in assets/sop) as editable copies, once per
// database: later calls do nothing. Every desk loads them with the same
// ids and clocks (see insertBaseRow), so two desks of one office that
// both loaded them have one copy of each after sync, and what either
// edits wins. A template whose name is already taken here is left out.
// Built-in checklist items come without an owner: they make no entries
// until someone takes them on.
func (s *Store) SeedBuiltins(ctx context.Context, lang string, f app.SOPFile) (SeedResult, error) {
	var res SeedResult
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		if done, err := getSetting(ctx, tx, SettingSOPSeeded); err != nil || done != "" {
			return err
		}
		for _, tf := range f.Templates {
			t := tf.Template().Normalize()
			if err := t.Validate(); err != nil {
				return fmt.Errorf("built-in template %q: %w", t.Name, err)
			}
			if t.Builtin == "" {
				return fmt.Errorf("built-in template %q has no builtin key", t.Name)
			}
			var taken int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sop_template WHERE deleted = 0 AND name = ?`, t.Name).Scan(&taken); err != nil {
				return err
			}
			if taken > 0 {
				continue
			}
			id := builtinID("template", lang, t.Builtin)
			vid := builtinID("template", lang, t.Builtin, "1")
			js, err := bodyJSON(t.Body)
			if err != nil {
				return err
			}
			if _, err := s.insertBaseRow(ctx, tx, tableTemplateVersion, vid, record{"template_id": id, "number": int64(1),
				"body": js, "created_at": formatInstant(BaseClock.Time()), "created_by": BuiltinAuthor}, true); err != nil {
				return err
			}
			added, err := s.insertBaseRow(ctx, tx, tableTemplate, id, record{"name": t.Name, "description": t.Description,
				"archived": false, "builtin": t.Builtin, "version_id": vid, "updated_at": formatInstant(BaseClock.Time())}, false)
			if err != nil {
				return err
			}
			if added {
				res.Templates++
			}
		}
		for i, cf := range f.Checklists {
			it, err := cf.Item()
			if err == nil {
				it = it.Normalize()
				err = it.Validate()
			}
			if err != nil {
				return fmt.Errorf("built-in checklist item %q: %w", cf.Title, err)
			}
			if it.Builtin == "" {
				return fmt.Errorf("built-in checklist item %q has no builtin key", it.Title)
			}
			it.Position = i
			r, err := checklistRecord(it)
			if err != nil {
				return err
			}
			added, err := s.insertBaseRow(ctx, tx, tableChecklistItem, builtinID("checklist", lang, it.Builtin), r, false)
			if err != nil {
				return err
			}
			if added {
				res.Checklists++
			}
		}
		return setSetting(ctx, tx, SettingSOPSeeded, lang)
	})
	return res, err
}

// ImportResult says what ImportSOPFile added.
type ImportResult struct {
	Templates  []app.Template
	Checklists []app.ChecklistItem
}

// ImportSOPFile adds the templates and checklist items of a parsed file
// (app.ParseSOPFile) as new records, all or nothing: a template whose
// name is taken here refuses the whole file with an *app.SOPFileError
// naming it. A checklist item's owner is the person of that name here,
// if there is one; items start today (no backlog of earlier days).
func (s *Store) ImportSOPFile(ctx context.Context, f app.SOPFile, today app.Date) (ImportResult, error) {
	var res ImportResult
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		for i, tf := range f.Templates {
			t := tf.Template().Normalize()
			t.Builtin = ""
			if err := t.Validate(); err != nil {
				return &app.SOPFileError{Template: i + 1, Name: tf.Name, Err: err}
			}
			t, err := s.createTemplate(ctx, tx, t)
			if err != nil {
				var fe *app.FieldError
				if errors.As(err, &fe) {
					return &app.SOPFileError{Template: i + 1, Name: tf.Name, Err: err}
				}
				return err
			}
			res.Templates = append(res.Templates, t)
		}
		var pos int
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(position), -1) + 1 FROM checklist_item WHERE deleted = 0`).Scan(&pos); err != nil {
			return err
		}
		for i, cf := range f.Checklists {
			it, err := cf.Item()
			if err != nil {
				return &app.SOPFileError{Checklist: i + 1, Name: cf.Title, Err: err}
			}
			it.Builtin = ""
			it.Position = pos + i
			it.Schedule.Start = today
			if name := strings.TrimSpace(cf.Owner); name != "" {
				err := tx.QueryRowContext(ctx, `SELECT id FROM person WHERE deleted = 0 AND name = ? ORDER BY id LIMIT 1`, name).Scan(&it.OwnerID)
				if err != nil && !errors.Is(err, sql.ErrNoRows) {
					return err
				}
			}
			it, err = s.createChecklistItem(ctx, tx, it)
			if err != nil {
				var fe *app.FieldError
				if errors.As(err, &fe) {
					return &app.SOPFileError{Checklist: i + 1, Name: cf.Title, Err: err}
				}
				return err
			}
			res.Checklists = append(res.Checklists, it)
		}
		return nil
	})
	if err != nil {
		return ImportResult{}, err
	}
	return res, nil
}

// ExportSOPFile gathers templates (their current versions; all live ones
// when ids is empty) and, when withChecklists is set, the checklist items
// with their owners' names, for app.MarshalSOPFile.
func (s *Store) ExportSOPFile(ctx context.Context, ids []string, withChecklists bool) (app.SOPFile, error) {
	var f app.SOPFile
	if len(ids) == 0 {
		ts, err := s.Templates(ctx, false)
		if err != nil {
			return f, err
		}
		for _, t := range ts {
			ids = append(ids, t.ID)
		}
	}
	for _, id := range ids {
		t, err := s.Template(ctx, id)
		if err != nil {
			return f, err
		}
		t.Builtin = "" // an exported copy is the office's own
		f.Templates = append(f.Templates, app.TemplateFileOf(t))
	}
	if withChecklists {
		items, err := s.ChecklistItems(ctx, false)
		if err != nil {
			return f, err
		}
		for _, it := range items {
			it.Builtin = ""
			f.Checklists = append(f.Checklists, app.ChecklistFileOf(it, it.OwnerName))
		}
	}
	return f, nil
}
