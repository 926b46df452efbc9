package app

import (
	"sort"
	"testing"
	"time"
)

// steppingClock returns the instants in order, repeating the last one.
func steppingClock(instants ...time.Time) func() time.Time {
	i := 0
	return func() time.Time {
		t := instants[i]
		if i < len(instants)-1 {
			i++
		}
		return t
	}
}

func TestClockMonotonicWhenWallClockStepsBack(t *testing.T) {
	base := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	c := NewClock("r1", steppingClock(
		base,
		base.Add(5*time.Second),
		base.Add(5*time.Second), // stands still
		base.Add(-time.Hour),    // steps back an hour (NTP correction, manual change)
		base.Add(-time.Hour),
		base.Add(6*time.Second),
	))
	var prev HLC
	for i := 0; i < 6; i++ {
		h := c.Now()
		if i > 0 && h.Compare(prev) <= 0 {
			t.Fatalf("timestamp %d (%s) is not after %s", i, h, prev)
		}
		if i > 0 && h.String() <= prev.String() {
			t.Fatalf("string %d %q does not sort after %q", i, h, prev)
		}
		prev = h
	}
	if got, want := prev.WallMS, base.Add(6*time.Second).UnixMilli(); got != want {
		t.Errorf("after the clock recovered, wall = %d, want %d", got, want)
	}
}

func TestClockObserve(t *testing.T) {
	base := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	c := NewClock("local", func() time.Time { return base })
	remote := HLC{WallMS: base.Add(time.Minute).UnixMilli(), Counter: 7, Replica: "other"}
	c.Observe(remote)
	h := c.Now()
	if h.Compare(remote) <= 0 {
		t.Fatalf("local %s is not after observed %s", h, remote)
	}
	if h.Replica != "local" {
		t.Errorf("replica = %q, want local", h.Replica)
	}
	// Observing an older timestamp changes nothing.
	c.Observe(HLC{WallMS: 1, Replica: "old"})
	if h2 := c.Now(); h2.Compare(h) <= 0 {
		t.Fatalf("%s is not after %s", h2, h)
	}
}

func TestClockCounterOverflowBorrowsNextMillisecond(t *testing.T) {
	c := NewClock("r", func() time.Time { return time.UnixMilli(1000) })
	c.Observe(HLC{WallMS: 1000, Counter: ^uint32(0), Replica: "x"})
	h := c.Now()
	if h.WallMS != 1001 || h.Counter != 0 {
		t.Fatalf("got %+v, want wall 1001 counter 0", h)
	}
}

func TestHLCStringRoundTripAndOrder(t *testing.T) {
	values := []HLC{
		{WallMS: 1764237600000, Counter: 0, Replica: "b"},
		{WallMS: 1764237600000, Counter: 1, Replica: "a"},
		{WallMS: 1764237600001, Counter: 0, Replica: "a"},
		{WallMS: 999, Counter: 12, Replica: "z"},
		{WallMS: 1764237600000, Counter: 0, Replica: "a"},
	}
	strs := make([]string, len(values))
	for i, v := range values {
		strs[i] = v.String()
		got, err := ParseHLC(strs[i])
		if err != nil || got != v {
			t.Fatalf("ParseHLC(%q) = %+v, %v; want %+v", strs[i], got, err, v)
		}
	}
	sort.Slice(values, func(i, j int) bool { return values[i].Compare(values[j]) < 0 })
	sort.Strings(strs)
	for i := range values {
		if values[i].String() != strs[i] {
			t.Fatalf("order differs at %d: %s vs %s", i, values[i], strs[i])
		}
	}
}

func TestParseHLCRejectsMalformed(t *testing.T) {
	for _, s := range []string{"x", "123-456-r", "1764237600000-0000000000-", "17642376000a0-0000000000-r", "1764237600000-9999999999-r"} {
		if _, err := ParseHLC(s); err == nil {
			t.Errorf("ParseHLC(%q) accepted a malformed value", s)
		}
	}
}
