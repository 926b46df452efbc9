package reports

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/opsbench/opsbench/app"
)

// The fixtures in testdata/ come from /work/shared/fixtures/amazon/
// make_samples.py (all_orders.txt, fba_manage_inventory.txt,
// business_report_*.csv, fba_returns.txt) and from testdata/README.md's
// script (the rest). Expected values below are read off the files.

func openFixture(t testing.TB, name string, opt Options) *File {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	f, err := Open(context.Background(), bytes.NewReader(data), opt)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	t.Cleanup(func() { _ = f.Close() })
	return f
}

// readAll collects every good row and the summary.
func readAll(t testing.TB, f *File) ([]Row, *Summary) {
	t.Helper()
	var rows []Row
	sum, err := f.Each(context.Background(), func(r Row) error {
		rows = append(rows, r)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return rows, sum
}

func rowsOf[T Row](rows []Row) []T {
	out := make([]T, 0, len(rows))
	for _, r := range rows {
		out = append(out, r.(T))
	}
	return out
}

func TestAllOrdersEnglish(t *testing.T) {
	f := openFixture(t, "all_orders.txt", Options{})
	if f.Kind != KindAllOrders || f.Format != FormatTSV || f.Encoding != UTF8 || f.HeaderRow != 1 {
		t.Fatalf("kind %s format %s encoding %s header row %d", f.Kind, f.Format, f.Encoding, f.HeaderRow)
	}
	rows, sum := readAll(t, f)
	lines := rowsOf[OrderLine](rows)
	// 14 days × 2 SKUs × 3 lines; the third line is cancelled every 5th
	// day (days 0, 5, 10): 6 cancelled lines.
	if sum.Rows != 84 || sum.Good != 84 || sum.Skipped != 0 || sum.Truncated {
		t.Fatalf("summary %+v", sum)
	}
	units, cancelled := 0, 0
	for _, l := range lines {
		if l.Cancelled {
			cancelled++
			continue
		}
		if l.SKU == "MUG-11" {
			units += l.Quantity
		}
	}
	// MUG-11: 11 days of 2+1+1 and 3 days of 2+1 = 44 + 9 = 53 units.
	if cancelled != 6 || units != 53 {
		t.Errorf("cancelled %d, MUG-11 units %d", cancelled, units)
	}
	first := lines[0]
	want := OrderLine{Row: 2, LineKey: "113-0000001-4000001/MUG-11", OrderID: "113-0000001-4000001",
		PurchaseDate: time.Date(2026, 11, 29, 8, 1, 11, 0, time.UTC), LastUpdated: time.Date(2026, 11, 29, 8, 1, 11, 0, time.UTC),
		OrderStatus: "Shipped", ItemStatus: "Shipped", FulfillmentChannel: "Amazon", SalesChannel: "Amazon.com",
		SKU: "MUG-11", ASIN: "B0MUG00011", ProductName: "Enamel Camping Mug", Quantity: 2, Currency: "USD", ItemPrice: 3398,
		ShipCity: "DENVER", ShipState: "CO", ShipPostalCode: "80202", ShipCountry: "US"}
	if first != want {
		t.Errorf("first line\n got %+v\nwant %+v", first, want)
	}
	// The sample's 14 days: the first line of day 13 to the last of day 0.
	if got := sum.To.Sub(sum.From); got < 12*24*time.Hour || got > 14*24*time.Hour {
		t.Errorf("date range %s .. %s", sum.From, sum.To)
	}
	keys := map[string]bool{}
	for _, l := range lines {
		if keys[l.LineKey] {
			t.Errorf("line key %s twice", l.LineKey)
		}
		keys[l.LineKey] = true
	}
}

func TestAllOrdersChineseGB18030(t *testing.T) {
	sh, _ := time.LoadLocation("Asia/Shanghai")
	f := openFixture(t, "all_orders_zh_gb18030.csv", Options{Location: sh})
	if f.Kind != KindAllOrders || f.Format != FormatCSV || f.Encoding != GB18030 {
		t.Fatalf("kind %s format %s encoding %s", f.Kind, f.Format, f.Encoding)
	}
	rows, sum := readAll(t, f)
	lines := rowsOf[OrderLine](rows)
	if sum.Good != 4 || len(lines) != 4 {
		t.Fatalf("summary %+v", sum)
	}
	// The same SKU twice in one order gets two keys.
	if lines[0].LineKey != "113-1000001-2000001/MUG-11" || lines[1].LineKey != "113-1000001-2000001/MUG-11/2" {
		t.Errorf("keys %s %s", lines[0].LineKey, lines[1].LineKey)
	}
	// 2024/3/5 10:20:30 Shanghai time is 02:20:30 UTC.
	if !lines[0].PurchaseDate.Equal(time.Date(2024, 3, 5, 2, 20, 30, 0, time.UTC)) || lines[0].ItemTax != 272 {
		t.Errorf("first %+v", lines[0])
	}
	if !lines[2].Cancelled || lines[2].OrderStatus != "已取消" || lines[3].Cancelled {
		t.Errorf("cancelled: %v %v", lines[2].Cancelled, lines[3].Cancelled)
	}
	if lines[3].ItemPrice != 107350 || lines[3].ShippingPrice != 499 || lines[3].ProductName != "超细纤维旅行毛巾" || lines[3].Quantity != 3 {
		t.Errorf("last %+v", lines[3])
	}
}

func TestFBAInventory(t *testing.T) {
	for _, tc := range []struct {
		file     string
		format   Format
		encoding Encoding
		name     string
		// MUG-11
		fulfillable, inbound, reserved int
	}{
		{"fba_manage_inventory.txt", FormatTSV, UTF8, "Enamel Camping Mug", 400, 60, 18},
		{"fba_inventory_zh.csv", FormatCSV, UTF8BOM, "搪瓷露营杯", 400, 65, 18},
	} {
		t.Run(tc.file, func(t *testing.T) {
			f := openFixture(t, tc.file, Options{})
			if f.Kind != KindFBAInventory || f.Format != tc.format || f.Encoding != tc.encoding {
				t.Fatalf("kind %s format %s encoding %s", f.Kind, f.Format, f.Encoding)
			}
			rows, sum := readAll(t, f)
			inv := rowsOf[InventoryRow](rows)
			if sum.Good != 2 {
				t.Fatalf("summary %+v", sum)
			}
			m := inv[0]
			if m.SKU != "MUG-11" || m.FNSKU != "X00MUG0011" || m.ProductName != tc.name || m.Fulfillable != tc.fulfillable ||
				m.Inbound() != tc.inbound || m.Reserved != tc.reserved || m.Price != 1699 || m.Currency != "USD" {
				t.Errorf("MUG-11 %+v", m)
			}
			// Blank quantities are 0, not problems.
			if inv[1].SKU != "TOWEL-22" || inv[1].MFNFulfillable != 0 {
				t.Errorf("TOWEL-22 %+v", inv[1])
			}
		})
	}
}

func TestBusinessReport(t *testing.T) {
	for _, tc := range []struct {
		file     string
		encoding Encoding
		title    string
		currency string
		full     bool // has page-view and buy-box percentages
	}{
		{"business_report_en.csv", UTF8, "Enamel Camping Mug", "USD", true},
		{"business_report_zh.csv", UTF8BOM, "搪瓷露营杯", "USD", true},
		{"business_report_zh_gb18030.csv", GB18030, "搪瓷露营杯", "USD", true},
		// Semicolons, "2.310" sessions, "14,20%", "3.092,18 €".
		{"business_report_de.csv", UTF8, "Emaille-Becher", "EUR", false},
	} {
		t.Run(tc.file, func(t *testing.T) {
			f := openFixture(t, tc.file, Options{})
			if f.Kind != KindBusinessReport || f.Encoding != tc.encoding {
				t.Fatalf("kind %s encoding %s", f.Kind, f.Encoding)
			}
			rows, sum := readAll(t, f)
			br := rowsOf[BusinessRow](rows)
			if sum.Good != 2 || sum.Skipped != 0 {
				t.Fatalf("summary %+v", sum)
			}
			want := BusinessRow{Row: 2, ParentASIN: "B0MUG00010", ChildASIN: "B0MUG00011", Title: tc.title, SKU: "MUG-11",
				Sessions: 2310, SessionPct: 14.2, PageViews: 3004, UnitsOrdered: 182, UnitSessionPct: 7.88,
				Sales: 309218, Currency: tc.currency, TotalOrderItems: 171}
			if tc.full {
				want.PageViewsPct, want.BuyBoxPct = 13.1, 97.5
			}
			if br[0] != want {
				t.Errorf("\n got %+v\nwant %+v", br[0], want)
			}
			if br[1].Sales != 149450 || br[1].Sessions != 1045 {
				t.Errorf("second %+v", br[1])
			}
		})
	}
}

func TestFBAReturns(t *testing.T) {
	for _, tc := range []struct {
		file     string
		encoding Encoding
		comment  string
		qty2     int
	}{
		{"fba_returns.txt", UTF8, "arrived dented", 1},
		{"fba_returns_zh_utf16.txt", UTF16LE, "杯子有凹痕", 2},
	} {
		t.Run(tc.file, func(t *testing.T) {
			f := openFixture(t, tc.file, Options{})
			if f.Kind != KindFBAReturns || f.Format != FormatTSV || f.Encoding != tc.encoding {
				t.Fatalf("kind %s format %s encoding %s", f.Kind, f.Format, f.Encoding)
			}
			rows, sum := readAll(t, f)
			rs := rowsOf[ReturnRow](rows)
			if sum.Good != 2 {
				t.Fatalf("summary %+v", sum)
			}
			r := rs[0]
			if r.OrderID != "113-0000004-4000004" || r.SKU != "MUG-11" || r.Quantity != 1 || r.Reason != "DAMAGED_BY_CARRIER" ||
				r.Disposition != "CUSTOMER_DAMAGED" || r.Comments != tc.comment || r.ReturnDate.Hour() != 10 || r.ReturnDate.Minute() != 12 {
				t.Errorf("%+v", r)
			}
			if rs[1].Quantity != tc.qty2 || rs[1].Reason != "NOT_AS_DESCRIBED" {
				t.Errorf("%+v", rs[1])
			}
			if !sum.From.Equal(minTime(rs[0].ReturnDate, rs[1].ReturnDate)) {
				t.Errorf("from %s", sum.From)
			}
		})
	}
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

func TestCaseLog(t *testing.T) {
	sh, _ := time.LoadLocation("Asia/Shanghai")
	office := func(s string) time.Time {
		v, err := time.ParseInLocation(app.MinuteLayout, s, sh)
		if err != nil {
			t.Fatal(err)
		}
		return v.UTC()
	}
	type want struct {
		created  time.Time
		channel  app.Channel
		typ      string
		status   app.CaseStatus
		tracking string
		reply    time.Time
	}
	en := []want{
		{office("2024-03-05 14:30"), app.ChannelEmail, CaseDamagedInTransit, app.CaseOpen, "1Z999AA10123456784", office("2024-03-05 15:10")},
		{office("2024-03-06 09:15"), app.ChannelBuyerMessage, CaseLostParcel, app.CaseWaitingCarrier, "9400111899223100000000", time.Time{}},
		// No status and no reply: new.
		{office("2024-03-07 18:05"), app.ChannelChat, CaseInquiry, app.CaseNew, "", time.Time{}},
	}
	zh := []want{
		{office("2024-03-05 14:30"), app.ChannelEmail, CaseDamagedInTransit, app.CaseOpen, "SF123456789012", office("2024-03-05 15:10")},
		{office("2024-03-06 09:15"), app.ChannelBuyerMessage, CaseLostParcel, app.CaseWaitingCarrier, "YT1234567890", time.Time{}},
		{office("2024-03-07 18:05"), app.ChannelChat, CaseInquiry, app.CaseResolved, "", office("2024-03-07 18:06")},
	}
	for _, tc := range []struct {
		file     string
		encoding Encoding
		want     []want
	}{
		{"cases_en.csv", UTF8, en},
		{"cases_zh.csv", UTF8BOM, zh},
		{"cases_zh_gb18030.csv", GB18030, zh},
	} {
		t.Run(tc.file, func(t *testing.T) {
			f := openFixture(t, tc.file, Options{Location: sh})
			if f.Kind != KindCases || f.Encoding != tc.encoding {
				t.Fatalf("kind %s encoding %s", f.Kind, f.Encoding)
			}
			rows, sum := readAll(t, f)
			cs := rowsOf[CaseRow](rows)
			if sum.Good != 3 || sum.Skipped != 0 {
				t.Fatalf("summary %+v", sum)
			}
			for i, w := range tc.want {
				c := cs[i]
				if !c.Created.Equal(w.created) || c.Channel != w.channel || c.Type != w.typ || c.Status != w.status ||
					c.Tracking != w.tracking || !c.FirstReply.Equal(w.reply) {
					t.Errorf("case %d: %+v, want %+v", i, c, w)
				}
			}
		})
	}
	f := openFixture(t, "cases_en.csv", Options{Location: sh})
	rows, _ := readAll(t, f)
	if c := rows[1].(CaseRow); c.Notes != `claim filed, "tracking stuck"` || c.Owner != "Wang Fang" {
		t.Errorf("quoted notes %+v", c)
	}
}

func TestCaseLogBadValues(t *testing.T) {
	in := "Created,Channel,Type,Status\n2024-03-05 14:30,fax,inquiry,open\n2024-03-05 14:30,email,alien abduction,open\n" +
		"2024-03-05 14:30,email,inquiry,pending forever\n,email,inquiry,open\n"
	f, err := Open(context.Background(), strings.NewReader(in), Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, sum := readAll(t, f)
	want := []struct {
		row    int
		column string
		code   ProblemCode
	}{{2, "Channel", ProblemBadChoice}, {3, "Type", ProblemBadChoice}, {4, "Status", ProblemBadChoice}, {5, "Created", ProblemMissing}}
	if sum.Good != 0 || len(sum.Problems) != len(want) {
		t.Fatalf("summary %+v", sum)
	}
	for i, w := range want {
		if p := sum.Problems[i]; p.Row != w.row || p.Column != w.column || p.Code != w.code {
			t.Errorf("problem %d: %+v, want %+v", i, p, w)
		}
	}
	if !strings.Contains(sum.Problems[0].Error(), `"fax" is not one of the allowed values (chat, email`) {
		t.Errorf("message %q", sum.Problems[0].Error())
	}
}

func TestCaseLogTemplateRoundTrip(t *testing.T) {
	for _, lang := range []string{"en", "zh-Hans"} {
		t.Run(lang, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteXLSX(&buf, CaseLogTemplate(lang)); err != nil {
				t.Fatal(err)
			}
			sh, _ := time.LoadLocation("Asia/Shanghai")
			f, err := Open(context.Background(), &buf, Options{Location: sh})
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			rows, sum := readAll(t, f)
			if f.Kind != KindCases || f.Format != FormatXLSX || sum.Good != 1 {
				t.Fatalf("kind %s format %s summary %+v", f.Kind, f.Format, sum)
			}
			c := rows[0].(CaseRow)
			if c.Channel != app.ChannelEmail || c.Type != CaseDamagedInTransit || c.Status != app.CaseOpen || c.SKU != "MUG-11" ||
				!c.Created.Equal(time.Date(2024, 3, 5, 6, 30, 0, 0, time.UTC)) {
				t.Errorf("%+v", c)
			}
		})
	}
	if n := len(CaseLogColumns()); n != 13 {
		t.Errorf("%d template columns", n)
	}
}

func TestBadRows(t *testing.T) {
	f := openFixture(t, "orders_bad_rows.txt", Options{})
	rows, sum := readAll(t, f)
	// Rows 2 and 6 are good; 3 has quantity "two", 4 the date
	// "yesterday", 5 no SKU, and 7 stops after three cells without a line
	// break: the file was cut off.
	if sum.Rows != 6 || sum.Good != 2 || sum.Skipped != 4 || !sum.Truncated || len(rows) != 2 {
		t.Fatalf("summary %+v", sum)
	}
	want := []Problem{
		{Row: 3, Column: "quantity", Value: "two", Code: ProblemNotNumber},
		{Row: 4, Column: "purchase-date", Value: "yesterday", Code: ProblemNotDate},
		{Row: 5, Column: "sku", Code: ProblemMissing},
		{Row: 7, Code: ProblemShortRow},
	}
	for i, w := range want {
		p := sum.Problems[i]
		if p.Row != w.Row || p.Column != w.Column || p.Value != w.Value || p.Code != w.Code {
			t.Errorf("problem %d: %+v, want %+v", i, p, w)
		}
	}
	if msg := sum.Problems[0].Error(); msg != `row 3, column "quantity": "two" is not a number (a whole number of units)` {
		t.Errorf("message %q", msg)
	}
	// The good rows' date range.
	if !sum.From.Equal(time.Date(2024, 3, 5, 10, 0, 0, 0, time.UTC)) || !sum.To.Equal(time.Date(2024, 3, 6, 9, 0, 0, 0, time.UTC)) {
		t.Errorf("range %s .. %s", sum.From, sum.To)
	}
}

func TestProblemsAreCapped(t *testing.T) {
	var b strings.Builder
	b.WriteString("amazon-order-id\tpurchase-date\tsku\tquantity\n")
	for i := 0; i < 50; i++ {
		b.WriteString("113-1\t2024-03-05\tMUG\tmany\n")
	}
	f, err := Open(context.Background(), strings.NewReader(b.String()), Options{MaxProblems: 10})
	if err != nil {
		t.Fatal(err)
	}
	_, sum := readAll(t, f)
	if len(sum.Problems) != 10 || sum.ProblemCount != 50 || sum.Skipped != 50 {
		t.Errorf("problems %d of %d, skipped %d", len(sum.Problems), sum.ProblemCount, sum.Skipped)
	}
}

func TestOpenErrors(t *testing.T) {
	open := func(name string, opt Options) error {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		_, err = Open(context.Background(), bytes.NewReader(data), opt)
		return err
	}
	t.Run("0 bytes", func(t *testing.T) {
		if err := open("empty.csv", Options{}); !errors.Is(err, ErrEmpty) {
			t.Errorf("got %v", err)
		}
		for _, in := range []string{"\xef\xbb\xbf", "\n\n\r\n", ",,,\n"} {
			if _, err := Open(context.Background(), strings.NewReader(in), Options{}); !errors.Is(err, ErrEmpty) {
				t.Errorf("%q: got %v", in, err)
			}
		}
	})
	t.Run("unknown kind", func(t *testing.T) {
		err := open("unknown.csv", Options{})
		var uk *UnknownKindError
		if !errors.As(err, &uk) || !slices.Equal(uk.Header, []string{"Date", "Campaign", "Impressions", "Clicks"}) {
			t.Fatalf("got %v", err)
		}
		// The message names the headers seen and every kind known.
		for _, s := range []string{`"Campaign"`, "All Orders (all_orders)", "FBA Manage Inventory", "Business Report",
			"FBA customer returns", "After-sales case log (cases)"} {
			if !strings.Contains(err.Error(), s) {
				t.Errorf("%q lacks %s", err, s)
			}
		}
	})
	t.Run("missing columns", func(t *testing.T) {
		err := open("orders_missing_quantity.txt", Options{})
		var mc *MissingColumnsError
		if !errors.As(err, &mc) || mc.Kind != KindAllOrders || !slices.Equal(mc.Missing, []string{"quantity"}) {
			t.Fatalf("got %v", err)
		}
		if !strings.Contains(err.Error(), `lacks the column "quantity"`) {
			t.Errorf("message %q", err)
		}
	})
	t.Run("kind given that the file is not", func(t *testing.T) {
		err := open("all_orders.txt", Options{Kind: KindFBAReturns})
		var mc *MissingColumnsError
		if !errors.As(err, &mc) || mc.Kind != KindFBAReturns || !slices.Contains(mc.Missing, "return-date") {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("cut inside a quoted cell", func(t *testing.T) {
		f := openFixture(t, "business_report_cut.csv", Options{})
		_, err := f.BusinessRows(context.Background(), func(BusinessRow) error { return nil })
		if !errors.Is(err, ErrTruncated) || !strings.Contains(err.Error(), "row 3") {
			t.Errorf("got %v", err)
		}
	})
	t.Run("damaged xlsx", func(t *testing.T) {
		var buf bytes.Buffer
		if err := WriteXLSX(&buf, CaseLogTemplate("en")); err != nil {
			t.Fatal(err)
		}
		cut := buf.Bytes()[:buf.Len()/2]
		if _, err := Open(context.Background(), bytes.NewReader(cut), Options{}); !errors.Is(err, ErrTruncated) {
			t.Errorf("got %v", err)
		}
	})
	t.Run("xls", func(t *testing.T) {
		_, err := Open(context.Background(), bytes.NewReader([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}), Options{})
		if err == nil || !strings.Contains(err.Error(), ".xlsx") {
			t.Errorf("got %v", err)
		}
	})
	t.Run("wrong method, read twice", func(t *testing.T) {
		f := openFixture(t, "fba_returns.txt", Options{})
		if _, err := f.Orders(context.Background(), func(OrderLine) error { return nil }); err == nil {
			t.Error("returns read as orders")
		}
		readAll(t, f)
		if _, err := f.Returns(context.Background(), func(ReturnRow) error { return nil }); !errors.Is(err, ErrAlreadyRead) {
			t.Errorf("second read: %v", err)
		}
	})
}

func TestParseKind(t *testing.T) {
	for in, want := range map[string]Kind{"orders": KindAllOrders, "all_orders": KindAllOrders, "Inventory": KindFBAInventory,
		"business": KindBusinessReport, "returns": KindFBAReturns, "cases": KindCases} {
		if got, err := ParseKind(in); err != nil || got != want {
			t.Errorf("%s: %s %v", in, got, err)
		}
	}
	if _, err := ParseKind("ads"); err == nil || !strings.Contains(err.Error(), "all_orders") {
		t.Errorf("unknown kind: %v", err)
	}
}

func TestHeaderAfterTitleLines(t *testing.T) {
	in := "Detail Page Sales and Traffic by Child Item\n2024-03-01 - 2024-03-07\n\n" +
		"(Parent) ASIN,(Child) ASIN,Sessions - Total,Units Ordered,Ordered Product Sales\nB0P,B0C,10,2,$20.00\n"
	f, err := Open(context.Background(), strings.NewReader(in), Options{})
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := readAll(t, f)
	if f.HeaderRow != 4 || len(rows) != 1 || rows[0].RowNumber() != 5 || rows[0].(BusinessRow).Sales != 2000 {
		t.Errorf("header row %d rows %+v", f.HeaderRow, rows)
	}
}

func TestCancelAndProgress(t *testing.T) {
	data := bigOrders(20_000)
	var calls []int64
	f, err := Open(context.Background(), bytes.NewReader(data), Options{Size: int64(len(data)), Progress: func(done, total int64) {
		calls = append(calls, done)
		if total != int64(len(data)) {
			t.Errorf("total %d", total)
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	rows := 0
	if _, err := f.Orders(context.Background(), func(OrderLine) error { rows++; return nil }); err != nil {
		t.Fatal(err)
	}
	if rows != 20_000 || len(calls) < 3 || calls[len(calls)-1] != int64(len(data)) || !slices.IsSorted(calls) {
		t.Errorf("rows %d progress %v", rows, calls)
	}

	ctx, cancel := context.WithCancel(context.Background())
	f, err = Open(ctx, bytes.NewReader(data), Options{})
	if err != nil {
		t.Fatal(err)
	}
	rows = 0
	_, err = f.Orders(ctx, func(OrderLine) error {
		if rows++; rows == 1000 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) || rows > 1300 {
		t.Errorf("after cancel: %v, %d rows", err, rows)
	}
	// The caller's own error stops the reading too.
	stop := errors.New("stop")
	f, _ = Open(context.Background(), bytes.NewReader(data), Options{})
	if _, err := f.Orders(context.Background(), func(OrderLine) error { return stop }); !errors.Is(err, stop) {
		t.Errorf("got %v", err)
	}
}

// TestStreaming reads a 200,000-line file from a reader that makes it on
// the fly: the reader never holds the file.
func TestStreaming(t *testing.T) {
	if testing.Short() {
		t.Skip("200,000 lines")
	}
	r := &orderStream{lines: 200_000}
	f, err := Open(context.Background(), r, Options{})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	sum, err := f.Orders(context.Background(), func(OrderLine) error { n++; return nil })
	if err != nil || n != 200_000 || sum.Bytes != r.written {
		t.Errorf("%d rows, %d of %d bytes, %v", n, sum.Bytes, r.written, err)
	}
}

// orderStream writes an All Orders file line by line as it is read.
type orderStream struct {
	lines, n int
	buf      []byte
	written  int64
}

var orderHeader = "amazon-order-id\tmerchant-order-id\tpurchase-date\tlast-updated-date\torder-status\tfulfillment-channel\t" +
	"sales-channel\torder-channel\turl\tship-service-level\tproduct-name\tsku\tasin\titem-status\tquantity\tcurrency\t" +
	"item-price\titem-tax\tshipping-price\tshipping-tax\tgift-wrap-price\tgift-wrap-tax\titem-promotion-discount\t" +
	"ship-promotion-discount\tship-city\tship-state\tship-postal-code\tship-country\tpromotion-ids\tis-business-order\t" +
	"purchase-order-number\tprice-designation\r\n"

func orderLine(i int) string {
	day := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * 157 * time.Second).Format(time.RFC3339)
	sku := "SKU-" + strconv.Itoa(i%2000)
	status := "Shipped"
	if i%37 == 0 {
		status = "Cancelled"
	}
	return "113-" + strconv.Itoa(1000000+i) + "-4000000\t\t" + day + "\t" + day + "\t" + status + "\tAmazon\tAmazon.com\t\t\tStandard\t" +
		"Enamel Camping Mug, 12 oz, blue\t" + sku + "\tB0MUG00011\t" + status + "\t" + strconv.Itoa(1+i%3) + "\tUSD\t" +
		strconv.Itoa(10+i%90) + ".99\t0.00\t0.00\t0.00\t\t\t\t\tDENVER\tCO\t80202\tUS\t\tfalse\t\t\r\n"
}

func (s *orderStream) Read(p []byte) (int, error) {
	for len(s.buf) < len(p) && s.n <= s.lines {
		if s.n == 0 {
			s.buf = append(s.buf, orderHeader...)
		} else {
			s.buf = append(s.buf, orderLine(s.n)...)
		}
		s.n++
	}
	if len(s.buf) == 0 {
		return 0, io.EOF
	}
	n := copy(p, s.buf)
	s.buf = s.buf[:copy(s.buf, s.buf[n:])]
	s.written += int64(n)
	return n, nil
}

func bigOrders(lines int) []byte {
	data, _ := io.ReadAll(&orderStream{lines: lines})
	return data
}

// TestGB18030AfterASCIIHeader: English headers are ASCII, so the encoding
// is decided at the first Chinese product name, rows into the file.
func TestGB18030AfterASCIIHeader(t *testing.T) {
	body, err := simplifiedchinese.GB18030.NewEncoder().String(
		"amazon-order-id\tpurchase-date\tsku\tproduct-name\tquantity\n" +
			"113-1\t2024-03-05T10:00:00+00:00\tMUG-11\tEnamel mug\t1\n" +
			"113-2\t2024-03-05T11:00:00+00:00\tMUG-11\t搪瓷露营杯（蓝色）\t2\n")
	if err != nil {
		t.Fatal(err)
	}
	f, err := Open(context.Background(), strings.NewReader(body), Options{})
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := readAll(t, f)
	if len(rows) != 2 || rows[1].(OrderLine).ProductName != "搪瓷露营杯（蓝色）" || f.EncodingUsed() != GB18030 {
		t.Errorf("rows %+v, encoding %s", rows, f.EncodingUsed())
	}
}
