package data

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/opsbench/opsbench/app"
)

// Reply templates (app.ReplyTemplate). The built-in ones live in app and
// are shown as they are until the office edits one: its row (name, type,
// hidden) and its text rows (one per language) then hold the edits, with
// ids derived from the built-in's key, so the same built-in edited on two
// desks merges as one record. The office's own templates are records with
// new ids and text rows derived from theirs. Either way, two people
// editing two languages of one template both keep their text.

const (
	tableReplyTemplate = "reply_template"
	tableReplyText     = "reply_text"
)

// BuiltinReplyID is the id a built-in reply template has on every desk.
func BuiltinReplyID(key string) string { return serviceID(tableReplyTemplate, key) }

func replyTextID(templateID, lang string) string { return serviceID(tableReplyText, templateID, lang) }

// ReplyTemplates lists the templates by name (as read in lang, the
// screen's language): the built-ins with the office's edits, then the
// office's own. Hidden built-ins are left out unless withHidden.
func (s *Store) ReplyTemplates(ctx context.Context, lang string, withHidden bool) ([]app.ReplyTemplate, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT id, builtin, name, case_type, hidden FROM reply_template WHERE deleted = 0`)
	if err != nil {
		return nil, mapErr(err)
	}
	stored := map[string]app.ReplyTemplate{}
	for rows.Next() {
		var t app.ReplyTemplate
		var typ string
		if err := rows.Scan(&t.ID, &t.Builtin, &t.Name, &typ, &t.Hidden); err != nil {
			rows.Close()
			return nil, mapErr(err)
		}
		t.Type = app.CaseType(typ)
		stored[t.ID] = t
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, mapErr(err)
	}
	texts, err := s.replyTexts(ctx, "")
	if err != nil {
		return nil, err
	}
	var out []app.ReplyTemplate
	for _, b := range app.BuiltinReplies() {
		t := overlayBuiltin(b, stored[BuiltinReplyID(b.Builtin)], texts[BuiltinReplyID(b.Builtin)])
		delete(stored, t.ID)
		if !t.Hidden || withHidden {
			out = append(out, t)
		}
	}
	var own []app.ReplyTemplate
	for id, t := range stored {
		if t.Builtin != "" {
			continue // a built-in this version does not know
		}
		t.Texts = map[string]string{}
		for l, body := range texts[id] {
			if body != "" {
				t.Texts[l] = body
			}
		}
		own = append(own, t)
	}
	slices.SortFunc(own, func(a, b app.ReplyTemplate) int {
		return replyNameCompare(a.DisplayName(lang), b.DisplayName(lang), a.ID, b.ID)
	})
	return append(out, own...), nil
}

func replyNameCompare(a, b, idA, idB string) int {
	if c := strings.Compare(strings.ToLower(a), strings.ToLower(b)); c != 0 {
		return c
	}
	return strings.Compare(idA, idB)
}

// overlayBuiltin applies the office's edits (row, texts; either may be
// empty) to built-in b.
func overlayBuiltin(b, row app.ReplyTemplate, texts map[string]string) app.ReplyTemplate {
	t := b
	t.ID = BuiltinReplyID(b.Builtin)
	t.Texts = maps.Clone(b.Texts)
	if row.ID != "" {
		if row.Name != "" {
			t.Name, t.NameZh = row.Name, ""
		}
		t.Type = row.Type
		t.Hidden = row.Hidden
	}
	for l, body := range texts {
		if body == "" {
			delete(t.Texts, l)
		} else {
			t.Texts[l] = body
		}
	}
	return t
}

// replyTexts reads the text rows (of one template, or all when id is
// ""): template id -> language -> body.
func (s *Store) replyTexts(ctx context.Context, id string) (map[string]map[string]string, error) {
	q := `SELECT template_id, lang, body FROM reply_text WHERE deleted = 0`
	var args []any
	if id != "" {
		q += ` AND template_id = ?`
		args = append(args, id)
	}
	rows, err := s.read.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	out := map[string]map[string]string{}
	for rows.Next() {
		var tid, lang, body string
		if err := rows.Scan(&tid, &lang, &body); err != nil {
			return nil, mapErr(err)
		}
		if out[tid] == nil {
			out[tid] = map[string]string{}
		}
		out[tid][lang] = body
	}
	return out, mapErr(rows.Err())
}

// ReplyTemplate returns one template (a built-in by its BuiltinReplyID,
// hidden or not).
func (s *Store) ReplyTemplate(ctx context.Context, id string) (app.ReplyTemplate, error) {
	all, err := s.ReplyTemplates(ctx, "", true)
	if err != nil {
		return app.ReplyTemplate{}, err
	}
	for _, t := range all {
		if t.ID == id {
			return t, nil
		}
	}
	return app.ReplyTemplate{}, fmt.Errorf("reply template %s: %w", id, app.ErrNotFound)
}

// SaveReplyTemplate saves a template form: base is the template as the
// form opened it (zero for a new one), edited as the user left it. Only
// what changed is written (the name, the type, each language's text), so
// a colleague's edit of another language made meanwhile stays. A text
// with an unknown placeholder is refused (app.ReplyTemplate.Validate).
func (s *Store) SaveReplyTemplate(ctx context.Context, base, edited app.ReplyTemplate) (app.ReplyTemplate, error) {
	edited = edited.Normalize()
	if err := edited.Validate(); err != nil {
		return app.ReplyTemplate{}, err
	}
	base = base.Normalize()
	id := base.ID
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		if id == "" {
			id = s.newID()
			if err := s.insertRecord(ctx, tx, tableReplyTemplate, id, record{"name": edited.Name, "case_type": string(edited.Type)}); err != nil {
				return err
			}
		} else {
			r := record{}
			if edited.Name != base.Name {
				r["name"] = edited.Name
			}
			if edited.Type != base.Type {
				r["case_type"] = string(edited.Type)
			}
			if len(r) > 0 {
				if err := s.writeTemplateRow(ctx, tx, id, base.Builtin, r); err != nil {
					return err
				}
			}
		}
		langs := slices.Sorted(maps.Keys(edited.Texts))
		for l := range base.Texts {
			if _, ok := edited.Texts[l]; !ok {
				langs = append(langs, l)
			}
		}
		for _, l := range langs {
			if edited.Texts[l] == base.Texts[l] {
				continue
			}
			r := record{"template_id": id, "lang": l, "body": edited.Texts[l]}
			if err := s.upsertServiceRecord(ctx, tx, tableReplyText, replyTextID(id, l), r); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return app.ReplyTemplate{}, err
	}
	return s.ReplyTemplate(ctx, id)
}

// writeTemplateRow writes fields of a template's row; a built-in gets its
// row on the first edit.
func (s *Store) writeTemplateRow(ctx context.Context, tx *sql.Tx, id, builtin string, r record) error {
	if builtin != "" {
		if id != BuiltinReplyID(builtin) {
			return fmt.Errorf("reply template %s is not the built-in %s: %w", id, builtin, app.ErrInvalidInput)
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM reply_template WHERE id = ?`, id).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			full := record{"builtin": builtin, "name": "", "case_type": "", "hidden": false}
			if b, ok := app.BuiltinReply(builtin); ok {
				full["case_type"] = string(b.Type)
			}
			for k, v := range r {
				full[k] = v
			}
			r = full
		}
		return s.upsertServiceRecord(ctx, tx, tableReplyTemplate, id, r)
	}
	_, err := s.updateRecord(ctx, tx, tableReplyTemplate, id, r)
	return err
}

// DeleteReplyTemplate removes one of the office's templates; a built-in
// is hidden instead (RestoreReplyTemplate shows it again).
func (s *Store) DeleteReplyTemplate(ctx context.Context, id string) error {
	t, err := s.ReplyTemplate(ctx, id)
	if err != nil {
		return err
	}
	return s.withTx(ctx, func(tx *sql.Tx) error {
		if t.Builtin != "" {
			return s.writeTemplateRow(ctx, tx, id, t.Builtin, record{"hidden": true})
		}
		return s.deleteRecord(ctx, tx, tableReplyTemplate, id)
	})
}

// RestoreReplyTemplate shows a hidden built-in template again.
func (s *Store) RestoreReplyTemplate(ctx context.Context, id string) error {
	t, err := s.ReplyTemplate(ctx, id)
	if err != nil {
		return err
	}
	if t.Builtin == "" {
		return fmt.Errorf("reply template %s: only a built-in template is hidden and restored: %w", id, app.ErrInvalidInput)
	}
	return s.withTx(ctx, func(tx *sql.Tx) error {
		return s.writeTemplateRow(ctx, tx, id, t.Builtin, record{"hidden": false})
	})
}
