package planning

// productsSupported returns the largest k in [0, limit] such that every
// portfolio of 1..k lines, taken cyclically from the scenario's lines,
// needs at most budget: for every day d its cumulative net cash flow, plus
// the overhead paid so far (fixed, nil for none), must not fall below
// −budget. It is 0 when the first line alone does not fit, and never
// counts a k that fits only because a smaller one did not get there (a
// line that pays back early can make 2 lines fit where 1 does not; the
// answer is still 0).
//
// Lines share nothing but cash, so a portfolio of k = q·n + r lines has
// cumulative flow q·total[d] + prefix_r[d], where total sums all n lines
// and prefix_r the first r. For each r the condition is linear in q on
// every day, so the q that satisfy all days form an interval; the
// smallest k that fails is found from the intervals' ends, all in one
// pass over the days per r: exact, O(n·days).
func productsSupported(cums [][]int64, total, fixed []int64, budget int64, limit int) int {
	n := len(cums)
	if n == 0 || budget < 0 {
		return 0
	}
	prefix := make([]int64, len(total))
	// beyond is a q with q·n + r > limit for every r.
	beyond := int64(limit/n + 1)
	firstFail := int64(limit) + 1
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
		lo, hi := qmin, beyond
		for d, t := range total {
			// Need q·(−t) <= budget + prefix + overhead.
			a, c := -t, budget+prefix[d]
			if fixed != nil {
				c += fixed[d]
			}
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
		// The smallest q >= qmin outside [lo, hi] fails.
		fail := hi + 1
		if hi < lo || lo > qmin {
			fail = qmin
		}
		firstFail = min(firstFail, fail*int64(n)+int64(r))
	}
	return int(min(firstFail-1, int64(limit)))
}

// floorDiv is ⌊c/a⌋ for a > 0.
func floorDiv(c, a int64) int64 {
	q := c / a
	if c%a != 0 && c < 0 {
		q--
	}
	return q
}
