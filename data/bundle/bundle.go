package bundle

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"strconv"
	"strings"
	"time"

	"filippo.io/age"

	"github.com/opsbench/opsbench/data"
)

// Bundle format constants.
const (
	// Ext is the file extension of sync bundles.
	Ext = ".opsync"
	// FormatVersion is the bundle layout this build writes and the newest
	// it reads.
	FormatVersion = 1
	// AppName marks OpsBench bundles in the manifest.
	AppName = "opsbench"
	// DefaultWorkFactor is the scrypt work factor (log2 N) bundles are
	// written with: about half a second and 128 MiB of memory per bundle
	// on an office PC, paid again by every desk that reads it, which makes
	// guessing the passphrase of a bundle left in a cloud folder slow.
	// (age's own default, 18, takes twice as long: in a shared folder the
	// cost is paid for every changed file, every round.)
	DefaultWorkFactor = 17
	// MaxWorkFactor is the highest work factor accepted when reading (age's
	// default plus one: 512 MiB), so a crafted file cannot make a desk
	// compute for long or run out of memory.
	MaxWorkFactor = 19

	magic           = "OPSYNC "
	compressionGzip = "gzip"
	maxManifest     = 4 << 20
	// MaxBundleSize bounds what is read into memory.
	MaxBundleSize   = 2 << 30
	ageHeaderPrefix = "age-encryption.org/"
)

// Manifest describes a bundle. It is the first line of the decrypted
// content, so a reader learns the format, data format, writer and size
// before it reads any row.
type Manifest struct {
	App         string    `json:"app"`
	Format      int       `json:"format"`
	Schema      int       `json:"schema"`
	AppVersion  string    `json:"app_version"`
	BundleID    string    `json:"bundle"`
	Replica     string    `json:"replica"`
	ReplicaName string    `json:"replica_name"`
	Created     time.Time `json:"created"`
	// Demo is set by demo databases: real and demo data never mix.
	Demo bool `json:"demo,omitempty"`
	// Writer identifies the database file that wrote the bundle (see
	// data.Store.Writer): a bundle with this desk's id but another writer
	// comes from a copy of this database.
	Writer string `json:"writer,omitempty"`
	// Full bundles hold every row; others hold the rows whose change
	// sequence on the writer is in (Since, UpTo].
	Full  bool  `json:"full"`
	Since int64 `json:"since"`
	UpTo  int64 `json:"upto"`
	// HLCMin and HLCMax bound the row clocks inside.
	HLCMin string      `json:"hlc_min"`
	HLCMax string      `json:"hlc_max"`
	Rows   int         `json:"rows"`
	Tables []TableInfo `json:"tables"`
	// The body: rows compressed with Compression; its length and SHA-256.
	Compression string `json:"compression"`
	BodyBytes   int64  `json:"body_bytes"`
	BodySHA256  string `json:"body_sha256"`
}

// TableInfo is one table's section of the body.
type TableInfo struct {
	Name    string   `json:"name"`
	Kind    string   `json:"kind"`
	Columns []string `json:"columns"`
	Rows    int      `json:"rows"`
	// SHA256 is the hash of the section's lines, uncompressed.
	SHA256 string `json:"sha256"`
}

// Counts returns the number of rows by table.
func (m Manifest) Counts() map[string]int {
	out := map[string]int{}
	for _, t := range m.Tables {
		out[t.Name] = t.Rows
	}
	return out
}

// body builds the compressed body of a bundle: one section per table, a
// header line {"table":name} followed by one line per row:
//
//	[id, hlc, deleted(0|1), [clock of "deleted", clock of column 1, …], value 1, …]
//
// where a clock is 0 (none), 1 (the same as the row's hlc) or the HLC
// string, and values use data.AppendSyncValue's typed JSON.
type body struct {
	buf     bytes.Buffer
	m       *Manifest
	cur     *TableInfo
	curHash hash.Hash
	line    []byte
	// Lines are compressed on another goroutine, in chunks.
	pending []byte
	chunks  chan []byte
	done    chan error
	closed  bool
}

