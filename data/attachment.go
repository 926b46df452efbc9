package data

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/opsbench/opsbench/app"
)

const tableAttachment = "attachment"

// AddAttachment stores a file and returns it with its id. The same content
// added again returns the stored attachment instead of a second copy.
func (s *Store) AddAttachment(ctx context.Context, name string, content []byte) (app.Attachment, error) {
	a, err := newAttachment(name, content)
	if err != nil {
		return app.Attachment{}, err
	}
	err = s.withTx(ctx, func(tx *sql.Tx) error {
		var err error
		a, err = s.addAttachment(ctx, tx, a)
		return err
	})
	if err != nil {
		return app.Attachment{}, err
	}
	return a, nil
}

// newAttachment checks a file and fills in its hash and type.
func newAttachment(name string, content []byte) (app.Attachment, error) {
	a := app.Attachment{Name: strings.TrimSpace(name), Content: content, Size: int64(len(content))}
	if err := a.Validate(); err != nil {
		return app.Attachment{}, err
	}
	sum := sha256.Sum256(content)
	a.SHA256 = hex.EncodeToString(sum[:])
	a.MIME = http.DetectContentType(content)
	return a, nil
}

// addAttachment stores a checked attachment (SHA256 and MIME set) inside
// tx, or finds the same content stored already, and returns it with its id.
func (s *Store) addAttachment(ctx context.Context, tx *sql.Tx, a app.Attachment) (app.Attachment, error) {
	var id string
	err := tx.QueryRowContext(ctx, `SELECT id FROM attachment WHERE sha256 = ? AND deleted = 0 ORDER BY id LIMIT 1`, a.SHA256).Scan(&id)
	if err == nil {
		a.ID = id
		return a, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return a, err
	}
	a.ID = s.newID()
	return a, s.appendRow(ctx, tx, tableAttachment, a.ID, record{
		"sha256": a.SHA256, "name": a.Name, "mime": a.MIME, "size": a.Size, "content": a.Content,
	})
}

// Attachment returns a stored file with its content.
func (s *Store) Attachment(ctx context.Context, id string) (app.Attachment, error) {
	var a app.Attachment
	err := s.read.QueryRowContext(ctx, `SELECT id, sha256, name, mime, size, content FROM attachment WHERE id = ? AND deleted = 0`, id).
		Scan(&a.ID, &a.SHA256, &a.Name, &a.MIME, &a.Size, &a.Content)
	if errors.Is(err, sql.ErrNoRows) {
		return app.Attachment{}, fmt.Errorf("attachment %s: %w", id, app.ErrNotFound)
	}
	return a, mapErr(err)
}
