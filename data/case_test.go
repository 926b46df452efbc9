package data

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/opsbench/opsbench/app"
)

// svcClock is a store clock a test moves by hand.
type svcClock struct{ ns atomic.Int64 }

func (c *svcClock) now() time.Time      { return time.Unix(0, c.ns.Load()).UTC() }
func (c *svcClock) set(t time.Time)     { c.ns.Store(t.UnixNano()) }
func (c *svcClock) add(d time.Duration) { c.ns.Add(int64(d)) }

var shanghaiLoc = func() *time.Location {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		panic(err)
	}
	return loc
}()

// sh reads "2006-01-02 15:04" in Shanghai time (the default office).
func shAt(tb testing.TB, s string) time.Time {
	tb.Helper()
	t, err := time.ParseInLocation(app.MinuteLayout, s, shanghaiLoc)
	if err != nil {
		tb.Fatal(err)
	}
	return t
}

// openClocked opens a fresh store whose clock the test sets.
func openClocked(tb testing.TB, at time.Time) (*Store, *svcClock) {
	tb.Helper()
	clk := &svcClock{}
	clk.set(at)
	s, err := Open(context.Background(), filepath.Join(tb.TempDir(), "opsbench.db"), Options{ReplicaName: "test desk", Now: clk.now})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s, clk
}

func emailCase(created time.Time) app.Case {
	return app.Case{Type: app.CaseDamagedInTransit, Channel: app.ChannelEmail, Customer: "John Doe",
		Contact: "john@example.com", Marketplace: "US", OrderID: "113-1234567-1234567", SKU: "MUG-11",
		Tracking: "1Z 999 AA1 0123 4567 84", Carrier: "UPS", Summary: "mug arrived dented", Created: created}
}

func svcFieldErr(err error) *app.FieldError {
	var fe *app.FieldError
	if errors.As(err, &fe) {
		return fe
	}
	return nil
}

func entryKinds(entries []app.Entry) []string {
	var out []string
	for _, e := range entries {
		k := string(e.Kind)
		if e.To != "" {
			k += ":" + e.To
		}
		out = append(out, k)
	}
	return out
}

func TestCreateCase(t *testing.T) {
	ctx := context.Background()
	s, _ := openClocked(t, shAt(t, "2024-03-01 16:30"))
	p, err := s.CreatePerson(ctx, app.Person{Name: "李丽", Role: app.RoleService, Active: true})
	if err != nil {
		t.Fatal(err)
	}

	t.Run("OK", func(t *testing.T) {
		c := emailCase(shAt(t, "2024-03-01 16:00"))
		c.OwnerID = p.ID
		got, err := s.CreateCase(ctx, c, "  The mug arrived dented.\nPhoto attached.  ")
		if err != nil {
			t.Fatal(err)
		}
		if got.Tracking != "1Z999AA10123456784" || got.Status != app.CaseNew || got.OwnerName != "李丽" || !got.Created.Equal(c.Created) {
			t.Fatalf("stored case %+v", got)
		}
		tl, err := s.Timeline(ctx, got.ID)
		if err != nil {
			t.Fatal(err)
		}
		if want := []string{"status:new", "owner:" + p.ID, "message_in"}; !slices.Equal(entryKinds(tl), want) {
			t.Fatalf("timeline %v, want %v", entryKinds(tl), want)
		}
		if tl[2].Body != "The mug arrived dented.\nPhoto attached." || !tl[2].At.Equal(c.Created) {
			t.Fatalf("first message %+v", tl[2])
		}
	})
	t.Run("ErrEmailWithoutContact", func(t *testing.T) {
		c := emailCase(shAt(t, "2024-03-01 16:00"))
		c.Contact = ""
		_, err := s.CreateCase(ctx, c, "")
		if fe := svcFieldErr(err); fe == nil || fe.Field != "contact" || fe.Code != app.CodeRequired {
			t.Fatalf("err = %v, want contact required", err)
		}
	})
	t.Run("ErrUnknownOwner", func(t *testing.T) {
		c := emailCase(shAt(t, "2024-03-01 16:00"))
		c.OwnerID = app.NewID()
		_, err := s.CreateCase(ctx, c, "")
		if fe := svcFieldErr(err); fe == nil || fe.Field != "owner" {
			t.Fatalf("err = %v, want an owner problem", err)
		}
	})
	t.Run("ErrCreatedNextYear", func(t *testing.T) {
		_, err := s.CreateCase(ctx, emailCase(shAt(t, "2025-03-01 16:00")), "")
		if fe := svcFieldErr(err); fe == nil || fe.Field != "created" || fe.Code != CodeInFuture {
			t.Fatalf("err = %v, want created in the future", err)
		}
	})
	var n int
	if err := s.read.QueryRow(`SELECT count(*) FROM service_case`).Scan(&n); err != nil || n != 1 {
		t.Fatalf("%d cases stored (%v), want only the good one", n, err)
	}
}

