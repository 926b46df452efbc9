package app

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Recurring checklists: the daily and weekly routine of data collection
// (order and inventory statistics, keyword ranks, competitor tracking, ad
// and ASIN data, reviews, returns, the voice of the customer). Each item
// has an owner, a schedule and a record form; each day it is due it gets
// an entry (ChecklistEntry) whose id derives from the item and the day
// (ChecklistInstanceID), so desks generating the same day agree.

// ChecklistItem is one recurring item.
type ChecklistItem struct {
	ID          string
	Title       string
	Description string
	// OwnerID is who does it. An item without an owner makes no entries
	// (a built-in item waits for someone to take it on).
	OwnerID  string
	Schedule Schedule
	Fields   []FormField
	Archived bool
	// Builtin is the key of the built-in item this one was loaded from.
	Builtin string
	// Position orders the items of a list.
	Position int

	// Filled in by reads.
	OwnerName string
}

// Normalize trims the texts and the form.
func (it ChecklistItem) Normalize() ChecklistItem {
	it.Title = strings.TrimSpace(it.Title)
	it.Description = strings.TrimSpace(strings.ReplaceAll(it.Description, "\r\n", "\n"))
	it.Fields = normalizeFields(it.Fields)
	return it
}

// Validate checks a normalized item: a title, a valid schedule and form.
// Schedule problems come with entity "schedule", form problems as
// *FieldAt.
func (it ChecklistItem) Validate() error {
	if fe := titleProblem("checklist_item", "title", it.Title); fe != nil {
		return fe
	}
	if utf8.RuneCountInString(it.Description) > MaxDescriptionLen {
		return &FieldError{Entity: "checklist_item", Field: "description", Code: CodeTooLong, Limit: MaxDescriptionLen}
	}
	if err := it.Schedule.Validate(); err != nil {
		return err
	}
	if len(it.Fields) > MaxFieldsPerStep {
		return &FieldError{Entity: "checklist_item", Field: "fields", Code: CodeTooLong, Limit: MaxFieldsPerStep}
	}
	return ValidateFields(it.Fields)
}

// Scheduled is the item as the instance generator needs it.
func (it ChecklistItem) Scheduled() ScheduledItem {
	return ScheduledItem{ID: it.ID, Schedule: it.Schedule}
}

// Weekly reports whether the item comes round once a week or less often
// (it is listed with the weekly routine rather than the daily one).
func (it ChecklistItem) Weekly() bool {
	switch it.Schedule.Kind {
	case ScheduleWeekly, ScheduleMonthly:
		return true
	case ScheduleWeekdays:
		return len(it.Schedule.Weekdays) <= 1
	}
	return false
}

// EntryStatus is where a checklist entry stands.
type EntryStatus string

// Entry statuses.
const (
	EntryTodo    EntryStatus = "todo"
	EntryDone    EntryStatus = "done"
	EntrySkipped EntryStatus = "skipped" // needs a reason
)

// Valid reports whether s is a known status.
func (s EntryStatus) Valid() bool { return s == EntryTodo || s == EntryDone || s == EntrySkipped }

// ChecklistEntry is one item due on one day.
type ChecklistEntry struct {
	ID     string // ChecklistInstanceID(ItemID, Day)
	ItemID string
	Day    Date
	Status EntryStatus
	Reason string
	Note   string
	DoneAt time.Time
	DoneBy string // person id

	// Filled in by reads: the item's title and owner.
	Title      string
	OwnerID    string
	OwnerName  string
	DoneByName string
	HasForm    bool
}
