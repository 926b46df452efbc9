package planning

import (
	"bytes"
	"errors"
	"unicode/utf16"
	"unicode/utf8"
)

// DecodeText returns a scenario file's text as UTF-8 with LF line ends,
// whatever the editor that saved it used: a UTF-8 byte order mark
// (Windows Notepad) is dropped, UTF-16 with a byte order mark (little or
// big endian, "Unicode" in Notepad and Excel) is converted, CRLF and lone
// CR line ends become LF. Text without a byte order mark is taken as
// UTF-8. The screens can store the result, so a saved scenario is plain
// UTF-8 whatever it was opened from.
func DecodeText(data []byte) ([]byte, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		var err error
		if data, err = fromUTF16(data[2:], data[0] == 0xFF); err != nil {
			return nil, err
		}
	}
	if bytes.IndexByte(data, '\r') >= 0 {
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
		data = bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
	}
	return data, nil
}

// fromUTF16 converts UTF-16 (without its byte order mark) to UTF-8.
func fromUTF16(b []byte, little bool) ([]byte, error) {
	if len(b)%2 != 0 {
		return nil, errors.New("the file is UTF-16 but has an odd number of bytes: it is cut short or damaged")
	}
	units := make([]uint16, len(b)/2)
	for i := range units {
		if little {
			units[i] = uint16(b[2*i]) | uint16(b[2*i+1])<<8
		} else {
			units[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		}
	}
	out := make([]byte, 0, len(b))
	for _, r := range utf16.Decode(units) {
		out = utf8.AppendRune(out, r)
	}
	return out, nil
}