const chunkSize = 256 << 10

func newBody(m *Manifest) *body {
	b := &body{m: m, curHash: sha256.New(), chunks: make(chan []byte, 4), done: make(chan error, 1),
		pending: make([]byte, 0, chunkSize+4096)}
	m.Compression = compressionGzip
	go func() {
		gz, _ := gzip.NewWriterLevel(&b.buf, gzip.DefaultCompression)
		var err error
		for c := range b.chunks {
			if err == nil {
				_, err = gz.Write(c)
			}
		}
		if err == nil {
			err = gz.Close()
		}
		b.done <- err
	}()
	return b
}

func (b *body) write(p []byte) {
	b.curHash.Write(p)
	b.pending = append(b.pending, p...)
	if len(b.pending) >= chunkSize {
		b.chunks <- b.pending
		b.pending = make([]byte, 0, chunkSize+4096)
	}
}

// close ends the compression and waits for it.
func (b *body) close() error {
	if b.closed {
		return nil
	}
	b.closed = true
	if len(b.pending) > 0 {
		b.chunks <- b.pending
		b.pending = nil
	}
	close(b.chunks)
	return <-b.done
}

func (b *body) startTable(t data.SyncTable) {
	b.endTable()
	b.m.Tables = append(b.m.Tables, TableInfo{Name: t.Name, Kind: t.Kind, Columns: t.ColumnNames()})
	b.cur = &b.m.Tables[len(b.m.Tables)-1]
	b.curHash.Reset()
	b.line = append(b.line[:0], `{"table":`...)
	b.line = data.AppendSyncValue(b.line, t.Name)
	b.line = append(b.line, "}\n"...)
	b.write(b.line)
}

func (b *body) endTable() {
	if b.cur != nil {
		b.cur.SHA256 = hex.EncodeToString(b.curHash.Sum(nil))
		b.cur = nil
	}
}

func (b *body) addRow(r data.SyncRow) {
	l := append(b.line[:0], '[')
	l = data.AppendSyncValue(l, r.ID)
	l = append(l, ',')
	l = data.AppendSyncValue(l, r.HLC)
	if r.Deleted {
		l = append(l, ",1,["...)
	} else {
		l = append(l, ",0,["...)
	}
	l = appendClock(l, r.Clocks["deleted"], r.HLC)
	for _, c := range b.cur.Columns {
		l = append(l, ',')
		l = appendClock(l, r.Clocks[c], r.HLC)
	}
	l = append(l, ']')
	for _, v := range r.Values {
		l = append(l, ',')
		l = data.AppendSyncValue(l, v)
	}
	l = append(l, "]\n"...)
	b.line = l
	b.write(l)
	b.cur.Rows++
	b.m.Rows++
	if b.m.HLCMin == "" || r.HLC < b.m.HLCMin {
		b.m.HLCMin = r.HLC
	}
	if r.HLC > b.m.HLCMax {
		b.m.HLCMax = r.HLC
	}
	for _, c := range r.Clocks {
		if c > b.m.HLCMax {
			b.m.HLCMax = c
		}
	}
}

func appendClock(l []byte, c, rowHLC string) []byte {
	switch c {
	case "":
		return append(l, '0')
	case rowHLC:
		return append(l, '1')
	}
	return data.AppendSyncValue(l, c)
}

// finish closes the body and fills in its size and hash.
func (b *body) finish() ([]byte, error) {
	b.endTable()
	if err := b.close(); err != nil {
		return nil, err
	}
	sum := sha256.Sum256(b.buf.Bytes())
	b.m.BodyBytes = int64(b.buf.Len())
	b.m.BodySHA256 = hex.EncodeToString(sum[:])
	return b.buf.Bytes(), nil
}

// encrypter is an age encryption started ahead: deriving the key from the
// passphrase (scrypt) is the slow part, so it runs while the rows are read.
type encrypter struct {
	out  bytes.Buffer
	enc  io.WriteCloser
	err  error
	done chan struct{}
}

