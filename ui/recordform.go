package ui

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/ui/widgets"
)

// A RecordForm keeps a form that edits one synced record in step with the
// record while other desks change it, so that every form follows the
// office's rules (DESIGN.md, UI conventions):
//
//   - it keeps the snapshot the form was filled from (data.OpenRecord);
//   - when a sync import changes the record while the form is open, the
//     form reloads if it has no unsaved edits; with edits, its Notice says
//     which desk and person changed which field, and Review offers keep
//     mine / take theirs per field;
//   - Save writes only the fields the person changed, on top of the
//     record as it is now; when a field they changed was also changed
//     elsewhere, the same per-field choice is asked before anything is
//     written;
//   - Dirty says whether there are unsaved edits, so that leaving asks
//     first (ConfirmDiscard; screens report them through Unsaved).
//
// A form adopts it by reading and filling its widgets by field name
// (RecordFields), placing Notice above its fields, and saving through
// Save. For example, a dialog editing a shipping mode:
//
//	type modeFields struct{ name, days *widget.Entry }
//
//	func (m modeFields) Values() (map[string]any, error) {
//		days, ok := ui.ParseWhole(m.days.Text, 0, 365)
//		if !ok {
//			return nil, ui.Problem("...")
//		}
//		return map[string]any{"name": m.name.Text, "transit_days": int64(days)}, nil
//	}
//
//	func (m modeFields) Fill(v map[string]any) error {
//		m.name.SetText(ui.ValueText(v["name"]))
//		m.days.SetText(ui.ValueText(v["transit_days"]))
//		return nil
//	}
//
//	rf := ui.NewRecordForm(env, "shipping_mode", modeFields{name, days})
//	rf.Open(id, nil) // reads the record off the UI thread and fills the form
//	env.ShowForm(ui.FormSpec{Title: ..., Form: form, Top: rf.Notice(),
//		Save: func(done func(error)) {
//			rf.Save(func(ctx context.Context, s *data.Store, snap data.RecordSnapshot, v map[string]any, keep []string) error {
//				_, err := s.SaveRecordChanges(ctx, snap, v, keep)
//				return err
//			}, done)
//		},
//		Unsaved: rf.Dirty, Closed: rf.Close})
type RecordForm struct {
	env    FormEnv
	table  string
	fields RecordFields

	id     string
	snap   data.RecordSnapshot
	have   bool           // snap holds the record (it was read)
	loaded map[string]any // the form's values as it showed snap
	keep   []string       // fields chosen "keep mine" since the last save
	cancel func()         // stops following sync changes

	// pending is the record as changed meanwhile, not yet taken into the
	// form (it has edits), and what changed.
	pending *pendingChange

	notice     *fyne.Container
	noticeText *widgets.Paragraph
	review     *widget.Button

	// OnDeleted, when set, runs on the UI thread when the record was
	// deleted on another desk while the form showed it, with the notice's
	// text saying who did.
	OnDeleted func(message string)
	// OnFilled, when set, runs on the UI thread after the record form
	// filled the form (the record read, reloaded after a sync change or a
	// save, or the person's answers to Review applied).
	OnFilled func()
}

// RecordFields is a form's side of a RecordForm: it reads and fills the
// form by field name, using the names of data.RecordSnapshot: a column's
// name ("name", "role"), and for a document column each of its keys
// ("body/capital", "body/line[2].price") holding its TOML literal
// ("100000", "'sea'"), as data.DocumentKeys gives them.
type RecordFields interface {
	// Values reads the form. An error means it cannot be read as a record
	// now (a field holds something that is not a value yet): the form
	// counts as edited and cannot be saved until it is fixed.
	Values() (map[string]any, error)
	// Fill shows values (a record as stored, or with the person's edits
	// kept); fields it does not know are ignored. It must not report the
	// filling as the person's edits.
	Fill(values map[string]any) error
}

// FormEnv is what a RecordForm needs from its window (*Env has it).
type FormEnv interface {
	T(key string, args ...any) string
	Translator() *Translator
	Window() fyne.Window
	Context() context.Context
	Store() *data.Store
	Background(work func(s *data.Store) (apply func()))
	Do(fn func())
	ErrorText(err error) string
	ShowError(title string, err error)
}

