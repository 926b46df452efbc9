package inventoryui

import (
	"context"
	"image/color"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/planning"
	"github.com/opsbench/opsbench/ui"
	"github.com/opsbench/opsbench/ui/widgets"
)

// The business cash forecast: from the cash on hand the owner enters,
// what open purchase orders and freight still have to pay, the stock at
// FBA, on its way and in the warehouses, each SKU's velocity and the
// reorder plan's suggested orders, the cash of the next 26 weeks, with
// the week it goes below the reserve marked. It is shown on Planning (the
// shell adds CashView there as a tab) and summed up on a Today card for
// the owner.

// cashData is a computed forecast, with and without the suggested
// orders, and what it started from.
type cashData struct {
	with, without planning.Forecast
	cash          map[app.CashKind]app.CashEntry
	noRate        []string
	settings      app.InventorySettings
	skus          int
}

// loadForecast reads the live data and runs the forecast, off the UI
// thread.
func loadForecast(ctx context.Context, st *data.Store) (cashData, error) {
	day, err := st.PlanDay(ctx)
	if err != nil {
		return cashData{}, err
	}
	d, err := st.ReorderData(ctx, day)
	if err != nil {
		return cashData{}, err
	}
	cfg := planning.InventoryConfig(d.Settings, d.Modes, d.Measured)
	plans := planning.PlanInventory(d.Inputs, cfg, day)
	cash, amazon, noRate := planning.CashOnHand(d.Settings, d.Cash)
	in := planning.ForecastInput{Today: day, Settings: d.Settings, Cash: cash, AmazonPending: amazon, Payments: d.Payments,
		Plans: plans, Modes: cfg.Modes, WithOrders: true}
	out := cashData{cash: d.Cash, settings: d.Settings, skus: len(plans)}
	out.with = planning.CashForecast(in)
	in.WithOrders = false
	out.without = planning.CashForecast(in)
	out.noRate = append(noRate, out.with.NoRate...)
	return out, nil
}

// CashView is the business cash forecast with the cash on hand and its
// entry form.
type CashView struct {
	env   Env
	tr    *ui.Translator
	root  fyne.CanvasObject
	head  *widgets.Paragraph
	note  *widgets.Paragraph
	chart *widgets.Chart
	weeks *widget.Table
	rows  []planning.ForecastWeek
	cur   string
	busy  bool
}

// Colours of the cash chart.
var (
	belowColor   = color.NRGBA{R: 0xd3, G: 0x2f, B: 0x2f, A: 0xff}
	withoutColor = color.NRGBA{R: 0x75, G: 0x75, B: 0x75, A: 0xff}
)

// NewCashView builds the cash forecast view.
func NewCashView(env Env) *CashView {
	tr := env.Translator()
	v := &CashView{env: env, tr: tr, head: ui.WrapLabel(tr.T("status.loading")), note: ui.StatusLabel()}
	v.chart = widgets.NewChart(widgets.Data{NoData: tr.T("status.loading")})
	head := []string{tr.T("inventory.cash.week"), tr.T("inventory.cash.start"), tr.T("inventory.cash.in"), tr.T("inventory.cash.out"),
		tr.T("inventory.cash.balance"), tr.T("inventory.cash.low")}
	v.weeks = widget.NewTableWithHeaders(
		func() (int, int) { return len(v.rows), len(head) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			if id.Row >= len(v.rows) {
				l.SetText("")
				return
			}
			w := v.rows[id.Row]
			l.Alignment = fyne.TextAlignTrailing
			l.Importance = widget.MediumImportance
			if w.BelowReserve {
				l.Importance = widget.DangerImportance
			}
			switch id.Col {
			case 0:
				l.SetText(itoa(w.Week + 1))
			case 1:
				l.SetText(w.Start.String())
			case 2:
				l.SetText(app.FormatMoney(w.In, v.cur))
			case 3:
				l.SetText(app.FormatMoney(w.Out, v.cur))
			case 4:
				l.SetText(app.FormatMoney(w.Balance, v.cur))
			case 5:
				l.SetText(app.FormatMoney(w.Low, v.cur))
			}
		})
	v.weeks.ShowHeaderColumn = false
	v.weeks.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	}
	v.weeks.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(head) {
			o.(*widget.Label).SetText(head[id.Col])
		}
	}
	for i, w := range []float32{60, 110, 130, 130, 140, 140} {
		v.weeks.SetColumnWidth(i, headerWidth(head[i], w))
	}
	enter := widget.NewButtonWithIcon(tr.T("inventory.cash.enter"), theme.ContentAddIcon(), v.enterCash)
	enter.Importance = widget.HighImportance
	settings := widget.NewButtonWithIcon(tr.T("inventory.cash.settings"), theme.SettingsIcon(), func() {
		env.Navigate(ui.ScreenInventory.Tab(tabSettings))
	})
	top := container.NewVBox(v.head, container.NewHBox(enter, settings), v.note)
	split := container.NewHSplit(v.chart, v.weeks)
	split.Offset = 0.55
	v.root = container.NewBorder(container.NewPadded(top), nil, nil, nil, split)
	return v
}

