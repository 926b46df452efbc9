package app

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// SOP templates: the office's standard ways of working, each an ordered
// list of stages and steps. A step says what to do and how to do it well,
// who usually does it (a role), how many days it takes, and which values
// it must record (its record form).
//
// A template's content (its stages, steps and forms) is versioned: every
// save that changes it adds a new TemplateVersion, never edited
// afterwards, and a run keeps the version it was started from. The name,
// description and archive flag belong to the template itself and change
// in place.

// FieldType is the type of one value of a record form.
type FieldType string

// Field types.
const (
	FieldText    FieldType = "text"
	FieldNumber  FieldType = "number"
	FieldMoney   FieldType = "money"
	FieldPercent FieldType = "percent"
	FieldDate    FieldType = "date"
	FieldChoice  FieldType = "choice"
	// FieldSKU links the value to a product by its SKU (seller SKU).
	FieldSKU FieldType = "sku"
)

// FieldTypes lists the field types in the order an editor offers them.
func FieldTypes() []FieldType {
	return []FieldType{FieldText, FieldNumber, FieldMoney, FieldPercent, FieldDate, FieldChoice, FieldSKU}
}

// Valid reports whether t is one of FieldTypes.
func (t FieldType) Valid() bool {
	for _, x := range FieldTypes() {
		if t == x {
			return true
		}
	}
	return false
}

// Numeric reports whether values of t can be drawn on a line chart.
func (t FieldType) Numeric() bool {
	return t == FieldNumber || t == FieldMoney || t == FieldPercent
}

// FormField is one value a step or checklist item records.
type FormField struct {
	// Key names the field inside its step; values recorded in different
	// runs under the same template step and key form one series.
	Key      string    `json:"key" toml:"key"`
	Label    string    `json:"label" toml:"label"`
	Type     FieldType `json:"type" toml:"type"`
	Required bool      `json:"required,omitempty" toml:"required,omitempty"`
	// Choices are the allowed values of a choice field.
	Choices []string `json:"choices,omitempty" toml:"choices,omitempty"`
	// Currency is the default currency of a money field (ISO 4217).
	Currency string `json:"currency,omitempty" toml:"currency,omitempty"`
	// Unit is shown after a number ("件", "pcs", "名").
	Unit string `json:"unit,omitempty" toml:"unit,omitempty"`
	// Help says what to enter, shown under the field.
	Help string `json:"help,omitempty" toml:"help,omitempty"`
}

// Step is one step of a template.
type Step struct {
	Key         string `json:"key" toml:"key"`
	Title       string `json:"title" toml:"title"`
	Description string `json:"description,omitempty" toml:"description,omitempty,multiline"`
	// Role is who usually does the step; a run proposes a person of this
	// role as the step's owner.
	Role Role `json:"role,omitempty" toml:"role,omitempty"`
	// Days is how long the step is expected to take (0: a milestone, due
	// with the step before it).
	Days int `json:"days" toml:"days"`
	// Count says whether Days are workdays (the default) or calendar days.
	Count  DayCount    `json:"count,omitempty" toml:"count,omitempty"`
	Fields []FormField `json:"fields,omitempty" toml:"field,omitempty"`
}

// Stage is a named group of steps (选品, 产品资料, 出货 ...).
type Stage struct {
	Key   string `json:"key" toml:"key"`
	Title string `json:"title" toml:"title"`
	Steps []Step `json:"steps" toml:"step"`
}

// TemplateBody is the versioned content of a template.
type TemplateBody struct {
	Stages []Stage `json:"stages" toml:"stage"`
}

// Template is an SOP template with its current version's content.
type Template struct {
	ID          string
	Name        string
	Description string
	// Archived templates start no new runs and leave the template list;
	// their runs keep them. Deleting a template that has runs archives it.
	Archived bool
	// Builtin is the key of the built-in template this one was loaded
	// from ("" for the office's own).
	Builtin string
	// VersionID and Version identify the current version. Version is 0
	// (and Body empty) while the version has not arrived from the desk
	// that wrote it (sync brought the template first).
	VersionID string
	Version   int
	Body      TemplateBody
	UpdatedAt time.Time
	// Runs counts the template's runs (lists fill it in).
	Runs int
}

