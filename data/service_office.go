package data

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/opsbench/opsbench/app"
)

// The office's service settings: SLA targets per channel, the working
// calendar the office-hours targets count with, and the follow-up
// thresholds. Each is stored only where the office changed a default,
// in rows whose ids are derived from what they hold (a channel, a day,
// the calendar), so the same setting changed on two desks is one record
// and merges field by field. Saving writes only what the form changed
// (base -> edited), so a colleague's change of another channel, day or
// field made meanwhile stays.

const (
	tableSLATarget      = "sla_target"
	tableOfficeCalendar = "office_calendar"
	tableOfficeDay      = "office_day"
	tableServiceSetting = "service_setting"
)

// serviceID makes a UUID from parts, the same on every desk, for records
// two desks must not create twice (a setting, a built-in's edit).
func serviceID(parts ...string) string {
	sum := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	sum[6] = 0x80 | sum[6]&0x0f // version 8: custom
	sum[8] = 0x80 | sum[8]&0x3f // RFC 4122 variant
	return uuid.UUID(sum[:16]).String()
}

// The derived ids of the settings' records.
var (
	officeCalendarID = serviceID(tableOfficeCalendar)
	serviceSettingID = serviceID(tableServiceSetting)
)

func slaTargetID(ch app.Channel) string { return serviceID(tableSLATarget, string(ch)) }

func officeDayID(d app.Date) string { return serviceID(tableOfficeDay, d.String()) }

// Kinds of office days (office_day.kind).
const (
	officeDayHoliday = "holiday"
	officeDayWorkday = "workday"
)

// ServiceConfig is the office's service settings as the rules take them.
type ServiceConfig struct {
	Policy app.SLAPolicy
	Office app.Office
	// Calendar is Office checked. Values merged from two desks that do
	// not fit together (opening after closing) fall back to the default
	// hours, an unknown time zone to the default zone: merged settings
	// never stop the service area.
	Calendar *app.Calendar
	Rules    app.FollowUpRules
}

// dueSoon is how close to its due instant a clock is due soon.
func (c ServiceConfig) dueSoon() time.Duration {
	if c.Policy.DueSoon <= 0 {
		return app.DefaultDueSoon
	}
	return c.Policy.DueSoon
}

// ServiceConfig reads the office's SLA targets, calendar and follow-up
// thresholds, defaults where the office changed nothing.
func (s *Store) ServiceConfig(ctx context.Context) (ServiceConfig, error) {
	return serviceConfig(ctx, s.read)
}

type serviceQuerier interface {
	querier
	queryer
}

