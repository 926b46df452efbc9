package data

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/opsbench/opsbench/app"
)

func readFixture(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := os.ReadFile("reports/testdata/" + name)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func TestImportCaseLog(t *testing.T) {
	ctx := context.Background()
	s, _ := openClocked(t, shAt(t, "2024-03-20 10:00"))
	lily, err := s.CreatePerson(ctx, app.Person{Name: "Lily", Role: app.RoleService, Active: true})
	if err != nil {
		t.Fatal(err)
	}
	file := readFixture(t, "cases_en.csv")

	pre, err := s.PreviewCaseLog(ctx, bytes.NewReader(file), CaseLogOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if pre.Rows != 3 || pre.Good != 3 || pre.New != 3 || pre.Added != 0 || !slices.Equal(pre.UnknownOwners, []string{"Wang Fang"}) ||
		pre.From != app.NewDate(2024, 3, 5) || pre.To != app.NewDate(2024, 3, 7) {
		t.Fatalf("preview %+v", pre)
	}
	if _, total, _ := s.ListCases(ctx, app.ListQuery{}); total != 0 {
		t.Fatal("a preview wrote cases")
	}

	res, err := s.ImportCaseLog(ctx, bytes.NewReader(file), CaseLogOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != 3 {
		t.Fatalf("import %+v", res)
	}
	items, _, err := s.ListCases(ctx, app.ListQuery{Sort: app.CaseSortCreated})
	if err != nil || len(items) != 3 {
		t.Fatalf("cases %v %v", items, err)
	}
	john := items[0].Case
	// 2024-03-05 14:30 in the office's zone (Shanghai) is 06:30 UTC.
	if john.Customer != "John Doe" || john.OwnerID != lily.ID || john.Tracking != "1Z999AA10123456784" ||
		!john.Created.Equal(shAt(t, "2024-03-05 14:30")) || john.Status != app.CaseOpen || john.Summary != "mug arrived dented" {
		t.Fatalf("first case %+v", john)
	}
	if !items[0].FirstResponse.Equal(shAt(t, "2024-03-05 15:10")) {
		t.Fatalf("first response %v", items[0].FirstResponse)
	}
	tl, _ := s.Timeline(ctx, john.ID)
	if want := []string{"status:new", "owner:" + lily.ID, "note", "message_out", "status:open"}; !slices.Equal(entryKinds(tl), want) {
		t.Fatalf("timeline %v, want %v", entryKinds(tl), want)
	}
	jane := items[1].Case
	if jane.OwnerID != "" || jane.Status != app.CaseWaitingCarrier {
		t.Fatalf("second case %+v", jane)
	}
	tl, _ = s.Timeline(ctx, jane.ID)
	if last := tl[len(tl)-1]; last.Kind != app.EntryNote || !strings.Contains(last.Body, `claim filed, "tracking stuck"`) || !strings.Contains(last.Body, "Wang Fang") {
		t.Fatalf("the unknown owner's name is kept in a note: %+v", tl)
	}

	// Again: nothing new.
	res, err = s.ImportCaseLog(ctx, bytes.NewReader(file), CaseLogOptions{})
	if err != nil || res.Added != 0 || res.Already != 3 {
		t.Fatalf("second import %+v (%v)", res, err)
	}
}

// A log in Chinese, saved by WPS in GB18030, imports the same way.
func TestImportCaseLogChinese(t *testing.T) {
	ctx := context.Background()
	s, _ := openClocked(t, shAt(t, "2024-03-20 10:00"))
	res, err := s.ImportCaseLog(ctx, bytes.NewReader(readFixture(t, "cases_zh_gb18030.csv")), CaseLogOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != 3 || !slices.Equal(res.UnknownOwners, []string{"李丽", "王芳"}) {
		t.Fatalf("import %+v", res)
	}
	items, _, _ := s.ListCases(ctx, app.ListQuery{Search: "张伟"})
	if len(items) != 1 || items[0].Tracking != "SF123456789012" || items[0].Channel != app.ChannelEmail {
		t.Fatalf("张伟's case %+v", items)
	}
	// 已解决 without a resolution column: imported as it is, counted.
	if res.NoResolution != 1 {
		t.Fatalf("no resolution %d, want 1", res.NoResolution)
	}
}

func TestImportCaseLogBadRows(t *testing.T) {
	ctx := context.Background()
	s, _ := openClocked(t, shAt(t, "2024-03-20 10:00"))
	log := "Created,Channel,Type,Customer,Contact\n" +
		"2024-03-05 14:30,email,damaged in transit,Ann,ann@example.com\n" +
		"2024-03-06 09:00,fax,inquiry,Bob,\n" + // an unknown channel
		"yesterday,chat,inquiry,Cy,\n" + // not a date
		"2031-01-01 09:00,chat,inquiry,Dee,\n" // after tomorrow

	_, err := s.ImportCaseLog(ctx, strings.NewReader(log), CaseLogOptions{})
	var bad *CaseLogBadRowsError
	if !errors.As(err, &bad) || bad.Count != 3 || !errors.Is(err, app.ErrInvalidInput) {
		t.Fatalf("err = %v, want three bad rows", err)
	}
	for _, want := range []string{"nothing was imported", "row 3", "fax", "row 4"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message %q lacks %q", err, want)
		}
	}
	if _, total, _ := s.ListCases(ctx, app.ListQuery{}); total != 0 {
		t.Fatalf("a refused log wrote %d cases", total)
	}
	res, err := s.ImportCaseLog(ctx, strings.NewReader(log), CaseLogOptions{SkipBadRows: true})
	if err != nil || res.Added != 1 || res.Skipped != 3 || len(res.Problems) != 3 || res.Problems[2].Row != 5 {
		t.Fatalf("skipping bad rows: %+v (%v)", res, err)
	}
	if _, err := s.PreviewCaseLog(ctx, strings.NewReader("Created,Channel,Type\n"), CaseLogOptions{}); !errors.Is(err, ErrCaseLogEmpty) {
		t.Fatalf("a header without rows: %v", err)
	}
	if _, err := s.PreviewCaseLog(ctx, strings.NewReader("sku,quantity\nMUG,1\n"), CaseLogOptions{}); err == nil {
		t.Fatal("a file that is no case log was read as one")
	}
}

// The support log says what a case log import did or why it was
// refused, in counts: never a customer's name or contact.
func TestImportCaseLogIsLogged(t *testing.T) {
	ctx := context.Background()
	var buf bytes.Buffer
	s, err := Open(ctx, filepath.Join(t.TempDir(), "opsbench.db"), Options{ReplicaName: "test desk",
		Now: func() time.Time { return shAt(t, "2024-03-20 10:00") }, Log: slog.New(slog.NewTextHandler(&buf, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	good := "Created,Channel,Type,Customer,Contact\n2024-03-05 14:30,email,damaged in transit,Ann Lee,ann@example.com\n"
	if _, err := s.ImportCaseLog(ctx, strings.NewReader(good), CaseLogOptions{}); err != nil {
		t.Fatal(err)
	}
	bad := good + "2024-03-06 09:00,fax,inquiry,Bob Wu,bob@example.com\n"
	if _, err := s.ImportCaseLog(ctx, strings.NewReader(bad), CaseLogOptions{}); err == nil {
		t.Fatal("a bad row was imported")
	}
	text := buf.String()
	for _, want := range []string{"msg=import kind=cases rows=1 added=1", `msg="import refused" kind=cases rows=2 skipped=1 err="1 bad rows"`} {
		if !strings.Contains(text, want) {
			t.Errorf("the log lacks %q:\n%s", want, text)
		}
	}
	for _, private := range []string{"Ann", "Bob", "example.com", "fax"} {
		if strings.Contains(text, private) {
			t.Errorf("the log holds %q:\n%s", private, text)
		}
	}
}
