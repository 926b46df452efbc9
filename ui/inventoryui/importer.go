package inventoryui

import (
	"context"
	"errors"
	"os"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/data/reports"
	"github.com/opsbench/opsbench/ui"
	"github.com/opsbench/opsbench/ui/widgets"
)

// The Import tab reads files downloaded from Seller Central (and catalog
// files): a file picked, or dropped onto the window, is previewed first —
// its kind, rows, the days it covers, SKUs the catalog lacks, rows that
// cannot be imported and why — then imported whole, or not at all, under
// a progress bar with Cancel. Dropping several files queues them.

// maxProblemsShown bounds the problems a preview lists.
const maxProblemsShown = 12

// importTab is the Import tab.
type importTab struct {
	s    *Screen
	root fyne.CanvasObject

	queue []string // files waiting, the first shown
	file  *widget.Label
	// Options: the kind (auto), the snapshot day or report period, the
	// marketplace of rows that do not say, skip bad rows, add SKUs.
	kind    *widget.Select
	kinds   ui.Choices
	day     *widget.Entry
	from    *widget.Entry
	dayRow  *fyne.Container
	period  *fyne.Container
	market  *widget.Select
	markets ui.Choices
	skip    *widget.Check
	addSKUs *widget.Check

	summary  *widgets.Paragraph
	problems *widgets.Paragraph
	run      *widget.Button
	next     *widget.Button
	history  *widgets.Paragraph

	preview    data.ImportPreview
	previewErr error
	cancelPrev context.CancelFunc
	filling    bool
}

func newImportTab(s *Screen) *importTab {
	tr := s.tr
	t := &importTab{s: s, file: widget.NewLabel(tr.T("inventory.import.no_file")), summary: ui.WrapLabel(tr.T("inventory.import.where")),
		problems: ui.StatusLabel(), history: ui.StatusLabel()}
	t.file.Truncation = fyne.TextTruncateEllipsis
	t.problems.Importance = widget.WarningImportance
	t.kinds = ui.Choices{{Value: "", Label: tr.T("inventory.import.kind_auto")}}
	for _, k := range s.importer(nil).Kinds() {
		t.kinds = append(t.kinds, ui.Choice{Value: string(k), Label: kindLabel(tr, k)})
	}
	t.kind = widget.NewSelect(t.kinds.Labels(), func(string) { t.optionsChanged() })
	t.kind.SetSelected(t.kinds[0].Label)
	t.day = widget.NewEntry()
	t.day.SetPlaceHolder(tr.T("inventory.day_hint"))
	t.day.OnChanged = func(string) { t.optionsChanged() }
	t.from = widget.NewEntry()
	t.from.SetPlaceHolder(tr.T("inventory.day_hint"))
	t.from.OnChanged = func(string) { t.optionsChanged() }
	t.markets = ui.Choices{{Value: "", Label: tr.T("inventory.import.market_default")}}
	for _, m := range app.Marketplaces() {
		t.markets = append(t.markets, ui.Choice{Value: m.Code, Label: m.Code + " · " + m.Channel})
	}
	t.market = widget.NewSelect(t.markets.Labels(), func(string) { t.optionsChanged() })
	t.market.SetSelected(t.markets[0].Label)
	t.skip = widget.NewCheck(tr.T("inventory.import.skip_bad"), func(bool) { t.update() })
	t.addSKUs = widget.NewCheck(tr.T("inventory.import.add_skus"), nil)
	t.dayRow = container.NewBorder(nil, nil, widget.NewLabel(tr.T("inventory.import.snapshot_day")), nil, t.day)
	t.period = container.NewBorder(nil, nil, widget.NewLabel(tr.T("inventory.import.period")), nil,
		container.NewGridWithColumns(2, t.from, t.day))
	t.dayRow.Hide() // shown when the preview says the kind needs them
	t.period.Hide()

	pick := widget.NewButtonWithIcon(tr.T("inventory.import.pick"), theme.FolderOpenIcon(), t.pick)
	pick.Importance = widget.HighImportance
	t.run = widget.NewButtonWithIcon(tr.T("inventory.import.run"), theme.DownloadIcon(), t.doImport)
	t.run.Importance = widget.HighImportance
	t.next = widget.NewButtonWithIcon(tr.T("inventory.import.skip_file"), theme.MediaSkipNextIcon(), t.skipFile)
	t.update()

	hint := ui.WrapLabel(tr.T("inventory.import.hint"))
	options := widget.NewForm(
		widget.NewFormItem(tr.T("inventory.import.kind"), t.kind),
		widget.NewFormItem(tr.T("inventory.import.market"), t.market),
	)
	left := container.NewVBox(container.NewBorder(nil, nil, nil, pick, t.file), options, t.dayRow, t.period, t.skip, t.addSKUs,
		container.NewHBox(t.run, t.next))
	right := container.NewVBox(ui.SectionLabel(tr.T("inventory.import.preview")), t.summary, t.problems)
	split := container.NewHSplit(container.NewVScroll(container.NewPadded(left)), container.NewVScroll(container.NewPadded(right)))
	split.Offset = 0.45
	hist := container.NewBorder(ui.SectionLabel(tr.T("inventory.import.history")), nil, nil, nil, container.NewVScroll(t.history))
	body := container.NewVSplit(split, hist)
	body.Offset = 0.68
	t.root = container.NewBorder(container.NewPadded(hint), nil, nil, nil, body)
	return t
}

