package serviceui

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/ui"
)

// The service area's choices, labels and messages in the user's language.

func typeChoices(tr *ui.Translator) ui.Choices {
	var cs ui.Choices
	for _, t := range app.CaseTypes() {
		cs = append(cs, ui.Choice{Value: string(t), Label: tr.T("service.type." + string(t))})
	}
	return cs
}

func channelChoices(tr *ui.Translator) ui.Choices {
	var cs ui.Choices
	for _, c := range app.Channels() {
		cs = append(cs, ui.Choice{Value: string(c), Label: tr.T("service.channel." + string(c))})
	}
	return cs
}

func statusChoices(tr *ui.Translator) ui.Choices {
	var cs ui.Choices
	for _, st := range app.CaseStatuses() {
		cs = append(cs, ui.Choice{Value: string(st), Label: tr.T("service.status." + string(st))})
	}
	return cs
}

func priorityChoices(tr *ui.Translator) ui.Choices {
	var cs ui.Choices
	for _, p := range app.Priorities() {
		cs = append(cs, ui.Choice{Value: string(p), Label: tr.T("service.priority." + string(p))})
	}
	return cs
}

// causeChoices start with "not found yet" (the empty root cause).
func causeChoices(tr *ui.Translator) ui.Choices {
	cs := ui.Choices{{Value: "", Label: tr.T("service.cause.none")}}
	for _, c := range app.RootCauses() {
		cs = append(cs, ui.Choice{Value: string(c), Label: tr.T("service.cause." + string(c))})
	}
	return cs
}

// resolutionChoices start with "none yet".
func resolutionChoices(tr *ui.Translator) ui.Choices {
	cs := ui.Choices{{Value: "", Label: tr.T("service.resolution.none")}}
	for _, r := range app.Resolutions() {
		cs = append(cs, ui.Choice{Value: string(r), Label: tr.T("service.resolution." + string(r))})
	}
	return cs
}

// marketplaceChoices: none, the Amazon marketplaces by code, other.
func marketplaceChoices(tr *ui.Translator) ui.Choices {
	cs := ui.Choices{{Value: "", Label: tr.T("service.marketplace.none")}}
	for _, code := range []string{"US", "CA", "MX", "BR", "UK", "DE", "FR", "IT", "ES", "NL", "SE", "PL", "BE", "TR", "JP", "AU", "SG", "IN", "AE", "SA"} {
		cs = append(cs, ui.Choice{Value: code, Label: code})
	}
	return append(cs, ui.Choice{Value: app.MarketplaceOther, Label: tr.T("service.marketplace.other")})
}

// ownerChoices: nobody, then the active team (and whoever owns the case
// now, even if they left).
func ownerChoices(tr *ui.Translator, people []app.Person, keep string) ui.Choices {
	cs := ui.Choices{{Value: "", Label: tr.T("service.owner.nobody")}}
	found := keep == ""
	for _, p := range people {
		if p.Active || p.ID == keep {
			label := p.Name
			if p.Note != "" {
				label += " (" + p.Note + ")"
			}
			cs = append(cs, ui.Choice{Value: p.ID, Label: label})
			found = found || p.ID == keep
		}
	}
	if !found {
		// Someone removed from the team still owns the case: shown as
		// such, and kept unless the rep picks another owner.
		cs = append(cs, ui.Choice{Value: keep, Label: tr.T("service.owner.unknown")})
	}
	return cs
}

func langChoices(tr *ui.Translator, langs []string) ui.Choices {
	var cs ui.Choices
	for _, l := range langs {
		cs = append(cs, ui.Choice{Value: l, Label: tr.T("service.lang." + l)})
	}
	return cs
}

// slaText says where a case stands: how late, how long left, paused, met.
func slaText(tr *ui.Translator, it app.CaseItem, now time.Time, loc *time.Location) string {
	switch it.SLA {
	case app.SLALate:
		return tr.T("service.sla.late_by", "Time", durationText(tr, time.Duration(it.LateMinutes)*time.Minute))
	case app.SLADueSoon:
		return tr.T("service.sla.due_in", "Time", durationText(tr, it.Due.Sub(now)))
	case app.SLAOK:
		return tr.T("service.sla.due_at", "Time", it.Due.In(loc).Format(ui.ShortTimeLayout))
	case app.SLAPaused:
		return tr.T("service.sla.paused")
	case app.SLAMet:
		return tr.T("service.sla.met")
	}
	return tr.T("service.sla.none")
}

// slaImportance colours an SLA state: late red, due soon orange.
func slaImportance(st app.SLAState) widget.Importance {
	switch st {
	case app.SLALate:
		return widget.DangerImportance
	case app.SLADueSoon:
		return widget.WarningImportance
	case app.SLAMet, app.SLANone:
		return widget.LowImportance
	}
	return widget.MediumImportance
}

// durationText writes a duration the way people say it: "2 d 3 h",
// "5 h 20 min", "45 min" (at least a minute).
func durationText(tr *ui.Translator, d time.Duration) string {
	m := int((d + time.Minute - 1) / time.Minute)
	if m < 1 {
		m = 1
	}
	days, hours, mins := m/(24*60), m/60%24, m%60
	switch {
	case days > 0:
		return tr.T("service.duration.days_hours", "Days", days, "Hours", hours)
	case hours > 0:
		return tr.T("service.duration.hours_minutes", "Hours", hours, "Minutes", mins)
	}
	return tr.T("service.duration.minutes", "Minutes", m)
}

// errorText explains the area's own errors in the user's language, and
// the rest as every screen does.
func (s *Screen) errorText(err error) string {
	var tooLarge *data.AttachmentTooLargeError
	var bad *data.CaseLogBadRowsError
	var fe *app.FieldError
	switch {
	case errors.As(err, &tooLarge):
		return s.tr.T("service.error.too_large", "Name", tooLarge.Name,
			"Size", fmt.Sprintf("%.1f", float64(tooLarge.Size)/(1<<20)), "Limit", tooLarge.Limit>>20)
	case errors.Is(err, data.ErrNoTrackingNumber):
		return s.tr.T("service.error.no_tracking")
	case errors.As(err, &bad):
		return s.tr.T("service.error.bad_rows", "Count", bad.Count)
	case errors.As(err, &fe) && strings.HasPrefix(fe.Field, "text."):
		// A reply's text in one language: name the language.
		return s.tr.T("error.field."+fe.Code, "Field", s.tr.T("service.reply.text_in", "Lang", s.tr.T("service.lang."+strings.TrimPrefix(fe.Field, "text."))), "Limit", fe.Limit)
	}
	return s.env.ErrorText(err)
}

// showError shows a failed action with the area's error texts.
func (s *Screen) showError(title string, err error) {
	s.env.ShowError(title, ui.Problem(s.errorText(err)))
}

// problemText is one validation problem of a form, as a line.
func (s *Screen) problemText(fe *app.FieldError) string { return s.errorText(fe) }
