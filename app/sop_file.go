package app

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pelletier/go-toml/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// SOP files carry templates and checklist items between offices and
// desks: what `opsbench sop export` writes and `sop import` reads, and the
// form of the built-in templates shipped with OpsBench. TOML is written;
// TOML and JSON are read, in whatever encoding Windows Notepad saved them
// (UTF-8 with or without a byte-order mark, UTF-16, or the Chinese
// "ANSI", GB18030), with CRLF or LF line ends.
//
//	format = "opsbench-sop"
//	format_version = 1
//
//	[[template]]
//	name = "新品上架"
//	description = "..."
//
//	[[template.stage]]
//	key = "content"          # optional; made up when left out
//	title = "产品资料"
//
//	[[template.stage.step]]
//	title = "写标题"
//	role = "operations"      # operations, service, purchasing, finance, owner
//	days = 2
//	count = "workdays"       # or "calendar"
//	description = """How to do it well ..."""
//
//	[[template.stage.step.field]]
//	key = "title"
//	label = "标题"
//	type = "text"            # text number money percent date choice sku
//	required = true
//
//	[[checklist]]
//	title = "订单统计"
//	schedule = "workdays"    # workdays, weekdays, weekly, monthly
//	weekdays = ["mon", "thu"]  # weekdays; weekly: weekday = "fri"; monthly: month_day = 1
//	owner = "王芳"            # matched by name on import; optional

// SOPFileFormat is the value of the format key.
const SOPFileFormat = "opsbench-sop"

// SOPFileVersion is the format version written; files of a newer version
// are refused.
const SOPFileVersion = 1

// MaxSOPFile bounds the size of a file read (bytes).
const MaxSOPFile = 4 << 20

// SOPFile is the content of a template file.
type SOPFile struct {
	Format     string          `json:"format" toml:"format"`
	Version    int             `json:"format_version" toml:"format_version"`
	Templates  []TemplateFile  `json:"templates,omitempty" toml:"template,omitempty"`
	Checklists []ChecklistFile `json:"checklists,omitempty" toml:"checklist,omitempty"`
}

// TemplateFile is one template in a file.
type TemplateFile struct {
	Name        string `json:"name" toml:"name"`
	Description string `json:"description,omitempty" toml:"description,omitempty,multiline"`
	// Builtin names a built-in template (only in OpsBench's own files).
	Builtin string  `json:"builtin,omitempty" toml:"builtin,omitempty"`
	Stages  []Stage `json:"stages" toml:"stage"`
}

// ChecklistFile is one checklist item in a file.
type ChecklistFile struct {
	Title       string      `json:"title" toml:"title"`
	Description string      `json:"description,omitempty" toml:"description,omitempty,multiline"`
	Builtin     string      `json:"builtin,omitempty" toml:"builtin,omitempty"`
	Owner       string      `json:"owner,omitempty" toml:"owner,omitempty"`
	Schedule    string      `json:"schedule" toml:"schedule"`
	Weekdays    []string    `json:"weekdays,omitempty" toml:"weekdays,omitempty"`
	Weekday     string      `json:"weekday,omitempty" toml:"weekday,omitempty"`
	MonthDay    int         `json:"month_day,omitempty" toml:"month_day,omitempty"`
	OffDay      string      `json:"off_day,omitempty" toml:"off_day,omitempty"`
	Fields      []FormField `json:"fields,omitempty" toml:"field,omitempty"`
}

// SOPFileError is a problem with a template file: where (a line and
// column for syntax, the template or checklist item by number and name
// for content) and what.
type SOPFileError struct {
	Line, Col int
	// Template and Checklist are 1-based numbers of the [[template]] or
	// [[checklist]] entry at fault (0: none).
	Template, Checklist int
	Name                string
	// Detail describes a syntax or format problem (English).
	Detail string
	// Err is a content problem (*FieldError, *StepRef or *FieldAt).
	Err error
}

func (e *SOPFileError) Error() string {
	var at []string
	if e.Line > 0 {
		at = append(at, fmt.Sprintf("line %d", e.Line))
	}
	switch {
	case e.Template > 0:
		at = append(at, fmt.Sprintf("template %d %q", e.Template, e.Name))
	case e.Checklist > 0:
		at = append(at, fmt.Sprintf("checklist item %d %q", e.Checklist, e.Name))
	}
	msg := e.Detail
	if e.Err != nil {
		msg = e.Err.Error()
	}
	if len(at) == 0 {
		return msg
	}
	return strings.Join(at, ", ") + ": " + msg
}

func (e *SOPFileError) Unwrap() error {
	if e.Err != nil {
		return e.Err
	}
	return ErrInvalidInput
}