// importer is an importer over st of the kinds this window imports.
func (s *Screen) importer(st *data.Store) *data.Importer {
	return data.NewImporter(st, s.kinds...)
}

// AddImportKinds lets another area's files (the service area's case log)
// be imported here too.
func (s *Screen) AddImportKinds(kinds ...data.ImportKind) { s.kinds = append(s.kinds, kinds...) }

// kindLabel names a kind of file.
func kindLabel(tr *ui.Translator, k reports.Kind) string {
	key := "inventory.kind." + string(k)
	if tr.Has(key) {
		return tr.T(key)
	}
	return k.Title()
}

// load shows the history.
func (t *importTab) load() {
	s := t.s
	s.env.Background(func(st *data.Store) func() {
		log, err := st.ImportLog(s.env.Context(), 30)
		return func() {
			if err != nil {
				t.history.SetText(s.env.ErrorText(err))
				return
			}
			t.showHistory(log)
		}
	})
}

func (t *importTab) showHistory(log []data.ImportLogEntry) {
	tr := t.s.tr
	if len(log) == 0 {
		t.history.SetText(tr.T("inventory.import.no_history"))
		return
	}
	lines := make([]string, len(log))
	for i, e := range log {
		period := ""
		if !e.From.IsZero() {
			period = e.From.String()
			if e.To != e.From {
				period += " – " + e.To.String()
			}
		}
		lines[i] = tr.T("inventory.import.history_line", "Time", e.At.Local().Format(ui.ShortTimeLayout), "Who", e.ActorName,
			"Kind", kindLabel(tr, e.Kind), "File", e.FileName, "Rows", units(e.Rows), "Added", units(e.Added),
			"Skipped", e.Skipped, "Period", period)
	}
	t.history.SetText(strings.Join(lines, "\n"))
}

// pick asks for a file to import.
func (t *importTab) pick() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			t.s.env.ShowError(t.s.tr.T("inventory.import.failed"), err)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		_ = r.Close()
		t.open(path)
	}, t.s.env.Window())
	d.Show()
}

// open shows the preview of path (queued behind the file shown when one
// is being previewed and others wait).
func (t *importTab) open(paths ...string) {
	t.queue = append(t.queue[:0:0], paths...)
	t.showFirst()
}

