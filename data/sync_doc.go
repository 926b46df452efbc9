package data

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/pelletier/go-toml/v2"
)

// A document column (sync_column merge 'toml') holds a TOML file that
// merges key by key: each key path ("capital", "fx.USD", "line[2].price")
// has its own clock in the companion column <col>_hlc, so two desks that
// change different keys of one scenario both keep their edit.
//
// The stored text is always the canonical rendering of its keys (sorted
// keys, tables after values, arrays of tables in order): a text is then a
// function of its keys, so desks that merged the same keys in any order
// hold the same bytes. Comments and layout of a saved file are not kept.
//
// Key clocks are stored canonically too: the column's field clock is the
// newest key clock; a present key whose clock equals it has no entry; a
// removed key always has one (its removal's clock), so that a removal
// wins over older edits of the key and loses to newer ones. Rows written
// before key clocks existed have none: their keys count as written with
// the column.

// wholeDocKey is the only key of a text that is not valid TOML: such a
// document merges as one value.
const wholeDocKey = "."

// DocumentKeys flattens a TOML document into key paths and their values
// as TOML literals ("100000", "7.2", "'sea'"). Arrays of tables are
// indexed from 1 ("line[1].price"); other arrays are one value. A text
// that is not TOML is one key, ".", holding the quoted text.
func DocumentKeys(text string) map[string]string {
	out := map[string]string{}
	if strings.TrimSpace(text) == "" {
		return out
	}
	var m map[string]any
	if err := toml.Unmarshal([]byte(text), &m); err != nil {
		out[wholeDocKey] = tomlLiteral(text)
		return out
	}
	flattenDoc("", m, out)
	return out
}

func flattenDoc(prefix string, m map[string]any, out map[string]string) {
	for k, v := range m {
		path := prefix + docKeySegment(k)
		switch x := v.(type) {
		case map[string]any:
			flattenDoc(path+".", x, out)
		case []any:
			if tables, ok := asTables(x); ok {
				for i, t := range tables {
					flattenDoc(fmt.Sprintf("%s[%d].", path, i+1), t, out)
					if len(t) == 0 {
						// An empty table keeps its place in the array.
						out[fmt.Sprintf("%s[%d]", path, i+1)] = "{}"
					}
				}
				continue
			}
			out[path] = tomlLiteral(v)
		default:
			out[path] = tomlLiteral(v)
		}
	}
}

func asTables(a []any) ([]map[string]any, bool) {
	if len(a) == 0 {
		return nil, false
	}
	out := make([]map[string]any, len(a))
	for i, v := range a {
		t, ok := v.(map[string]any)
		if !ok {
			return nil, false
		}
		out[i] = t
	}
	return out, true
}

// docKeySegment writes a key as a path segment: bare when it can be,
// else quoted (so that "." and "[" inside a key cannot be confused with
// the path's own).
func docKeySegment(k string) string {
	bare := k != ""
	for _, r := range k {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
			bare = false
			break
		}
	}
	if bare {
		return k
	}
	return strconv.Quote(k)
}

// tomlLiteral is v written as a TOML value.
func tomlLiteral(v any) string {
	b, err := toml.Marshal(map[string]any{"v": v})
	if err != nil {
		return strconv.Quote(fmt.Sprint(v))
	}
	return strings.TrimSuffix(strings.TrimPrefix(string(b), "v = "), "\n")
}

// parseTOMLLiteral reads a literal written by tomlLiteral.
func parseTOMLLiteral(lit string) (any, error) {
	var m map[string]any
	if err := toml.Unmarshal([]byte("v = "+lit), &m); err != nil {
		return nil, err
	}
	return m["v"], nil
}

// docPath is a parsed key path: segments, each a key and (for arrays of
// tables) a 1-based index.
type docSeg struct {
	key   string
	index int // 0: a plain key
}