// SaveFunc writes a form through the entity's rules (e.g.
// data.Store.UpdatePersonChanges): snap is the record the form was
// filled from, values the record as the person wants it saved (the
// snapshot's values with their edits; a document column's text
// rendered from its keys), keepMine the fields they chose to keep over
// another desk's change. It runs off the UI thread.
type SaveFunc func(ctx context.Context, s *data.Store, snap data.RecordSnapshot, values map[string]any, keepMine []string) error

// ErrNotSaved is what Save reports when the person cancelled the
// keep-mine / take-theirs question: nothing was written, nothing needs
// saying.
var ErrNotSaved = errors.New("not saved: the person cancelled")

type pendingChange struct {
	snap    data.RecordSnapshot
	changes []data.FieldChange
	deleted bool
}

// absent stands for a field the form does not hold (a document key the
// person removed, say a product line).
type absent struct{}

// NewRecordForm makes the record form of table for fields. It does
// nothing until Open or Adopt.
func NewRecordForm(env FormEnv, table string, fields RecordFields) *RecordForm {
	rf := &RecordForm{env: env, table: table, fields: fields, noticeText: WrapLabel("")}
	rf.review = widget.NewButtonWithIcon(env.T("form.review"), theme.VisibilityIcon(), rf.Review)
	icon := widget.NewIcon(theme.WarningIcon())
	rf.notice = container.NewBorder(nil, nil, container.NewVBox(icon, layout.NewSpacer()), container.NewVBox(rf.review, layout.NewSpacer()), rf.noticeText)
	rf.notice.Hide()
	return rf
}

// Notice is the line that says the record changed on another desk while
// the form has edits, with a Review button. Place it above the fields;
// it takes no room while hidden.
func (rf *RecordForm) Notice() fyne.CanvasObject { return rf.notice }

// ID is the record the form edits ("" when none).
func (rf *RecordForm) ID() string { return rf.id }

// Snapshot is the record as the form was last filled from it (ok false
// before it was read).
func (rf *RecordForm) Snapshot() (data.RecordSnapshot, bool) { return rf.snap, rf.have }

// Open reads record id off the UI thread, fills the form with it and
// follows sync changes to it. done, when set, runs on the UI thread after
// the form is filled (or the record could not be read).
func (rf *RecordForm) Open(id string, done func(error)) {
	rf.attach(id)
	rf.loaded = nil
	rf.env.Background(func(s *data.Store) func() {
		snap, err := s.OpenRecord(rf.env.Context(), rf.table, id)
		return func() {
			if rf.id != id {
				return // another record was opened meanwhile
			}
			if err == nil {
				err = rf.show(snap)
			}
			if done != nil {
				done(err)
			}
		}
	})
}

// Adopt makes record id the form's record as the form shows it now
// (filled by the caller from a copy read earlier): the form's values now
// count as unedited, and the record's snapshot is read off the UI thread.
// If the record changed in between, the form reloads (or, edited by then,
// says so) as for a sync change.
func (rf *RecordForm) Adopt(id string) {
	if id == rf.id && rf.have {
		rf.Check()
		return
	}
	rf.attach(id)
	rf.loaded, _ = rf.fields.Values()
	rf.env.Background(func(s *data.Store) func() {
		snap, err := s.OpenRecord(rf.env.Context(), rf.table, id)
		return func() {
			if rf.id != id || err != nil {
				return
			}
			rf.snap, rf.have = snap, true
			if rf.loaded == nil {
				_ = rf.show(snap)
			}
		}
	})
}

// Detach stops editing a record: the form's content stays, as a new
// record's would (the caller saves it as new, or fills it anew).
func (rf *RecordForm) Detach() {
	rf.attach("")
	rf.loaded = nil
}

// Close stops following sync changes (the form is gone).
func (rf *RecordForm) Close() {
	rf.Detach()
	if rf.cancel != nil {
		rf.cancel()
		rf.cancel = nil
	}
}

// attach switches to record id and follows sync changes to it.
func (rf *RecordForm) attach(id string) {
	rf.id, rf.have, rf.snap, rf.keep, rf.pending = id, false, data.RecordSnapshot{}, nil, nil
	rf.notice.Hide()
	if rf.cancel == nil && id != "" {
		if s := rf.env.Store(); s != nil {
			table := rf.table
			rf.cancel = s.Subscribe(func(cs data.ChangeSet) {
				rf.env.Do(func() {
					if rf.id != "" && cs.Has(table, rf.id) {
						rf.Check()
					}
				})
			})
		}
	}
}

