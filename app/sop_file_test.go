package app

import (
	"errors"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

const sampleTOML = `format = "opsbench-sop"
format_version = 1

[[template]]
name = "新品上架"
description = "从资料到上架"

[[template.stage]]
title = "产品资料"

[[template.stage.step]]
title = "写标题"
role = "operations"
days = 2
description = """
标题不超过 200 字符，
核心词放前面。"""

[[template.stage.step.field]]
key = "title"
label = "标题"
type = "text"
required = true

[[checklist]]
title = "广告数据"
schedule = "weekly"
weekday = "周一"
owner = "王芳"

[[checklist.field]]
label = "ACoS"
type = "percent"
`

func TestParseSOPFile(t *testing.T) {
	f, err := ParseSOPFile([]byte(sampleTOML))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Templates) != 1 || len(f.Checklists) != 1 {
		t.Fatalf("%d templates, %d items", len(f.Templates), len(f.Checklists))
	}
	tpl := f.Templates[0].Template()
	step := tpl.Body.Stages[0].Steps[0]
	if tpl.Name != "新品上架" || step.Key != "s1" || step.Days != 2 || step.Description != "标题不超过 200 字符，\n核心词放前面。" {
		t.Errorf("template %+v", tpl)
	}
	if step.Fields[0].Key != "title" || !step.Fields[0].Required {
		t.Errorf("field %+v", step.Fields[0])
	}
	it, err := f.Checklists[0].Item()
	if err != nil || it.Schedule.Kind != ScheduleWeekly || it.Schedule.Weekday != time.Monday || f.Checklists[0].Owner != "王芳" {
		t.Errorf("item %+v %v", it, err)
	}
	if it.Fields[0].Key != "f1" {
		t.Errorf("item field key %q", it.Fields[0].Key)
	}

	// Written out and read back, the file says the same.
	out, err := MarshalSOPFile(f)
	if err != nil {
		t.Fatal(err)
	}
	back, err := ParseSOPFile(out)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	again, _ := MarshalSOPFile(back)
	if string(again) != string(out) {
		t.Errorf("round trip differs:\n%s\n---\n%s", out, again)
	}
	if !strings.Contains(string(out), "weekday = 'mon'") && !strings.Contains(string(out), `weekday = "mon"`) {
		t.Errorf("weekday not written by name:\n%s", out)
	}
}

// TestParseSOPFileEncodings reads the same file as Windows Notepad saves
// it: UTF-8 with a BOM and CRLF, UTF-16 LE and BE ("Unicode"), and
// GB18030 ("ANSI" on a Chinese Windows); and as JSON.
func TestParseSOPFileEncodings(t *testing.T) {
	crlf := strings.ReplaceAll(sampleTOML, "\n", "\r\n")
	utf16le, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(crlf))
	utf16be, _ := unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(crlf))
	noBOM, _ := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder().Bytes([]byte(crlf))
	gb, _ := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(crlf))
	json := `{"format": "opsbench-sop", "format_version": 1, "templates": [{"name": "新品上架", "stages": [
		{"title": "产品资料", "steps": [{"title": "写标题", "role": "operations", "days": 2,
		"description": "标题不超过 200 字符，\r\n核心词放前面。",
		"fields": [{"key": "title", "label": "标题", "type": "text", "required": true}]}]}]}]}`
	for name, b := range map[string][]byte{
		"utf-8 bom crlf":  append([]byte{0xEF, 0xBB, 0xBF}, crlf...),
		"utf-16le":        utf16le,
		"utf-16be":        utf16be,
		"utf-16le no bom": noBOM,
		"gb18030":         gb,
		"json":            []byte(json),
	} {
		f, err := ParseSOPFile(b)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		s := f.Templates[0].Stages[0].Steps[0]
		if f.Templates[0].Name != "新品上架" || s.Title != "写标题" || s.Description != "标题不超过 200 字符，\n核心词放前面。" {
			t.Errorf("%s: %+v", name, f.Templates[0])
		}
	}
}

