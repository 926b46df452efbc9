package reports

import (
	"bufio"
	"bytes"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Encoding names the character encoding a text file was read in.
type Encoding string

// Encodings the readers recognise.
const (
	UTF8       Encoding = "utf-8"
	UTF8BOM    Encoding = "utf-8-bom"
	UTF16LE    Encoding = "utf-16le"
	UTF16BE    Encoding = "utf-16be"
	GB18030    Encoding = "gb18030"
	EncodingNA Encoding = "" // XLSX: the workbook says
)

// decodeText returns a UTF-8 reader over a text file whose first bytes
// are in br.
//
// A byte-order mark decides: UTF-8, UTF-16 LE or BE (Excel's "Unicode
// text"). Without one, UTF-16 is recognised by its zero bytes, and the
// rest is UTF-8 until the first byte that cannot be UTF-8: Chinese Excel
// and WPS save CSV in GB18030, whose double bytes are almost never valid
// UTF-8. Everything before that byte was ASCII, which both encodings
// share, so the switch can happen mid-stream without holding the file.
func decodeText(br *bufio.Reader) (io.Reader, Encoding) {
	head, _ := br.Peek(4)
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		_, _ = br.Discard(3)
		return br, UTF8BOM
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
		return transform.NewReader(br, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()), UTF16LE
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return transform.NewReader(br, unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder()), UTF16BE
	case len(head) >= 4 && head[0] != 0 && head[1] == 0 && head[2] != 0 && head[3] == 0:
		return transform.NewReader(br, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewDecoder()), UTF16LE
	case len(head) >= 4 && head[0] == 0 && head[1] != 0 && head[2] == 0 && head[3] != 0:
		return transform.NewReader(br, unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewDecoder()), UTF16BE
	}
	s := &sniffer{br: br}
	return s, UTF8
}

// sniffer passes UTF-8 through and switches to GB18030 at the first
// non-ASCII bytes that are not UTF-8. The decision is taken once, on the
// first non-ASCII run: up to 64 bytes of it must all be valid UTF-8.
type sniffer struct {
	br      *bufio.Reader
	decided bool
	out     io.Reader // after the decision
	enc     Encoding
}

// sniffWindow is how many bytes of the first non-ASCII run are checked:
// GB18030 text passes as UTF-8 for a character or two by chance, never
// for dozens of bytes.
const sniffWindow = 64

func (s *sniffer) Read(p []byte) (int, error) {
	if s.decided {
		return s.out.Read(p)
	}
	if len(p) == 0 {
		return 0, nil
	}
	if s.br.Buffered() == 0 {
		if _, err := s.br.Peek(1); err != nil {
			return 0, err
		}
	}
	buf, _ := s.br.Peek(min(len(p), s.br.Buffered()))
	i := 0
	for i < len(buf) && buf[i] < utf8.RuneSelf {
		i++
	}
	if i > 0 {
		n := copy(p, buf[:i])
		_, _ = s.br.Discard(n)
		return n, nil
	}
	// The first non-ASCII byte: look at what follows it.
	win, _ := s.br.Peek(sniffWindow)
	s.decided = true
	s.out, s.enc = s.br, UTF8
	if !validUTF8Prefix(win) {
		s.out = transform.NewReader(s.br, simplifiedchinese.GB18030.NewDecoder())
		s.enc = GB18030
	}
	return s.out.Read(p)
}

// validUTF8Prefix reports whether b is UTF-8, allowing the last character
// to be cut off by the end of b.
func validUTF8Prefix(b []byte) bool {
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size <= 1 {
			return !utf8.FullRune(b) && len(b) < utf8.UTFMax
		}
		b = b[size:]
	}
	return true
}

// encoding returns the encoding the sniffer settled on (UTF-8 until it
// met a non-ASCII byte).
func (s *sniffer) encoding() Encoding {
	if s.enc == "" {
		return UTF8
	}
	return s.enc
}