func TestUpdateCaseWritesTimeline(t *testing.T) {
	ctx := context.Background()
	s, clk := openClocked(t, shAt(t, "2024-03-04 10:00"))
	p, _ := s.CreatePerson(ctx, app.Person{Name: "王芳", Role: app.RoleService, Active: true})
	c, err := s.CreateCase(ctx, emailCase(shAt(t, "2024-03-01 16:00")), "")
	if err != nil {
		t.Fatal(err)
	}

	clk.set(shAt(t, "2024-03-04 11:00"))
	c.Status, c.OwnerID = app.CaseWaitingCustomer, p.ID
	if c, err = s.UpdateCase(ctx, c); err != nil {
		t.Fatal(err)
	}
	// Closing without a resolution is refused and changes nothing.
	clk.set(shAt(t, "2024-03-04 12:00"))
	closing := c
	closing.Status, closing.Summary = app.CaseClosed, "changed"
	_, err = s.UpdateCase(ctx, closing)
	if fe := svcFieldErr(err); fe == nil || fe.Field != "resolution" || fe.Code != app.CodeNeedsResolution {
		t.Fatalf("closing without a resolution: %v", err)
	}
	if got, _ := s.Case(ctx, c.ID); got.Status != app.CaseWaitingCustomer || got.Summary != "mug arrived dented" {
		t.Fatalf("a refused save changed the case: %+v", got)
	}
	if _, err := s.SetCaseStatus(ctx, c.ID, app.CaseResolved, app.ResolveReplacement); err != nil {
		t.Fatal(err)
	}
	tl, _ := s.Timeline(ctx, c.ID)
	want := []string{"status:new", "status:waiting_customer", "owner:" + p.ID, "status:resolved"}
	if !slices.Equal(entryKinds(tl), want) {
		t.Fatalf("timeline %v, want %v", entryKinds(tl), want)
	}
	if tl[1].From != "new" || !tl[1].At.Equal(shAt(t, "2024-03-04 11:00")) || tl[3].From != "waiting_customer" {
		t.Fatalf("status entries %+v %+v", tl[1], tl[3])
	}
	// Nothing changed: nothing written, not even updated_at.
	before, _ := s.Case(ctx, c.ID)
	clk.add(time.Hour)
	after, err := s.UpdateCase(ctx, before)
	if err != nil || !after.Updated.Equal(before.Updated) {
		t.Fatalf("an unchanged save moved updated_at: %v -> %v (%v)", before.Updated, after.Updated, err)
	}
}