// showFirst previews the first queued file with default options.
func (t *importTab) showFirst() {
	tr := t.s.tr
	if len(t.queue) == 0 {
		t.file.SetText(tr.T("inventory.import.no_file"))
		t.preview, t.previewErr = data.ImportPreview{}, nil
		t.summary.SetText(tr.T("inventory.import.where"))
		t.problems.SetText("")
		t.update()
		return
	}
	t.filling = true
	t.kind.SetSelected(t.kinds[0].Label)
	t.day.SetText("")
	t.from.SetText("")
	t.skip.SetChecked(false)
	t.addSKUs.SetChecked(false)
	t.filling = false
	name := baseName(t.queue[0])
	if len(t.queue) > 1 {
		name = tr.T("inventory.import.file_of", "Name", name, "More", len(t.queue)-1)
	}
	t.file.SetText(name)
	t.runPreview()
}

// skipFile drops the file shown and shows the next.
func (t *importTab) skipFile() {
	if len(t.queue) > 0 {
		t.queue = t.queue[1:]
	}
	t.showFirst()
}

func (t *importTab) optionsChanged() {
	if t.filling || len(t.queue) == 0 {
		return
	}
	t.runPreview()
}

// options reads the options; the dates typed are checked by the store.
func (t *importTab) options() (data.ImportOptions, error) {
	opt := data.ImportOptions{Kind: reports.Kind(t.kinds.Value(t.kind.Selected)), Marketplace: t.markets.Value(t.market.Selected),
		SkipBadRows: t.skip.Checked, AddUnknownSKUs: t.addSKUs.Checked}
	day, ok1 := parseDay(t.day.Text)
	from, ok2 := parseDay(t.from.Text)
	if !ok1 || !ok2 {
		return opt, ui.Problem(t.s.tr.T("inventory.bad_day"))
	}
	opt.Day = day
	if t.preview.Dates == data.NeedRange || opt.Kind == reports.KindBusinessReport {
		opt.From = from
	}
	return opt, nil
}

// runPreview reads the file shown off the UI thread (a new preview
// cancels the one running).
func (t *importTab) runPreview() {
	s, tr := t.s, t.s.tr
	path := t.queue[0]
	opt, err := t.options()
	if err != nil {
		t.previewErr = err
		t.update()
		return
	}
	if t.cancelPrev != nil {
		t.cancelPrev()
	}
	ctx, cancel := context.WithCancel(s.env.Context())
	t.cancelPrev = cancel
	t.summary.SetText(tr.T("inventory.import.reading"))
	t.problems.SetText("")
	t.previewErr = errPreviewing
	t.update()
	s.env.Background(func(st *data.Store) func() {
		p, err := previewFile(ctx, s.importer(st), path, opt)
		return func() {
			if ctx.Err() != nil || len(t.queue) == 0 || t.queue[0] != path {
				return // superseded
			}
			cancel()
			t.preview, t.previewErr = p, err
			t.showPreview()
		}
	})
}

// errPreviewing stands for a preview still running.
var errPreviewing = errors.New("preview running")

func previewFile(ctx context.Context, im *data.Importer, path string, opt data.ImportOptions) (data.ImportPreview, error) {
	f, err := os.Open(path)
	if err != nil {
		return data.ImportPreview{}, err
	}
	defer f.Close()
	return im.Preview(ctx, f, opt)
}

