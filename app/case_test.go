package app

import (
	"errors"
	"slices"
	"testing"
	"time"
)

func TestNormalizeTracking(t *testing.T) {
	tests := []struct{ in, want string }{
		{"1Z 999 AA1 0123 4567 84", "1Z999AA10123456784"},
		{"  sf1234\t5678 9012 ", "SF123456789012"},
		{"YT1234\u00a0567\u3000890", "YT1234567890"}, // non-breaking and full-width spaces from chat apps
		{"94001\u200b11899", "9400111899"},           // a zero-width space from a web page
		{"JD-0001-abc", "JD-0001-ABC"},               // dashes are part of some numbers
		{"", ""},
	}
	for _, tt := range tests {
		if got := NormalizeTracking(tt.in); got != tt.want {
			t.Errorf("NormalizeTracking(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func goodCase() Case {
	return Case{Type: CaseDamagedInTransit, Channel: ChannelEmail, Customer: "John Doe", Contact: "john@example.com",
		Marketplace: "us", OrderID: "113-1234567-1234567", Tracking: "1z 999", Created: time.Date(2024, 3, 5, 6, 30, 0, 0, time.UTC)}.Normalize()
}

func TestCaseNormalizeDefaults(t *testing.T) {
	c := goodCase()
	if c.Priority != PriorityNormal || c.Status != CaseNew || c.Marketplace != "US" || c.Tracking != "1Z999" {
		t.Fatalf("normalized case: %+v", c)
	}
}

func TestCaseProblems(t *testing.T) {
	long := string(make([]rune, MaxCaseSummary+1))
	tests := []struct {
		name  string
		edit  func(*Case)
		field string
		code  string
	}{
		{"OK", func(*Case) {}, "", ""},
		{"ErrEmailWithoutContact", func(c *Case) { c.Contact = "" }, "contact", CodeRequired},
		{"ErrPhoneWithoutContact", func(c *Case) { c.Channel, c.Contact = ChannelPhone, "" }, "contact", CodeRequired},
		{"chat needs no contact", func(c *Case) { c.Channel, c.Contact = ChannelChat, "" }, "", ""},
		{"ErrResolvedWithoutResolution", func(c *Case) { c.Status = CaseResolved }, "resolution", CodeNeedsResolution},
		{"ErrClosedWithoutResolution", func(c *Case) { c.Status = CaseClosed }, "resolution", CodeNeedsResolution},
		{"closed with a resolution", func(c *Case) { c.Status, c.Resolution = CaseClosed, ResolveRefund }, "", ""},
		{"ErrUnknownType", func(c *Case) { c.Type = "angry" }, "type", CodeBadChoice},
		{"ErrUnknownMarketplace", func(c *Case) { c.Marketplace = "XX" }, "marketplace", CodeBadChoice},
		{"other marketplace", func(c *Case) { c.Marketplace = MarketplaceOther }, "", ""},
		{"ErrSummaryTooLong", func(c *Case) { c.Summary = long }, "summary", CodeTooLong},
		{"ErrNoCreated", func(c *Case) { c.Created = time.Time{} }, "created", CodeRequired},
		{"ErrBadRootCause", func(c *Case) { c.RootCause = "weather" }, "root_cause", CodeBadChoice},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := goodCase()
			tt.edit(&c)
			err := c.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			var fe *FieldError
			if !errors.As(err, &fe) || fe.Field != tt.field || fe.Code != tt.code {
				t.Fatalf("Validate() = %v, want %s %s", err, tt.field, tt.code)
			}
			if !errors.Is(err, ErrInvalidInput) {
				t.Fatal("a case problem must be ErrInvalidInput")
			}
		})
	}
}

func TestCaseProblemsListsEveryField(t *testing.T) {
	c := goodCase()
	c.Contact, c.Status = "", CaseResolved
	var fields []string
	for _, p := range c.Problems() {
		fields = append(fields, p.Field)
	}
	if !slices.Equal(fields, []string{"contact", "resolution"}) {
		t.Fatalf("problems on %v, want contact and resolution", fields)
	}
}

func TestCaseWarnings(t *testing.T) {
	tests := []struct {
		name        string
		marketplace string
		orderID     string
		contact     string
		want        []string
	}{
		{"OK", "US", "113-1234567-1234567", "a@b.co", nil},
		{"German order", "DE", "302-1234567-1234567", "a@b.co", nil},
		{"no marketplace: still an Amazon order", "", "113-1234567-1234567", "a@b.co", nil},
		{"WarnShortOrderID", "US", "113-123456-1234567", "a@b.co", []string{"order_id"}},
		{"WarnTrackingInOrderField", "JP", "1Z999AA10123456784", "a@b.co", []string{"order_id"}},
		{"own shop takes any id", MarketplaceOther, "#1042", "a@b.co", nil},
		{"WarnPhoneOnEmailCase", "US", "", "+1 555 0100", []string{"contact"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := goodCase()
			c.Marketplace, c.OrderID, c.Contact = tt.marketplace, tt.orderID, tt.contact
			c = c.Normalize()
			var got []string
			for _, w := range c.Warnings() {
				got = append(got, w.Field)
			}
			if !slices.Equal(got, tt.want) {
				t.Fatalf("warnings on %v, want %v", got, tt.want)
			}
			if err := c.Validate(); err != nil {
				t.Fatalf("a warning must not block saving: %v", err)
			}
		})
	}
}

func TestMarketplaceLang(t *testing.T) {
	for code, want := range map[string]string{" gb ": "en", "de": "de", "JP": "ja", "MX": "es", "BE": "fr"} {
		if got, ok := MarketplaceLang(code); !ok || got != want {
			t.Errorf("MarketplaceLang(%q) = %q %v, want %q", code, got, ok, want)
		}
	}
	if _, ok := MarketplaceLang("XX"); ok {
		t.Fatal("XX is no marketplace")
	}
}
