-- 0004 attachments: files kept with records (a photo of a damaged parcel on
-- a service case, an invoice on a purchase order). Content-addressed and
-- append-only: a file is never changed, so it merges as a union and
-- travels in sync bundles like any other synced row. Records refer to an
-- attachment by id.

CREATE TABLE attachment (
    id        TEXT PRIMARY KEY NOT NULL,
    hlc       TEXT NOT NULL,
    replica   TEXT NOT NULL,
    deleted   INTEGER NOT NULL DEFAULT 0,
    field_hlc TEXT NOT NULL DEFAULT '{}',
    sha256    TEXT NOT NULL,             -- hex of the content
    name      TEXT NOT NULL,             -- file name as the user chose it
    mime      TEXT NOT NULL,
    size      INTEGER NOT NULL,
    content   BLOB NOT NULL
) STRICT;
CREATE INDEX attachment_sha256 ON attachment (sha256);

INSERT INTO sync_table (name, kind) VALUES ('attachment', 'append');