// showPreview writes what the file holds and what importing would do.
func (t *importTab) showPreview() {
	tr := t.s.tr
	p, err := t.preview, t.previewErr
	t.dayRow.Hide()
	t.period.Hide()
	switch p.Dates {
	case data.NeedDay:
		t.dayRow.Show()
	case data.NeedRange:
		t.period.Show()
	}
	var dates *data.DatesNeededError
	if err != nil && !errors.As(err, &dates) {
		t.summary.SetText(t.s.importErrorText(err))
		t.problems.SetText("")
		t.update()
		return
	}
	var lines []string
	lines = append(lines, tr.T("inventory.import.found", "Kind", kindLabel(tr, p.Kind), "Format", strings.ToUpper(string(p.Format)),
		"Encoding", encodingLabel(tr, p.Encoding), "Count", units(p.Rows)))
	switch {
	case dates != nil:
		lines = append(lines, tr.T("inventory.import.need_period"))
	case !p.From.IsZero() && p.From == p.To:
		lines = append(lines, tr.T("inventory.import.day", "Day", p.From.String()))
	case !p.From.IsZero():
		lines = append(lines, tr.T("inventory.import.range", "From", p.From.String(), "To", p.To.String()))
	}
	if p.Skipped > 0 {
		lines = append(lines, tr.T("inventory.import.skipped", "Count", p.Skipped, "Good", units(p.Good)))
	} else if p.Rows > 0 {
		lines = append(lines, tr.T("inventory.import.all_good", "Count", p.Good))
	}
	if p.UnknownCount > 0 && p.Kind != reports.KindCatalog {
		shown := p.UnknownSKUs
		if len(shown) > 8 {
			shown = shown[:8]
		}
		lines = append(lines, tr.T("inventory.import.unknown", "Count", p.UnknownCount, "SKUs", strings.Join(shown, tr.T("list.separator"))))
	}
	if p.Truncated {
		lines = append(lines, tr.T("inventory.import.truncated"))
	}
	t.summary.SetText(strings.Join(lines, "\n"))
	t.problems.SetText(problemsText(tr, p.Problems, p.ProblemCount))
	t.update()
}

// problemsText lists a file's problems, row by row.
func problemsText(tr *ui.Translator, ps []reports.Problem, count int) string {
	if count == 0 {
		return ""
	}
	lines := []string{tr.T("inventory.import.problems", "Count", count)}
	for i, p := range ps {
		if i == maxProblemsShown {
			break
		}
		lines = append(lines, problemText(tr, p))
	}
	if rest := count - min(len(ps), maxProblemsShown); rest > 0 {
		lines = append(lines, tr.T("inventory.import.more_problems", "Count", rest))
	}
	return strings.Join(lines, "\n")
}

// problemText says what is wrong with one row, in the user's language.
func problemText(tr *ui.Translator, p reports.Problem) string {
	code := string(p.Code)
	if p.Code == reports.ProblemNotDate && p.Detail == data.FutureDetail {
		code = "future"
	}
	key := "inventory.problem." + code
	if !tr.Has(key) {
		return p.Error()
	}
	text := tr.T(key, "Row", p.Row, "Column", p.Column, "Value", p.Value)
	if p.Code == reports.ProblemBadChoice || p.Code == reports.ProblemBadRow {
		if p.Detail != "" {
			text += " (" + p.Detail + ")"
		}
	}
	return text
}

// encodingLabel names a text encoding.
func encodingLabel(tr *ui.Translator, e reports.Encoding) string {
	if e == reports.EncodingNA {
		return tr.T("inventory.import.encoding_xlsx")
	}
	return strings.ToUpper(string(e))
}

// importErrorText explains why a file cannot be imported.
func (s *Screen) importErrorText(err error) string {
	tr := s.tr
	var unknown *reports.UnknownKindError
	var missing *reports.MissingColumnsError
	var bad *data.BadRowsError
	var dates *data.DatesNeededError
	switch {
	case errors.As(err, &unknown):
		var kinds []string
		for _, k := range s.importer(nil).Kinds() {
			kinds = append(kinds, kindLabel(tr, k))
		}
		return tr.T("inventory.import.unknown_kind", "Header", quoteShort(unknown.Header, 12), "Kinds", strings.Join(kinds, tr.T("list.separator")))
	case errors.As(err, &missing):
		return tr.T("inventory.import.missing_columns", "Kind", kindLabel(tr, missing.Kind), "Columns", quoteShort(missing.Missing, 0))
	case errors.Is(err, reports.ErrEmpty):
		return tr.T("inventory.import.empty")
	case errors.Is(err, data.ErrNoRows):
		return tr.T("inventory.import.no_rows")
	case errors.Is(err, reports.ErrTruncated):
		return tr.T("inventory.import.truncated_file")
	case errors.As(err, &bad):
		return tr.T("inventory.import.refused", "Count", bad.Count)
	case errors.As(err, &dates):
		return tr.T("inventory.import.need_period")
	case errors.Is(err, context.Canceled):
		return tr.T("inventory.import.cancelled")
	}
	return s.env.ErrorText(err)
}