// The timeline is append-only: entries are added, never changed or
// removed, whatever path tries it.
func TestTimelineAppendOnly(t *testing.T) {
	ctx := context.Background()
	s, clk := openClocked(t, shAt(t, "2024-03-04 10:00"))
	c, err := s.CreateCase(ctx, emailCase(shAt(t, "2024-03-04 09:00")), "where is it?")
	if err != nil {
		t.Fatal(err)
	}
	before, _ := s.Timeline(ctx, c.ID)
	clk.add(time.Minute)
	reply, err := s.AddEntry(ctx, app.Entry{CaseID: c.ID, Kind: app.EntryMessageOut, Body: "on its way"})
	if err != nil {
		t.Fatal(err)
	}
	after, _ := s.Timeline(ctx, c.ID)
	if len(after) != len(before)+1 || !slices.EqualFunc(before, after[:len(before)], func(a, b app.Entry) bool {
		return a.ID == b.ID && a.Body == b.Body && a.At.Equal(b.At)
	}) || after[len(after)-1].ID != reply.ID {
		t.Fatalf("adding an entry changed the earlier ones: %v -> %v", before, after)
	}
	for _, q := range []string{
		`UPDATE case_entry SET body = 'rewritten' WHERE id = '` + reply.ID + `'`,
		`UPDATE case_entry SET deleted = 1 WHERE id = '` + reply.ID + `'`,
		`DELETE FROM case_entry WHERE id = '` + reply.ID + `'`,
	} {
		if _, err := s.write.Exec(q); err == nil || !strings.Contains(err.Error(), "never") {
			t.Errorf("%s: err = %v, want the timeline to refuse", q, err)
		}
	}
	if err := s.DeleteRecord(ctx, tableCaseEntry, reply.ID); err == nil {
		t.Error("the generic record writer deleted a timeline entry")
	}
	if _, err := s.AddEntry(ctx, app.Entry{CaseID: c.ID, Kind: app.EntryStatusChange, To: "closed"}); !errors.Is(err, app.ErrInvalidInput) {
		t.Errorf("a status entry without a status change: %v", err)
	}
	if _, err := s.AddEntry(ctx, app.Entry{CaseID: app.NewID(), Kind: app.EntryNote, Body: "x"}); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("an entry on no case: %v", err)
	}
	final, _ := s.Timeline(ctx, c.ID)
	if len(final) != len(after) || final[len(final)-1].Body != "on its way" {
		t.Fatalf("timeline changed: %v", entryKinds(final))
	}
	// The clock reset of the sync code (clock.go) still stamps entries
	// again: only the business columns are frozen.
	if _, err := s.write.Exec(`UPDATE case_entry SET hlc = hlc WHERE id = ?`, reply.ID); err != nil {
		t.Fatalf("re-stamping an entry's clock: %v", err)
	}
}

func TestAddCaseFiles(t *testing.T) {
	ctx := context.Background()
	s, _ := openClocked(t, shAt(t, "2024-03-04 10:00"))
	c, _ := s.CreateCase(ctx, emailCase(shAt(t, "2024-03-04 09:00")), "")
	photo := []byte("\xff\xd8\xff\xe0 a jpeg of a dented mug")
	receipt := []byte("%PDF-1.4 shipping receipt")
	e, err := s.AddCaseFiles(ctx, c.ID, []CaseFile{{Name: "dent.jpg", Content: photo}, {Name: "receipt.pdf", Content: receipt}}, "photos from the buyer")
	if err != nil {
		t.Fatal(err)
	}
	if len(e.Attachments) != 2 || e.Body != "photos from the buyer" {
		t.Fatalf("entry %+v", e)
	}
	files, err := s.CaseFiles(ctx, c.ID)
	if err != nil || len(files) != 2 {
		t.Fatalf("files %+v (%v)", files, err)
	}
	a, err := s.Attachment(ctx, e.Attachments[0])
	if err != nil || string(a.Content) != string(photo) || a.Name != "dent.jpg" {
		t.Fatalf("attachment %v %v", a.Name, err)
	}

	t.Run("Err50MB", func(t *testing.T) {
		big := make([]byte, 50<<20)
		_, err := s.AddCaseFiles(ctx, c.ID, []CaseFile{{Name: "ok.jpg", Content: []byte("small")}, {Name: "video.mp4", Content: big}}, "")
		var tl *AttachmentTooLargeError
		if !errors.As(err, &tl) || !errors.Is(err, app.ErrInvalidInput) {
			t.Fatalf("err = %v, want the file refused as too large", err)
		}
		if msg := err.Error(); !strings.Contains(msg, "video.mp4") || !strings.Contains(msg, "50.0 MB") || !strings.Contains(msg, "20 MB") {
			t.Fatalf("message %q must name the file, its size and the limit", msg)
		}
		if files, _ := s.CaseFiles(ctx, c.ID); len(files) != 2 {
			t.Fatalf("a refused set attached %d files, want the 2 from before", len(files))
		}
		if err := CheckAttachmentSize("video.mp4", 50<<20); err == nil {
			t.Fatal("CheckAttachmentSize let 50 MB through")
		}
	})
}