func parseDocPath(p string) ([]docSeg, error) {
	var out []docSeg
	for i := 0; i < len(p); {
		var key string
		if p[i] == '"' {
			q, err := strconv.QuotedPrefix(p[i:])
			if err != nil {
				return nil, fmt.Errorf("bad key path %q", p)
			}
			key, _ = strconv.Unquote(q)
			i += len(q)
		} else {
			j := i
			for j < len(p) && p[j] != '.' && p[j] != '[' {
				j++
			}
			key = p[i:j]
			i = j
		}
		seg := docSeg{key: key}
		if i < len(p) && p[i] == '[' {
			j := strings.IndexByte(p[i:], ']')
			n, err := strconv.Atoi(p[i+1 : i+max(j, 1)])
			if j < 0 || err != nil || n < 1 {
				return nil, fmt.Errorf("bad key path %q", p)
			}
			seg.index = n
			i += j + 1
		}
		out = append(out, seg)
		if i < len(p) {
			if p[i] != '.' {
				return nil, fmt.Errorf("bad key path %q", p)
			}
			i++
		}
	}
	return out, nil
}

// RenderDocument writes keys (as DocumentKeys returns them) as canonical
// TOML.
func RenderDocument(keys map[string]string) (string, error) {
	if lit, ok := keys[wholeDocKey]; ok && len(keys) == 1 {
		v, err := parseTOMLLiteral(lit)
		if err != nil {
			return "", err
		}
		s, _ := v.(string)
		return s, nil
	}
	root := map[string]any{}
	paths := make([]string, 0, len(keys))
	for p := range keys {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		segs, err := parseDocPath(p)
		if err != nil {
			return "", err
		}
		var v any = map[string]any{}
		if keys[p] != "{}" {
			if v, err = parseTOMLLiteral(keys[p]); err != nil {
				return "", fmt.Errorf("key %s: %w", p, err)
			}
		}
		if err := setDocPath(root, segs, v); err != nil {
			return "", fmt.Errorf("key %s: %w", p, err)
		}
	}
	if len(root) == 0 {
		return "", nil
	}
	b, err := toml.Marshal(root)
	return string(b), err
}

func setDocPath(m map[string]any, segs []docSeg, v any) error {
	s := segs[0]
	last := len(segs) == 1
	if s.index == 0 {
		if last {
			if _, isTable := v.(map[string]any); isTable {
				if _, exists := m[s.key]; exists {
					return nil
				}
			}
			m[s.key] = v
			return nil
		}
		sub, ok := m[s.key].(map[string]any)
		if !ok {
			if _, exists := m[s.key]; exists {
				return fmt.Errorf("%s is both a value and a table", s.key)
			}
			sub = map[string]any{}
			m[s.key] = sub
		}
		return setDocPath(sub, segs[1:], v)
	}
	arr, ok := m[s.key].([]map[string]any)
	if !ok {
		if _, exists := m[s.key]; exists {
			return fmt.Errorf("%s is both a value and an array of tables", s.key)
		}
	}
	for len(arr) < s.index {
		arr = append(arr, map[string]any{}) // a table removed on one desk keeps its place
	}
	m[s.key] = arr
	if last {
		return nil // "{}": the table exists, empty
	}
	return setDocPath(arr[s.index-1], segs[1:], v)
}

// docState is one side of a document merge.
type docState struct {
	keys   map[string]string // present keys -> literal
	clocks map[string]string // explicit key clocks (removed keys, keys older than col)
	col    string            // the column's field clock
}

// clock is the effective clock of key p: its own, or the column's for a
// present key without one ("" for a key never seen).
func (d docState) clock(p string) string {
	if c, ok := d.clocks[p]; ok {
		return c
	}
	if _, ok := d.keys[p]; ok {
		return d.col
	}
	return ""
}

// presentValue orders a key's value for the equal-clock tie-break: an
// absent key below every value.
func presentValue(v string, ok bool) string {
	if !ok {
		return ""
	}
	return "v" + v
}

// docConflict is a key value that lost a document merge ("" literal: the
// key was removed).
type docConflict struct {
	key, loser, loserHLC, winnerHLC string
}