// TemplateVersion is one saved state of a template's content. Versions
// are never changed once written.
type TemplateVersion struct {
	ID         string
	TemplateID string
	Number     int
	Body       TemplateBody
	CreatedAt  time.Time
	CreatedBy  string // person name, "" for the system
}

// Limits of templates.
const (
	MaxTitleLen       = 80
	MaxDescriptionLen = 4000
	MaxKeyLen         = 40
	MaxStages         = 30
	MaxStepsPerStage  = 60
	MaxFieldsPerStep  = 30
	MaxChoices        = 50
	MaxStepDays       = 365
)

// StepRef locates a problem inside a template body: the stage, the step
// in it and the form field of that step, each -1 when the problem is not
// inside one. Err is the problem itself, so errors.As finds both.
type StepRef struct {
	Stage, Step, Field int
	Err                *FieldError
}

func (e *StepRef) Error() string {
	var at []string
	if e.Stage >= 0 {
		at = append(at, fmt.Sprintf("stage %d", e.Stage+1))
	}
	if e.Step >= 0 {
		at = append(at, fmt.Sprintf("step %d", e.Step+1))
	}
	if e.Field >= 0 {
		at = append(at, fmt.Sprintf("field %d", e.Field+1))
	}
	if len(at) == 0 {
		return e.Err.Error()
	}
	return strings.Join(at, ", ") + ": " + e.Err.Error()
}

func (e *StepRef) Unwrap() error { return e.Err }

func stepErr(stage, step, field int, entity, name, code string, limit int) error {
	return &StepRef{Stage: stage, Step: step, Field: field, Err: &FieldError{Entity: entity, Field: name, Code: code, Limit: limit}}
}

// Normalize trims the template's texts and fills in what may be left out:
// missing keys ("stage1", "s1", "f1", unique in their list), the day
// count, a money field's currency.
func (t Template) Normalize() Template {
	t.Name = strings.TrimSpace(t.Name)
	t.Description = strings.TrimSpace(t.Description)
	t.Body = t.Body.Normalize()
	return t
}

// Normalize is Template.Normalize for the content alone. It returns a
// copy; b is not changed.
func (b TemplateBody) Normalize() TemplateBody {
	out := TemplateBody{Stages: make([]Stage, len(b.Stages))}
	stageKeys := map[string]bool{}
	stepKeys := map[string]bool{}
	for i, st := range b.Stages {
		st.Key, st.Title = strings.TrimSpace(st.Key), strings.TrimSpace(st.Title)
		if st.Key != "" {
			stageKeys[st.Key] = true
		}
		steps := make([]Step, len(st.Steps))
		for j, s := range st.Steps {
			s.Key, s.Title = strings.TrimSpace(s.Key), strings.TrimSpace(s.Title)
			s.Description = strings.TrimSpace(strings.ReplaceAll(s.Description, "\r\n", "\n"))
			s.Role = Role(strings.TrimSpace(string(s.Role)))
			if s.Count == "" {
				s.Count = CountWorkdays
			}
			if s.Key != "" {
				stepKeys[s.Key] = true
			}
			s.Fields = normalizeFields(s.Fields)
			steps[j] = s
		}
		st.Steps = steps
		out.Stages[i] = st
	}
	for i := range out.Stages {
		if out.Stages[i].Key == "" {
			out.Stages[i].Key = freeKey("stage", stageKeys)
		}
		for j := range out.Stages[i].Steps {
			if out.Stages[i].Steps[j].Key == "" {
				out.Stages[i].Steps[j].Key = freeKey("s", stepKeys)
			}
		}
	}
	return out
}

func normalizeFields(in []FormField) []FormField {
	if len(in) == 0 {
		return nil
	}
	out := make([]FormField, len(in))
	keys := map[string]bool{}
	for i, f := range in {
		f.Key, f.Label = strings.TrimSpace(f.Key), strings.TrimSpace(f.Label)
		f.Type = FieldType(strings.ToLower(strings.TrimSpace(string(f.Type))))
		f.Unit, f.Help = strings.TrimSpace(f.Unit), strings.TrimSpace(f.Help)
		f.Currency = strings.ToUpper(strings.TrimSpace(f.Currency))
		if f.Type == FieldMoney && f.Currency == "" {
			f.Currency = "USD"
		}
		if f.Type != FieldMoney {
			f.Currency = ""
		}
		var choices []string
		for _, c := range f.Choices {
			if c = strings.TrimSpace(c); c != "" {
				choices = append(choices, c)
			}
		}
		f.Choices = choices
		if f.Key != "" {
			keys[f.Key] = true
		}
		out[i] = f
	}
	for i := range out {
		if out[i].Key == "" {
			out[i].Key = freeKey("f", keys)
		}
	}
	return out
}

