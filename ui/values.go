package ui

import (
	"fmt"
	"strings"

	"github.com/opsbench/opsbench/data"
)

// Values of record fields as forms and snapshots hold them: a text may be
// a string or bytes, a flag a bool or 0/1, a document key a TOML literal.

// ValueText reads a text value ("" for nil); numbers are written as Go
// does.
func ValueText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case []byte:
		return string(x)
	}
	return fmt.Sprint(v)
}

// ValueFlag reads a flag: true, 1 or "1".
func ValueFlag(v any) bool { return truthy(v) }

// SameValue reports whether a and b are the same value of field, however
// each is held: 1 and true, 100000 and 100000.0, a text and its bytes;
// the TOML literals of a document key by what they say ("100000" and
// "100000.0" alike).
func SameValue(field string, a, b any) bool {
	if strings.Contains(field, "/") {
		a, b = docValue(a), docValue(b)
	}
	a, b = plainValue(a), plainValue(b)
	if na, ok := number(a); ok {
		if nb, ok := number(b); ok {
			return na == nb
		}
	}
	if x, ok := a.(bool); ok {
		return x == truthy(b)
	}
	if y, ok := b.(bool); ok {
		return y == truthy(a)
	}
	switch x := a.(type) {
	case nil:
		return b == nil
	case string:
		y, ok := b.(string)
		return ok && x == y
	}
	return fmt.Sprint(a) == fmt.Sprint(b)
}

// sameValues reports whether two forms' values are the same.
func sameValues(a, b map[string]any) bool {
	if len(a) != len(b) {
		return false
	}
	for f, v := range a {
		w, ok := b[f]
		if !ok || !SameValue(f, v, w) {
			return false
		}
	}
	return true
}

func docValue(v any) any {
	switch x := v.(type) {
	case absent:
		return nil
	case string:
		return data.DocumentValue(x)
	case []byte:
		return data.DocumentValue(string(x))
	}
	return v
}

func plainValue(v any) any {
	switch x := v.(type) {
	case absent:
		return nil
	case []byte:
		return string(x)
	case int:
		return int64(x)
	}
	return v
}
