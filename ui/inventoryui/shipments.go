package inventoryui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/ui"
	"github.com/opsbench/opsbench/ui/widgets"
)

// shipRow is one shipment as the table shows it.
type shipRow struct {
	id, ref, status, mode, forwarder, route, skus, units, departed, arrival, transit, cost, tracking string
	late                                                                                             bool
	sh                                                                                               app.Shipment
}

// shipmentsTab lists the shipments (newest departure first, those not
// yet departed on top), books new ones, records departure and arrival,
// keeps receipts with them; below, the logistics view per mode and
// forwarder.
type shipmentsTab struct {
	s     *Screen
	root  fyne.CanvasObject
	table *widgets.PagedTable[shipRow]
	sel   selection[app.Shipment]
	logis *logisticsView
}

func newShipmentsTab(s *Screen) *shipmentsTab {
	tr := s.tr
	t := &shipmentsTab{s: s}
	late := func(r shipRow) widget.Importance {
		if r.late {
			return widget.DangerImportance
		}
		return widget.MediumImportance
	}
	var statusOpts []widgets.Option
	for _, st := range app.ShipmentStatuses() {
		statusOpts = append(statusOpts, widgets.Option{Value: string(st), Label: tr.T("inventory.shipment." + string(st))})
	}
	t.table = widgets.NewPagedTable(tableConfig(s, tr.T("inventory.tab.shipments"), widgets.PagedTableConfig[shipRow]{
		Columns: []widgets.Column[shipRow]{
			{Label: tr.T("field.shipment.ref"), Width: 120, Sort: app.ShipmentSortRef, Text: func(r shipRow) string { return r.ref }},
			{Label: tr.T("inventory.col.status"), Width: 90, Text: func(r shipRow) string { return r.status }, Importance: late},
			{Label: tr.T("field.shipment.mode"), Width: 70, Sort: app.ShipmentSortMode, Text: func(r shipRow) string { return r.mode }},
			{Label: tr.T("field.shipment.forwarder"), Width: 120, Text: func(r shipRow) string { return r.forwarder }},
			{Label: tr.T("inventory.col.route"), Width: 200, Text: func(r shipRow) string { return r.route }},
			{Label: tr.T("inventory.col.skus"), Width: 160, Text: func(r shipRow) string { return r.skus }},
			{Label: tr.T("inventory.col.units"), Width: numberWidth, Align: fyne.TextAlignTrailing, Text: func(r shipRow) string { return r.units }},
			{Label: tr.T("field.shipment.departed_on"), Width: dayWidth, Sort: app.ShipmentSortDeparted, Text: func(r shipRow) string { return r.departed }},
			{Label: tr.T("inventory.col.arrival"), Width: 120, Sort: app.ShipmentSortETA, Text: func(r shipRow) string { return r.arrival }, Importance: late},
			{Label: tr.T("inventory.col.transit_days"), Width: 110, Text: func(r shipRow) string { return r.transit }},
			{Label: tr.T("field.shipment.cost"), Width: 100, Align: fyne.TextAlignTrailing, Text: func(r shipRow) string { return r.cost }},
			{Label: tr.T("field.shipment.tracking"), Width: 140, Text: func(r shipRow) string { return r.tracking }},
		},
		Filters: []widgets.Filter{{Key: app.ShipmentFilterStatus, Label: tr.T("inventory.col.status"), Options: statusOpts}},
		Search:  true,
		Sort:    app.ShipmentSortDeparted, Desc: true,
		Load: t.page,
		ID:   func(r shipRow) string { return r.id },
		OnSelected: func(id string) {
			selectFrom(s, &t.sel, func(ctx context.Context, st *data.Store) (app.Shipment, error) { return st.Shipment(ctx, id) })
		},
	}))
	add := widget.NewButtonWithIcon(tr.T("inventory.shipment.new"), theme.ContentAddIcon(), func() { s.editShipment(app.Shipment{}) })
	add.Importance = widget.HighImportance
	edit := widget.NewButtonWithIcon(tr.T("inventory.shipment.edit"), theme.DocumentCreateIcon(), func() { s.editShipment(t.sel.value) })
	depart := widget.NewButtonWithIcon(tr.T("inventory.shipment.depart"), theme.MailSendIcon(), func() { t.mark(true) })
	arrive := widget.NewButtonWithIcon(tr.T("inventory.shipment.arrive"), theme.ConfirmIcon(), func() { t.mark(false) })
	attach := widget.NewButtonWithIcon(tr.T("inventory.shipment.attach"), theme.FileIcon(), t.attach)
	t.sel.buttons = []fyne.Disableable{edit, depart, arrive, attach}
	t.sel.enable()
	t.logis = newLogisticsView(s)
	tools := container.NewHBox(add, edit, depart, arrive, attach)
	list := container.NewBorder(container.NewPadded(tools), nil, nil, nil, t.table)
	split := container.NewVSplit(list, t.logis.root)
	split.Offset = 0.64
	t.root = split
	return t
}

func (t *shipmentsTab) page(ctx context.Context, q app.ListQuery) ([]shipRow, int, error) {
	st, err := t.s.openStore()
	if err != nil {
		return nil, 0, err
	}
	shs, total, err := st.ListShipments(ctx, q)
	rows := make([]shipRow, len(shs))
	for i, sh := range shs {
		rows[i] = t.row(sh)
	}
	return rows, total, err
}