func serviceConfig(ctx context.Context, q serviceQuerier) (ServiceConfig, error) {
	cfg := ServiceConfig{Policy: app.DefaultSLAPolicy(), Office: app.DefaultOffice(), Rules: app.DefaultFollowUpRules()}
	rows, err := q.QueryContext(ctx, `SELECT channel, first_minutes, first_basis, resolution_minutes, resolution_basis
		FROM sla_target WHERE deleted = 0`)
	if err != nil {
		return cfg, mapErr(err)
	}
	for rows.Next() {
		var ch, fb, rb string
		var fm, rm int
		if err := rows.Scan(&ch, &fm, &fb, &rm, &rb); err != nil {
			rows.Close()
			return cfg, mapErr(err)
		}
		t := app.ChannelSLA{FirstResponse: app.SLATarget{Minutes: fm, Basis: app.SLABasis(fb)},
			Resolution: app.SLATarget{Minutes: rm, Basis: app.SLABasis(rb)}}
		one := app.SLAPolicy{Channels: map[app.Channel]app.ChannelSLA{app.Channel(ch): t}}
		if one.Validate() == nil {
			cfg.Policy.Channels[app.Channel(ch)] = t
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return cfg, mapErr(err)
	}
	var zone, workdays string
	var open, closing int
	err = q.QueryRowContext(ctx, `SELECT zone, workdays, open_minute, close_minute FROM office_calendar WHERE id = ? AND deleted = 0`,
		officeCalendarID).Scan(&zone, &workdays, &open, &closing)
	switch {
	case err == nil:
		cfg.Office.Zone, cfg.Office.OpenMinute, cfg.Office.CloseMinute = zone, open, closing
		cfg.Office.Workdays = parseWorkdays(workdays)
	case !errors.Is(err, sql.ErrNoRows):
		return cfg, mapErr(err)
	}
	days, err := q.QueryContext(ctx, `SELECT day, kind FROM office_day WHERE deleted = 0 ORDER BY day`)
	if err != nil {
		return cfg, mapErr(err)
	}
	for days.Next() {
		var day, kind string
		if err := days.Scan(&day, &kind); err != nil {
			days.Close()
			return cfg, mapErr(err)
		}
		d, err := app.ParseDate(day)
		if err != nil {
			continue // a day this desk cannot read: it changes nothing here
		}
		if kind == officeDayWorkday {
			cfg.Office.ExtraWorkdays = append(cfg.Office.ExtraWorkdays, d)
		} else {
			cfg.Office.Holidays = append(cfg.Office.Holidays, d)
		}
	}
	days.Close()
	if err := days.Err(); err != nil {
		return cfg, mapErr(err)
	}
	var soon, wait int
	err = q.QueryRowContext(ctx, `SELECT due_soon_minutes, carrier_wait_days FROM service_setting WHERE id = ? AND deleted = 0`,
		serviceSettingID).Scan(&soon, &wait)
	switch {
	case err == nil:
		if soon > 0 && soon <= app.MaxSLAMinutes {
			cfg.Policy.DueSoon = time.Duration(soon) * time.Minute
		}
		if wait > 0 && wait <= app.MaxCarrierWaitDays {
			cfg.Rules.CarrierWaitDays = wait
		}
	case !errors.Is(err, sql.ErrNoRows):
		return cfg, mapErr(err)
	}
	cfg.Calendar, err = cfg.Office.Calendar()
	if err != nil {
		var fe *app.FieldError
		if errors.As(err, &fe) && fe.Field == "hours" {
			cfg.Office.OpenMinute, cfg.Office.CloseMinute = app.DefaultOpenMinute, app.DefaultCloseMinute
		} else {
			cfg.Office.Zone = app.DefaultZone
		}
		if cfg.Calendar, err = cfg.Office.Calendar(); err != nil {
			cfg.Office = app.DefaultOffice()
			cfg.Calendar = app.MustDefaultCalendar()
		}
	}
	return cfg, nil
}

func parseWorkdays(s string) []time.Weekday {
	out := []time.Weekday{}
	for _, f := range strings.Split(s, ",") {
		if n, err := strconv.Atoi(strings.TrimSpace(f)); err == nil && n >= 0 && n <= 6 && !slices.Contains(out, time.Weekday(n)) {
			out = append(out, time.Weekday(n))
		}
	}
	slices.Sort(out)
	return out
}

func formatWorkdays(days []time.Weekday) string {
	d := slices.Clone(days)
	slices.Sort(d)
	parts := make([]string, 0, len(d))
	for _, wd := range slices.Compact(d) {
		parts = append(parts, strconv.Itoa(int(wd)))
	}
	return strings.Join(parts, ",")
}

// upsertServiceRecord writes the fields of a record with a derived id: added
// when there is no such row, brought back when it was deleted, otherwise
// only the changed fields.
func (s *Store) upsertServiceRecord(ctx context.Context, tx *sql.Tx, table, id string, r record) error {
	var deleted bool
	err := tx.QueryRowContext(ctx, fmt.Sprintf(`SELECT deleted FROM %s WHERE id = ?`, table), id).Scan(&deleted)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return s.insertRecord(ctx, tx, table, id, r)
	case err != nil:
		return err
	case deleted:
		if err := s.undeleteRecord(ctx, tx, table, id); err != nil {
			return err
		}
	}
	_, err = s.updateRecord(ctx, tx, table, id, r)
	return err
}

// SaveSLAPolicy saves the SLA targets and the due-soon window a form
// changed from base to edited; targets of channels the form left alone
// keep what is stored (a colleague's edit among them).
func (s *Store) SaveSLAPolicy(ctx context.Context, base, edited app.SLAPolicy) error {
	if err := edited.Validate(); err != nil {
		return err
	}
	return s.withTx(ctx, func(tx *sql.Tx) error {
		cur, err := serviceConfig(ctx, tx)
		if err != nil {
			return err
		}
		for _, ch := range app.Channels() {
			b, e := base.For(ch), edited.For(ch)
			if b == e {
				continue
			}
			now := cur.Policy.For(ch)
			// Field by field: only the clocks the form changed.
			if b.FirstResponse != e.FirstResponse {
				now.FirstResponse = e.FirstResponse
			}
			if b.Resolution != e.Resolution {
				now.Resolution = e.Resolution
			}
			if err := s.upsertServiceRecord(ctx, tx, tableSLATarget, slaTargetID(ch), slaTargetRecord(ch, now)); err != nil {
				return err
			}
		}
		if base.DueSoon != edited.DueSoon {
			return s.saveServiceSetting(ctx, tx, cur, record{"due_soon_minutes": int(edited.DueSoon / time.Minute)})
		}
		return nil
	})
}

func slaTargetRecord(ch app.Channel, t app.ChannelSLA) record {
	basis := func(b app.SLABasis) string {
		if b == "" {
			return string(app.SLAOfficeHours)
		}
		return string(b)
	}
	return record{"channel": string(ch), "first_minutes": t.FirstResponse.Minutes, "first_basis": basis(t.FirstResponse.Basis),
		"resolution_minutes": t.Resolution.Minutes, "resolution_basis": basis(t.Resolution.Basis)}
}

