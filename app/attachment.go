package app

import (
	"strings"
	"unicode/utf8"
)

// MaxAttachmentSize bounds one attached file (bytes): photos and scanned
// documents fit, videos do not.
const MaxAttachmentSize = 20 << 20

// Attachment is a file kept with a record. It never changes once added;
// the same content is stored once.
type Attachment struct {
	ID      string
	SHA256  string // hex
	Name    string
	MIME    string
	Size    int64
	Content []byte
}

// Validate checks an attachment before it is stored.
func (a Attachment) Validate() error {
	name := strings.TrimSpace(a.Name)
	switch {
	case name == "":
		return &FieldError{Entity: "attachment", Field: "name", Code: CodeRequired}
	case utf8.RuneCountInString(name) > 255:
		return &FieldError{Entity: "attachment", Field: "name", Code: CodeTooLong, Limit: 255}
	case len(a.Content) == 0:
		return &FieldError{Entity: "attachment", Field: "content", Code: CodeRequired}
	case len(a.Content) > MaxAttachmentSize:
		return &FieldError{Entity: "attachment", Field: "content", Code: CodeTooLong, Limit: MaxAttachmentSize}
	}
	return nil
}
