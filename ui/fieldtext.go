package ui

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
)

// FieldText names the fields of a synced record and shows their values
// for people: the stale-form question, the Sync screen's conflicts and
// same-name records all describe fields with it, so "body/line[2].price"
// reads "Line 2 “gift cup”: Price" and 35.5 reads "$35.50", never a raw
// key, raw TOML or an ISO time.
//
// A label comes from the translation key "field.<table>.<field>"; a key
// inside a document column (a scenario's file) from
// "field.<table>.<column>.<key>", its array index removed
// ("field.scenario.body.line.price"). What is not translated shows as
// stored, so a field added later is still shown, if plainly.
type FieldText struct {
	tr    *Translator
	table string
	rec   map[string]any
}

// NewFieldText describes fields of a record of table; rec holds the
// record's values by field (a RecordSnapshot's; document keys as TOML
// literals or as values) for what a value needs to be read: the
// currency of an amount, the name of a product line. It may be nil.
func NewFieldText(tr *Translator, table string, rec map[string]any) FieldText {
	return FieldText{tr: tr, table: table, rec: rec}
}

// SnapshotValues are a snapshot's values by field, for NewFieldText.
func SnapshotValues(snap data.RecordSnapshot) map[string]any {
	out := make(map[string]any, len(snap.Fields))
	for f, st := range snap.Fields {
		out[f] = st.Value
	}
	return out
}

// docPath splits a document key path: "line[2].price" is the array
// "line", item 2, key "price"; "fx.USD" is the table "fx", key "USD".
var docPath = regexp.MustCompile(`^([A-Za-z_][\w-]*)(?:\[(\d+)\])?(?:\.(.+))?$`)

// fieldPath is a field split into its parts.
type fieldPath struct {
	col   string // the column ("body" for "body/capital")
	doc   bool   // a key inside a document column
	top   string // the key, or the array or table the key is in
	index int    // the array item (from 1), 0 when none
	inner string // the key inside the item or table
}

func splitField(field string) fieldPath {
	col, key, ok := strings.Cut(field, "/")
	if !ok {
		return fieldPath{col: field}
	}
	p := fieldPath{col: col, doc: true, top: key}
	if m := docPath.FindStringSubmatch(key); m != nil {
		p.top, p.inner = m[1], m[3]
		if m[2] != "" {
			p.index, _ = strconv.Atoi(m[2])
		}
	}
	return p
}

// generic is the field's translation suffix: the document key without
// its array index ("body.line.price").
func (p fieldPath) generic() string {
	if !p.doc {
		return p.col
	}
	g := p.col + "." + p.top
	if p.inner != "" && p.top != "fx" {
		g += "." + p.inner
	}
	return g
}

// Label names field.
func (f FieldText) Label(field string) string {
	p := splitField(field)
	own := func(suffix, fallback string) string {
		if k := "field." + f.table + "." + suffix; f.tr.Has(k) {
			return f.tr.T(k)
		}
		return fallback
	}
	if !p.doc {
		return own(p.col, field)
	}
	switch {
	case p.top == "fx" && p.inner != "":
		return f.tr.T("field.doc.fx", "Currency", p.inner)
	case p.index > 0:
		inner := own(p.generic(), p.inner)
		name := f.contextText(fmt.Sprintf("%s/%s[%d].name", p.col, p.top, p.index))
		item := own(p.col+"."+p.top+"_item", p.top)
		switch {
		case p.inner == "":
			return f.tr.T("field.doc.item", "Item", item, "N", p.index, "Name", name)
		case name == "":
			return f.tr.T("field.doc.item_field_n", "Item", item, "N", p.index, "Field", inner)
		}
		return f.tr.T("field.doc.item_field", "Item", item, "N", p.index, "Name", name, "Field", inner)
	}
	return own(p.generic(), strings.TrimPrefix(field, p.col+"/"))
}

// How a field's value reads.
type fieldKind int

const (
	kindPlain      fieldKind = iota // by its type
	kindMoneyBase                   // an amount in the scenario's base currency
	kindMoneyPrice                  // an amount in the line's price currency
	kindMoneyMode                   // an amount in the shipping mode's currency
	kindMoneyMinor                  // minor units in the record's "currency"
	kindPct
	kindDays
	kindDay
	kindPerDay
	kindUnits
	kindKg
	kindM3
	kindRate
	kindMode
	kindRole
	kindBool
	kindDeleted
)

