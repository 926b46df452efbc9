package data

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Values of synced columns travel as JSON that keeps their SQLite type:
//
//	text     "a string"            (text that is not valid UTF-8: {"x":"<base64>"})
//	integer  42                    (never written with a '.' or an exponent)
//	real     42.0, 1.5e-7          (always with a '.' or an exponent; ±Inf as {"f":"+Inf"})
//	blob     {"b":"<base64>"}
//	null     null
//
// The same encoding keeps losing values in the conflicts table.

// AppendSyncValue appends the JSON form of v (int64, float64, string,
// []byte or nil; int and bool are stored as integers) to b.
func AppendSyncValue(b []byte, v any) []byte {
	switch x := sqlValue(v).(type) {
	case nil:
		return append(b, "null"...)
	case int64:
		return strconv.AppendInt(b, x, 10)
	case float64:
		if math.IsInf(x, 0) || math.IsNaN(x) {
			return append(b, fmt.Sprintf(`{"f":"%+v"}`, x)...)
		}
		start := len(b)
		b = strconv.AppendFloat(b, x, 'g', -1, 64)
		if !bytes.ContainsAny(b[start:], ".e") {
			b = append(b, ".0"...)
		}
		return b
	case string:
		if !utf8.ValidString(x) {
			b = append(b, `{"x":"`...)
			b = base64.StdEncoding.AppendEncode(b, []byte(x))
			return append(b, `"}`...)
		}
		return appendJSONString(b, x)
	case []byte:
		b = append(b, `{"b":"`...)
		b = base64.StdEncoding.AppendEncode(b, x)
		return append(b, `"}`...)
	default:
		return appendJSONString(b, fmt.Sprint(x))
	}
}

// appendJSONString appends s (valid UTF-8) as a JSON string.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c != 0x7f {
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '"', '\\':
			b = append(b, '\\', c)
		case '\n':
			b = append(b, '\\', 'n')
		case '\r':
			b = append(b, '\\', 'r')
		case '\t':
			b = append(b, '\\', 't')
		default:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		}
		start = i + 1
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// ParseSyncValue reads one value written by AppendSyncValue.
func ParseSyncValue(raw []byte) (any, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return nil, errors.New("empty value")
	}
	switch raw[0] {
	case 'n':
		if string(raw) == "null" {
			return nil, nil
		}
	case '"':
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return nil, fmt.Errorf("bad text value: %w", err)
		}
		return s, nil
	case '{':
		var tagged map[string]string
		if err := json.Unmarshal(raw, &tagged); err != nil || len(tagged) != 1 {
			return nil, fmt.Errorf("bad tagged value %.40q", raw)
		}
		for k, v := range tagged {
			switch k {
			case "b", "x":
				d, err := base64.StdEncoding.DecodeString(v)
				if err != nil {
					return nil, fmt.Errorf("bad base64 value: %w", err)
				}
				if k == "x" {
					return string(d), nil
				}
				return d, nil
			case "f":
				switch v {
				case "+Inf":
					return math.Inf(1), nil
				case "-Inf":
					return math.Inf(-1), nil
				}
			}
		}
		return nil, fmt.Errorf("bad tagged value %.40q", raw)
	default:
		s := string(raw)
		if strings.ContainsAny(s, ".eE") {
			f, err := strconv.ParseFloat(s, 64)
			if err != nil {
				return nil, fmt.Errorf("bad number %.40q", s)
			}
			return f, nil
		}
		i, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("bad integer %.40q", s)
		}
		return i, nil
	}
	return nil, fmt.Errorf("bad value %.40q", raw)
}

// syncValueEqual reports whether two stored values are the same value of
// the same type.
func syncValueEqual(a, b any) bool {
	a, b = sqlValue(a), sqlValue(b)
	switch x := a.(type) {
	case nil:
		return b == nil
	case int64:
		y, ok := b.(int64)
		return ok && x == y
	case float64:
		y, ok := b.(float64)
		return ok && (x == y || (math.IsNaN(x) && math.IsNaN(y)))
	case string:
		y, ok := b.(string)
		return ok && x == y
	case []byte:
		y, ok := b.([]byte)
		return ok && bytes.Equal(x, y)
	}
	return fmt.Sprint(a) == fmt.Sprint(b)
}

// syncValueLess orders two different values deterministically, for the
// (normally impossible) case of two values under one clock.
func syncValueLess(a, b any) bool {
	return bytes.Compare(AppendSyncValue(nil, a), AppendSyncValue(nil, b)) < 0
}

// normalizeSyncValue converts a value read from a bundle to what a column
// of type typ stores, so that it compares equal to the value read back.
func normalizeSyncValue(v any, typ string) any {
	switch typ {
	case "REAL":
		if i, ok := v.(int64); ok {
			return float64(i)
		}
	case "INTEGER", "INT":
		if f, ok := v.(float64); ok && f == math.Trunc(f) && math.Abs(f) < 1<<53 {
			return int64(f)
		}
	}
	return v
}

// parseClocksFast reads a field_hlc value. It is written by
// fieldClocks.String as a JSON object of plain strings, which this reads
// without encoding/json (exports and merges read one per row); anything
// else goes through encoding/json.
func parseClocksFast(s string) (map[string]string, error) {
	m := make(map[string]string, 8)
	if s == "" || s == "{}" {
		return m, nil
	}
	str := func(i int) (string, int, bool) {
		if i >= len(s) || s[i] != '"' {
			return "", i, false
		}
		j := i + 1
		for j < len(s) && s[j] != '"' && s[j] != '\\' {
			j++
		}
		if j >= len(s) || s[j] != '"' {
			return "", i, false
		}
		return s[i+1 : j], j + 1, true
	}
	if s[0] == '{' {
		i := 1
		for {
			k, next, ok := str(i)
			if !ok || next >= len(s) || s[next] != ':' {
				break
			}
			v, next, ok := str(next + 1)
			if !ok || next >= len(s) {
				break
			}
			m[k] = v
			if s[next] == '}' && next == len(s)-1 {
				return m, nil
			}
			if s[next] != ',' {
				break
			}
			i = next + 1
		}
	}
	clear(m)
	err := json.Unmarshal([]byte(s), &m)
	return m, err
}

// clocksString writes field_hlc like fieldClocks.String (a JSON object
// with sorted keys) without reflection.
func clocksString(fc map[string]string) string {
	keys := make([]string, 0, len(fc))
	n := 2
	for k, v := range fc {
		keys = append(keys, k)
		n += len(k) + len(v) + 6
	}
	sort.Strings(keys)
	b := make([]byte, 0, n)
	b = append(b, '{')
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, k)
		b = append(b, ':')
		b = appendJSONString(b, fc[k])
	}
	return string(append(b, '}'))
}