// quoteShort quotes names, at most limit of them (0: all).
func quoteShort(names []string, limit int) string {
	var parts []string
	for i, n := range names {
		if limit > 0 && i == limit {
			parts = append(parts, "…")
			break
		}
		parts = append(parts, "“"+n+"”")
	}
	return strings.Join(parts, ", ")
}

// update enables Import when the preview says the file can go in.
func (t *importTab) update() {
	p, err := t.preview, t.previewErr
	ok := len(t.queue) > 0 && err == nil && p.Rows > 0 && (p.Skipped == 0 || t.skip.Checked)
	if ok && p.Dates == data.NeedRange && (strings.TrimSpace(t.from.Text) == "" || strings.TrimSpace(t.day.Text) == "") {
		ok = false
	}
	if ok {
		t.run.Enable()
	} else {
		t.run.Disable()
	}
	if len(t.queue) > 1 {
		t.next.Show()
	} else {
		t.next.Hide()
	}
	if err == nil && p.Skipped > 0 {
		t.skip.Enable()
	} else if !t.skip.Checked {
		t.skip.Disable()
	}
}

// doImport imports the file shown under a progress bar; Cancel leaves the
// database as it was.
func (t *importTab) doImport() {
	s, tr := t.s, t.s.tr
	if len(t.queue) == 0 {
		return
	}
	path := t.queue[0]
	opt, err := t.options()
	if err != nil {
		s.env.ShowError(tr.T("inventory.import.failed"), err)
		return
	}
	opt.Name = baseName(path)
	opt.Size = fileSize(path)
	ctx, cancel := context.WithCancel(s.env.Context())
	p := s.env.ShowProgress(tr.T("inventory.import.importing", "Name", opt.Name), true, cancel)
	var last time.Time
	opt.Progress = func(done, total int64) {
		if total <= 0 || time.Since(last) < 50*time.Millisecond {
			return
		}
		last = time.Now()
		s.env.Do(func() { p.SetValue(float64(done) / float64(total)) })
	}
	t.run.Disable()
	s.env.Background(func(st *data.Store) func() {
		res, err := importFile(ctx, s.importer(st), path, opt)
		return func() {
			cancel()
			p.Done()
			if err != nil {
				t.update()
				s.env.ShowError(tr.T("inventory.import.failed"), ui.Problem(s.importErrorText(err)))
				return
			}
			s.env.Inform(tr.T("inventory.import.done_title"), importedText(tr, res))
			t.skipFile()
			t.load()
			s.changed()
		}
	})
}

func importFile(ctx context.Context, im *data.Importer, path string, opt data.ImportOptions) (data.ReportImportResult, error) {
	f, err := os.Open(path)
	if err != nil {
		return data.ReportImportResult{}, err
	}
	defer f.Close()
	return im.Import(ctx, f, opt)
}

// importedText says what an import did.
func importedText(tr *ui.Translator, r data.ReportImportResult) string {
	var done string
	if r.Kind == reports.KindCatalog { // known SKUs are updated, not skipped
		done = tr.T("inventory.import.done_catalog", "Kind", kindLabel(tr, r.Kind), "Count", units(r.Rows),
			"Added", units(r.Added), "Updated", units(r.Updated), "Unchanged", units(r.Already))
	} else {
		done = tr.T("inventory.import.done", "Kind", kindLabel(tr, r.Kind), "Count", units(r.Rows),
			"Added", units(r.Added), "Already", units(r.Already))
	}
	lines := []string{done}
	if r.Skipped > 0 {
		lines = append(lines, tr.T("inventory.import.skipped_done", "Count", r.Skipped))
	}
	if r.SKUsAdded > 0 {
		lines = append(lines, tr.T("inventory.import.skus_added", "Count", r.SKUsAdded))
	}
	return strings.Join(lines, "\n")
}
