package planning

// productsSupported returns the largest k in [0, limit] such that a
// portfolio of k lines, taken cyclically from the scenario's lines, needs
// at most budget: for every day d its cumulative net cash flow must not
// fall below −budget.
//
// Lines share nothing but cash, so a portfolio of k = q·n + r lines has
// cumulative flow q·total[d] + prefix_r[d], where total sums all n lines
// and prefix_r the first r. For each r the condition is linear in q on
// every day, so the q that satisfy all days form an interval whose ends
// follow from one pass over the days: exact, O(n·days), and correct even
// where adding a line lowers the need.
func productsSupported(cums [][]int64, total []int64, budget int64, limit int) int {
	n := len(cums)
	if n == 0 || budget < 0 {
		return 0
	}
	prefix := make([]int64, len(total))
	best := 0
	for r := 0; r < n; r++ {
		if r > 0 {
			for d, v := range cums[r-1] {
				prefix[d] += v
			}
		}
		qmin := int64(0)
		if r == 0 {
			qmin = 1
		}
		qmax := int64((limit - r) / n)
		if limit < r || qmax < qmin {
			continue
		}
		lo, hi := qmin, qmax
		for d, t := range total {
			// Need q·(−t) <= budget + prefix.
			a, c := -t, budget+prefix[d]
			switch {
			case a > 0:
				hi = min(hi, floorDiv(c, a))
			case a < 0:
				lo = max(lo, -floorDiv(c, -a))
			case c < 0:
				hi = lo - 1
			}
			if hi < lo {
				break
			}
		}
		if hi >= lo {
			best = max(best, int(hi)*n+r)
		}
	}
	return best
}

// floorDiv is ⌊c/a⌋ for a > 0.
func floorDiv(c, a int64) int64 {
	q := c / a
	if c%a != 0 && c < 0 {
		q--
	}
	return q
}
