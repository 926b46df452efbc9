package demo

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/opsbench/opsbench/app"
)

// demoLine is one product line of a demo scenario file.
type demoLine struct {
	name           string
	price          float64 // USD
	unitCost       float64 // CNY
	weightKg       float64
	dailyUnits     float64
	productionDays int
	mode           string
	fbaFee         float64 // USD
	adPct, retPct  float64
	cycle, safety  int
	depositPct     float64
	referralPct    float64
}

// Figures of the demo office.
const (
	// cnyPerUSD is the exchange rate the demo scenarios use.
	cnyPerUSD = 7.2
	// horizonDays is every demo scenario's planning horizon.
	horizonDays = 365
	// Factory cost of a random product: this share of its price in CNY,
	// plus up to costShareSpread more.
	costShareMin    = 0.15
	costShareSpread = 0.2
)

// pricePoints are Amazon price points (USD) of the random products.
var pricePoints = []float64{15.99, 24.99, 29.99, 35.99, 45.99, 69.99}

// capitals are the budgets (CNY) of the random scenarios.
var capitals = []int{50000, 100000, 200000, 300000, 500000}

// scenarioTOML writes a scenario file in the format of the planning
// package (see the README), priced in USD and counted in CNY.
func scenarioTOML(name string, capital, reservePct float64, lines []demoLine) string {
	var b strings.Builder
	fmt.Fprintf(&b, "name = %q\ncapital = %.0f\nbase_currency = \"CNY\"\nreserve_pct = %.0f\nhorizon_days = %d\n\n[fx]\nUSD = %g\n",
		name, capital, reservePct, horizonDays, cnyPerUSD)
	for _, l := range lines {
		fmt.Fprintf(&b, "\n[[line]]\nname = %q\nprice = %.2f\nprice_currency = \"USD\"\nunit_cost = %.2f\nunit_weight_kg = %.2f\n", l.name, l.price, l.unitCost, l.weightKg)
		fmt.Fprintf(&b, "daily_units = %g\nproduction_days = %d\ndeposit_pct = %.0f\nmode = %q\ncycle_days = %d\nsafety_days = %d\n", l.dailyUnits, l.productionDays, l.depositPct, l.mode, l.cycle, l.safety)
		fmt.Fprintf(&b, "referral_pct = %.0f\nfba_fee = %.2f\nad_pct = %.0f\nreturn_pct = %.0f\n", l.referralPct, l.fbaFee, l.adPct, l.retPct)
	}
	return b.String()
}

func cup(name, mode string) demoLine {
	return demoLine{name: name, price: 35, unitCost: 55, weightKg: 0.3, dailyUnits: 10, productionDays: 20, mode: mode,
		fbaFee: 5, adPct: 10, retPct: 3, cycle: 30, safety: 7, depositPct: 30, referralPct: 15}
}

// exampleScenarios are the founders' classic questions: two cup sets by
// sea or by air on ¥100,000, and light small items on a small budget.
func exampleScenarios() []app.SavedScenario {
	light := []demoLine{
		{name: "硅胶折叠水杯", price: 24.99, unitCost: 18, weightKg: 0.15, dailyUnits: 8, productionDays: 15, mode: "air", fbaFee: 3.8, adPct: 12, retPct: 2, cycle: 30, safety: 7, depositPct: 30, referralPct: 15},
		{name: "旅行收纳袋", price: 32.99, unitCost: 24, weightKg: 0.2, dailyUnits: 7, productionDays: 15, mode: "air", fbaFee: 4.2, adPct: 10, retPct: 2, cycle: 30, safety: 7, depositPct: 30, referralPct: 15},
	}
	return []app.SavedScenario{
		{Name: "两款杯子 · 海运", Note: "¥10万，海运能不能做两款？", Body: scenarioTOML("两款杯子 · 海运", 100000, 10, []demoLine{cup("礼品杯套装", "sea"), cup("旅行杯套装", "sea")})},
		{Name: "两款杯子 · 空运", Note: "同样两款，改走空运", Body: scenarioTOML("两款杯子 · 空运", 100000, 10, []demoLine{cup("礼品杯套装", "air"), cup("旅行杯套装", "air")})},
		{Name: "轻小件 · ¥5万", Note: "$20–30、$30–50 的轻小件，小预算起步", Body: scenarioTOML("轻小件 · ¥5万", 50000, 10, light)},
	}
}

var productWords = []string{"硅胶", "不锈钢", "竹制", "便携", "折叠", "磁吸", "防水", "加厚", "迷你", "多功能"}
var productNouns = []string{"水杯", "收纳盒", "挂钩", "餐垫", "手机支架", "化妆包", "宠物碗", "数据线", "香薰机", "保温袋"}
var modes = []string{"sea", "sea", "air", "express", "rail"}

// randomScenario makes a plausible scenario for the large demo.
func randomScenario(rng *rand.Rand, i int) app.SavedScenario {
	n := 1 + rng.IntN(4)
	lines := make([]demoLine, n)
	for j := range lines {
		price := pricePoints[rng.IntN(len(pricePoints))]
		lines[j] = demoLine{
			name:           productWords[rng.IntN(len(productWords))] + productNouns[rng.IntN(len(productNouns))],
			price:          price,
			unitCost:       float64(int(price*cnyPerUSD*(costShareMin+costShareSpread*rng.Float64())*100)) / 100,
			weightKg:       float64(5+rng.IntN(150)) / 100,
			dailyUnits:     float64(2 + rng.IntN(30)),
			productionDays: 10 + rng.IntN(25),
			mode:           modes[rng.IntN(len(modes))],
			fbaFee:         3 + float64(rng.IntN(400))/100,
			adPct:          float64(5 + rng.IntN(15)),
			retPct:         float64(1 + rng.IntN(5)),
			cycle:          []int{30, 45, 60}[rng.IntN(3)],
			safety:         7 + rng.IntN(14),
			depositPct:     []float64{30, 30, 50, 100}[rng.IntN(4)],
			referralPct:    15,
		}
	}
	capital := float64(capitals[rng.IntN(len(capitals))])
	name := fmt.Sprintf("方案 %03d · %s", i+1, lines[0].name)
	return app.SavedScenario{Name: name, Body: scenarioTOML(name, capital, 10, lines)}
}