// fieldKinds says how the fields of each table read; fields not listed
// read by their type (a time in the user's zone, a number with
// separators, a text as it is).
var fieldKinds = map[string]fieldKind{
	"person.role":                        kindRole,
	"person.active":                      kindBool,
	"shipping_mode.name":                 kindMode,
	"shipping_mode.transit_days":         kindDays,
	"shipping_mode.receiving_days":       kindDays,
	"shipping_mode.cost_per_kg_minor":    kindMoneyMinor,
	"scenario.body.capital":              kindMoneyBase,
	"scenario.body.overhead_monthly":     kindMoneyBase,
	"scenario.body.reserve_pct":          kindPct,
	"scenario.body.horizon_days":         kindDays,
	"scenario.body.payout_period_days":   kindDays,
	"scenario.body.payout_delay_days":    kindDays,
	"scenario.body.fx":                   kindRate,
	"scenario.body.line.price":           kindMoneyPrice,
	"scenario.body.line.fba_fee":         kindMoneyPrice,
	"scenario.body.line.storage_fee":     kindMoneyPrice,
	"scenario.body.line.inbound_fee":     kindMoneyPrice,
	"scenario.body.line.unit_cost":       kindMoneyBase,
	"scenario.body.line.unit_weight_kg":  kindKg,
	"scenario.body.line.unit_volume_m3":  kindM3,
	"scenario.body.line.daily_units":     kindPerDay,
	"scenario.body.line.production_days": kindDays,
	"scenario.body.line.cycle_days":      kindDays,
	"scenario.body.line.safety_days":     kindDays,
	"scenario.body.line.ramp_days":       kindDays,
	"scenario.body.line.launch_day":      kindDay,
	"scenario.body.line.moq":             kindUnits,
	"scenario.body.line.deposit_pct":     kindPct,
	"scenario.body.line.referral_pct":    kindPct,
	"scenario.body.line.ad_pct":          kindPct,
	"scenario.body.line.return_pct":      kindPct,
	"scenario.body.line.duty_pct":        kindPct,
	"scenario.body.line.mode":            kindMode,
	"scenario.body.mode.name":            kindMode,
	"scenario.body.mode.transit_days":    kindDays,
	"scenario.body.mode.receiving_days":  kindDays,
	"scenario.body.mode.cost_per_kg":     kindMoneyMode,
	"scenario.body.mode.cost_per_m3":     kindMoneyMode,
}

// Value shows v, a value of field.
func (f FieldText) Value(field string, v any) string {
	if v == nil {
		return f.tr.T("value.empty")
	}
	p := splitField(field)
	kind := fieldKinds[f.table+"."+p.generic()]
	if field == "deleted" {
		kind = kindDeleted
	}
	num, isNum := number(v)
	switch kind {
	case kindMoneyBase, kindMoneyPrice, kindMoneyMode:
		if isNum {
			return money(num, f.currency(p, kind))
		}
	case kindMoneyMinor:
		if isNum {
			return app.FormatMoneyExact(int64(num), f.contextCode("currency", defaultCurrency))
		}
	case kindPct:
		if isNum {
			return app.FormatNumber(num, 2) + "%"
		}
	case kindDays:
		if isNum {
			return f.tr.T("value.days", CountArg, app.FormatNumber(num, 0))
		}
	case kindDay:
		if isNum {
			return f.tr.T("value.day_n", "N", app.FormatNumber(num, 0))
		}
	case kindPerDay:
		if isNum {
			return f.tr.T("value.per_day", "N", app.FormatNumber(num, 3))
		}
	case kindUnits:
		if isNum {
			return f.tr.T("value.units", CountArg, app.FormatNumber(num, 0))
		}
	case kindKg:
		if isNum {
			return f.tr.T("value.kg", "N", app.FormatNumber(num, 3))
		}
	case kindM3:
		if isNum {
			return f.tr.T("value.m3", "N", app.FormatNumber(num, 4))
		}
	case kindRate:
		if isNum {
			return f.tr.T("value.rate", "Currency", p.inner, "Rate", app.FormatNumber(num, 4), "Base", f.baseCurrency(p.col))
		}
	case kindMode:
		if s, ok := v.(string); ok {
			if k := "planning.mode." + s; f.tr.Has(k) {
				return f.tr.T(k)
			}
		}
	case kindRole:
		if s, ok := v.(string); ok && f.tr.Has("role."+s) {
			return f.tr.T("role." + s)
		}
	case kindBool:
		return f.yesNo(truthy(v))
	case kindDeleted:
		if truthy(v) {
			return f.tr.T("value.removed")
		}
		return f.tr.T("value.present")
	}
	// A choice an area names in its translations
	// ("value.service_case.status.waiting_customer").
	if s, ok := v.(string); ok && s != "" {
		if k := "value." + f.table + "." + p.generic() + "." + s; f.tr.Has(k) {
			return f.tr.T(k)
		}
	}
	return f.plain(v)
}

