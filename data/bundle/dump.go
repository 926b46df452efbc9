package bundle

import (
	"bufio"
	"context"
	"io"
	"sort"
	"strconv"

	"github.com/opsbench/opsbench/data"
)

// DumpOptions adjust Dump.
type DumpOptions struct {
	// Tombstones includes deleted rows (with "deleted":true).
	Tombstones bool
}

// Dump writes every live row of every synced table as canonical JSON:
// tables by name, rows by id, one row per line, keys sorted, values in
// their typed form (data.AppendSyncValue). Local-only fields (the
// "replica" column, columns named local_*) are left out. The row clock
// "hlc" and the field clocks "field_hlc" are included: replicas that have
// seen the same changes hold the same clocks (each is the newest write of
// its field), so converged replicas dump byte for byte the same text.
func Dump(ctx context.Context, s *data.Store, w io.Writer, opts DumpOptions) error {
	tables, err := s.SyncTables(ctx)
	if err != nil {
		return err
	}
	names := make([]string, len(tables))
	for i, t := range tables {
		names[i] = t.Name
	}
	sort.Strings(names)
	bw := bufio.NewWriterSize(w, 64<<10)
	var line []byte
	bw.WriteString(`{"format":"opsbench-dump","schema":` + strconv.Itoa(data.SchemaVersion()) + `,"tables":[`)
	current := ""
	rows := 0
	closeTable := func() {
		if current != "" {
			if rows > 0 {
				bw.WriteString("\n")
			}
			bw.WriteString("]}")
		}
	}
	byName := map[string]data.SyncTable{}
	for _, t := range tables {
		byName[t.Name] = t
	}
	next := 0 // names[next:] are not started yet
	start := func(t data.SyncTable) {
		closeTable()
		if next > 0 {
			bw.WriteString(",")
		}
		next++
		current, rows = t.Name, 0
		line = append(line[:0], "\n{\"table\":"...)
		line = data.AppendSyncValue(line, t.Name)
		line = append(line, `,"kind":`...)
		line = data.AppendSyncValue(line, t.Kind)
		line = append(line, `,"rows":[`...)
		bw.Write(line)
	}
	// startUpTo starts every table up to name, so that tables without rows
	// appear too and two dumps list the same tables.
	startUpTo := func(name string) {
		for next < len(names) && names[next] <= name && current != name {
			start(byName[names[next]])
		}
	}
	_, err = s.ScanSyncRows(ctx, data.SyncScan{Full: true, Tables: names}, func(t data.SyncTable, r data.SyncRow) error {
		startUpTo(t.Name)
		if r.Deleted && !opts.Tombstones {
			return nil
		}
		if rows > 0 {
			bw.WriteString(",")
		}
		rows++
		line = appendDumpRow(line[:0], t, r)
		_, err := bw.Write(line)
		return err
	})
	if err != nil {
		return err
	}
	for next < len(names) {
		start(byName[names[next]])
	}
	closeTable()
	bw.WriteString("\n]}\n")
	return bw.Flush()
}

func appendDumpRow(l []byte, t data.SyncTable, r data.SyncRow) []byte {
	type kv struct {
		k string
		v any
	}
	fields := make([]kv, len(t.Columns))
	for i, c := range t.Columns {
		fields[i] = kv{c.Name, r.Values[i]}
	}
	sort.Slice(fields, func(i, j int) bool { return fields[i].k < fields[j].k })
	clockKeys := make([]string, 0, len(r.Clocks))
	for k := range r.Clocks {
		if k == "deleted" || t.Column(k) >= 0 {
			clockKeys = append(clockKeys, k)
		}
	}
	sort.Strings(clockKeys)

	l = append(l, "\n{\"id\":"...)
	l = data.AppendSyncValue(l, r.ID)
	if r.Deleted {
		l = append(l, `,"deleted":true`...)
	}
	l = append(l, `,"field_hlc":{`...)
	for i, k := range clockKeys {
		if i > 0 {
			l = append(l, ',')
		}
		l = data.AppendSyncValue(l, k)
		l = append(l, ':')
		l = data.AppendSyncValue(l, r.Clocks[k])
	}
	l = append(l, `},"fields":{`...)
	for i, f := range fields {
		if i > 0 {
			l = append(l, ',')
		}
		l = data.AppendSyncValue(l, f.k)
		l = append(l, ':')
		l = data.AppendSyncValue(l, f.v)
	}
	l = append(l, `},"hlc":`...)
	l = data.AppendSyncValue(l, r.HLC)
	return append(l, '}')
}
