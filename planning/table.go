package planning

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
)

// Table is a plain rectangular table of results for the UI, the CLI and
// CSV files. Tables are built and sorted with gota internally; gota never
// shows in this package's API.
type Table struct {
	Columns []Column
	// Rows hold one Cell per column.
	Rows [][]Cell
}

// Column describes a table column.
type Column struct {
	Name string
	// Numeric columns carry their value in Cell.Number.
	Numeric bool
	// Unit is what a numeric column measures, so an export can format it
	// (money with its currency, percent, days); UnitByRow when each row
	// says in its "unit" and "currency" columns (see Table.CellUnit).
	Unit Unit
	// Currency is the currency of a UnitMoney column.
	Currency string
}

// Unit is what a number measures.
type Unit string

// Units of numeric columns and figures.
const (
	UnitText    Unit = ""        // not a number
	UnitCount   Unit = "count"   // whole things: units, orders, weeks, lines
	UnitDecimal Unit = "decimal" // a plain number with decimals (daily units)
	UnitMoney   Unit = "money"   // major units of a currency
	UnitPct     Unit = "pct"     // percentage points: 21 means 21%
	UnitDays    Unit = "days"    // a duration in days
	UnitDay     Unit = "day"     // a day of the simulation (0-based)
	UnitKg      Unit = "kg"
	UnitM3      Unit = "m3"
	UnitRate    Unit = "rate" // an exchange rate
	// UnitByRow: the row's "unit" and "currency" columns say.
	UnitByRow Unit = "by_row"
)

// CellUnit is the unit and currency of cell (row, col), resolving
// UnitByRow columns through the row's "unit" and "currency" columns.
func (t Table) CellUnit(row, col int) (Unit, string) {
	c := t.Columns[col]
	if c.Unit != UnitByRow {
		return c.Unit, c.Currency
	}
	var u Unit
	var cur string
	for i, other := range t.Columns {
		if row >= len(t.Rows) || i >= len(t.Rows[row]) {
			break
		}
		switch other.Name {
		case "unit":
			u = Unit(t.Rows[row][i].Text)
		case "currency":
			cur = t.Rows[row][i].Text
		}
	}
	return u, cur
}

// Cell is one table cell: Text is always set (already formatted, money in
// major units), Number only in numeric columns.
type Cell struct {
	Text   string
	Number float64
}

// Stats summarises a numeric column.
type Stats struct {
	Count                  int
	Min, Max, Mean, Median float64
	// StdDev is the sample standard deviation; 0 for fewer than 2 values.
	StdDev float64
}

// colSpec is a column under construction: numbers or texts, and how many
// decimals to show numbers with.
type colSpec struct {
	name     string
	nums     []float64
	texts    []string
	decimals int
	unit     Unit
	currency string
}

func (c colSpec) numeric() bool { return c.texts == nil }

func (c colSpec) len() int {
	if c.numeric() {
		return len(c.nums)
	}
	return len(c.texts)
}

// newTable builds a Table through a gota DataFrame (one series per column)
// and reads the cells back from it. Empty inputs give a table with columns
// and no rows, without touching gota.
func newTable(cols []colSpec) Table {
	t := Table{Columns: make([]Column, len(cols))}
	n := 0
	for i, c := range cols {
		t.Columns[i] = Column{Name: c.name, Numeric: c.numeric(), Unit: c.unit, Currency: c.currency}
		if c.numeric() && c.unit == UnitText {
			t.Columns[i].Unit = UnitCount
			if c.decimals > 0 {
				t.Columns[i].Unit = UnitDecimal
			}
		}
		if i == 0 || c.len() < n {
			n = c.len()
		}
	}
	if n == 0 || len(cols) == 0 {
		return t
	}
	ss := make([]series.Series, len(cols))
	for i, c := range cols {
		name := "c" + strconv.Itoa(i)
		if c.numeric() {
			ss[i] = series.New(c.nums[:n], series.Float, name)
		} else {
			ss[i] = series.New(c.texts[:n], series.String, name)
		}
	}
	df := dataframe.New(ss...)
	if df.Err != nil {
		return t
	}
	t.Rows = make([][]Cell, n)
	for r := range t.Rows {
		t.Rows[r] = make([]Cell, len(cols))
	}
	for i, c := range cols {
		col := df.Col("c" + strconv.Itoa(i))
		if c.numeric() {
			for r, v := range col.Float() {
				t.Rows[r][i] = Cell{Text: strconv.FormatFloat(v, 'f', c.decimals, 64), Number: v}
			}
		} else {
			for r, v := range col.Records() {
				t.Rows[r][i] = Cell{Text: v}
			}
		}
	}
	return t
}

