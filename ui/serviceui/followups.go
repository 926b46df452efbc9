package serviceui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/ui"
)

// The follow-up lists: tracking numbers to send, cash-on-delivery buyers
// to call before shipping, cases waiting on a carrier too long, promised
// call-backs. Each item is done with its one button; the case (when there
// is one) opens with another.

type followTab struct {
	s    *Screen
	root fyne.CanvasObject
	box  *fyne.Container
	// lists are the sections, in the order of app.FollowUpKinds.
	lists map[app.FollowUpKind]*fyne.Container
	heads map[app.FollowUpKind]*widget.Label
}

func newFollowTab(s *Screen) *followTab {
	f := &followTab{s: s, lists: map[app.FollowUpKind]*fyne.Container{}, heads: map[app.FollowUpKind]*widget.Label{}}
	add := widget.NewButtonWithIcon(s.tr.T("service.order.new"), theme.ContentAddIcon(), f.newOrder)
	top := container.NewBorder(nil, nil, ui.Heading(s.tr.T("service.tab.followups")), add)
	f.box = container.NewVBox(top, ui.WrapLabel(s.tr.T("service.follow.intro")))
	for _, k := range app.FollowUpKinds() {
		f.heads[k] = ui.SectionLabel(s.tr.T("service.follow.list." + string(k)))
		f.lists[k] = container.NewVBox()
		f.box.Add(container.NewVBox(widget.NewSeparator(), f.heads[k], f.lists[k]))
	}
	f.root = container.NewVScroll(container.NewPadded(f.box))
	return f
}

func (f *followTab) load() {
	s := f.s
	s.env.Background(func(st *data.Store) func() {
		lists, err := st.FollowUps(s.env.Context(), time.Now())
		return func() {
			if err != nil {
				s.showError(s.tr.T("service.load_failed"), err)
				return
			}
			f.show(lists)
		}
	})
}

func (f *followTab) show(l data.FollowUps) {
	tr := f.s.tr
	by := map[app.FollowUpKind][]app.FollowUp{
		app.FollowTracking: l.Tracking, app.FollowCOD: l.COD, app.FollowCarrier: l.Carrier, app.FollowCallback: l.Callbacks,
	}
	for _, k := range app.FollowUpKinds() {
		items := by[k]
		f.heads[k].SetText(tr.T("service.follow.head", "Title", tr.T("service.follow.list."+string(k)), "Count", len(items)))
		objs := make([]fyne.CanvasObject, 0, len(items))
		for _, it := range items {
			objs = append(objs, f.itemView(it))
		}
		if len(objs) == 0 {
			objs = append(objs, widget.NewLabel(tr.T("service.follow.none")))
		}
		f.lists[k].Objects = objs
		f.lists[k].Refresh()
	}
}

// itemView is one item: who and what, since and due, and its action.
func (f *followTab) itemView(it app.FollowUp) fyne.CanvasObject {
	s, tr := f.s, f.s.tr
	who := nonEmpty(it.Customer, tr.T("service.case.no_customer"))
	var detail string
	switch it.Kind {
	case app.FollowTracking:
		if it.NoTracking {
			detail = tr.T("service.follow.no_number", "Order", it.OrderID, "SKU", it.SKU)
		} else {
			detail = tr.T("service.follow.parcel", "Carrier", it.Carrier, "Tracking", it.Tracking, "Order", it.OrderID)
		}
	case app.FollowCOD:
		detail = tr.T("service.follow.cod", "Contact", it.Contact, "Order", it.OrderID, "SKU", it.SKU)
	case app.FollowCarrier:
		detail = tr.T("service.follow.carrier", "Carrier", it.Carrier, "Tracking", it.Tracking,
			"Since", durationText(tr, time.Since(it.Since)))
	case app.FollowCallback:
		detail = tr.T("service.follow.callback", "Contact", it.Contact, "Time", it.Due.In(s.loc()).Format(ui.ShortTimeLayout))
	}
	due := tr.T("service.follow.due", "Time", it.Due.In(s.loc()).Format(ui.ShortTimeLayout))
	if it.Overdue {
		due = tr.T("service.follow.overdue", "Time", durationText(tr, time.Since(it.Due)))
	}
	line := ui.WrapLabel(tr.T("service.follow.line", "Who", who, "Detail", detail, "Due", due))
	if it.Overdue {
		line.Importance = widget.DangerImportance
	}
	done := widget.NewButton(tr.T("service.follow.do_"+string(it.Kind)), func() { f.do(it) })
	if it.NoTracking {
		// The number must be entered before it can be sent.
		done = widget.NewButton(tr.T("service.follow.enter_number"), func() { f.enterNumber(it.Ref) })
	}
	done.Importance = widget.HighImportance
	buttons := container.NewHBox(done)
	if it.CaseID != "" {
		caseID := it.CaseID
		buttons.Add(widget.NewButton(tr.T("service.follow.open_case"), func() {
			s.tabs.SelectIndex(0)
			s.cases.open(caseID)
		}))
	}
	return container.NewBorder(nil, nil, nil, buttons, line)
}

