package app

import (
	"errors"
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
	if err := c.Observe(remote); err != nil {
		t.Fatal(err)
	}
	h := c.Now()
	if h.Compare(remote) <= 0 {
		t.Fatalf("local %s is not after observed %s", h, remote)
	}
	if h.Replica != "local" {
		t.Errorf("replica = %q, want local", h.Replica)
	}
	// Observing an older timestamp changes nothing.
	c.Resume(HLC{WallMS: 1, Replica: "old"})
	if h2 := c.Now(); h2.Compare(h) <= 0 {
		t.Fatalf("%s is not after %s", h2, h)
	}
}

func TestClockCounterOverflowBorrowsNextMillisecond(t *testing.T) {
	c := NewClock("r", func() time.Time { return time.UnixMilli(1000) })
	c.Resume(HLC{WallMS: 1000, Counter: ^uint32(0), Replica: "x"})
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

// A clock from a desk set years ahead is refused and does not move the
// local clock; one less than a day ahead is accepted.
func TestClockRefusesClocksFarAhead(t *testing.T) {
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		remote time.Time
		refuse bool
	}{
		{"an hour ahead", now.Add(time.Hour), false},
		{"23 hours ahead", now.Add(23 * time.Hour), false},
		{"25 hours ahead", now.Add(25 * time.Hour), true},
		{"6 years ahead", now.AddDate(6, 0, 0), true},
		{"behind", now.Add(-time.Hour), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := NewClock("local", func() time.Time { return now })
			err := c.Observe(HLC{WallMS: tt.remote.UnixMilli(), Replica: "remote"})
			var ae *ClockAheadError
			if got := errors.As(err, &ae); got != tt.refuse || (got && !errors.Is(err, ErrClockAhead)) {
				t.Fatalf("Observe: %v, refuse %v", err, tt.refuse)
			}
			h := c.Now()
			if tt.refuse && h.WallMS != now.UnixMilli() {
				t.Fatalf("the clock jumped to %s", h.Time())
			}
			if !tt.refuse && tt.remote.After(now) && h.WallMS != tt.remote.UnixMilli() {
				t.Fatalf("the clock did not follow: %s", h.Time())
			}
		})
	}
	// Its own newest timestamp is resumed however far ahead it is, and
	// Ahead says by how much.
	c := NewClock("local", func() time.Time { return now })
	c.Resume(HLC{WallMS: now.AddDate(6, 0, 0).UnixMilli(), Replica: "local"})
	if c.Ahead() < 6*365*24*time.Hour {
		t.Fatalf("Ahead = %s", c.Ahead())
	}
	c.Restart()
	if c.Ahead() != 0 || c.Now().WallMS != now.UnixMilli() {
		t.Fatal("Restart did not go back to the wall clock")
	}
}
