//go:build !sqlite_fts5

package data

// The case search (migration 0008) needs SQLite's FTS5, which
// mattn/go-sqlite3 compiles in only under the build tag sqlite_fts5.
// Built without it, no database would open ("no such module: fts5"), so
// such a build is stopped here instead. Build with the Makefile's tags:
//
//	go build -tags migrated_fynedo,sqlite_fts5 ./cmd/opsbench
//	go test -tags migrated_fynedo,sqlite_fts5 ./...
var _ = buildWithTags_migrated_fynedo_sqlite_fts5_see_Makefile
