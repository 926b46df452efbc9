// Package bundle keeps the desks of an office in step by exchanging bundle
// files through any shared folder, USB stick or mail, with no server.
//
// # Bundles
//
// A bundle (*.opsync) is an age file (filippo.io/age) encrypted with an
// scrypt recipient for the office passphrase; age authenticates every
// 64 KiB chunk and the end of the stream, so a changed or cut-short file
// fails to open. Decrypted, it is:
//
//	OPSYNC 1\n                 magic and bundle format version
//	{manifest JSON}\n          see Manifest: app, format, data format (schema),
//	                           writer's OpsBench version, bundle id, replica id
//	                           and name, created, full or (since, upto], HLC
//	                           range, row counts and SHA-256 per table, body
//	                           length and SHA-256, compression
//	<body>                     gzip of the table sections
//
// Each table section is a line {"table":"name"} and one line per row,
// [id, hlc, deleted, [clocks], values…]: clocks align with "deleted" and
// the manifest's columns (0 none, 1 the row's hlc, else the HLC string);
// values keep their SQLite type (see data.AppendSyncValue). Append tables
// come first, so the audit entries that describe an edit are merged
// before the edit. Columns are read from the schema at run time: a new
// table listed in sync_table travels with no new code; local tables and
// columns named local_* never do.
//
// Attachments travel as the rows of the append-only attachment table
// (content-addressed, the bytes in a BLOB column): a file is sent with the
// first bundle after it was added and merged once, by id, like any append
// row. Records refer to attachments by id.
//
// # Merging
//
// Importing a bundle is one write transaction per file. Append rows are a
// union by id. Record rows merge field by field: for each column the value
// with the newer clock in field_hlc wins (equal clocks hold equal values;
// should they not, the larger encoded value wins on every desk). The
// "deleted" field is a tombstone with its own clock: a row is deleted if
// and only if the newest "deleted" value is 1 and its clock is newer than
// every other field's, so an edit made after a delete (on a desk that had
// not seen it) brings the row back, on every desk, in any order. Every
// clock merged is observed into the local HLC clock before commit, so a
// later local edit wins over everything seen. Merged rows get a new change
// sequence and so travel on in this desk's next export; a row that does
// not change is not written.
//
// # Conflicts
//
// When a merge overwrites a value this desk held, or refuses an incoming
// value, and the two values differ, the losing value is kept in the local
// table sync_conflict, unless the audit log shows that the winner's
// author replaced exactly that value (an audited edit of the field after
// the loser's clock and no later than the winner's, whose old value is the
// loser): an ordinary edit of a value already seen is not a conflict.
// A deletion that hides edits its author had not seen, and an edit that
// brings back a deleted row, are conflicts on the field "deleted". The
// table is local, but each desk records every value it held that lost, so
// each sees what it lost. Restoring a value writes it again as a new local
// edit, which then wins everywhere.
//
// # Shared folder
//
// Each desk writes only <replica id>.opsync (a full bundle, through a
// temporary name and a rename) and reads every other desk's file when its
// size, time or hash changed; cloud "conflicted copies", temporary files,
// files still being written and unreadable files are skipped with a note.
package bundle
