package app

import (
	"strings"
	"time"
	"unicode/utf8"
)

// A run is one template carried out for one product: every step gets an
// owner and a due date when the run starts, then moves through its
// statuses. A step's owner can change (a hand-off, recorded with who,
// when and why); a step with a record form is done only once its required
// values are recorded.

// StepStatus is where a step of a run stands.
type StepStatus string

// Step statuses.
const (
	StepTodo    StepStatus = "todo"
	StepDoing   StepStatus = "doing"
	StepBlocked StepStatus = "blocked" // needs a reason
	StepDone    StepStatus = "done"
	StepSkipped StepStatus = "skipped" // needs a reason
)

// StepStatuses lists the statuses in workflow order.
func StepStatuses() []StepStatus {
	return []StepStatus{StepTodo, StepDoing, StepBlocked, StepDone, StepSkipped}
}

// Valid reports whether s is one of StepStatuses.
func (s StepStatus) Valid() bool {
	for _, x := range StepStatuses() {
		if s == x {
			return true
		}
	}
	return false
}

// Open reports whether work on the step remains (todo, doing, blocked).
func (s StepStatus) Open() bool { return s == StepTodo || s == StepDoing || s == StepBlocked }

// NeedsReason reports whether the status must say why.
func (s StepStatus) NeedsReason() bool { return s == StepBlocked || s == StepSkipped }

// RunState is where a run stands as a whole: active while a step is open,
// done when every step is done or skipped, cancelled when someone stopped
// it.
type RunState string

// Run states.
const (
	RunActive    RunState = "active"
	RunDone      RunState = "done"
	RunCancelled RunState = "cancelled"
)

// RunStates lists the run states.
func RunStates() []RunState { return []RunState{RunActive, RunDone, RunCancelled} }

// Run is a template started for a product.
type Run struct {
	ID         string
	TemplateID string
	VersionID  string
	Title      string
	SKU        string
	Start      Date
	// OwnerID is the person who leads the run (may differ from the steps'
	// owners).
	OwnerID   string
	Cancelled bool
	Note      string
	CreatedAt time.Time

	// Filled in by reads.
	TemplateName string
	Version      int
	OwnerName    string
	StepsDone    int // done or skipped
	StepsTotal   int
	// Overdue counts open steps due before the day of the read.
	Overdue int
	// NextDue is the earliest due date of an open step (zero when none).
	NextDue Date
	// End is the latest due date of any step.
	End   Date
	State RunState
}

// Progress is the share of the run's steps done or skipped, 0..1.
func (r Run) Progress() float64 {
	if r.StepsTotal == 0 {
		return 0
	}
	return float64(r.StepsDone) / float64(r.StepsTotal)
}

// RunStep is one step of a run. Stage and step titles are copied from the
// template version when the run starts, so the run reads the same
// whatever happens to the template later.
type RunStep struct {
	ID         string
	RunID      string
	Position   int
	StageKey   string
	StageTitle string
	StepKey    string
	Title      string
	OwnerID    string
	Due        Date
	Status     StepStatus
	Reason     string
	Note       string
	DoneAt     time.Time
	DoneBy     string // person id

	// Filled in by reads.
	OwnerName  string
	DoneByName string
}

// Limits of runs.
const (
	MaxReasonLen = 500
	MaxNoteLen   = 2000
)

// RunPlan is what starting a run needs: which template version, for what,
// from when, and who does each step by when. PlanRun fills one in.
type RunPlan struct {
	TemplateID string
	Version    TemplateVersion
	Title      string
	SKU        string
	Start      Date
	OwnerID    string
	Note       string
	Steps      []PlannedStep
}

// PlannedStep is one step of a run about to start.
type PlannedStep struct {
	At      StepAt
	OwnerID string
	Due     Date
}

// PlanRun proposes a run of version v starting on start: due dates from
// the steps' expected days on the office calendar, and as owner of each
// step the person whoFor(role) returns for its role ("" leaves the step
// without an owner, which Validate refuses).
func PlanRun(c *Calendar, templateID string, v TemplateVersion, start Date, whoFor func(Role) string) RunPlan {
	steps := v.Body.Steps()
	days := make([]StepDays, len(steps))
	for i, s := range steps {
		days[i] = StepDays{Days: s.Step.Days, Count: s.Step.Count}
	}
	dues := StepDueDates(c, start, days)
	p := RunPlan{TemplateID: templateID, Version: v, Start: start, Steps: make([]PlannedStep, len(steps))}
	for i, s := range steps {
		owner := ""
		if whoFor != nil {
			owner = whoFor(s.Step.Role)
		}
		p.Steps[i] = PlannedStep{At: s, OwnerID: owner, Due: dues[i]}
	}
	return p
}

