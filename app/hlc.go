package app

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
)

// HLC is a hybrid logical clock timestamp: wall-clock milliseconds, a
// counter that orders events inside one millisecond (or while the wall
// clock stands still or steps back), and the replica that made it. Its
// string form sorts in the same order as Compare.
type HLC struct {
	WallMS  int64
	Counter uint32
	Replica string
}

const (
	hlcWallDigits    = 13 // milliseconds since 1970 fit in 13 digits until the year 2286
	hlcCounterDigits = 10 // max uint32
)

// String formats the timestamp as "WWWWWWWWWWWWW-CCCCCCCCCC-replica", fixed
// width so that byte order equals time order.
func (h HLC) String() string {
	if h.IsZero() {
		return ""
	}
	return fmt.Sprintf("%0*d-%0*d-%s", hlcWallDigits, h.WallMS, hlcCounterDigits, h.Counter, h.Replica)
}

// IsZero reports whether h is the zero timestamp (older than any other).
func (h HLC) IsZero() bool { return h.WallMS == 0 && h.Counter == 0 && h.Replica == "" }

// Compare returns -1, 0 or +1 as h is older than, equal to or newer than o.
func (h HLC) Compare(o HLC) int {
	switch {
	case h.WallMS != o.WallMS:
		return cmpInt(h.WallMS, o.WallMS)
	case h.Counter != o.Counter:
		return cmpInt(int64(h.Counter), int64(o.Counter))
	default:
		return strings.Compare(h.Replica, o.Replica)
	}
}

// Time returns the wall-clock part as a time.Time in UTC.
func (h HLC) Time() time.Time { return time.UnixMilli(h.WallMS).UTC() }

func cmpInt(a, b int64) int {
	if a < b {
		return -1
	}
	if a > b {
		return 1
	}
	return 0
}

// ParseHLC reads the string form written by HLC.String. The empty string
// is the zero timestamp.
func ParseHLC(s string) (HLC, error) {
	if s == "" {
		return HLC{}, nil
	}
	parts := strings.SplitN(s, "-", 3)
	if len(parts) != 3 || len(parts[0]) != hlcWallDigits || len(parts[1]) != hlcCounterDigits || parts[2] == "" {
		return HLC{}, fmt.Errorf("malformed clock value %q", s)
	}
	wall, err := strconv.ParseInt(parts[0], 10, 64)
	if err != nil || wall < 0 {
		return HLC{}, fmt.Errorf("malformed clock value %q", s)
	}
	counter, err := strconv.ParseUint(parts[1], 10, 32)
	if err != nil {
		return HLC{}, fmt.Errorf("malformed clock value %q", s)
	}
	return HLC{WallMS: wall, Counter: uint32(counter), Replica: parts[2]}, nil
}

// Clock issues HLC timestamps for one replica. Every timestamp it returns
// is newer than every timestamp it returned or observed before, even when
// the wall clock steps backwards. It is safe for concurrent use.
type Clock struct {
	mu      sync.Mutex
	now     func() time.Time
	replica string
	last    HLC
}

// NewClock returns a clock for replica reading wall time from now
// (time.Now when nil).
func NewClock(replica string, now func() time.Time) *Clock {
	if now == nil {
		now = time.Now
	}
	return &Clock{now: now, replica: replica}
}

// Replica returns the replica id stamped on this clock's timestamps.
func (c *Clock) Replica() string { return c.replica }

// Now returns a new timestamp for a local event.
func (c *Clock) Now() HLC {
	c.mu.Lock()
	defer c.mu.Unlock()
	wall := c.now().UnixMilli()
	if wall > c.last.WallMS {
		c.last = HLC{WallMS: wall, Replica: c.replica}
	} else {
		c.advanceCounter()
	}
	return c.last
}

// Observe merges a timestamp seen from elsewhere (another replica, or this
// replica's own last timestamp read back from disk) so that later local
// timestamps sort after it.
func (c *Clock) Observe(remote HLC) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if remote.WallMS > c.last.WallMS || (remote.WallMS == c.last.WallMS && remote.Counter > c.last.Counter) {
		c.last = HLC{WallMS: remote.WallMS, Counter: remote.Counter, Replica: c.replica}
	}
}

// Last returns the newest timestamp issued or observed.
func (c *Clock) Last() HLC {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.last
}

func (c *Clock) advanceCounter() {
	if c.last.Counter == ^uint32(0) {
		// The counter is exhausted inside one millisecond: borrow the next
		// millisecond rather than wrap around.
		c.last = HLC{WallMS: c.last.WallMS + 1, Replica: c.replica}
		return
	}
	c.last.Counter++
	c.last.Replica = c.replica
}
