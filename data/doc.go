// Package data is OpsBench's SQLite storage: opening and migrating the
// database file, one file per entity, the audit log, change capture for
// sync, backups and integrity checks. Driver errors are mapped onto the
// sentinel errors of package app at this boundary.
package data