// Redate recomputes the due dates for a new start date, keeping owners.
func (p RunPlan) Redate(c *Calendar, start Date) RunPlan {
	days := make([]StepDays, len(p.Steps))
	for i, s := range p.Steps {
		days[i] = StepDays{Days: s.At.Step.Days, Count: s.At.Step.Count}
	}
	dues := StepDueDates(c, start, days)
	p.Start = start
	steps := make([]PlannedStep, len(p.Steps))
	for i, s := range p.Steps {
		s.Due = dues[i]
		steps[i] = s
	}
	p.Steps = steps
	return p
}

// Normalize trims the plan's texts.
func (p RunPlan) Normalize() RunPlan {
	p.Title = strings.TrimSpace(p.Title)
	p.SKU = strings.TrimSpace(p.SKU)
	p.Note = strings.TrimSpace(p.Note)
	return p
}

// Validate checks a normalized plan: a title, a start date, an owner and
// a due date on or after the start for every step. A step's problem comes
// as *StepRef with Stage and Step set (Step counts inside the stage).
func (p RunPlan) Validate() error {
	bad := func(field, code string, limit int) error {
		return &FieldError{Entity: "sop_run", Field: field, Code: code, Limit: limit}
	}
	switch {
	case p.TemplateID == "" || p.Version.ID == "":
		return bad("template", CodeRequired, 0)
	case p.Title == "":
		return bad("title", CodeRequired, 0)
	case utf8.RuneCountInString(p.Title) > MaxTitleLen:
		return bad("title", CodeTooLong, MaxTitleLen)
	case utf8.RuneCountInString(p.SKU) > MaxTitleLen:
		return bad("sku", CodeTooLong, MaxTitleLen)
	case p.Start.IsZero():
		return bad("start", CodeRequired, 0)
	case utf8.RuneCountInString(p.Note) > MaxNoteLen:
		return bad("note", CodeTooLong, MaxNoteLen)
	case len(p.Steps) == 0:
		return bad("steps", CodeRequired, 0)
	}
	inStage := map[int]int{}
	for _, s := range p.Steps {
		j := inStage[s.At.StageIdx]
		inStage[s.At.StageIdx]++
		at := func(fe *FieldError) error { return &StepRef{Stage: s.At.StageIdx, Step: j, Field: -1, Err: fe} }
		if s.OwnerID == "" {
			return at(&FieldError{Entity: "sop_step", Field: "owner", Code: CodeRequired})
		}
		if s.Due.IsZero() {
			return at(&FieldError{Entity: "sop_step", Field: "due", Code: CodeRequired})
		}
		if err := ValidateDue(p.Start, s.Due); err != nil {
			return at(err.(*FieldError))
		}
	}
	return nil
}

// StepChange is a change to one step of a run: its status (with a reason
// for blocked and skipped), owner, due date or note. Empty fields of the
// change leave the step as it is, except Reason, which is cleared when the
// new status needs none.
type StepChange struct {
	Status  StepStatus
	Reason  string
	OwnerID string
	Due     Date
	Note    *string
	// HandOffNote explains an owner change.
	HandOffNote string
}

// ApplyStepChange returns the step after the change, checked: a reason for
// blocked and skipped, a due date not before the run's start. Whether the
// record form allows done is the caller's check (MissingRequired).
func ApplyStepChange(s RunStep, runStart Date, c StepChange) (RunStep, error) {
	bad := func(field, code string, limit int) (RunStep, error) {
		return s, &FieldError{Entity: "sop_step", Field: field, Code: code, Limit: limit}
	}
	out := s
	if c.Status != "" {
		if !c.Status.Valid() {
			return bad("status", CodeBadChoice, 0)
		}
		out.Status = c.Status
	}
	out.Reason = strings.TrimSpace(c.Reason)
	if !out.Status.NeedsReason() {
		out.Reason = ""
	} else if out.Reason == "" {
		if c.Status == "" && s.Reason != "" {
			out.Reason = s.Reason
		} else {
			return bad("reason", CodeRequired, 0)
		}
	}
	if utf8.RuneCountInString(out.Reason) > MaxReasonLen {
		return bad("reason", CodeTooLong, MaxReasonLen)
	}
	if c.OwnerID != "" {
		out.OwnerID = c.OwnerID
	}
	if !c.Due.IsZero() {
		if err := ValidateDue(runStart, c.Due); err != nil {
			return s, err
		}
		out.Due = c.Due
	}
	if c.Note != nil {
		out.Note = strings.TrimSpace(*c.Note)
		if utf8.RuneCountInString(out.Note) > MaxNoteLen {
			return bad("note", CodeTooLong, MaxNoteLen)
		}
	}
	if utf8.RuneCountInString(c.HandOffNote) > MaxReasonLen {
		return bad("handoff_note", CodeTooLong, MaxReasonLen)
	}
	return out, nil
}

// HandOff records that a step changed owner.
type HandOff struct {
	ID     string
	RunID  string
	StepID string
	FromID string
	ToID   string
	ByID   string // who made the change
	At     time.Time
	Note   string

	// Filled in by reads.
	FromName, ToName, ByName string
	StepTitle                string
}