// plain shows a value by its type.
func (f FieldText) plain(v any) string {
	switch x := v.(type) {
	case nil:
		return f.tr.T("value.empty")
	case bool:
		return f.yesNo(x)
	case []byte:
		return f.tr.T("value.bytes", CountArg, len(x))
	case string:
		if x == "" {
			return f.tr.T("value.empty")
		}
		if t, err := time.Parse(time.RFC3339Nano, x); err == nil {
			return t.Local().Format(MinuteLayout)
		}
		return x
	case time.Time:
		return x.Local().Format(MinuteLayout)
	}
	if n, ok := number(v); ok {
		return app.FormatNumber(n, 4)
	}
	return fmt.Sprint(v)
}

func (f FieldText) yesNo(b bool) string {
	if b {
		return f.tr.T("value.yes")
	}
	return f.tr.T("value.no")
}

// currency is the currency of an amount: the line's price currency, the
// mode's own, or the base currency.
func (f FieldText) currency(p fieldPath, kind fieldKind) string {
	var own string
	switch kind {
	case kindMoneyPrice:
		own = fmt.Sprintf("%s/%s[%d].price_currency", p.col, p.top, p.index)
	case kindMoneyMode:
		own = fmt.Sprintf("%s/%s[%d].currency", p.col, p.top, p.index)
	}
	if c := f.contextText(own); own != "" && c != "" {
		return currencyCode(c)
	}
	return f.baseCurrency(p.col)
}

func (f FieldText) baseCurrency(col string) string {
	return f.contextCode(col+"/base_currency", defaultCurrency)
}

func (f FieldText) contextCode(field, fallback string) string {
	if c := f.contextText(field); c != "" {
		return currencyCode(c)
	}
	return fallback
}

// contextText is a text value of the record ("" when it has none); a
// document key may be held as its TOML literal.
func (f FieldText) contextText(field string) string {
	v, ok := f.rec[field]
	if !ok || field == "" {
		return ""
	}
	switch x := v.(type) {
	case string:
		if strings.Contains(field, "/") {
			if s, ok := data.DocumentValue(x).(string); ok {
				return s
			}
		}
		return x
	case []byte:
		return string(x)
	}
	return ""
}

// defaultCurrency is the base currency of a scenario that names none
// (planning.DefaultBaseCurrency).
const defaultCurrency = "CNY"

// currencyCode reads a currency as a scenario file may write it: any
// case, RMB for CNY.
func currencyCode(c string) string {
	c = strings.ToUpper(strings.TrimSpace(c))
	if c == "RMB" {
		return "CNY"
	}
	return c
}

// money shows an amount in major units: whole amounts without decimals
// (¥100,000), others with the currency's (US$35.99).
func money(v float64, currency string) string {
	per := float64(app.MinorPerMajor(currency))
	minor := math.Round(v * per)
	if math.Mod(minor, per) == 0 {
		return app.FormatMoney(int64(minor), currency)
	}
	return app.FormatMoneyExact(int64(minor), currency)
}

// number reads a numeric value.
func number(v any) (float64, bool) {
	switch x := v.(type) {
	case int64:
		return float64(x), true
	case int:
		return float64(x), true
	case float64:
		return x, true
	}
	return 0, false
}

// truthy reads a stored flag: true, 1 or "1".
func truthy(v any) bool {
	switch x := v.(type) {
	case bool:
		return x
	case string:
		return x == "1" || x == "true"
	case []byte:
		return string(x) == "1"
	}
	n, ok := number(v)
	return ok && n != 0
}
