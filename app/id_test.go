package app

import (
	"bytes"
	"math/rand/v2"
	"sort"
	"testing"
	"time"

	"github.com/google/uuid"
)

func TestNewIDIsOrderedUUIDv7(t *testing.T) {
	ids := make([]string, 5000)
	for i := range ids {
		ids[i] = NewID()
	}
	if !sort.StringsAreSorted(ids) {
		t.Fatal("IDs made one after another do not sort in creation order")
	}
	for _, id := range ids[:10] {
		u, err := uuid.Parse(id)
		if err != nil || u.Version() != 7 {
			t.Fatalf("%s: version %v, err %v; want a UUIDv7", id, u.Version(), err)
		}
	}
}

func TestIDAtIsReproducible(t *testing.T) {
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	seedReader := func() *bytes.Reader {
		r := rand.New(rand.NewPCG(1, 2))
		b := make([]byte, 64)
		for i := range b {
			b[i] = byte(r.Uint32())
		}
		return bytes.NewReader(b)
	}
	a, b := IDAt(at, seedReader()), IDAt(at, seedReader())
	if a != b {
		t.Fatalf("same seed gave %s and %s", a, b)
	}
	u := uuid.MustParse(a)
	if u.Version() != 7 || u.Variant() != uuid.RFC4122 {
		t.Fatalf("%s is not an RFC 4122 UUIDv7", a)
	}
	sec, nsec := u.Time().UnixTime()
	if got := time.Unix(sec, nsec).UnixMilli(); got != at.UnixMilli() {
		t.Fatalf("embedded time %d, want %d", got, at.UnixMilli())
	}
	later := IDAt(at.Add(time.Millisecond), seedReader())
	if later <= a {
		t.Fatalf("later ID %s does not sort after %s", later, a)
	}
}