// startEncrypt begins encrypting for pass into memory.
func startEncrypt(pass string, workFactor int) *encrypter {
	e := &encrypter{done: make(chan struct{})}
	go func() {
		defer close(e.done)
		if pass == "" {
			e.err = ErrNoPassphrase
			return
		}
		r, err := age.NewScryptRecipient(pass)
		if err != nil {
			e.err = err
			return
		}
		if workFactor <= 0 {
			workFactor = DefaultWorkFactor
		}
		r.SetWorkFactor(min(workFactor, 30))
		e.enc, e.err = age.Encrypt(&e.out, r)
	}()
	return e
}

// seal writes the manifest and the body and returns the whole encrypted
// bundle.
func (e *encrypter) seal(m *Manifest, body []byte) ([]byte, error) {
	<-e.done
	if e.err != nil {
		return nil, e.err
	}
	mj, err := json.Marshal(m)
	if err != nil {
		return nil, err
	}
	head := fmt.Sprintf("%s%d\n%s\n", magic, FormatVersion, mj)
	if _, err := io.WriteString(e.enc, head); err != nil {
		return nil, err
	}
	if _, err := e.enc.Write(body); err != nil {
		return nil, err
	}
	if err := e.enc.Close(); err != nil {
		return nil, err
	}
	return e.out.Bytes(), nil
}

// writeBundle encrypts manifest and body to w for the passphrase.
func writeBundle(w io.Writer, pass string, workFactor int, m *Manifest, body []byte) error {
	out, err := startEncrypt(pass, workFactor).seal(m, body)
	if err != nil {
		return err
	}
	_, err = w.Write(out)
	return err
}

// bundleReader reads a decrypted bundle: the manifest, then the rows.
type bundleReader struct {
	m        Manifest
	plain    *bufio.Reader
	fileHash string
}

// openBundle checks that raw is a bundle for pass and reads its manifest.
// Errors wrap ErrEmptyFile, ErrNotBundle, ErrWrongPassphrase, ErrDamaged,
// or are a *NewerError.
func openBundle(raw []byte, pass string) (*bundleReader, error) {
	return openBundleMax(raw, pass, MaxWorkFactor)
}

