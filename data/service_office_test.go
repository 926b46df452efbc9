package data

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/opsbench/opsbench/app"
)

// Settings forms save what they changed: a holiday a colleague added, or
// a channel they changed, while the form was open stays.
func TestServiceSettingsSaveOnlyChanges(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	cfg, err := s.ServiceConfig(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Office.Zone != app.DefaultZone || cfg.Policy.For(app.ChannelEmail).FirstResponse != app.OfficeHours(8) || cfg.Rules.CarrierWaitDays != 3 {
		t.Fatalf("defaults %+v", cfg)
	}
	oct1, oct2, sat := app.NewDate(2030, 10, 1), app.NewDate(2030, 10, 2), app.NewDate(2030, 9, 28)
	// Two forms opened on the same calendar.
	formA, formB := cfg.Office, cfg.Office
	formA.Holidays = []app.Date{oct1}
	if err := s.SaveOffice(ctx, cfg.Office, formA); err != nil {
		t.Fatal(err)
	}
	formB.Holidays = []app.Date{oct2}
	formB.ExtraWorkdays = []app.Date{sat}
	formB.CloseMinute = 17 * 60
	if err := s.SaveOffice(ctx, cfg.Office, formB); err != nil {
		t.Fatal(err)
	}
	got, _ := s.ServiceConfig(ctx)
	if !slices.Equal(got.Office.Holidays, []app.Date{oct1, oct2}) || !slices.Equal(got.Office.ExtraWorkdays, []app.Date{sat}) || got.Office.CloseMinute != 17*60 {
		t.Fatalf("after two forms: %+v", got.Office)
	}
	// Removing a day removes only that day; a day made the other kind
	// moves.
	edited := got.Office
	edited.Holidays = []app.Date{oct2}
	edited.ExtraWorkdays = []app.Date{sat, oct1}
	if err := s.SaveOffice(ctx, got.Office, edited); err != nil {
		t.Fatal(err)
	}
	got, _ = s.ServiceConfig(ctx)
	if !slices.Equal(got.Office.Holidays, []app.Date{oct2}) || !slices.Equal(got.Office.ExtraWorkdays, []app.Date{sat, oct1}) {
		t.Fatalf("after moving a day: %+v", got.Office)
	}
	if err := s.SaveOffice(ctx, got.Office, app.Office{Zone: "Mars/Olympus"}); err == nil {
		t.Fatal("an unknown time zone was saved")
	}

	policy := got.Policy
	chat := app.SLAPolicy{Channels: map[app.Channel]app.ChannelSLA{}, DueSoon: policy.DueSoon}
	email := app.SLAPolicy{Channels: map[app.Channel]app.ChannelSLA{}, DueSoon: 30 * time.Minute}
	for ch, t := range policy.Channels {
		chat.Channels[ch], email.Channels[ch] = t, t
	}
	chat.Channels[app.ChannelChat] = app.ChannelSLA{FirstResponse: app.OfficeHours(2), Resolution: app.OfficeHours(27)}
	email.Channels[app.ChannelEmail] = app.ChannelSLA{FirstResponse: app.CalendarHours(12), Resolution: app.OfficeHours(27)}
	if err := s.SaveSLAPolicy(ctx, policy, chat); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveSLAPolicy(ctx, policy, email); err != nil {
		t.Fatal(err)
	}
	got, _ = s.ServiceConfig(ctx)
	if got.Policy.For(app.ChannelChat).FirstResponse != app.OfficeHours(2) || got.Policy.For(app.ChannelEmail).FirstResponse != app.CalendarHours(12) ||
		got.Policy.DueSoon != 30*time.Minute {
		t.Fatalf("after two forms: %+v", got.Policy)
	}
	if err := s.SaveFollowUpRules(ctx, got.Rules, app.FollowUpRules{CarrierWaitDays: 5}); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveFollowUpRules(ctx, got.Rules, app.FollowUpRules{CarrierWaitDays: 0}); err == nil {
		t.Fatal("0 days was saved")
	}
	if got, _ = s.ServiceConfig(ctx); got.Rules.CarrierWaitDays != 5 || got.Policy.DueSoon != 30*time.Minute {
		t.Fatalf("rules %+v due soon %v", got.Rules, got.Policy.DueSoon)
	}
}

// Values merged from two desks that do not fit together (opening after
// closing) never stop the service area: the default hours apply.
func TestServiceConfigSurvivesMergedHours(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	office := app.DefaultOffice()
	late := office
	late.OpenMinute = 10 * 60
	if err := s.SaveOffice(ctx, office, late); err != nil {
		t.Fatal(err)
	}
	// As a merge would leave it: another desk's closing time, 09:30.
	if _, err := s.write.Exec(`UPDATE office_calendar SET close_minute = 570`); err != nil {
		t.Fatal(err)
	}
	cfg, err := s.ServiceConfig(ctx)
	if err != nil || cfg.Calendar == nil {
		t.Fatalf("config %+v (%v)", cfg, err)
	}
	if open, closing := cfg.Calendar.Hours(); open != app.DefaultOpenMinute || closing != app.DefaultCloseMinute {
		t.Fatalf("hours %d-%d, want the defaults", open, closing)
	}
}
