package app

import (
	"io"
	"time"

	"github.com/google/uuid"
)

// NewID returns a new UUIDv7 as a string. UUIDv7 values sort by creation
// time, so a table keyed by them keeps insertion order in its index.
func NewID() string {
	// NewV7 only fails when the system random source fails, which Go's
	// crypto/rand treats as fatal anyway.
	return uuid.Must(uuid.NewV7()).String()
}

// IDAt returns a UUIDv7 for the instant t with its random bits read from
// r, so that a seeded generator (the demo data) makes the same IDs every
// run. IDs made at increasing instants sort in that order.
func IDAt(t time.Time, r io.Reader) string {
	var u uuid.UUID
	if _, err := io.ReadFull(r, u[:]); err != nil {
		return NewID()
	}
	ms := uint64(t.UnixMilli())
	for i := 0; i < 6; i++ {
		u[i] = byte(ms >> (40 - 8*i))
	}
	u[6] = 0x70 | u[6]&0x0f // version 7
	u[8] = 0x80 | u[8]&0x3f // RFC 4122 variant
	return u.String()
}

// ValidID reports whether s is a well-formed UUID string.
func ValidID(s string) bool {
	_, err := uuid.Parse(s)
	return err == nil && len(s) == 36
}
