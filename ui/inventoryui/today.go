package inventoryui

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/planning"
	"github.com/opsbench/opsbench/ui"
)

// The Inventory area's Today cards: what to order now, what runs out
// within 14 days, what arrives this week; and, for the owner, the cash
// forecast in two lines.
//
// Cards are read before the first frame: they read only what is quick
// (the reorder cache, the shipments on their way). When the cache is
// older than the data, the card shows it as it is and brings it up to
// date in the background, then shows the fresh counts; the cash forecast
// is computed in the background the same way.

// stockoutDays is how far the Today card looks for stock-outs.
const stockoutDays = 14

// refreshDelay lets the first frame draw before the cards recompute.
const refreshDelay = 400 * time.Millisecond

// TodayCards are the Inventory area's cards on the Today screen.
func TodayCards(env Env) []ui.TodayCard {
	return []ui.TodayCard{
		{Title: env.T("inventory.today.title"), Load: func(st *data.Store) (func() fyne.CanvasObject, error) { return loadStockCard(env, st) }},
		{Title: env.T("inventory.today.cash_title"), Load: func(st *data.Store) (func() fyne.CanvasObject, error) { return loadCashCard(env, st) }},
	}
}

// stockCounts is what the stock card shows.
type stockCounts struct {
	orderNow, soon, stockouts, skus int
	arriving                        []app.Shipment
	day                             app.Date
	stale                           bool
}

func readStockCounts(env Env, st *data.Store) (stockCounts, error) {
	ctx := env.Context()
	var c stockCounts
	day, err := st.PlanDay(ctx)
	if err != nil {
		return c, err
	}
	version, err := st.DataVersion(ctx, day)
	if err != nil {
		return c, err
	}
	have, err := st.ReorderVersion(ctx)
	if err != nil {
		return c, err
	}
	counts, err := st.ReorderCounts(ctx)
	if err != nil {
		return c, err
	}
	if c.stockouts, err = st.StockoutsWithin(ctx, day.AddDays(stockoutDays)); err != nil {
		return c, err
	}
	if c.arriving, err = st.ShipmentsArrivingBy(ctx, day.AddDays(6)); err != nil {
		return c, err
	}
	for _, n := range counts {
		c.skus += n
	}
	c.orderNow, c.soon = counts[string(planning.ReorderNow)], counts[string(planning.ReorderSoon)]
	c.day, c.stale = day, have != version
	return c, nil
}

func loadStockCard(env Env, st *data.Store) (func() fyne.CanvasObject, error) {
	c, err := readStockCounts(env, st)
	if err != nil {
		return nil, err
	}
	return func() fyne.CanvasObject {
		tr := env.Translator()
		lines := container.NewVBox(stockCardLines(tr, c)...) // new: laid out by its card
		show := func(c stockCounts) {
			lines.Objects = stockCardLines(tr, c)
			lines.Refresh()
		}
		if c.stale {
			env.Go(func() {
				time.Sleep(refreshDelay)
				env.Background(func(st *data.Store) func() {
					_, err := refreshFigures(env.Context(), st)
					fresh, err2 := readStockCounts(env, st)
					return func() {
						if err == nil && err2 == nil {
							show(fresh)
						}
					}
				})
			})
		}
		open := widget.NewButton(tr.T("inventory.today.open"), func() { env.Navigate(ui.ScreenInventory.Tab(tabReorder)) })
		return container.NewVBox(lines, container.NewHBox(open))
	}, nil
}

// stockCardLines writes the stock card's lines.
func stockCardLines(tr *ui.Translator, c stockCounts) []fyne.CanvasObject {
	label := func(text string, urgent bool) fyne.CanvasObject {
		l := widget.NewLabel(text)
		l.Truncation = fyne.TextTruncateEllipsis
		if urgent {
			l.Importance = widget.DangerImportance
		}
		return l
	}
	if c.skus == 0 && len(c.arriving) == 0 {
		if c.stale {
			return []fyne.CanvasObject{label(tr.T("status.loading"), false)}
		}
		return []fyne.CanvasObject{ui.WrapLabel(tr.T("inventory.today.none"))}
	}
	out := []fyne.CanvasObject{
		label(tr.T("inventory.today.order_now", "Count", c.orderNow, "Soon", c.soon), c.orderNow > 0),
		label(tr.T("inventory.today.stockouts", "Count", c.stockouts, "Days", stockoutDays), c.stockouts > 0),
	}
	out = append(out, label(arrivingLine(tr, c.arriving), false))
	if c.stale {
		out = append(out, label(tr.T("inventory.today.updating"), false))
	}
	return out
}

// arrivingLine names the first four shipments arriving this week, or says
// that none is.
func arrivingLine(tr *ui.Translator, arriving []app.Shipment) string {
	if len(arriving) == 0 {
		return tr.T("inventory.today.arriving_none")
	}
	var refs []string
	for i, sh := range arriving {
		if i == 4 {
			refs = append(refs, "…")
			break
		}
		refs = append(refs, tr.T("inventory.today.arrival", "Ref", sh.Ref, "Day", sh.ExpectedArrival().String()[5:]))
	}
	return tr.T("inventory.today.arriving", "Count", len(arriving), "List", strings.Join(refs, tr.T("list.separator")))
}

// loadCashCard shows the owner (and finance) the forecast's headline;
// others get the way to it.
func loadCashCard(env Env, st *data.Store) (func() fyne.CanvasObject, error) {
	me, err := st.Me(env.Context())
	if err != nil {
		return nil, err
	}
	forOwner := me.Role == app.RoleOwner || me.Role == app.RoleFinance
	return func() fyne.CanvasObject {
		tr := env.Translator()
		text := ui.WrapLabel(tr.T("inventory.today.cash_other"))
		if forOwner {
			text.SetText(tr.T("inventory.today.cash_computing"))
			env.Go(func() {
				time.Sleep(refreshDelay)
				env.Background(func(st *data.Store) func() {
					d, err := loadForecast(env.Context(), st)
					return func() {
						if err != nil {
							text.SetText(env.ErrorText(err))
							return
						}
						text.SetText(cashCardText(tr, d))
					}
				})
			})
		}
		open := widget.NewButton(tr.T("inventory.today.cash_open"), func() { env.Navigate(ui.ScreenPlanning.Tab(CashTabName)) })
		return container.NewVBox(text, container.NewHBox(open))
	}, nil
}

// cashCardText is the forecast in two lines.
func cashCardText(tr *ui.Translator, d cashData) string {
	lines := []string{forecastHeadline(tr, d)}
	if _, ok := d.cash[app.CashBank]; !ok {
		lines = append(lines, tr.T("inventory.cash.no_bank"))
	}
	return strings.Join(lines, "\n")
}

// CashTabName is the name of the cash forecast's tab on Planning
// (ui.ScreenPlanning.Tab(CashTabName)).
const CashTabName = "cash"
