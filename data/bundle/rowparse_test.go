package bundle

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"testing"

	"github.com/opsbench/opsbench/data"
)

// parseRow reads one row line for the given columns.
func parseRow(line []byte, cols []string, parts *[]json.RawMessage) (data.SyncRow, error) {
	var r data.SyncRow
	*parts = (*parts)[:0]
	if err := json.Unmarshal(line, parts); err != nil {
		return r, err
	}
	p := *parts
	if len(p) != 4+len(cols) {
		return r, fmt.Errorf("%d fields, want %d", len(p), 4+len(cols))
	}
	if err := json.Unmarshal(p[0], &r.ID); err != nil {
		return r, fmt.Errorf("id: %v", err)
	}
	if err := json.Unmarshal(p[1], &r.HLC); err != nil {
		return r, fmt.Errorf("hlc: %v", err)
	}
	switch string(p[2]) {
	case "0":
	case "1":
		r.Deleted = true
	default:
		return r, errors.New("deleted is not 0 or 1")
	}
	var clocks []json.RawMessage
	if err := json.Unmarshal(p[3], &clocks); err != nil || len(clocks) != len(cols)+1 {
		return r, errors.New("bad clocks")
	}
	r.Clocks = make(map[string]string, len(clocks))
	for i, c := range clocks {
		name := "deleted"
		if i > 0 {
			name = cols[i-1]
		}
		switch string(c) {
		case "0":
		case "1":
			r.Clocks[name] = r.HLC
		default:
			var s string
			if err := json.Unmarshal(c, &s); err != nil {
				return r, fmt.Errorf("clock of %s: %v", name, err)
			}
			r.Clocks[name] = s
		}
	}
	r.Values = make([]any, len(cols))
	for i := range cols {
		v, err := data.ParseSyncValue(p[4+i])
		if err != nil {
			return r, fmt.Errorf("%s: %v", cols[i], err)
		}
		r.Values[i] = v
	}
	return r, nil
}

// TestRowParsersAgree checks the fast row reader against encoding/json on
// the rows of a real bundle and on malformed lines.
func TestRowParsersAgree(t *testing.T) {
	cols := []string{"name", "qty", "price", "note", "photo"}
	lines := []string{
		`["id-1","h",0,[1,1,0,"h2",1,0],"杯子 \"mug\"\n",3,2.5,null,{"b":"AAEC"}]`,
		`["id-2","h",1,[0,0,0,0,0,0],"",-7,1e+21,"x",{"x":"/w=="}]`,
		`["id-3","h",1,[0,0,0,0,0,0],"\u00e9t\u00e9",0,-0.0,"\ud83d\ude00",null]`,
		`[ "id-4" , "h" , 0 , [0,0,0,0,0,0] , "a" , 1 , 2.0 , "b" , null ]`,
	}
	bad := []string{``, `[`, `["id"]`, `["id","h",2,[0,0,0,0,0,0],"",1,1.0,"",null]`, `["id","h",0,[0,0],"",1,1.0,"",null]`,
		`["id","h",0,[0,0,0,0,0,0],"",1,1.0,"",null,5]`, `["id","h",0,[0,0,0,0,0,0],"",1,1.0,"",null]x`,
		`["id","h",0,[0,0,0,0,0,0],"",1,1.0,"",{"b":{"x":1}}]`, `["id","h",0,[0,0,0,0,0,0],"",1,1.0,"`}
	for _, l := range lines {
		var parts []json.RawMessage
		want, err1 := parseRow([]byte(l), cols, &parts)
		got, err2 := parseRowFast([]byte(l), cols)
		if err1 != nil || err2 != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n fast %+v %v\n json %+v %v", l, got, err2, want, err1)
		}
	}
	for _, l := range bad {
		if _, err := parseRowFast([]byte(l), cols); err == nil {
			t.Errorf("accepted %q", l)
		}
	}
}