func openBundleMax(raw []byte, pass string, maxWorkFactor int) (*bundleReader, error) {
	if len(raw) == 0 {
		return nil, ErrEmptyFile
	}
	if !bytes.HasPrefix(raw, []byte(ageHeaderPrefix)) {
		if len(raw) < len(ageHeaderPrefix) && strings.HasPrefix(ageHeaderPrefix, string(raw)) {
			return nil, ErrDamaged
		}
		return nil, ErrNotBundle
	}
	if pass == "" {
		return nil, ErrNoPassphrase
	}
	id, err := age.NewScryptIdentity(pass)
	if err != nil {
		return nil, err
	}
	id.SetMaxWorkFactor(maxWorkFactor)
	dec, err := age.Decrypt(bytes.NewReader(raw), id)
	if err != nil {
		var nm *age.NoIdentityMatchError
		if errors.As(err, &nm) {
			for _, e := range nm.Errors {
				if strings.Contains(e.Error(), "work factor") {
					return nil, fmt.Errorf("%w (%v)", ErrDamaged, e)
				}
			}
			return nil, ErrWrongPassphrase
		}
		if strings.Contains(err.Error(), "no identity matched") || strings.Contains(err.Error(), "incorrect identity") {
			return nil, ErrWrongPassphrase
		}
		return nil, fmt.Errorf("%w (%v)", ErrDamaged, err)
	}
	// Decrypt to the end first: age authenticates every chunk and the end
	// of the stream, so a changed or cut file is refused here, before
	// anything (a backup, a merge) is done for it.
	plain, err := io.ReadAll(dec)
	if err != nil {
		return nil, damaged(err)
	}
	sum := sha256.Sum256(raw)
	br := &bundleReader{plain: bufio.NewReaderSize(bytes.NewReader(plain), 64<<10), fileHash: hex.EncodeToString(sum[:])}
	first, err := readLine(br.plain, 64)
	if err != nil {
		return nil, damaged(err)
	}
	version, ok := strings.CutPrefix(string(first), magic)
	if !ok {
		return nil, fmt.Errorf("%w (it is encrypted with the office passphrase, but by another program)", ErrNotBundle)
	}
	format, err := strconv.Atoi(version)
	if err != nil || format < 1 {
		return nil, ErrNotBundle
	}
	line, err := readLine(br.plain, maxManifest)
	if err != nil {
		return nil, damaged(err)
	}
	if format > FormatVersion {
		var peek struct {
			AppVersion string `json:"app_version"`
			Schema     int    `json:"schema"`
		}
		_ = json.Unmarshal(line, &peek)
		return nil, &NewerError{AppVersion: peek.AppVersion, Format: format, Schema: peek.Schema, MaxFormat: FormatVersion, Have: data.SchemaVersion()}
	}
	if err := json.Unmarshal(line, &br.m); err != nil {
		return nil, fmt.Errorf("%w (manifest: %v)", ErrDamaged, err)
	}
	m := &br.m
	if m.App != AppName {
		return nil, ErrNotBundle
	}
	if m.Format != format {
		return nil, fmt.Errorf("%w (format %d in the manifest, %d in the header)", ErrDamaged, m.Format, format)
	}
	if m.Schema > data.SchemaVersion() {
		return nil, &NewerError{AppVersion: m.AppVersion, Format: format, Schema: m.Schema, MaxFormat: FormatVersion, Have: data.SchemaVersion()}
	}
	if m.Compression != compressionGzip {
		return nil, &NewerError{AppVersion: m.AppVersion, Format: format, Schema: m.Schema, MaxFormat: FormatVersion, Have: data.SchemaVersion()}
	}
	if m.BodyBytes < 0 || m.BodyBytes > MaxBundleSize || m.Rows < 0 || len(m.Tables) > 10000 {
		return nil, fmt.Errorf("%w (manifest sizes out of range)", ErrDamaged)
	}
	total := 0
	for _, t := range m.Tables {
		if t.Rows < 0 || len(t.Columns) > 2000 {
			return nil, fmt.Errorf("%w (manifest sizes out of range)", ErrDamaged)
		}
		total += t.Rows
	}
	if total != m.Rows {
		return nil, fmt.Errorf("%w (the manifest's row counts disagree)", ErrDamaged)
	}
	// The body is what its writer made: its length and hash match.
	rest := plain[len(first)+1+len(line)+1:]
	body := sha256.Sum256(rest)
	if int64(len(rest)) != m.BodyBytes || hex.EncodeToString(body[:]) != m.BodySHA256 {
		return nil, fmt.Errorf("%w (the body does not match its checksum)", ErrDamaged)
	}
	return br, nil
}

func damaged(err error) error {
	if errors.Is(err, ErrDamaged) {
		return err
	}
	return fmt.Errorf("%w (%v)", ErrDamaged, err)
}

// readLine reads one '\n'-terminated line of at most limit bytes.
func readLine(r *bufio.Reader, limit int) ([]byte, error) {
	var out []byte
	for {
		chunk, err := r.ReadSlice('\n')
		out = append(out, chunk...)
		if len(out) > limit {
			return nil, errors.New("line too long")
		}
		switch {
		case err == nil:
			return out[:len(out)-1], nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF):
			return nil, io.ErrUnexpectedEOF
		default:
			return nil, err
		}
	}
}

