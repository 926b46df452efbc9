package serviceui

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/ui"
)

// Bringing the old after-sales log along: pick the spreadsheet, see what
// it holds (rows, dates, rows that cannot be imported and why, owners not
// on the team, cases already imported), then import it all or nothing, or
// skipping the bad rows.

// maxLogSize bounds the log read into memory (read twice: the preview and
// the import); a case log of 100,000 rows is about 20 MB.
const maxLogSize = 100 << 20

// maxPreviewProblems is how many bad rows the preview names.
const maxPreviewProblems = 5

func (c *casesTab) importLog() {
	s, tr := c.s, c.s.tr
	open := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			s.showError(tr.T("service.import.failed"), err)
			return
		}
		if r == nil {
			return
		}
		name := r.URI().Name()
		s.env.Background(func(st *data.Store) func() {
			defer r.Close()
			content, err := io.ReadAll(io.LimitReader(r, maxLogSize+1))
			if err == nil && len(content) > maxLogSize {
				err = ui.Problem(tr.T("service.import.too_large", "Limit", maxLogSize>>20))
			}
			var pre data.CaseLogResult
			if err == nil {
				pre, err = st.PreviewCaseLog(s.env.Context(), bytes.NewReader(content), data.CaseLogOptions{})
			}
			return func() {
				if err != nil {
					s.showError(tr.T("service.import.failed"), err)
					return
				}
				c.confirmImport(name, content, pre)
			}
		})
	}, s.env.Window())
	open.Show()
}

// confirmImport shows the preview and imports on the rep's word.
func (c *casesTab) confirmImport(name string, content []byte, pre data.CaseLogResult) {
	s, tr := c.s, c.s.tr
	lines := []string{
		tr.T("service.import.rows", "Name", name, "Rows", pre.Rows, "From", pre.From.String(), "To", pre.To.String()),
		tr.T("service.import.new", "New", pre.New, "Already", pre.Already),
	}
	if pre.Skipped > 0 {
		lines = append(lines, tr.T("service.import.bad", "Count", pre.ProblemCount))
		for i, p := range pre.Problems {
			if i == maxPreviewProblems {
				break
			}
			detail := p.Detail
			if k := "service.import.code." + string(p.Code); tr.Has(k) {
				detail = tr.T(k, "Value", p.Value, "Choices", p.Detail)
			}
			lines = append(lines, "  "+tr.T("service.import.problem", "Row", p.Row, "Column", p.Column, "Detail", detail))
		}
	}
	if len(pre.UnknownOwners) > 0 {
		lines = append(lines, tr.T("service.import.owners", "Names", strings.Join(pre.UnknownOwners, tr.T("list.separator"))))
	}
	if pre.NoContact+pre.NoResolution > 0 {
		lines = append(lines, tr.T("service.import.history", "NoContact", pre.NoContact, "NoResolution", pre.NoResolution))
	}
	skip := widget.NewCheck(tr.T("service.import.skip_bad"), nil)
	body := container.NewVBox(ui.WrapLabel(strings.Join(lines, "\n")))
	if pre.Skipped > 0 {
		body.Add(skip)
	}
	d := dialog.NewCustomConfirm(tr.T("service.import.title"), tr.T("service.import.do"), tr.T("action.cancel"),
		ui.FixedWidth(ui.FormDialogWidth, body), func(ok bool) {
			if !ok {
				return
			}
			opt := data.CaseLogOptions{SkipBadRows: skip.Checked}
			s.env.Background(func(st *data.Store) func() {
				res, err := st.ImportCaseLog(s.env.Context(), bytes.NewReader(content), opt)
				return func() {
					if err != nil {
						s.showError(tr.T("service.import.failed"), err)
						return
					}
					s.env.Inform(tr.T("service.import.title"), tr.T("service.import.done", "Added", res.Added, "Already", res.Already,
						"Skipped", fmt.Sprint(res.Skipped)))
					if c.table != nil {
						c.table.Reload()
					}
				}
			})
		}, s.env.Window())
	d.Show()
}