// freeKey returns prefix1, prefix2 ... whichever is not taken yet, and
// takes it.
func freeKey(prefix string, taken map[string]bool) string {
	for n := 1; ; n++ {
		k := fmt.Sprintf("%s%d", prefix, n)
		if !taken[k] {
			taken[k] = true
			return k
		}
	}
}

// Validate checks a normalized template. Problems inside the content
// come as *StepRef (which wraps the *FieldError).
func (t Template) Validate() error {
	if fe := titleProblem("sop_template", "name", t.Name); fe != nil {
		return fe
	}
	if utf8.RuneCountInString(t.Description) > MaxDescriptionLen {
		return &FieldError{Entity: "sop_template", Field: "description", Code: CodeTooLong, Limit: MaxDescriptionLen}
	}
	return t.Body.Validate()
}

// Validate checks a normalized template body: at least one step, titles,
// unique keys, days in range, known roles, well-formed record forms.
func (b TemplateBody) Validate() error {
	if len(b.Stages) > MaxStages {
		return stepErr(-1, -1, -1, "sop_template", "stages", CodeTooLong, MaxStages)
	}
	stageKeys := map[string]bool{}
	stepKeys := map[string]bool{}
	steps := 0
	for i, st := range b.Stages {
		if err := validateKey(st.Key); err != "" {
			return stepErr(i, -1, -1, "sop_stage", "key", err, MaxKeyLen)
		}
		if stageKeys[st.Key] {
			return stepErr(i, -1, -1, "sop_stage", "key", CodeDuplicate, 0)
		}
		stageKeys[st.Key] = true
		if fe := titleProblem("sop_stage", "title", st.Title); fe != nil {
			return &StepRef{Stage: i, Step: -1, Field: -1, Err: fe}
		}
		if len(st.Steps) > MaxStepsPerStage {
			return stepErr(i, -1, -1, "sop_stage", "steps", CodeTooLong, MaxStepsPerStage)
		}
		for j, s := range st.Steps {
			if err := s.validate(i, j, stepKeys); err != nil {
				return err
			}
			steps++
		}
	}
	if steps == 0 {
		return stepErr(-1, -1, -1, "sop_template", "steps", CodeRequired, 0)
	}
	return nil
}

func (s Step) validate(stage, step int, keys map[string]bool) error {
	bad := func(field, code string, limit int) error {
		return stepErr(stage, step, -1, "sop_step", field, code, limit)
	}
	if code := validateKey(s.Key); code != "" {
		return bad("key", code, MaxKeyLen)
	}
	if keys[s.Key] {
		return bad("key", CodeDuplicate, 0)
	}
	keys[s.Key] = true
	if fe := titleProblem("sop_step", "title", s.Title); fe != nil {
		return &StepRef{Stage: stage, Step: step, Field: -1, Err: fe}
	}
	switch {
	case utf8.RuneCountInString(s.Description) > MaxDescriptionLen:
		return bad("description", CodeTooLong, MaxDescriptionLen)
	case s.Role != "" && !s.Role.Valid():
		return bad("role", CodeBadChoice, 0)
	case s.Days < 0 || s.Days > MaxStepDays:
		return bad("days", CodeOutOfRange, MaxStepDays)
	case s.Count != CountWorkdays && s.Count != CountCalendarDays:
		return bad("count", CodeBadChoice, 0)
	case len(s.Fields) > MaxFieldsPerStep:
		return bad("fields", CodeTooLong, MaxFieldsPerStep)
	}
	if err := ValidateFields(s.Fields); err != nil {
		if fe, ok := err.(*FieldAt); ok {
			return &StepRef{Stage: stage, Step: step, Field: fe.Index, Err: fe.Err}
		}
		return err
	}
	return nil
}

