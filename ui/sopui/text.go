package sopui

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/ui"
)

// Texts the SOP screens build from domain values.

func stepStatusText(tr *ui.Translator, s app.StepStatus) string {
	return tr.T("sop.status." + string(s))
}

func entryStatusText(tr *ui.Translator, s app.EntryStatus) string {
	return tr.T("sop.entry_status." + string(s))
}

func runStateText(tr *ui.Translator, s app.RunState) string { return tr.T("sop.state." + string(s)) }

func fieldTypeText(tr *ui.Translator, t app.FieldType) string {
	return tr.T("sop.field_type." + string(t))
}

func roleText(tr *ui.Translator, r app.Role) string {
	if r == "" {
		return tr.T("sop.role.any")
	}
	return tr.T("role." + string(r))
}

// weekdayText names a weekday (0 Sunday).
func weekdayText(tr *ui.Translator, d time.Weekday) string {
	return tr.T(fmt.Sprintf("weekday.%d", d))
}

// scheduleText says when a checklist item comes round.
func scheduleText(tr *ui.Translator, s app.Schedule) string {
	switch s.Kind {
	case app.ScheduleWorkdays:
		return tr.T("sop.schedule.every_workday")
	case app.ScheduleWeekdays:
		names := make([]string, len(s.Weekdays))
		for i, d := range s.Weekdays {
			names[i] = weekdayText(tr, d)
		}
		return tr.T("sop.schedule.on_weekdays", "Days", strings.Join(names, tr.T("list.separator")))
	case app.ScheduleWeekly:
		return tr.T("sop.schedule.weekly_on", "Day", weekdayText(tr, s.Weekday))
	case app.ScheduleMonthly:
		return tr.T("sop.schedule.monthly_on", "Day", s.MonthDay)
	}
	return string(s.Kind)
}

// dueText writes a due date with how late it is: "03-04 (2 days late)";
// the year only when it is not this one.
func dueText(tr *ui.Translator, due, day app.Date) string {
	if due.IsZero() {
		return ""
	}
	s := shortDate(due, day)
	if n := app.OverdueDays(due, day); n > 0 {
		return tr.T("sop.due.late", "Date", s, "Count", n)
	}
	if due == day {
		return tr.T("sop.due.today", "Date", s)
	}
	return s
}

// shortDate writes d as MM-DD in day's year, YYYY-MM-DD otherwise.
func shortDate(d, day app.Date) string {
	y, _, _ := d.YMD()
	if ty, _, _ := day.YMD(); y == ty {
		return d.String()[5:]
	}
	return d.String()
}

// valueText writes a recorded value for people: money and numbers with
// separators, dates as days, choices and text as they are.
func valueText(v app.Value) string {
	if !v.Set {
		return ""
	}
	switch v.Type {
	case app.FieldMoney:
		return app.FormatMoneyExact(v.Minor, v.Currency)
	case app.FieldNumber:
		return app.FormatNumber(v.Num, decimals(v.Num))
	case app.FieldPercent:
		return app.FormatNumber(v.Num, decimals(v.Num)) + "%"
	case app.FieldDate:
		return v.Day.String()
	}
	return v.Text
}

// inputText writes a value the way a person types it into its field.
func inputText(v app.Value) string {
	if !v.Set {
		return ""
	}
	if v.Type == app.FieldMoney {
		return v.String() // "12.99 USD": the currency stays with the amount
	}
	return strings.TrimSuffix(v.String(), "%")
}

// decimals is how many decimals show a number: none for whole ones, up
// to two otherwise.
func decimals(x float64) int {
	switch {
	case x == float64(int64(x)):
		return 0
	case x*10 == float64(int64(x*10)):
		return 1
	}
	return 2
}

// recordProblem explains a problem with one record-form value, in the
// user's language, for the line under the field.
func recordProblem(tr *ui.Translator, f app.FormField, err error) string {
	var fe *app.FieldError
	if !errors.As(err, &fe) {
		return ui.ErrorText(tr, err)
	}
	switch fe.Code {
	case app.CodeRequired:
		return tr.T("sop.record.required")
	case app.CodeNotNumber:
		if f.Type == app.FieldMoney {
			return tr.T("sop.record.not_money", "Currency", f.Currency)
		}
		return tr.T("sop.record.not_number")
	case app.CodeNotDate:
		return tr.T("sop.record.not_date")
	case app.CodeBadChoice:
		return tr.T("sop.record.bad_choice")
	case app.CodeTooLong:
		return tr.T("sop.record.too_long", "Limit", fe.Limit)
	}
	return ui.ErrorText(tr, err)
}

// fieldHint is the grey line under a record field before anything is
// wrong: its help, or what to type.
func fieldHint(tr *ui.Translator, f app.FormField) string {
	hint := f.Help
	if hint == "" {
		switch f.Type {
		case app.FieldMoney:
			hint = tr.T("sop.record.hint_money", "Currency", f.Currency)
		case app.FieldPercent:
			hint = tr.T("sop.record.hint_percent")
		case app.FieldDate:
			hint = tr.T("sop.record.hint_date")
		case app.FieldNumber:
			if f.Unit != "" {
				hint = tr.T("sop.record.hint_unit", "Unit", f.Unit)
			} else {
				hint = tr.T("sop.record.hint_number")
			}
		case app.FieldSKU:
			hint = tr.T("sop.record.hint_sku")
		}
	}
	if f.Required {
		if hint == "" {
			return tr.T("sop.record.hint_required")
		}
		return tr.T("sop.record.hint_required_with", "Hint", hint)
	}
	return hint
}

// personChoices are the team as choices, the active ones; keep names the
// current owner even when they left.
func personChoices(people []app.Person, keep ...string) ui.Choices {
	var cs ui.Choices
	for _, p := range people {
		if p.Active || containsString(keep, p.ID) {
			cs = append(cs, ui.Choice{Value: p.ID, Label: p.Name})
		}
	}
	return cs
}

func containsString(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// statusImportance colours a step status.
func statusImportance(s app.StepStatus, overdue bool) widget.Importance {
	switch {
	case s == app.StepBlocked:
		return widget.WarningImportance
	case s == app.StepDone:
		return widget.SuccessImportance
	case s.Open() && overdue:
		return widget.DangerImportance
	}
	return widget.MediumImportance
}

// personName is a person's name, or "—" for nobody.
func personName(tr *ui.Translator, name string) string {
	if name == "" {
		return tr.T("sop.nobody")
	}
	return name
}