func TestParseSOPFileProblems(t *testing.T) {
	cases := []struct {
		name, file string
		line       int    // 0: not checked
		tpl        int    // template number at fault
		item       int    // checklist item number at fault
		want       string // in the message
	}{
		{"empty", "", 0, 0, 0, "format"},
		{"not ours", `format = "other"` + "\n[[template]]\nname = \"x\"", 0, 0, 0, `format is "other"`},
		{"newer", "format = \"opsbench-sop\"\nformat_version = 9\n", 0, 0, 0, "format_version 9"},
		{"nothing", "format = \"opsbench-sop\"\n", 0, 0, 0, "no [[template]]"},
		{"syntax", "format = \"opsbench-sop\"\n[[template]\nname = 1\n", 2, 0, 0, "line 2"},
		{"typo", "format = \"opsbench-sop\"\n[[template]]\nnmae = \"x\"\n", 3, 0, 0, `unknown key "template.nmae"`},
		{"wrong type", "format = \"opsbench-sop\"\n[[template]]\nname = \"x\"\n[[template.stage]]\ntitle = \"a\"\n[[template.stage.step]]\ntitle = \"b\"\ndays = \"two\"\n", 8, 0, 0, "line 8"},
		{"empty name", "format = \"opsbench-sop\"\n[[template]]\nname = \"\"\n[[template.stage]]\ntitle = \"a\"\n[[template.stage.step]]\ntitle = \"b\"\n", 0, 1, 0, "name is required"},
		{"no steps", "format = \"opsbench-sop\"\n[[template]]\nname = \"x\"\n", 0, 1, 0, "steps is required"},
		{"duplicate names", "format = \"opsbench-sop\"\n" + strings.Repeat("[[template]]\nname = \"x\"\n[[template.stage]]\ntitle = \"a\"\n[[template.stage.step]]\ntitle = \"b\"\n", 2), 0, 2, 0, "already has this name"},
		{"bad weekday", "format = \"opsbench-sop\"\n[[checklist]]\ntitle = \"x\"\nschedule = \"weekly\"\nweekday = \"someday\"\n", 0, 0, 1, "weekday"},
		{"json syntax", "{\"format\": \"opsbench-sop\",\n\"templates\": [\n}", 3, 0, 0, "line 3"},
		{"json typo", `{"format": "opsbench-sop", "tempaltes": []}`, 0, 0, 0, `unknown key "tempaltes"`},
		{"binary", "\x00\x01\x02\x03", 0, 0, 0, "not text"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseSOPFile([]byte(tc.file))
			var fe *SOPFileError
			if !errors.As(err, &fe) {
				t.Fatalf("got %v", err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("message %q lacks %q", err, tc.want)
			}
			if (tc.line != 0 && fe.Line != tc.line) || fe.Template != tc.tpl || fe.Checklist != tc.item {
				t.Errorf("at line %d template %d item %d, want %d %d %d (%v)", fe.Line, fe.Template, fe.Checklist, tc.line, tc.tpl, tc.item, err)
			}
			if !errors.Is(err, ErrInvalidInput) {
				t.Error("not ErrInvalidInput")
			}
		})
	}
}

func FuzzParseSOPFile(f *testing.F) {
	f.Add([]byte(sampleTOML))
	f.Add([]byte(`{"format": "opsbench-sop", "templates": [{"name": "x"}]}`))
	f.Add([]byte{0xFF, 0xFE, 'f', 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		sf, err := ParseSOPFile(b)
		if err != nil {
			return
		}
		// Whatever is accepted is valid and writes out.
		for _, tf := range sf.Templates {
			if err := tf.Template().Normalize().Validate(); err != nil {
				t.Fatalf("accepted an invalid template: %v", err)
			}
		}
		if _, err := MarshalSOPFile(sf); err != nil {
			t.Fatal(err)
		}
	})
}