// do does an item's one action and shows the lists again.
func (f *followTab) do(it app.FollowUp) {
	s := f.s
	s.env.Background(func(st *data.Store) func() {
		err := st.DoFollowUp(s.env.Context(), it, "")
		return func() {
			if err != nil {
				s.showError(s.tr.T("service.follow.failed"), err)
			}
			f.load()
		}
	})
}

// enterNumber asks for a shipped parcel's carrier and tracking number.
func (f *followTab) enterNumber(orderID string) {
	s, tr := f.s, f.s.tr
	carrier, tracking := widget.NewEntry(), widget.NewEntry()
	form := widget.NewForm(widget.NewFormItem(tr.T("field.order.carrier"), carrier),
		widget.NewFormItem(tr.T("field.order.tracking"), tracking))
	s.env.ShowFormDialog(tr.T("service.follow.enter_number"), tr.T("action.save"), form, func() (ui.Write, error) {
		if app.NormalizeTracking(tracking.Text) == "" {
			return nil, &app.FieldError{Entity: "order", Field: "tracking", Code: app.CodeRequired}
		}
		return func(st *data.Store) error {
			ctx := s.env.Context()
			o, err := st.ServiceOrder(ctx, orderID)
			if err != nil {
				return err
			}
			o.Carrier, o.Tracking = carrier.Text, tracking.Text
			_, err = st.UpdateServiceOrder(ctx, o)
			return err
		}, nil
	}, f.load)
}

// newOrder adds an order the office ships itself: a cash-on-delivery
// order to call about, or a parcel whose number is to be sent.
func (f *followTab) newOrder() {
	s, tr := f.s, f.s.tr
	order, customer, contact, sku := widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	qty := widget.NewEntry()
	qty.SetText("1")
	carrier, tracking := widget.NewEntry(), widget.NewEntry()
	cod := widget.NewCheck(tr.T("field.order.cod"), nil)
	shipped := widget.NewCheck(tr.T("service.send.shipped"), nil)
	item := func(key string, w fyne.CanvasObject) *widget.FormItem { return widget.NewFormItem(tr.T(key), w) }
	form := widget.NewForm(item("field.order.order_id", order), item("field.order.customer", customer),
		item("field.order.contact", contact), item("field.order.sku", sku), item("field.order.quantity", qty),
		widget.NewFormItem("", cod), widget.NewFormItem("", shipped),
		item("field.order.carrier", carrier), item("field.order.tracking", tracking))
	s.env.ShowFormDialog(tr.T("service.order.new"), tr.T("action.save"), form, func() (ui.Write, error) {
		n, ok := ui.ParseWhole(qty.Text, 1, app.MaxOrderQuantity)
		if !ok {
			return nil, &app.FieldError{Entity: "order", Field: "quantity", Code: app.CodeOutOfRange, Limit: app.MaxOrderQuantity}
		}
		o := app.ServiceOrder{OrderID: order.Text, Customer: customer.Text, Contact: contact.Text, SKU: sku.Text, Quantity: n,
			COD: cod.Checked, Carrier: carrier.Text, Tracking: tracking.Text}
		if shipped.Checked {
			o.ShippedAt = time.Now()
		}
		if err := o.Normalize().Validate(); err != nil {
			return nil, err
		}
		return func(st *data.Store) error {
			_, err := st.CreateServiceOrder(s.env.Context(), o)
			return err
		}, nil
	}, f.load)
}