// mergeDocs merges two sides key by key: the newer clock wins each key
// (equal clocks hold equal values; should they not, the larger literal
// wins on every desk). It returns the merged side and the values that
// lost with a clock of their own.
func mergeDocs(l, in docState) (docState, []docConflict) {
	out := docState{keys: map[string]string{}, clocks: map[string]string{}}
	var conflicts []docConflict
	seen := map[string]bool{}
	visit := func(p string) {
		if seen[p] {
			return
		}
		seen[p] = true
		cl, ci := l.clock(p), in.clock(p)
		vl, okl := l.keys[p]
		vi, oki := in.keys[p]
		winV, winOK, winC := vl, okl, cl
		loseV, loseOK, loseC := vi, oki, ci
		if ci > cl || (ci == cl && presentValue(vi, oki) > presentValue(vl, okl)) {
			winV, winOK, winC, loseV, loseOK, loseC = vi, oki, ci, vl, okl, cl
		}
		if winOK {
			out.keys[p] = winV
		}
		out.clocks[p] = winC
		if loseC != "" && (loseV != winV || loseOK != winOK) {
			lit := loseV
			if !loseOK {
				lit = ""
			}
			conflicts = append(conflicts, docConflict{key: p, loser: lit, loserHLC: loseC, winnerHLC: winC})
		}
	}
	for _, side := range []docState{l, in} {
		for p := range side.keys {
			visit(p)
		}
		for p := range side.clocks {
			visit(p)
		}
	}
	out.col = max(l.col, in.col)
	for _, c := range out.clocks {
		out.col = max(out.col, c)
	}
	out.canonical()
	return out, conflicts
}

// canonical drops the key clocks a reader can infer: a present key
// written with the column.
func (d *docState) canonical() {
	for p, c := range d.clocks {
		if _, present := d.keys[p]; present && c == d.col {
			delete(d.clocks, p)
		}
	}
}

// docEdit applies a local edit: the keys of text replace the old ones;
// keys added, changed or removed get clock h. It returns the new state
// and the changes as (key, old literal, new literal), "" for absent.
func docEdit(old docState, text, h string) (docState, [][3]string) {
	newKeys := DocumentKeys(text)
	out := docState{keys: newKeys, clocks: map[string]string{}, col: old.col}
	var changes [][3]string
	for p, c := range old.clocks {
		out.clocks[p] = c
	}
	for p := range old.keys {
		if _, ok := out.clocks[p]; !ok {
			out.clocks[p] = old.col
		}
	}
	for p, v := range newKeys {
		if ov, ok := old.keys[p]; !ok || ov != v {
			out.clocks[p] = h
			changes = append(changes, [3]string{p, ov, v})
		}
	}
	for p, ov := range old.keys {
		if _, ok := newKeys[p]; !ok {
			out.clocks[p] = h
			changes = append(changes, [3]string{p, ov, ""})
		}
	}
	sort.Slice(changes, func(i, j int) bool { return changes[i][0] < changes[j][0] })
	if len(changes) > 0 {
		out.col = h
	}
	out.canonical()
	return out, changes
}

// same reports whether d and o hold the same keys, values and clocks.
func (d docState) same(o docState) bool {
	if d.col != o.col || len(d.keys) != len(o.keys) || len(d.clocks) != len(o.clocks) {
		return false
	}
	for k, v := range d.keys {
		if ov, ok := o.keys[k]; !ok || ov != v {
			return false
		}
	}
	for k, v := range d.clocks {
		if ov, ok := o.clocks[k]; !ok || ov != v {
			return false
		}
	}
	return true
}

// text renders the state's keys.
func (d docState) text() (string, error) { return RenderDocument(d.keys) }

// DocumentField names a key of a document column as conflicts and audit
// entries do: "body/capital".
func DocumentField(col, key string) string { return col + "/" + key }

// splitDocumentField is the inverse of DocumentField (ok false for a
// plain field).
func splitDocumentField(f string) (col, key string, ok bool) {
	return strings.Cut(f, "/")
}