// SaveFollowUpRules saves the follow-up thresholds a form changed.
func (s *Store) SaveFollowUpRules(ctx context.Context, base, edited app.FollowUpRules) error {
	if edited.CarrierWaitDays < 1 || edited.CarrierWaitDays > app.MaxCarrierWaitDays {
		return &app.FieldError{Entity: "service", Field: "carrier_wait_days", Code: app.CodeOutOfRange, Limit: app.MaxCarrierWaitDays}
	}
	if base.CarrierWaitDays == edited.CarrierWaitDays {
		return nil
	}
	return s.withTx(ctx, func(tx *sql.Tx) error {
		cur, err := serviceConfig(ctx, tx)
		if err != nil {
			return err
		}
		return s.saveServiceSetting(ctx, tx, cur, record{"carrier_wait_days": edited.CarrierWaitDays})
	})
}

// saveServiceSetting writes fields of the service settings row; a new
// row starts from the settings in effect.
func (s *Store) saveServiceSetting(ctx context.Context, tx *sql.Tx, cur ServiceConfig, r record) error {
	full := record{"due_soon_minutes": int(cur.Policy.DueSoon / time.Minute), "carrier_wait_days": cur.Rules.CarrierWaitDays}
	if cur.Policy.DueSoon == 0 {
		full["due_soon_minutes"] = int(app.DefaultDueSoon / time.Minute)
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM service_setting WHERE id = ?`, serviceSettingID).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		full = record{}
	}
	for k, v := range r {
		full[k] = v
	}
	return s.upsertServiceRecord(ctx, tx, tableServiceSetting, serviceSettingID, full)
}

// SaveOffice saves the calendar changes a form made from base to edited:
// the fields it changed (zone, workdays, hours) and the holidays and
// make-up days it added or removed. A day a colleague added meanwhile
// stays. The edited office must be valid (app.Office.Calendar).
func (s *Store) SaveOffice(ctx context.Context, base, edited app.Office) error {
	if _, err := edited.Calendar(); err != nil {
		return err
	}
	norm := func(o app.Office) app.Office {
		c, err := o.Calendar()
		if err != nil {
			return o
		}
		n := c.Office()
		if n.Workdays == nil {
			n.Workdays = app.DefaultOffice().Workdays
		}
		if n.OpenMinute == 0 && n.CloseMinute == 0 {
			n.OpenMinute, n.CloseMinute = app.DefaultOpenMinute, app.DefaultCloseMinute
		}
		return n
	}
	b, e := norm(base), norm(edited)
	return s.withTx(ctx, func(tx *sql.Tx) error {
		cur, err := serviceConfig(ctx, tx)
		if err != nil {
			return err
		}
		r := record{}
		if b.Zone != e.Zone {
			r["zone"] = e.Zone
		}
		if formatWorkdays(b.Workdays) != formatWorkdays(e.Workdays) {
			r["workdays"] = formatWorkdays(e.Workdays)
		}
		if b.OpenMinute != e.OpenMinute {
			r["open_minute"] = e.OpenMinute
		}
		if b.CloseMinute != e.CloseMinute {
			r["close_minute"] = e.CloseMinute
		}
		if len(r) > 0 {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM office_calendar WHERE id = ?`, officeCalendarID).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				// The first save: the calendar in effect, with the changes.
				o := cur.Office
				full := record{"zone": o.Zone, "workdays": formatWorkdays(o.Workdays), "open_minute": o.OpenMinute, "close_minute": o.CloseMinute}
				for k, v := range r {
					full[k] = v
				}
				r = full
			}
			if err := s.upsertServiceRecord(ctx, tx, tableOfficeCalendar, officeCalendarID, r); err != nil {
				return err
			}
		}
		for _, kind := range []string{officeDayHoliday, officeDayWorkday} {
			from, to := b.Holidays, e.Holidays
			if kind == officeDayWorkday {
				from, to = b.ExtraWorkdays, e.ExtraWorkdays
			}
			for _, d := range to {
				if !slices.Contains(from, d) {
					if err := s.upsertServiceRecord(ctx, tx, tableOfficeDay, officeDayID(d), record{"day": d.String(), "kind": kind}); err != nil {
						return err
					}
				}
			}
			for _, d := range from {
				if slices.Contains(to, d) {
					continue
				}
				var k string
				err := tx.QueryRowContext(ctx, `SELECT kind FROM office_day WHERE id = ? AND deleted = 0`, officeDayID(d)).Scan(&k)
				if errors.Is(err, sql.ErrNoRows) || (err == nil && k != kind) {
					continue // gone already, or made the other kind of day meanwhile
				}
				if err != nil {
					return err
				}
				if err := s.deleteRecord(ctx, tx, tableOfficeDay, officeDayID(d)); err != nil {
					return err
				}
			}
		}
		return nil
	})
}