// View is the view's widget tree.
func (v *CashView) View() fyne.CanvasObject { return v.root }

// Load computes the forecast off the UI thread and shows it.
func (v *CashView) Load() {
	if v.busy {
		return
	}
	v.busy = true
	v.env.Background(func(st *data.Store) func() {
		d, err := loadForecast(v.env.Context(), st)
		return func() {
			v.busy = false
			if err != nil {
				v.head.SetText(v.env.ErrorText(err))
				return
			}
			v.show(d)
		}
	})
}

func (v *CashView) show(d cashData) {
	tr := v.tr
	f := d.with
	v.cur = f.Currency
	v.rows = f.Weeks
	v.weeks.Refresh()
	v.head.SetText(forecastHeadline(tr, d))
	var notes []string
	if bank, ok := d.cash[app.CashBank]; ok {
		notes = append(notes, tr.T("inventory.cash.bank_on", "Amount", app.FormatMoney(bank.Amount, bank.Currency), "Day", bank.Day.String()))
	} else {
		notes = append(notes, tr.T("inventory.cash.no_bank"))
	}
	if am, ok := d.cash[app.CashAmazon]; ok {
		notes = append(notes, tr.T("inventory.cash.amazon_on", "Amount", app.FormatMoney(am.Amount, am.Currency), "Day", am.Day.String()))
	}
	notes = append(notes, tr.T("inventory.cash.orders", "Count", f.Orders, "Amount", app.FormatMoney(f.OrderSpend, f.Currency)))
	if len(d.noRate) > 0 {
		notes = append(notes, tr.T("inventory.cash.no_rate", "Currencies", strings.Join(d.noRate, tr.T("list.separator"))))
	}
	v.note.SetText(strings.Join(notes, "\n"))
	v.chart.SetData(cashChart(tr, d))
}

// forecastHeadline says where the cash goes: the week it goes below the
// reserve, or that it stays above.
func forecastHeadline(tr *ui.Translator, d cashData) string {
	f := d.with
	reserve := app.FormatMoney(f.Reserve, f.Currency)
	lowest := tr.T("inventory.cash.lowest", "Amount", app.FormatMoney(f.Lowest, f.Currency), "Day", f.LowestDay.String())
	if f.BelowReserveWeek >= 0 {
		w := f.Weeks[f.BelowReserveWeek]
		return tr.T("inventory.cash.below", "Week", f.BelowReserveWeek+1, "Day", w.Start.String(), "Reserve", reserve) + " " + lowest
	}
	return tr.T("inventory.cash.above", "Weeks", len(f.Weeks), "Reserve", reserve) + " " + lowest
}