// show fills the form from snap and takes it as unedited.
func (rf *RecordForm) show(snap data.RecordSnapshot) error {
	rf.snap, rf.have, rf.pending = snap, true, nil
	rf.notice.Hide()
	if err := rf.fields.Fill(SnapshotValues(snap)); err != nil {
		return err
	}
	rf.loaded, _ = rf.fields.Values()
	rf.filled()
	return nil
}

func (rf *RecordForm) filled() {
	if rf.OnFilled != nil {
		rf.OnFilled()
	}
}

// Dirty reports whether the form holds edits not saved yet.
func (rf *RecordForm) Dirty() bool {
	if rf.loaded == nil {
		return false
	}
	edits, err := rf.edits()
	return err != nil || len(edits) > 0
}

// edits are the fields the person changed since the form was filled:
// the form's values that differ from what it showed (absent{} for a
// field no longer there).
func (rf *RecordForm) edits() (map[string]any, error) {
	cur, err := rf.fields.Values()
	if err != nil {
		return nil, err
	}
	out := map[string]any{}
	for f, v := range cur {
		if was, ok := rf.loaded[f]; !ok || !SameValue(f, was, v) {
			out[f] = v
		}
	}
	for f := range rf.loaded {
		if _, ok := cur[f]; !ok {
			out[f] = absent{}
		}
	}
	return out, nil
}

// Check reads the record again off the UI thread and applies what
// changed (Open and sync imports call it; a screen may, after saving the
// record by other means).
func (rf *RecordForm) Check() {
	id := rf.id
	if id == "" || !rf.have {
		return
	}
	rf.env.Background(func(s *data.Store) func() {
		now, err := s.OpenRecord(rf.env.Context(), rf.table, id)
		return func() {
			if rf.id != id || !rf.have {
				return
			}
			if err != nil {
				return // it comes back with the next change; a deleted record still reads
			}
			rf.changed(now)
		}
	})
}

// changed takes the record as it is now: reloads an unedited form, or
// notes what changed for an edited one.
func (rf *RecordForm) changed(now data.RecordSnapshot) {
	changes := rf.relevant(snapshotChanges(rf.snap, now))
	switch {
	case now.Deleted && !rf.snap.Deleted:
		rf.pending = &pendingChange{snap: now, deleted: true}
		rf.showNotice()
		if rf.OnDeleted != nil {
			rf.OnDeleted(rf.noticeText.Text)
		}
	case len(changes) == 0:
		// Nothing the form shows changed (a derived field, or the same
		// value): the newer clocks are taken quietly.
		rf.snap = now
	case !rf.Dirty():
		_ = rf.show(now)
	default:
		cur, _ := rf.fields.Values()
		var open []data.FieldChange
		for _, c := range changes {
			if v, ok := cur[c.Field]; ok && SameValue(c.Field, v, c.Theirs) {
				// The form holds their value already (the same edit made
				// twice, or a rename by other means): no longer an edit.
				rf.loaded[c.Field] = v
				continue
			}
			open = append(open, c)
		}
		if len(open) == 0 {
			rf.snap = now
			return
		}
		rf.pending = &pendingChange{snap: now, changes: open}
		rf.showNotice()
	}
}

// relevant keeps the changes to fields the form shows: those it reads,
// and any key of a document column it reads (a product line added).
func (rf *RecordForm) relevant(changes []data.FieldChange) []data.FieldChange {
	cur, _ := rf.fields.Values()
	known := func(f string) bool {
		if _, ok := rf.loaded[f]; ok {
			return true
		}
		_, ok := cur[f]
		return ok
	}
	docs := map[string]bool{}
	for _, m := range []map[string]any{rf.loaded, cur} {
		for f := range m {
			if col, _, ok := strings.Cut(f, "/"); ok {
				docs[col] = true
			}
		}
	}
	var out []data.FieldChange
	for _, c := range changes {
		col, _, isDoc := strings.Cut(c.Field, "/")
		if known(c.Field) || (isDoc && docs[col]) {
			out = append(out, c)
		}
	}
	return out
}