// DecodeText turns the bytes of a text file saved by Notepad, WPS or any
// editor into UTF-8 with LF line ends: a UTF-8 byte-order mark is
// dropped, UTF-16 (with a BOM, or recognised by its zero bytes) and
// GB18030 (text that is not UTF-8) are converted.
func DecodeText(b []byte) (string, error) {
	var s string
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		s = string(b[3:])
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}), bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		out, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(b)
		if err != nil {
			return "", fmt.Errorf("the file says it is UTF-16 but is not: %w", ErrInvalidInput)
		}
		s = string(out)
	case len(b) >= 4 && b[0] != 0 && b[1] == 0 && b[2] != 0 && b[3] == 0:
		out, err := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewDecoder().Bytes(b)
		if err != nil {
			return "", fmt.Errorf("the file looks like UTF-16 but is not: %w", ErrInvalidInput)
		}
		s = string(out)
	case len(b) >= 4 && b[0] == 0 && b[1] != 0 && b[2] == 0 && b[3] != 0:
		out, err := unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewDecoder().Bytes(b)
		if err != nil {
			return "", fmt.Errorf("the file looks like UTF-16 but is not: %w", ErrInvalidInput)
		}
		s = string(out)
	case utf8.Valid(b):
		s = string(b)
	default:
		out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(b)
		if err != nil {
			return "", fmt.Errorf("the file is neither UTF-8, UTF-16 nor GB18030 text: %w", ErrInvalidInput)
		}
		s = string(out)
	}
	if strings.ContainsRune(s, 0) {
		return "", fmt.Errorf("the file is not text: %w", ErrInvalidInput)
	}
	return strings.ReplaceAll(s, "\r\n", "\n"), nil
}

// ParseSOPFile reads a template file (TOML or JSON, see DecodeText for
// encodings) and checks every template and checklist item in it. The
// first problem found is returned as *SOPFileError; nothing is returned
// then, so an import either takes the whole file or nothing.
func ParseSOPFile(b []byte) (SOPFile, error) {
	if len(b) > MaxSOPFile {
		return SOPFile{}, &SOPFileError{Detail: fmt.Sprintf("the file is larger than %d MB; a template file is far smaller", MaxSOPFile>>20)}
	}
	text, err := DecodeText(b)
	if err != nil {
		return SOPFile{}, &SOPFileError{Detail: err.Error()}
	}
	var f SOPFile
	if t := strings.TrimSpace(text); strings.HasPrefix(t, "{") {
		dec := json.NewDecoder(strings.NewReader(text))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&f); err != nil {
			return SOPFile{}, jsonFileError(text, err)
		}
	} else {
		dec := toml.NewDecoder(strings.NewReader(text))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&f); err != nil {
			return SOPFile{}, tomlFileError(err)
		}
	}
	switch {
	case strings.TrimSpace(f.Format) == "":
		return SOPFile{}, &SOPFileError{Detail: fmt.Sprintf("this is not an OpsBench template file: it lacks format = %q", SOPFileFormat)}
	case f.Format != SOPFileFormat:
		return SOPFile{}, &SOPFileError{Detail: fmt.Sprintf("this is not an OpsBench template file: format is %q, expected %q", f.Format, SOPFileFormat)}
	case f.Version > SOPFileVersion:
		return SOPFile{}, &SOPFileError{Detail: fmt.Sprintf("the file has format_version %d, this OpsBench reads up to %d: update OpsBench", f.Version, SOPFileVersion)}
	case len(f.Templates) == 0 && len(f.Checklists) == 0:
		return SOPFile{}, &SOPFileError{Detail: "the file holds no [[template]] and no [[checklist]] entries"}
	}
	names := map[string]bool{}
	for i, tf := range f.Templates {
		t := tf.Template().Normalize()
		if err := t.Validate(); err != nil {
			return SOPFile{}, &SOPFileError{Template: i + 1, Name: tf.Name, Err: err}
		}
		if names[t.Name] {
			return SOPFile{}, &SOPFileError{Template: i + 1, Name: tf.Name,
				Err: &FieldError{Entity: "sop_template", Field: "name", Code: CodeDuplicate}}
		}
		names[t.Name] = true
		f.Templates[i] = TemplateFileOf(t)
	}
	for i, cf := range f.Checklists {
		it, err := cf.Item()
		if err == nil {
			it = it.Normalize()
			err = it.Validate()
		}
		if err != nil {
			return SOPFile{}, &SOPFileError{Checklist: i + 1, Name: cf.Title, Err: err}
		}
		owner := strings.TrimSpace(cf.Owner)
		f.Checklists[i] = ChecklistFileOf(it, owner)
	}
	return f, nil
}

func tomlFileError(err error) error {
	var strict *toml.StrictMissingError
	if errors.As(err, &strict) && len(strict.Errors) > 0 {
		e := &strict.Errors[0]
		row, col := e.Position()
		return &SOPFileError{Line: row, Col: col, Detail: fmt.Sprintf("unknown key %q (a typo, or a file for another program)", strings.Join(e.Key(), "."))}
	}
	var de *toml.DecodeError
	if errors.As(err, &de) {
		row, col := de.Position()
		return &SOPFileError{Line: row, Col: col, Detail: strings.TrimPrefix(de.Error(), "toml: ")}
	}
	return &SOPFileError{Detail: strings.TrimPrefix(err.Error(), "toml: ")}
}

