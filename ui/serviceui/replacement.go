package serviceui

import (
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/ui"
	"github.com/opsbench/opsbench/ui/widgets"
)

// Sending a replacement (or a reship) for a case: the units leave the
// stock of the location chosen through the inventory ledger, the parcel
// waits on the follow-up list until its tracking number goes to the
// buyer, and the timeline says so, all in one write. What was sent for
// the case already is listed above the timeline and again in the dialog,
// where sending one more must be ticked.

// showSendAction offers "send replacement" when the resolution ships
// goods again, "send goods" (an order to follow up only) otherwise.
func (t *timelinePanel) showSendAction(sendsGoods bool) {
	if sendsGoods == t.replaceBtn.Visible() {
		return
	}
	if sendsGoods {
		t.replaceBtn.Show()
		t.sendBtn.Hide()
	} else {
		t.replaceBtn.Hide()
		t.sendBtn.Show()
	}
}

// showSent lists the replacements sent for the case.
func (t *timelinePanel) showSent() {
	if len(t.movements) == 0 {
		t.sentBox.Hide()
		return
	}
	t.sent.SetText(t.sentText())
	t.sentBox.Show()
}

// sentText is one line per replacement sent: day, units, SKU, from where,
// by whom.
func (t *timelinePanel) sentText() string {
	lines := make([]string, len(t.movements))
	for i, m := range t.movements {
		lines[i] = t.d.s.tr.T("service.replace.sent_line", "Day", m.Day.String(), "What", t.movementText(m), "Who", t.personName(m.ActorID))
	}
	return strings.Join(lines, "\n")
}

// movement is the replacement movement id, if it is one of the case's.
func (t *timelinePanel) movement(id string) (app.Movement, bool) {
	if id == "" {
		return app.Movement{}, false
	}
	for _, m := range t.movements {
		if m.ID == id {
			return m, true
		}
	}
	return app.Movement{}, false
}

// movementText says what left stock and from where.
func (t *timelinePanel) movementText(m app.Movement) string {
	return t.d.s.tr.T("service.replace.units", "Count", -m.Qty, "SKU", m.SKU, "Location", t.locationName(m.LocationID))
}

func (t *timelinePanel) locationName(id string) string {
	for _, l := range t.locations {
		if l.ID == id {
			return ui.LocationLabel(t.d.s.tr, l)
		}
	}
	return t.d.s.tr.T("service.replace.location_gone")
}

// sourceChoices are the locations a replacement can leave from: every
// active one but goods in transit.
func sourceChoices(tr *ui.Translator, locs []app.Location) ui.Choices {
	var cs ui.Choices
	for _, l := range locs {
		if l.Active && l.Kind != app.LocationTransit {
			cs = append(cs, ui.Choice{Value: l.ID, Label: ui.LocationLabel(tr, l)})
		}
	}
	return cs
}

// sendReplacement asks what leaves stock and records it.
func (t *timelinePanel) sendReplacement() {
	s, tr := t.d.s, t.d.s.tr
	c, _ := t.d.formCase()
	known := len(t.movements)
	sources := sourceChoices(tr, t.locations)
	if len(sources) == 0 {
		s.env.Inform(tr.T("service.replace.title"), tr.T("service.replace.no_locations"))
		return
	}
	sku := widget.NewEntry()
	sku.SetText(c.SKU)
	sku.SetPlaceHolder(tr.T("service.case.sku_hint"))
	qty := widget.NewEntry()
	qty.SetText("1")
	from := widget.NewSelect(sources.Labels(), nil)
	from.PlaceHolder = tr.T("service.choose")
	if len(sources) == 1 {
		from.SetSelectedIndex(0)
	}
	day := widget.NewEntry()
	day.SetText(app.DateOf(time.Now(), s.loc()).String())
	day.SetPlaceHolder(app.DayLayout)
	carrier := widget.NewEntry()
	carrier.SetText(c.Carrier)
	tracking := widget.NewEntry()
	tracking.SetPlaceHolder(tr.T("service.replace.tracking_hint"))
	note := widget.NewEntry()
	note.SetPlaceHolder(tr.T("service.replace.note_hint"))
	form := widget.NewForm(
		widget.NewFormItem(tr.T("service.replace.sku"), sku), widget.NewFormItem(tr.T("service.replace.qty"), qty),
		widget.NewFormItem(tr.T("service.replace.from"), from), widget.NewFormItem(tr.T("service.replace.day"), day),
		widget.NewFormItem(tr.T("service.replace.carrier"), carrier), widget.NewFormItem(tr.T("service.replace.tracking"), tracking),
		widget.NewFormItem(tr.T("service.replace.note"), note))
	var again *widget.Check
	var top *widgets.Paragraph
	if known > 0 {
		top = ui.WrapLabel(tr.T("service.replace.already", "Count", known) + "\n" + t.sentText())
		top.Importance = widget.WarningImportance
		again = widget.NewCheck(tr.T("service.replace.again", "Count", known), nil)
		form.Append("", again)
	}
	save := func(done func(error)) {
		n, ok := ui.ParseWhole(qty.Text, 1, app.MaxOrderQuantity)
		if !ok {
			done(&app.FieldError{Entity: "movement", Field: "qty", Code: app.CodeOutOfRange, Limit: app.MaxOrderQuantity})
			return
		}
		loc := sources.Value(from.Selected)
		if loc == "" {
			done(&app.FieldError{Entity: "movement", Field: "location", Code: app.CodeRequired})
			return
		}
		d, err := app.ParseDate(strings.TrimSpace(day.Text))
		if err != nil {
			done(&app.FieldError{Entity: "movement", Field: "day", Code: app.CodeNotDate})
			return
		}
		if again != nil && !again.Checked {
			done(ui.Problem(tr.T("service.replace.tick_again")))
			return
		}
		r := data.CaseReplacement{ReplacementSent: app.ReplacementSent{SKU: sku.Text, LocationID: loc, Qty: n, Day: d,
			CaseID: t.d.id, OrderID: c.OrderID, Note: note.Text}, Carrier: carrier.Text, Tracking: tracking.Text, Known: known}
		s.env.Background(func(st *data.Store) func() {
			_, err := st.SendCaseReplacement(s.env.Context(), r)
			var changed *data.ReplacementsChangedError
			if errors.As(err, &changed) {
				err = ui.Problem(tr.T("service.replace.changed", "Count", changed.Sent))
			}
			return func() { done(err) }
		})
	}
	spec := ui.FormSpec{Title: tr.T("service.replace.title"), SaveLabel: tr.T("service.replace.save"), Form: form, Save: save,
		Saved: t.d.refreshTimeline}
	if top != nil {
		spec.Top = container.NewVBox(top)
	}
	s.env.ShowForm(spec)
}