// snapshotChanges lists the fields that changed from old to now, with
// who changed them (data.Store.ChangedSince, from two snapshots).
func snapshotChanges(old, now data.RecordSnapshot) []data.FieldChange {
	whole := map[string]bool{} // document columns: compared key by key
	for f := range now.Fields {
		if col, _, ok := strings.Cut(f, "/"); ok {
			whole[col], whole[data.KeyClockColumn(col)] = true, true
		}
	}
	for f := range old.Fields {
		if col, _, ok := strings.Cut(f, "/"); ok {
			whole[col], whole[data.KeyClockColumn(col)] = true, true
		}
	}
	var out []data.FieldChange
	for f, st := range now.Fields {
		if whole[f] {
			continue
		}
		b, ok := old.Fields[f]
		if ok && (b.Clock == st.Clock || SameValue(f, b.Value, st.Value)) {
			continue
		}
		out = append(out, data.FieldChange{Field: f, Base: b.Value, Theirs: st.Value, Clock: st.Clock, Desk: st.Desk, Actor: st.Actor})
	}
	for f, b := range old.Fields {
		if _, ok := now.Fields[f]; ok || whole[f] || b.Value == nil {
			continue
		}
		// A document key removed: its removal is the column's newest change.
		col, _, _ := strings.Cut(f, "/")
		st := now.Fields[col]
		out = append(out, data.FieldChange{Field: f, Base: b.Value, Clock: st.Clock, Desk: st.Desk, Actor: st.Actor})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Field < out[j].Field })
	return out
}

// rebase takes now as the record the form edits, keeping the person's
// edits except the fields in theirs (they take the stored value), and
// keeping the form's value of the fields in mine (chosen over another
// desk's change even where the person had not edited them).
func (rf *RecordForm) rebase(now data.RecordSnapshot, choices map[string]bool) error {
	cur, err := rf.fields.Values()
	if err != nil {
		return err
	}
	edits, err := rf.edits()
	if err != nil {
		return err
	}
	for f, keepMine := range choices {
		switch {
		case !keepMine:
			delete(edits, f)
		case keepMine:
			if v, ok := cur[f]; ok {
				edits[f] = v
			} else {
				edits[f] = absent{}
			}
		}
	}
	if err := rf.fields.Fill(SnapshotValues(now)); err != nil {
		return err
	}
	rf.snap, rf.pending = now, nil
	rf.notice.Hide()
	rf.loaded, _ = rf.fields.Values()
	if len(edits) > 0 {
		if err := rf.fields.Fill(overlay(SnapshotValues(now), edits)); err != nil {
			return err
		}
	}
	rf.filled()
	return nil
}

// overlay is base with edits applied (absent{} removes a field).
func overlay(base, edits map[string]any) map[string]any {
	out := make(map[string]any, len(base)+len(edits))
	for f, v := range base {
		out[f] = v
	}
	for f, v := range edits {
		if _, gone := v.(absent); gone {
			delete(out, f)
			continue
		}
		out[f] = v
	}
	return out
}

func (rf *RecordForm) showNotice() {
	p := rf.pending
	if p == nil {
		rf.notice.Hide()
		return
	}
	if p.deleted {
		st := p.snap.Fields["deleted"]
		rf.noticeText.SetText(rf.env.T("form.deleted", "Who", rf.who(st.Actor, st.Desk, st)))
		rf.review.Hide()
		rf.notice.Show()
		return
	}
	ft := NewFieldText(rf.env.Translator(), rf.table, SnapshotValues(p.snap))
	byWho := map[string][]string{}
	var order []string
	for _, c := range p.changes {
		w := rf.who(c.Actor, c.Desk, data.FieldState{Clock: c.Clock})
		if _, ok := byWho[w]; !ok {
			order = append(order, w)
		}
		byWho[w] = append(byWho[w], ft.Label(c.Field))
	}
	parts := make([]string, len(order))
	sep := rf.env.T("list.separator")
	for i, w := range order {
		parts[i] = rf.env.T("form.changed_by", "Who", w, "Fields", strings.Join(byWho[w], sep))
	}
	rf.noticeText.SetText(rf.env.T("form.changed", "Changes", strings.Join(parts, rf.env.T("list.sentence_separator"))))
	rf.review.Show()
	rf.notice.Show()
}

// who says which person at which desk wrote a value, and when.
func (rf *RecordForm) who(actor, desk string, st data.FieldState) string {
	return WhoText(rf.env.Translator(), actor, desk, st.Clock.Time())
}

