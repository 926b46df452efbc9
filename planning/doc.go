// Package planning holds OpsBench's pure planning maths: how many product
// lines a fixed pot of capital carries, by which shipping mode, and when
// the cash runs out. It simulates product lines day by day, reads and
// writes scenario files (TOML), compares variants, ranks product ideas by
// price band and objective, and computes price × volume sensitivity grids.
//
// Everything is deterministic and free of I/O except for the io.Writer
// handed to Table.WriteCSV. Inputs (Scenario, Line, Mode) are decimals in
// major currency units, as a person types them; results hold money as
// int64 minor units of the scenario's base currency (fen for CNY, cents
// for USD, whole yen for JPY; see MinorPerMajor). Each cash event is
// rounded to the minor unit.
//
// # The simulation
//
// Each product line is simulated on its own; lines share nothing but the
// cash pot, so the pot's balance is capital plus the sum of the lines'
// cash flows, less the overhead (OverheadMonthly on day 0 and every 30
// days). For one line, each day d of the horizon from its LaunchDay:
//
//  1. Purchase orders due that day arrive and become sellable. An order
//     placed on day o arrives on o + lead time, where lead time =
//     production + transit + receiving days (at least 1).
//  2. The day's demand (DailyUnits, spread over whole units when
//     fractional; during a ramp, 20% rising to 100% over RampDays from the
//     first stock) is sold from stock; what stock cannot serve is lost.
//     Demand runs from the launch day, so the wait for the first stock
//     shows as lost sales (LineResult.LostBeforeStock).
//  3. While the stock position (on hand + ordered + in transit) is at or
//     below the reorder point ROP = DailyUnits × (lead time + safety
//     days), an order of ⌈CycleDays × DailyUnits⌉ units (at least the MOQ)
//     is placed. The launch day starts with nothing, so the first orders
//     go out then; a long lead time means several orders at once.
//
// An order pays DepositPct of its goods value on the order day, the
// balance plus freight when production ends, and import duty (DutyPct of
// the goods value) plus Amazon's inbound fee when transit ends. Freight
// per unit is the larger of the weight charge (chargeable weight: the
// larger of actual and volumetric weight when the mode has a
// VolumetricDivisor) and the volume charge (UnitVolumeM3 × CostPerM3).
// Sales of the settlement period [kP, (k+1)P) (P = PayoutPeriodDays,
// default 14) are paid out, net of referral fee, FBA fee, ads and returns
// and less the storage fees of the stock held in the period,
// PayoutDelayDays (default 3) after the period closes: [0,14) pays on day
// 17. Payouts falling after the horizon count as Receivable.
//
// # What a Result says
//
// PeakNeed is capital minus the lowest end-of-day balance (at least 0);
// the scenario is Feasible when PeakNeed fits in the capital after the
// reserve. ProductsSupported is the largest k such that every portfolio of
// 1..k lines like the scenario's (taken cyclically) fits in the capital
// after the reserve, at most MaxProductsSupported. Result.Limited says
// what the capital achieves when it is a hard limit (see CapitalLimited),
// and CapitalShortfall how much more capital runs the plan as planned.
// Returns are annualized, or for horizons under MinAnnualizedDays the
// period's, or n/a (ReturnNone) when no capital is tied up. The Verdict
// carries a Reason code and the numbers a sentence needs; Verdict.English
// renders the English sentence, the UI its translations. KeyFigures lists
// the figures a summary shows with stable IDs and explanations. See Result
// for the exact definitions of the cash conversion cycle, break-even day,
// profit and returns.
package planning