func jsonFileError(text string, err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	offset := int64(-1)
	detail := err.Error()
	switch {
	case errors.As(err, &se):
		offset = se.Offset
	case errors.As(err, &te):
		offset = te.Offset
		detail = fmt.Sprintf("%s should be %s, not %s", te.Field, te.Type, te.Value)
	case strings.HasPrefix(detail, "json: unknown field "):
		detail = "unknown key " + strings.TrimPrefix(detail, "json: unknown field ") + " (a typo, or a file for another program)"
	}
	line := 0
	if offset >= 0 && offset <= int64(len(text)) {
		line = strings.Count(text[:offset], "\n") + 1
	}
	return &SOPFileError{Line: line, Detail: strings.TrimPrefix(detail, "json: ")}
}

// Template is the file entry as a template (not yet normalized).
func (tf TemplateFile) Template() Template {
	return Template{Name: tf.Name, Description: tf.Description, Builtin: tf.Builtin, Body: TemplateBody{Stages: tf.Stages}}
}

// TemplateFileOf is the file entry of a template.
func TemplateFileOf(t Template) TemplateFile {
	return TemplateFile{Name: t.Name, Description: t.Description, Builtin: t.Builtin, Stages: t.Body.Stages}
}

// weekdayNames are the names a file may give weekdays, in English and
// Chinese, by time.Weekday.
var weekdayNames = [7][]string{
	{"sun", "sunday", "周日", "周天", "星期日", "星期天"},
	{"mon", "monday", "周一", "星期一"},
	{"tue", "tuesday", "周二", "星期二"},
	{"wed", "wednesday", "周三", "星期三"},
	{"thu", "thursday", "周四", "星期四"},
	{"fri", "friday", "周五", "星期五"},
	{"sat", "saturday", "周六", "星期六"},
}

func parseWeekday(s string) (time.Weekday, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	for d, names := range weekdayNames {
		for _, n := range names {
			if s == n {
				return time.Weekday(d), true
			}
		}
	}
	return 0, false
}

// Item is the file entry as a checklist item (not yet normalized), its
// schedule read from the entry's words.
func (cf ChecklistFile) Item() (ChecklistItem, error) {
	it := ChecklistItem{Title: cf.Title, Description: cf.Description, Builtin: cf.Builtin, Fields: cf.Fields}
	bad := func(field string) (ChecklistItem, error) {
		return it, &FieldError{Entity: "schedule", Field: field, Code: CodeBadChoice}
	}
	it.Schedule.Kind = ScheduleKind(strings.ToLower(strings.TrimSpace(cf.Schedule)))
	switch it.Schedule.Kind {
	case ScheduleWeekdays:
		for _, w := range cf.Weekdays {
			d, ok := parseWeekday(w)
			if !ok {
				return bad("weekdays")
			}
			it.Schedule.Weekdays = append(it.Schedule.Weekdays, d)
		}
	case ScheduleWeekly:
		d, ok := parseWeekday(cf.Weekday)
		if !ok {
			return bad("weekday")
		}
		it.Schedule.Weekday = d
	case ScheduleMonthly:
		it.Schedule.MonthDay = cf.MonthDay
	}
	it.Schedule.OffDay = OffDayRule(strings.ToLower(strings.TrimSpace(cf.OffDay)))
	return it, nil
}

// ChecklistFileOf is the file entry of an item; owner is the owner's name
// ("" for none).
func ChecklistFileOf(it ChecklistItem, owner string) ChecklistFile {
	cf := ChecklistFile{Title: it.Title, Description: it.Description, Builtin: it.Builtin, Owner: owner,
		Schedule: string(it.Schedule.Kind), OffDay: string(it.Schedule.OffDay), Fields: it.Fields}
	switch it.Schedule.Kind {
	case ScheduleWeekdays:
		for _, d := range it.Schedule.Weekdays {
			cf.Weekdays = append(cf.Weekdays, weekdayNames[d][0])
		}
	case ScheduleWeekly:
		cf.Weekday = weekdayNames[it.Schedule.Weekday][0]
	case ScheduleMonthly:
		cf.MonthDay = it.Schedule.MonthDay
	}
	return cf
}

// MarshalSOPFile writes f as TOML (UTF-8, LF line ends), the format and
// version keys filled in.
func MarshalSOPFile(f SOPFile) ([]byte, error) {
	f.Format, f.Version = SOPFileFormat, SOPFileVersion
	var buf bytes.Buffer
	buf.WriteString("# OpsBench SOP templates and checklist items. Import with OpsBench (SOP → Templates → Import)\n# or `opsbench sop import FILE`.\n")
	enc := toml.NewEncoder(&buf)
	enc.SetIndentTables(false)
	if err := enc.Encode(f); err != nil {
		return nil, fmt.Errorf("writing the template file: %w", err)
	}
	return buf.Bytes(), nil
}
