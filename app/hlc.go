package app

import (
	"errors"
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

// MaxClockAhead is how far ahead of this desk's wall clock a clock from
// elsewhere may be. A desk whose date is wrong (a PC set to 2030) would
// otherwise move every desk's clock, and the dates of their changes, to
// its year for good.
const MaxClockAhead = 24 * time.Hour

// ErrClockAhead is a clock too far ahead of this desk's wall clock.
var ErrClockAhead = errors.New("a clock is more than 24 hours ahead of this desk's")

// ClockAheadError says which clock was refused and what this desk's wall
// clock said. It wraps ErrClockAhead.
type ClockAheadError struct {
	Clock HLC
	Wall  time.Time
}

func (e *ClockAheadError) Error() string {
	return fmt.Sprintf("its clock says %s, %s ahead of this desk's clock (%s): the date of that computer (or of this one) is wrong; correct it in the system settings",
		e.Clock.Time().Format("2006-01-02 15:04 MST"), roundDuration(e.Clock.Time().Sub(e.Wall)), e.Wall.UTC().Format("2006-01-02 15:04 MST"))
}

func (e *ClockAheadError) Unwrap() error { return ErrClockAhead }

// roundDuration says a long duration in days, a short one in hours.
func roundDuration(d time.Duration) string {
	if d >= 48*time.Hour {
		return fmt.Sprintf("%d days", int(d/(24*time.Hour)))
	}
	return d.Round(time.Minute).String()
}

// Limit is the newest wall time a clock from elsewhere may have now.
func (c *Clock) Limit() time.Time { return c.now().Add(MaxClockAhead) }

// Check returns a *ClockAheadError when remote is more than MaxClockAhead
// ahead of the wall clock.
func (c *Clock) Check(remote HLC) error {
	wall := c.now()
	if remote.WallMS > wall.Add(MaxClockAhead).UnixMilli() {
		return &ClockAheadError{Clock: remote, Wall: wall}
	}
	return nil
}

// Observe merges a timestamp seen from another replica so that later
// local timestamps sort after it. A timestamp more than MaxClockAhead
// ahead of the wall clock is refused (a *ClockAheadError) and changes
// nothing: the local clock never jumps further than that.
func (c *Clock) Observe(remote HLC) error {
	if err := c.Check(remote); err != nil {
		return err
	}
	c.Resume(remote)
	return nil
}

// Resume merges a timestamp this replica wrote itself (its newest one,
// read back from disk), however far ahead it is: its own changes must
// stay ordered even if its wall clock was wrong when it made them.
func (c *Clock) Resume(own HLC) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if own.WallMS > c.last.WallMS || (own.WallMS == c.last.WallMS && own.Counter > c.last.Counter) {
		c.last = HLC{WallMS: own.WallMS, Counter: own.Counter, Replica: c.replica}
	}
}

// Restart forgets every timestamp issued or observed and starts again
// from the wall clock (after this desk's changes made while its clock was
// ahead were stamped again; see data.Store.RepairClock).
func (c *Clock) Restart() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.last = HLC{}
}

// Ahead is how far the newest timestamp is ahead of the wall clock (0
// when it is not): more than MaxClockAhead means this desk's own clock
// was wrong when it made changes.
func (c *Clock) Ahead() time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	d := time.UnixMilli(c.last.WallMS).Sub(c.now())
	return max(d, 0)
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