// column returns the index of the named column.
func (t Table) column(name string) (int, error) {
	for i, c := range t.Columns {
		if c.Name == name {
			return i, nil
		}
	}
	return 0, fmt.Errorf("table has no column %q", name)
}

// frame converts t to a gota DataFrame with columns c0..cN and a final
// "row" column holding each row's index; ok is false for empty tables.
func (t Table) frame() (dataframe.DataFrame, bool) {
	if len(t.Columns) == 0 || len(t.Rows) == 0 {
		return dataframe.DataFrame{}, false
	}
	ss := make([]series.Series, 0, len(t.Columns)+1)
	for i, c := range t.Columns {
		name := "c" + strconv.Itoa(i)
		if c.Numeric {
			v := make([]float64, len(t.Rows))
			for r, row := range t.Rows {
				if i < len(row) {
					v[r] = row[i].Number
				}
			}
			ss = append(ss, series.New(v, series.Float, name))
		} else {
			v := make([]string, len(t.Rows))
			for r, row := range t.Rows {
				if i < len(row) {
					v[r] = row[i].Text
				}
			}
			ss = append(ss, series.New(v, series.String, name))
		}
	}
	idx := make([]int, len(t.Rows))
	for r := range idx {
		idx[r] = r
	}
	ss = append(ss, series.New(idx, series.Int, "row"))
	df := dataframe.New(ss...)
	return df, df.Err == nil
}

// SortBy returns a copy of t with rows ordered by the named column
// (numbers numerically, text lexically), stable for equal values.
func (t Table) SortBy(column string, descending bool) (Table, error) {
	i, err := t.column(column)
	if err != nil {
		return Table{}, err
	}
	out := Table{Columns: append([]Column(nil), t.Columns...), Rows: append([][]Cell(nil), t.Rows...)}
	df, ok := t.frame()
	if !ok {
		return out, nil
	}
	order := dataframe.Sort("c" + strconv.Itoa(i))
	if descending {
		order = dataframe.RevSort("c" + strconv.Itoa(i))
	}
	sorted := df.Arrange(order)
	if sorted.Err != nil {
		return Table{}, fmt.Errorf("sort by %s: %w", column, sorted.Err)
	}
	perm, err := sorted.Col("row").Int()
	if err != nil || len(perm) != len(t.Rows) {
		return Table{}, fmt.Errorf("sort by %s: lost rows", column)
	}
	for r, p := range perm {
		out.Rows[r] = t.Rows[p]
	}
	return out, nil
}

// Stats summarises the named numeric column with gota's series maths.
func (t Table) Stats(column string) (Stats, error) {
	i, err := t.column(column)
	if err != nil {
		return Stats{}, err
	}
	if !t.Columns[i].Numeric {
		return Stats{}, fmt.Errorf("column %q is not numeric", column)
	}
	v := make([]float64, 0, len(t.Rows))
	for _, row := range t.Rows {
		if i < len(row) {
			v = append(v, row[i].Number)
		}
	}
	return statsOf(v), nil
}

// statsOf summarises values; empty input gives zero Stats.
func statsOf(v []float64) Stats {
	if len(v) == 0 {
		return Stats{}
	}
	s := series.New(v, series.Float, "v")
	st := Stats{Count: len(v), Min: s.Min(), Max: s.Max(), Mean: s.Mean(), Median: s.Median()}
	if len(v) > 1 {
		st.StdDev = s.StdDev()
	}
	for _, f := range []*float64{&st.Min, &st.Max, &st.Mean, &st.Median, &st.StdDev} {
		if math.IsNaN(*f) || math.IsInf(*f, 0) {
			*f = 0
		}
	}
	return st
}

// WriteCSV writes t as CSV: a header row of column names, then the cells'
// Text. An empty table writes just the header (nothing at all without
// columns).
func (t Table) WriteCSV(w io.Writer) error {
	if len(t.Columns) == 0 {
		return nil
	}
	cw := csv.NewWriter(w)
	head := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		head[i] = c.Name
	}
	if err := cw.Write(head); err != nil {
		return fmt.Errorf("write csv header: %w", err)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write csv header: %w", err)
	}
	if len(t.Rows) == 0 {
		return nil
	}
	ss := make([]series.Series, len(t.Columns))
	for i := range t.Columns {
		v := make([]string, len(t.Rows))
		for r, row := range t.Rows {
			if i < len(row) {
				v[r] = row[i].Text
			}
		}
		ss[i] = series.New(v, series.String, "c"+strconv.Itoa(i))
	}
	df := dataframe.New(ss...)
	if err := df.WriteCSV(w, dataframe.WriteHeader(false)); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	return nil
}