// FieldAt is a problem with the field at Index of a record form.
type FieldAt struct {
	Index int
	Err   *FieldError
}

func (e *FieldAt) Error() string { return fmt.Sprintf("field %d: %v", e.Index+1, e.Err) }
func (e *FieldAt) Unwrap() error { return e.Err }

// ValidateFields checks a normalized record form: keys unique, labels,
// known types, choices for choice fields, a currency for money fields.
// A problem comes as *FieldAt.
func ValidateFields(fields []FormField) error {
	keys := map[string]bool{}
	for k, f := range fields {
		bad := func(field, code string, limit int) error {
			return &FieldAt{Index: k, Err: &FieldError{Entity: "sop_field", Field: field, Code: code, Limit: limit}}
		}
		if code := validateKey(f.Key); code != "" {
			return bad("key", code, MaxKeyLen)
		}
		if keys[f.Key] {
			return bad("key", CodeDuplicate, 0)
		}
		keys[f.Key] = true
		if fe := titleProblem("sop_field", "label", f.Label); fe != nil {
			return &FieldAt{Index: k, Err: fe}
		}
		switch {
		case !f.Type.Valid():
			return bad("type", CodeBadChoice, 0)
		case f.Type == FieldChoice && len(f.Choices) == 0:
			return bad("choices", CodeRequired, 0)
		case len(f.Choices) > MaxChoices:
			return bad("choices", CodeTooLong, MaxChoices)
		case f.Type == FieldMoney && !validCurrency(f.Currency):
			return bad("currency", CodeBadChoice, 0)
		case utf8.RuneCountInString(f.Help) > MaxDescriptionLen:
			return bad("help", CodeTooLong, MaxDescriptionLen)
		case utf8.RuneCountInString(f.Unit) > MaxKeyLen:
			return bad("unit", CodeTooLong, MaxKeyLen)
		}
		seen := map[string]bool{}
		for _, c := range f.Choices {
			if seen[c] {
				return bad("choices", CodeDuplicate, 0)
			}
			if utf8.RuneCountInString(c) > MaxTitleLen {
				return bad("choices", CodeTooLong, MaxTitleLen)
			}
			seen[c] = true
		}
	}
	return nil
}

func validCurrency(c string) bool {
	return len(c) == 3 && strings.Trim(c, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == ""
}

// validateKey returns the problem code of a key, "" when it is fine: not
// empty, at most MaxKeyLen characters, no spaces or control characters
// (keys travel in ids and file names of exports).
func validateKey(k string) string {
	switch {
	case k == "":
		return CodeRequired
	case utf8.RuneCountInString(k) > MaxKeyLen:
		return CodeTooLong
	}
	for _, r := range k {
		if unicode.IsSpace(r) || unicode.IsControl(r) || r == '/' {
			return CodeBadChoice
		}
	}
	return ""
}

// titleProblem checks a required one-line text of at most MaxTitleLen
// characters.
func titleProblem(entity, field, s string) *FieldError {
	switch {
	case s == "":
		return &FieldError{Entity: entity, Field: field, Code: CodeRequired}
	case utf8.RuneCountInString(s) > MaxTitleLen:
		return &FieldError{Entity: entity, Field: field, Code: CodeTooLong, Limit: MaxTitleLen}
	}
	return nil
}

// StepAt is one step of a body with where it sits.
type StepAt struct {
	Stage    Stage // without its Steps
	StageIdx int
	Step     Step
	// Position counts steps across stages from 0: the order of a run.
	Position int
}

// Steps lists every step of the body in run order.
func (b TemplateBody) Steps() []StepAt {
	var out []StepAt
	for i, st := range b.Stages {
		head := Stage{Key: st.Key, Title: st.Title}
		for _, s := range st.Steps {
			out = append(out, StepAt{Stage: head, StageIdx: i, Step: s, Position: len(out)})
		}
	}
	return out
}

// Step finds a step by key.
func (b TemplateBody) Step(key string) (StepAt, bool) {
	for _, s := range b.Steps() {
		if s.Step.Key == key {
			return s, true
		}
	}
	return StepAt{}, false
}

// StepCount is the number of steps of all stages.
func (b TemplateBody) StepCount() int {
	n := 0
	for _, st := range b.Stages {
		n += len(st.Steps)
	}
	return n
}