// cashChart is the daily cash with and without the suggested orders,
// the reserve and the first week below it.
func cashChart(tr *ui.Translator, d cashData) widgets.Data {
	f := d.with
	major := func(v int64) float64 { return float64(v) / float64(app.MinorPerMajor(f.Currency)) }
	series := func(daily []int64) []float64 {
		ys := make([]float64, len(daily))
		for i, v := range daily {
			ys[i] = major(v)
		}
		return ys
	}
	out := widgets.Data{
		X: widgets.Axis{Label: tr.T("inventory.chart.days_ahead")},
		Y: widgets.Axis{Label: tr.T("inventory.cash.axis", "Cur", app.CurrencySymbol(f.Currency)),
			Format: func(v float64) string { return app.FormatMajor(v, f.Currency) }},
		Series: []widgets.Series{
			{Name: tr.T("inventory.cash.with_orders"), Y: series(f.Daily)},
			{Name: tr.T("inventory.cash.without_orders"), Y: series(d.without.Daily), Color: withoutColor, Dashed: true},
		},
		Lines:  []widgets.RefLine{{Label: tr.T("inventory.cash.reserve", "Amount", app.FormatMoney(f.Reserve, f.Currency)), Y: major(f.Reserve), Color: belowColor}},
		NoData: tr.T("inventory.cash.none"),
		Hover: func(x float64) string {
			i := int(x + 0.5)
			if i < 0 || i >= len(f.Daily) {
				return ""
			}
			return tr.T("inventory.cash.hover", "Day", f.Start.AddDays(i).String(), "With", app.FormatMoney(f.Daily[i], f.Currency),
				"Without", app.FormatMoney(d.without.Daily[i], f.Currency))
		},
	}
	if w := f.BelowReserveWeek; w >= 0 {
		day := 7 * w
		for i := 7 * w; i < min(7*w+7, len(f.Daily)); i++ {
			if f.Daily[i] < f.Reserve {
				day = i
				break
			}
		}
		out.Markers = []widgets.Markers{{Name: tr.T("inventory.cash.below_marker", "Week", w+1), Shape: widgets.ShapeTriangleDown,
			Color: belowColor, X: []float64{float64(day)}, Y: []float64{major(f.Daily[day])}}}
	}
	return out
}

// enterCash records the cash on hand: money in the bank, or Amazon's
// balance not yet paid out. The newest entry of each kind counts.
func (v *CashView) enterCash() {
	tr := v.tr
	kinds := ui.Choices{{Value: string(app.CashBank), Label: tr.T("inventory.cash.kind_bank")},
		{Value: string(app.CashAmazon), Label: tr.T("inventory.cash.kind_amazon")}}
	kind := widget.NewRadioGroup(kinds.Labels(), nil)
	kind.SetSelected(kinds[0].Label)
	amount := widget.NewEntry()
	cur := widget.NewSelect(currencyCodes, nil)
	cur.SetSelected("CNY")
	day := widget.NewEntry()
	day.SetText(app.DateOf(time.Now(), time.Local).String())
	note := widget.NewEntry()
	form := widget.NewForm(
		widget.NewFormItem(tr.T("field.cash.kind"), kind),
		widget.NewFormItem(tr.T("field.cash.amount"), container.NewBorder(nil, nil, nil, ui.FixedWidth(90, cur), amount)),
		widget.NewFormItem(tr.T("field.cash.day"), day),
		widget.NewFormItem(tr.T("field.cash.note"), note),
	)
	v.env.ShowFormDialog(tr.T("inventory.cash.enter"), tr.T("action.save"), form, func() (ui.Write, error) {
		d, ok := parseDay(day.Text)
		if !ok || d.IsZero() {
			return nil, ui.Problem(tr.T("inventory.bad_day"))
		}
		a, ok := ui.ParseNumber(strings.TrimPrefix(strings.TrimSpace(amount.Text), app.CurrencySymbol(cur.Selected)))
		if !ok || a > float64(app.MaxMoneyMinor)/100 || a < -float64(app.MaxMoneyMinor)/100 {
			return nil, &app.FieldError{Entity: "cash", Field: "amount", Code: app.CodeOutOfRange, Limit: int(app.MaxMoneyMinor / 100)}
		}
		c := app.CashEntry{Day: d, Kind: app.CashKind(kinds.Value(kind.Selected)), Currency: cur.Selected, Note: note.Text,
			Amount: int64(a*float64(app.MinorPerMajor(cur.Selected)) + 0.5*signOf(a))}
		if err := c.Validate(); err != nil {
			return nil, err
		}
		return func(st *data.Store) error {
			_, err := st.AddCashEntry(v.env.Context(), c)
			return err
		}, nil
	}, v.Load)
}

func signOf(v float64) float64 {
	if v < 0 {
		return -1
	}
	return 1
}