// rows reads the body, calling table at the start of each section and row
// for each row. Everything is checked against the manifest (sections,
// counts, hashes, the end of the file); an error at any point, also after
// the last row, means the content must not be used.
func (br *bundleReader) rows(table func(t TableInfo) error, row func(r data.SyncRow) error) error {
	m := &br.m
	bodyHash := sha256.New()
	lr := io.TeeReader(io.LimitReader(br.plain, m.BodyBytes), bodyHash)
	counted := &countingReader{r: lr}
	gz, err := gzip.NewReader(counted)
	if err != nil {
		return damaged(err)
	}
	gz.Multistream(false)
	in := bufio.NewReaderSize(gz, 256<<10)
	secHash := sha256.New()
	for ti, t := range m.Tables {
		secHash.Reset()
		line, err := readLine(in, 1<<20)
		if err != nil {
			return damaged(err)
		}
		secHash.Write(line)
		secHash.Write([]byte{'\n'})
		var head struct {
			Table string `json:"table"`
		}
		if json.Unmarshal(line, &head) != nil || head.Table != t.Name {
			return fmt.Errorf("%w (section %d is not table %s)", ErrDamaged, ti+1, t.Name)
		}
		if err := table(t); err != nil {
			return err
		}
		for i := 0; i < t.Rows; i++ {
			line, err := readLine(in, 64<<20)
			if err != nil {
				return damaged(err)
			}
			secHash.Write(line)
			secHash.Write([]byte{'\n'})
			r, err := parseRowFast(line, t.Columns)
			if err != nil {
				return fmt.Errorf("%w (table %s row %d: %v)", ErrDamaged, t.Name, i+1, err)
			}
			if err := row(r); err != nil {
				return err
			}
		}
		if got := hex.EncodeToString(secHash.Sum(nil)); got != t.SHA256 {
			return fmt.Errorf("%w (table %s does not match its checksum)", ErrDamaged, t.Name)
		}
	}
	// Nothing may follow the last section, in the body or after it.
	if n, _ := io.Copy(io.Discard, in); n != 0 {
		return fmt.Errorf("%w (unexpected data after the last table)", ErrDamaged)
	}
	if err := gz.Close(); err != nil {
		return damaged(err)
	}
	if _, err := io.Copy(io.Discard, counted); err != nil {
		return damaged(err)
	}
	if counted.n != m.BodyBytes || hex.EncodeToString(bodyHash.Sum(nil)) != m.BodySHA256 {
		return fmt.Errorf("%w (the body does not match its checksum)", ErrDamaged)
	}
	// Reading to the end makes age check the final chunk: a file cut at a
	// chunk boundary fails here.
	if n, err := io.Copy(io.Discard, br.plain); err != nil || n != 0 {
		if err == nil {
			err = errors.New("unexpected data after the body")
		}
		return damaged(err)
	}
	return nil
}

// rowsAsync is rows with the reading (decryption, decompression,
// checksums, parsing) on another goroutine, so that it overlaps with what
// table and row do (merging into SQLite). The callbacks run on the calling
// goroutine, in order; an error from them stops the reading.
func (br *bundleReader) rowsAsync(table func(t TableInfo) error, row func(r data.SyncRow) error) error {
	type item struct {
		table *TableInfo
		rows  []data.SyncRow
	}
	const batchSize = 256
	ch := make(chan item, 8)
	done := make(chan struct{})
	errStop := errors.New("stopped")
	var readErr error
	go func() {
		defer close(ch)
		var batch []data.SyncRow
		send := func(it item) error {
			select {
			case ch <- it:
				return nil
			case <-done:
				return errStop
			}
		}
		flush := func() error {
			if len(batch) == 0 {
				return nil
			}
			err := send(item{rows: batch})
			batch = make([]data.SyncRow, 0, batchSize)
			return err
		}
		readErr = br.rows(func(t TableInfo) error {
			if err := flush(); err != nil {
				return err
			}
			return send(item{table: &t})
		}, func(r data.SyncRow) error {
			batch = append(batch, r)
			if len(batch) == batchSize {
				return flush()
			}
			return nil
		})
		if readErr == nil {
			readErr = flush()
		}
	}()
	var err error
	for it := range ch {
		if err != nil {
			continue // drain until the reader notices done
		}
		if it.table != nil {
			err = table(*it.table)
		}
		for _, r := range it.rows {
			if err = row(r); err != nil {
				break
			}
		}
		if err != nil {
			close(done)
		}
	}
	if err != nil {
		return err
	}
	return readErr
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