// Review asks keep mine / take theirs for each field changed on another
// desk while the form had edits, then applies the answers to the form
// (nothing is saved until Save).
func (rf *RecordForm) Review() {
	p := rf.pending
	if p == nil || p.deleted {
		return
	}
	cur, _ := rf.fields.Values()
	edits, _ := rf.edits()
	rows := make([]choiceRow, len(p.changes))
	for i, c := range p.changes {
		mine, ok := cur[c.Field]
		if !ok {
			mine = absent{}
		}
		_, edited := edits[c.Field]
		rows[i] = choiceRow{change: c, mine: mine, edited: edited}
	}
	rf.askChoices(p.snap, rows, false, func(choices map[string]bool) {
		if err := rf.rebase(p.snap, choices); err != nil {
			rf.env.ShowError(rf.env.T("form.review_failed"), err)
			return
		}
		rf.noteKept(choices)
	}, nil)
}

func (rf *RecordForm) noteKept(choices map[string]bool) {
	for f, mine := range choices {
		if mine {
			rf.keep = append(rf.keep, f)
		}
	}
}

// Save writes the person's edits with write, off the UI thread, then
// fills the form from the record as stored. When a field they changed
// was also changed elsewhere since the form was filled, nothing is
// written: keep mine / take theirs is asked per field and, once
// answered, the save runs again. done runs on the UI thread: nil once
// saved (also when there was nothing to save), ErrNotSaved when the
// question was cancelled, or the error.
func (rf *RecordForm) Save(write SaveFunc, done func(error)) {
	if rf.id == "" || !rf.have {
		done(fmt.Errorf("%w: the form's record is not read yet", ErrNotSaved))
		return
	}
	edits, err := rf.edits()
	if err != nil {
		done(err)
		return
	}
	values, err := recordValues(SnapshotValues(rf.snap), edits)
	if err != nil {
		done(err)
		return
	}
	snap, id, keep := rf.snap, rf.id, append([]string(nil), rf.keep...)
	cur, _ := rf.fields.Values()
	rf.env.Background(func(s *data.Store) func() {
		ctx := rf.env.Context()
		err := write(ctx, s, snap, values, keep)
		var now data.RecordSnapshot
		var readErr error
		if err == nil || errors.Is(err, app.ErrStale) {
			now, readErr = s.OpenRecord(ctx, rf.table, id)
		}
		return func() {
			if rf.id != id {
				done(err)
				return
			}
			var stale *data.StaleError
			switch {
			case errors.As(err, &stale):
				if readErr != nil {
					done(readErr)
					return
				}
				rf.askStale(stale, now, write, done)
			case err != nil:
				done(err)
			default:
				rf.saved(now, cur, readErr)
				done(nil)
			}
		}
	})
}

// saved takes the record as stored after a save. The form is filled from
// it (showing what other desks changed meanwhile too), unless the person
// typed on while it was saved: then their new typing stays an edit.
func (rf *RecordForm) saved(now data.RecordSnapshot, atSave map[string]any, readErr error) {
	rf.keep = nil
	if readErr != nil {
		rf.loaded = atSave
		return
	}
	if cur, err := rf.fields.Values(); err == nil && sameValues(cur, atSave) {
		_ = rf.show(now)
		return
	}
	rf.snap, rf.have, rf.pending, rf.loaded = now, true, nil, atSave
	rf.notice.Hide()
}

// askStale asks about the fields a save found changed on both sides,
// then saves again with the answers.
func (rf *RecordForm) askStale(stale *data.StaleError, now data.RecordSnapshot, write SaveFunc, done func(error)) {
	rows := make([]choiceRow, len(stale.Fields))
	for i, c := range stale.Fields {
		mine := c.Mine
		if mine == nil {
			mine = absent{}
		}
		rows[i] = choiceRow{change: c, mine: mine, edited: true}
	}
	rf.askChoices(now, rows, true, func(choices map[string]bool) {
		if err := rf.rebase(now, choices); err != nil {
			done(err)
			return
		}
		rf.noteKept(choices)
		rf.Save(write, done)
	}, func() { done(ErrNotSaved) })
}

// recordValues is the record to save: the snapshot's values with the
// edits, each document column's text rendered from its keys.
func recordValues(base, edits map[string]any) (map[string]any, error) {
	values := overlay(base, edits)
	docs := map[string]map[string]string{}
	for f, v := range values {
		col, key, ok := strings.Cut(f, "/")
		if !ok {
			continue
		}
		if docs[col] == nil {
			docs[col] = map[string]string{}
		}
		docs[col][key] = ValueText(v)
	}
	for col, keys := range docs {
		text, err := data.RenderDocument(keys)
		if err != nil {
			return nil, err
		}
		values[col] = text
	}
	return values, nil
}

