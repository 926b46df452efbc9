package bundle

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"unicode/utf8"

	"github.com/opsbench/opsbench/data"
)

// rowScanner reads the row lines written by body.addRow without
// encoding/json's reflection (an import reads one per row): a JSON array
// of strings, numbers, null, small objects and one array of clocks.
// Anything it does not expect is an error; it never panics.
type rowScanner struct {
	b []byte
	i int
}

var errRowSyntax = errors.New("malformed row")

func (s *rowScanner) skipSpace() {
	for s.i < len(s.b) && (s.b[s.i] == ' ' || s.b[s.i] == '\t' || s.b[s.i] == '\r') {
		s.i++
	}
}

func (s *rowScanner) expect(c byte) error {
	s.skipSpace()
	if s.i >= len(s.b) || s.b[s.i] != c {
		return fmt.Errorf("%w: expected %q at byte %d", errRowSyntax, c, s.i)
	}
	s.i++
	return nil
}

// peek returns the next byte after spaces (0 at the end).
func (s *rowScanner) peek() byte {
	s.skipSpace()
	if s.i >= len(s.b) {
		return 0
	}
	return s.b[s.i]
}

// token returns the raw bytes of the next JSON value: a string, a number,
// a literal or a flat object (no nested objects or arrays).
func (s *rowScanner) token() ([]byte, error) {
	s.skipSpace()
	if s.i >= len(s.b) {
		return nil, fmt.Errorf("%w: unexpected end", errRowSyntax)
	}
	start := s.i
	switch c := s.b[s.i]; {
	case c == '"':
		if err := s.skipString(); err != nil {
			return nil, err
		}
	case c == '{':
		s.i++
		for {
			if s.i >= len(s.b) {
				return nil, fmt.Errorf("%w: unterminated object", errRowSyntax)
			}
			switch s.b[s.i] {
			case '"':
				if err := s.skipString(); err != nil {
					return nil, err
				}
				continue
			case '{', '[':
				return nil, fmt.Errorf("%w: nested value", errRowSyntax)
			case '}':
				s.i++
				return s.b[start:s.i], nil
			}
			s.i++
		}
	default:
		for s.i < len(s.b) {
			c := s.b[s.i]
			if c == ',' || c == ']' || c == ' ' {
				break
			}
			s.i++
		}
		if s.i == start {
			return nil, fmt.Errorf("%w: empty value at byte %d", errRowSyntax, s.i)
		}
	}
	return s.b[start:s.i], nil
}

func (s *rowScanner) skipString() error {
	s.i++ // the opening quote
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case '\\':
			s.i += 2
			continue
		case '"':
			s.i++
			return nil
		}
		s.i++
	}
	return fmt.Errorf("%w: unterminated string", errRowSyntax)
}

// str decodes a JSON string token.
func str(tok []byte) (string, error) {
	if len(tok) < 2 || tok[0] != '"' || tok[len(tok)-1] != '"' {
		return "", fmt.Errorf("%w: not a string", errRowSyntax)
	}
	inner := tok[1 : len(tok)-1]
	plain, ascii := true, true
	for _, c := range inner {
		if c == '\\' || c < 0x20 {
			plain = false
			break
		}
		if c >= 0x80 {
			ascii = false
		}
	}
	if plain && (ascii || utf8.Valid(inner)) {
		return string(inner), nil
	}
	var out string
	if err := json.Unmarshal(tok, &out); err != nil {
		return "", fmt.Errorf("%w: %v", errRowSyntax, err)
	}
	return out, nil
}

// value decodes a typed value token (see data.AppendSyncValue).
func value(tok []byte) (any, error) {
	switch tok[0] {
	case '"':
		return str(tok)
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		isFloat := false
		for _, c := range tok {
			if c == '.' || c == 'e' || c == 'E' {
				isFloat = true
			}
		}
		if isFloat {
			f, err := strconv.ParseFloat(string(tok), 64)
			if err != nil {
				return nil, fmt.Errorf("%w: bad number", errRowSyntax)
			}
			return f, nil
		}
		n, err := strconv.ParseInt(string(tok), 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%w: bad integer", errRowSyntax)
		}
		return n, nil
	}
	return data.ParseSyncValue(tok)
}

// parseRowFast reads one row line for the given columns.
func parseRowFast(line []byte, cols []string) (data.SyncRow, error) {
	var r data.SyncRow
	s := &rowScanner{b: line}
	if err := s.expect('['); err != nil {
		return r, err
	}
	tok, err := s.token()
	if err != nil {
		return r, err
	}
	if r.ID, err = str(tok); err != nil {
		return r, fmt.Errorf("id: %w", err)
	}
	if err := s.expect(','); err != nil {
		return r, err
	}
	if tok, err = s.token(); err != nil {
		return r, err
	}
	if r.HLC, err = str(tok); err != nil {
		return r, fmt.Errorf("hlc: %w", err)
	}
	if err := s.expect(','); err != nil {
		return r, err
	}
	if tok, err = s.token(); err != nil {
		return r, err
	}
	switch string(tok) {
	case "0":
	case "1":
		r.Deleted = true
	default:
		return r, fmt.Errorf("%w: deleted is not 0 or 1", errRowSyntax)
	}
	if err := s.expect(','); err != nil {
		return r, err
	}
	if err := s.expect('['); err != nil {
		return r, err
	}
	r.Clocks = make(map[string]string, len(cols)+1)
	for i := 0; i <= len(cols); i++ {
		if i > 0 {
			if err := s.expect(','); err != nil {
				return r, fmt.Errorf("clocks: %w", err)
			}
		}
		if tok, err = s.token(); err != nil {
			return r, err
		}
		name := "deleted"
		if i > 0 {
			name = cols[i-1]
		}
		switch string(tok) {
		case "0":
		case "1":
			r.Clocks[name] = r.HLC
		default:
			c, err := str(tok)
			if err != nil {
				return r, fmt.Errorf("clock of %s: %w", name, err)
			}
			r.Clocks[name] = c
		}
	}
	if err := s.expect(']'); err != nil {
		return r, fmt.Errorf("clocks: %w", err)
	}
	r.Values = make([]any, len(cols))
	for i := range cols {
		if err := s.expect(','); err != nil {
			return r, fmt.Errorf("%d values for %d columns: %w", i, len(cols), err)
		}
		if tok, err = s.token(); err != nil {
			return r, err
		}
		if r.Values[i], err = value(tok); err != nil {
			return r, fmt.Errorf("%s: %w", cols[i], err)
		}
	}
	if err := s.expect(']'); err != nil {
		return r, fmt.Errorf("more values than columns: %w", err)
	}
	if s.peek() != 0 {
		return r, fmt.Errorf("%w: data after the row", errRowSyntax)
	}
	return r, nil
}
