package data

// Small additions for the GUI's forms and sync screens.

// DocumentValue reads the value of a document key as a RecordSnapshot or
// DocumentKeys holds it (a TOML literal: "100000", "7.2", "'sea'") into
// what it is: an int64, a float64, a string or a bool; nil for "" (the
// key is not there). Sync conflicts hold document values read this way,
// so a form and the Sync screen show both alike.
func DocumentValue(lit string) any { return docValue(lit) }