// choiceRow is one field of the keep mine / take theirs question.
type choiceRow struct {
	change data.FieldChange
	mine   any
	edited bool // the person changed it too
}

// askChoices shows the keep mine / take theirs question for rows. A field
// the person did not edit starts on "take theirs"; one both changed must
// be answered. apply gets field -> keep mine.
func (rf *RecordForm) askChoices(now data.RecordSnapshot, rows []choiceRow, saving bool, apply func(map[string]bool), cancel func()) {
	env := rf.env
	ft := NewFieldText(env.Translator(), rf.table, SnapshotValues(now))
	keepL, takeL := env.T("form.keep_mine"), env.T("form.take_theirs")
	choices := map[string]bool{}
	list := container.NewVBox()
	var ok *widget.Button
	update := func() {
		if len(choices) == len(rows) {
			ok.Enable()
		} else {
			ok.Disable()
		}
	}
	for _, r := range rows {
		field := r.change.Field
		show := func(v any) string {
			if _, gone := v.(absent); gone || v == nil {
				return env.T("value.none")
			}
			if strings.Contains(field, "/") {
				v = data.DocumentValue(ValueText(v))
			}
			return ft.Value(field, v)
		}
		title := SectionLabel(ft.Label(field))
		mine := WrapLabel(env.T("form.mine", "Value", show(r.mine)))
		theirs := WrapLabel(env.T("form.theirs", "Value", show(r.change.Theirs),
			"Who", rf.who(r.change.Actor, r.change.Desk, data.FieldState{Clock: r.change.Clock})))
		radio := widget.NewRadioGroup([]string{keepL, takeL}, func(s string) {
			switch s {
			case keepL:
				choices[field] = true
			case takeL:
				choices[field] = false
			default:
				delete(choices, field)
			}
			if ok != nil {
				update()
			}
		})
		radio.Horizontal = true
		if !r.edited {
			radio.SetSelected(takeL)
		}
		list.Add(container.NewVBox(title, mine, theirs, radio, widget.NewSeparator()))
	}
	intro := env.T("form.choose_intro")
	if saving {
		intro = env.T("form.choose_intro_save")
	}
	scroll := container.NewVScroll(list)
	// The list's height as wrapped at the dialog's width, up to a bound.
	height := min(FixedWidth(FormDialogWidth-2*theme.Padding(), list).MinSize().Height, choiceListHeight)
	body := container.NewBorder(WrapLabel(intro), nil, nil, nil, AtLeast(fyne.NewSize(0, height), scroll))
	var d *dialog.CustomDialog
	d = dialog.NewCustomWithoutButtons(env.T("form.choose_title"), FixedWidth(FormDialogWidth, body), env.Window())
	okLabel := env.T("form.apply")
	if saving {
		okLabel = env.T("form.apply_save")
	}
	ok = widget.NewButtonWithIcon(okLabel, theme.ConfirmIcon(), func() {
		d.Hide()
		apply(choices)
	})
	ok.Importance = widget.HighImportance
	back := widget.NewButton(env.T("action.cancel"), func() {
		d.Hide()
		if cancel != nil {
			cancel()
		}
	})
	d.SetButtons([]fyne.CanvasObject{back, ok})
	update()
	d.Show()
}

// choiceListHeight bounds the question's list of fields; more scroll.
const choiceListHeight = 380

// WhoText says which person at which desk did something, and when
// ("王芳 at desk B, 03-02 10:15"); what is not known is left out.
func WhoText(tr *Translator, actor, desk string, at time.Time) string {
	if desk == "" {
		desk = tr.T("who.unknown_desk")
	}
	when := ""
	if !at.IsZero() {
		when = at.Local().Format(MinuteLayout)
	}
	switch {
	case actor != "" && when != "":
		return tr.T("who.person_at", "Person", actor, "Desk", desk, "Time", when)
	case actor != "":
		return tr.T("who.person", "Person", actor, "Desk", desk)
	case when != "":
		return tr.T("who.desk_at", "Desk", desk, "Time", when)
	}
	return tr.T("who.desk", "Desk", desk)
}
