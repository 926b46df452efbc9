// Package reports reads and writes the spreadsheets an office exchanges:
// Amazon reports and templates in (CSV/TSV/XLSX -> typed rows) and result
// tables out (XLSX, WriteXLSX). No SQL inside: the importer in package
// data turns the rows into records.
//
// # Kinds of file
//
// Open tells the kind from the header row (the first non-blank row, or
// one of the first ten when a title comes first), in English or Chinese:
//
//	all_orders       All Orders flat file          -> OrderLine     (File.Orders)
//	fba_inventory    FBA Manage Inventory          -> InventoryRow  (File.Inventory)
//	business_report  Business Report by child item -> BusinessRow   (File.BusinessRows)
//	fba_returns      FBA customer returns          -> ReturnRow     (File.Returns)
//	cases            after-sales case log template -> CaseRow       (File.Cases; see CaseLogColumns)
//	catalog          catalog template              -> CatalogRow    (File.Catalog; see CatalogColumns)
//
// Header names are compared after folding case, full-width brackets,
// spaces, dashes of any width and underscores, so "(Child) ASIN",
// "（子）ASIN" and "Sessions - Total" / "会话次数 – 总计" all match. A file
// of no known kind gets an *UnknownKindError listing the kinds known and
// the headers seen; one that lacks a needed column a *MissingColumnsError
// naming it.
//
// # Formats and encodings
//
// XLSX is recognised by its signature (the first sheet with a known
// header is read; cells raw, so dates arrive as Excel dates and
// percentages as fractions). Text is CSV (comma or semicolon; a
// semicolon file writes decimal commas) or TSV, by the first line. Text
// may be UTF-8 with or without a byte-order mark, UTF-16 with a BOM
// (Excel's "Unicode text"), or GB18030 (what Excel and WPS on a Chinese
// Windows save); line ends LF or CRLF. Numbers may carry thousands
// separators, currency signs and codes and percent signs: "$1,234.56",
// "US$3,092.18", "1.234,56 €", "12.5%", "(4.99)". Dates: ISO 8601 with or
// without offset, 03/05/2024 (month first unless Options.DayFirst),
// 2024/3/5, 2024年3月5日, 05.03.2024, "Mar 5, 2024 10:20:30 AM PST"; a
// time without a zone is in Options.Location.
//
// # Reading
//
//	f, err := reports.Open(ctx, file, reports.Options{Size: size, Progress: onProgress, Location: loc})
//	if err != nil { ... }                      // ErrEmpty, *UnknownKindError, *MissingColumnsError, ErrTruncated
//	defer f.Close()
//	sum, err := f.Orders(ctx, func(o reports.OrderLine) error { ...; return nil })
//	// sum.Rows, sum.Good, sum.Skipped, sum.Problems (row, column, value), sum.From/To, sum.Truncated
//
// Rows are streamed: a text file is never held whole (a 200,000-line
// file reads at about 130 MB/s in constant memory), progress is reported
// in bytes, and ctx cancels between rows. A row with a problem (a
// non-numeric quantity, an empty required value, a bad date) is not handed
// over; Summary lists it by row number, column and value. Whether to
// import the good rows or refuse the file is the caller's choice: the
// issue's rule is to refuse unless the user chose to skip bad rows, so an
// importer reads once for the preview and once more to write, or writes in
// one transaction it rolls back. Each file's rows are read once.
package reports
