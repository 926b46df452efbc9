package app

// TodayKind says what a Today item is.
type TodayKind string

// Today item kinds.
const (
	TodayStep      TodayKind = "step"
	TodayChecklist TodayKind = "checklist"
	TodayReview    TodayKind = "review"
)

// TodayItem is one thing due today or overdue for a person: a step of a
// run, a checklist entry, or the follow-up of a review action.
type TodayItem struct {
	Kind TodayKind
	// ID is the run step's, checklist entry's or review's id.
	ID        string
	Title     string
	OwnerID   string
	OwnerName string
	Due       Date
	// OverdueDays is how many days past its due date the item is (0: due
	// today or later).
	OverdueDays int
	// Status is the step's or entry's status ("open" for a review).
	Status string
	// Run, stage and SKU of a step; for a review, Stage is the metric
	// observed and SKU its product.
	RunID, RunTitle, Stage, SKU string
	// HasForm is set when completing the item records values.
	HasForm bool
}

// OverdueDays is how many days after due today is (0 when not past due).
func OverdueDays(due, today Date) int {
	if due.IsZero() || today <= due {
		return 0
	}
	return int(today - due)
}
