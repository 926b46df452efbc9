package sopui

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/ui"
)

// boardTab is the team board: per person, what is open, due this week
// and overdue; per stage, where work piles up.
type boardTab struct {
	env    Env
	root   fyne.CanvasObject
	people *fyne.Container
	stages *fyne.Container
	// stale is set when runs changed since the board was read.
	stale bool
}

// Widths of the board's number columns.
const boardNumber = 90

func newBoardTab(env Env) *boardTab {
	tr := env.Translator()
	b := &boardTab{env: env, people: container.NewVBox(), stages: container.NewVBox()}
	body := container.NewVBox(
		ui.SectionLabel(tr.T("sop.board.people")), ui.WrapLabel(tr.T("sop.board.people_hint")), b.people,
		widget.NewSeparator(),
		ui.SectionLabel(tr.T("sop.board.stages")), ui.WrapLabel(tr.T("sop.board.stages_hint")), b.stages)
	b.root = container.NewVScroll(container.NewPadded(body))
	return b
}

func (b *boardTab) load() {
	env, tr := b.env, b.env.Translator()
	day := today()
	env.Background(func(s *data.Store) func() {
		people, stages, err := s.TeamBoard(env.Context(), day)
		return func() {
			if err != nil {
				env.ShowError(tr.T("sop.load_failed"), err)
				return
			}
			b.stale = false
			rows := []fyne.CanvasObject{b.line(true, tr.T("sop.board.person"), tr.T("sop.board.open"), tr.T("sop.board.this_week"),
				tr.T("sop.board.overdue"), tr.T("sop.board.blocked"))}
			for _, p := range people {
				rows = append(rows, b.counts(personName(tr, p.Name), p.Open, p.DueThisWeek, p.Overdue, p.Blocked))
			}
			if len(people) == 0 {
				rows = append(rows, ui.WrapLabel(tr.T("sop.board.nothing")))
			}
			b.people.Objects = rows
			b.people.Refresh()
			rows = []fyne.CanvasObject{b.line(true, tr.T("sop.board.stage"), tr.T("sop.board.open"), tr.T("sop.board.runs"),
				tr.T("sop.board.overdue"), tr.T("sop.board.blocked"))}
			for _, st := range stages {
				rows = append(rows, b.counts(st.Stage, st.Open, st.Runs, st.Overdue, st.Blocked))
			}
			if len(stages) == 0 {
				rows = append(rows, ui.WrapLabel(tr.T("sop.board.nothing")))
			}
			b.stages.Objects = rows
			b.stages.Refresh()
		}
	})
}

// counts is one line of numbers; overdue and blocked ones stand out.
func (b *boardTab) counts(name string, open, second, overdue, blocked int) fyne.CanvasObject {
	imp := func(n int, when widget.Importance) widget.Importance {
		if n > 0 {
			return when
		}
		return widget.MediumImportance
	}
	return b.row(false, name, []boardCell{{strconv.Itoa(open), widget.MediumImportance}, {strconv.Itoa(second), widget.MediumImportance},
		{strconv.Itoa(overdue), imp(overdue, widget.DangerImportance)}, {strconv.Itoa(blocked), imp(blocked, widget.WarningImportance)}})
}

// line is a header line: a name and four column titles.
func (b *boardTab) line(header bool, name string, titles ...string) fyne.CanvasObject {
	cells := make([]boardCell, len(titles))
	for i, t := range titles {
		cells[i] = boardCell{t, widget.MediumImportance}
	}
	return b.row(header, name, cells)
}

type boardCell struct {
	text string
	imp  widget.Importance
}

// row is a name and numbers in fixed columns.
func (b *boardTab) row(bold bool, name string, cells []boardCell) fyne.CanvasObject {
	style := fyne.TextStyle{Bold: bold}
	label := widget.NewLabelWithStyle(name, fyne.TextAlignLeading, style)
	label.Truncation = fyne.TextTruncateEllipsis
	var cols []fyne.CanvasObject
	for _, c := range cells {
		l := widget.NewLabelWithStyle(c.text, fyne.TextAlignTrailing, style)
		l.Importance = c.imp
		cols = append(cols, ui.FixedWidth(boardNumber, l))
	}
	return container.NewBorder(nil, nil, nil, container.NewHBox(cols...), label)
}