func (t *shipmentsTab) row(sh app.Shipment) shipRow {
	s, tr := t.s, t.s.tr
	name := func(id string) string {
		if l, ok := s.location(id); ok {
			return ui.LocationLabel(tr, l)
		}
		return "?"
	}
	var skus []string
	for _, l := range sh.Lines {
		skus = append(skus, l.SKU)
	}
	r := shipRow{id: sh.ID, ref: sh.Ref, status: tr.T("inventory.shipment." + string(sh.Status())), mode: modeLabel(tr, sh.Mode),
		forwarder: sh.Forwarder, route: tr.T("inventory.route", "From", name(sh.FromID), "To", name(sh.ToID)),
		skus: strings.Join(skus, tr.T("list.separator")), units: units(sh.Units()), departed: dayText(sh.DepartedOn),
		arrival: dayText(sh.ExpectedArrival()), tracking: sh.Tracking, sh: sh, transit: "–", cost: "–"}
	if sh.Cost > 0 {
		r.cost = app.FormatMoney(sh.Cost, sh.Currency)
	}
	if sh.Status() == app.ShipmentInTransit && !sh.ArrivedOn.IsZero() == false && sh.ExpectedArrival() != 0 &&
		sh.ExpectedArrival() < app.DateOf(time.Now(), time.Local) {
		r.late = true // due and not arrived
	}
	if n, ok := sh.TransitDays(); ok {
		r.transit = tr.T("inventory.transit_days", "Days", n, "Quoted", sh.QuotedDays)
		r.late = sh.QuotedDays > 0 && n > sh.QuotedDays
	} else if sh.Status() == app.ShipmentArrived {
		r.arrival = dayText(sh.ArrivedOn)
	}
	return r
}

func (t *shipmentsTab) load() {
	t.table.Reload()
	t.logis.load()
}

// mark records the picked shipment's departure or arrival, today unless
// changed.
func (t *shipmentsTab) mark(depart bool) {
	s, tr := t.s, t.s.tr
	sh := t.sel.value
	day := widget.NewEntry()
	day.SetText(app.DateOf(time.Now(), time.Local).String())
	title, label := tr.T("inventory.shipment.depart_title", "Ref", sh.Ref), tr.T("field.shipment.departed_on")
	if !depart {
		title, label = tr.T("inventory.shipment.arrive_title", "Ref", sh.Ref), tr.T("field.shipment.arrived_on")
	}
	form := widget.NewForm(widget.NewFormItem(label, day))
	s.showWriteForm(title, tr.T("action.save"), form, []*widget.Entry{day}, func() (ui.Write, error) {
		d, ok := parseDay(day.Text)
		if !ok || d.IsZero() {
			return nil, ui.Problem(tr.T("inventory.bad_day"))
		}
		return func(st *data.Store) error {
			var err error
			if depart {
				_, err = st.DepartShipment(s.env.Context(), sh.ID, d)
			} else {
				_, err = st.ArriveShipment(s.env.Context(), sh.ID, d)
			}
			return err
		}, nil
	}, func() {
		t.sel.clear()
		s.changed()
	})
}

// attach keeps a receipt or a freight invoice with the picked shipment.
func (t *shipmentsTab) attach() {
	s, tr := t.s, t.s.tr
	id := t.sel.value.ID
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			if err != nil {
				s.env.ShowError(tr.T("inventory.shipment.attach_failed"), err)
			}
			return
		}
		name := r.URI().Name()
		s.env.Background(func(st *data.Store) func() {
			defer r.Close()
			body, err := readAll(r, app.MaxAttachmentSize)
			if err == nil {
				_, err = st.AttachShipmentFile(s.env.Context(), id, name, body)
			}
			return func() {
				if err != nil {
					s.env.ShowError(tr.T("inventory.shipment.attach_failed"), err)
					return
				}
				s.env.Inform(tr.T("inventory.shipment.attached_title"), tr.T("inventory.shipment.attached", "Name", name))
			}
		})
	}, s.env.Window())
	d.Show()
}

// newShipmentFor opens a new shipment of a SKU, straight from the
// factory to its marketplace's FBA warehouses (the reorder plan's
// "create shipment").
func (s *Screen) newShipmentFor(p app.Product, mode string, qty int) {
	sh := app.Shipment{Mode: mode, FromID: app.SupplierLocationID(), ToID: app.FBALocationID(p.Marketplace),
		Lines: []app.ShipmentLine{{SKU: p.SKU, Qty: qty}}}
	s.editShipment(sh)
}

// newShipmentRef suggests a reference for a new shipment: its mode and
// when it was made, SEA-261129-1530.
func newShipmentRef(mode string, now time.Time) string {
	return fmt.Sprintf("%s-%s", strings.ToUpper(firstNonEmpty(mode, "sea")), now.Format("060102-1504"))
}

// missing lists the locations of want not among have.
func missing(have, want []app.Location) []app.Location {
	var out []app.Location
	for _, w := range want {
		found := false
		for _, h := range have {
			found = found || h.ID == w.ID
		}
		if !found {
			out = append(out, w)
		}
	}
	return out
}

func firstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}

// readAll reads at most limit bytes (a bigger file is refused).
func readAll(r interface{ Read([]byte) (int, error) }, limit int) ([]byte, error) {
	var buf []byte
	chunk := make([]byte, 64<<10)
	for {
		n, err := r.Read(chunk)
		buf = append(buf, chunk[:n]...)
		if len(buf) > limit {
			return nil, &app.FieldError{Entity: "attachment", Field: "content", Code: app.CodeTooLong, Limit: limit}
		}
		if err != nil {
			if err.Error() == "EOF" {
				return buf, nil
			}
			return nil, err
		}
	}
}

// baseName is a path's file name.
func baseName(path string) string { return filepath.Base(path) }

// fileSize is a file's size, 0 when unknown.
func fileSize(path string) int64 {
	if st, err := os.Stat(path); err == nil {
		return st.Size()
	}
	return 0
}
