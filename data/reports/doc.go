// Package reports reads and writes the spreadsheets an office exchanges:
// Amazon reports and templates in (CSV/TSV/XLSX -> app types) and result
// tables out (XLSX). No SQL inside.
package reports
