package data

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"github.com/opsbench/opsbench/app"
)

func TestAttachments(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	png := append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{1, 2, 3}, 1000)...)
	a, err := s.AddAttachment(ctx, "破损包裹.png", png)
	if err != nil {
		t.Fatal(err)
	}
	if a.MIME != "image/png" || a.Size != int64(len(png)) || len(a.SHA256) != 64 {
		t.Fatalf("stored %+v", a)
	}
	got, err := s.Attachment(ctx, a.ID)
	if err != nil || !bytes.Equal(got.Content, png) || got.Name != "破损包裹.png" {
		t.Fatalf("Attachment = %q %v", got.Name, err)
	}
	again, err := s.AddAttachment(ctx, "copy.png", png)
	if err != nil || again.ID != a.ID {
		t.Fatalf("the same content was stored twice: %s vs %s (%v)", again.ID, a.ID, err)
	}
	if _, err := s.AddAttachment(ctx, "empty.txt", nil); !errors.Is(err, app.ErrInvalidInput) {
		t.Fatalf("empty file: %v", err)
	}
	if _, err := s.AddAttachment(ctx, "huge.bin", make([]byte, app.MaxAttachmentSize+1)); !errors.Is(err, app.ErrInvalidInput) {
		t.Fatalf("oversized file: %v", err)
	}
	if _, err := s.Attachment(ctx, app.NewID()); !errors.Is(err, app.ErrNotFound) {
		t.Fatalf("missing attachment: %v", err)
	}
}
