package data

import (
	"errors"
	"fmt"
	"testing"

	"github.com/mattn/go-sqlite3"

	"github.com/opsbench/opsbench/app"
)

func TestMapErr(t *testing.T) {
	tests := []struct {
		code sqlite3.ErrNo
		want error
	}{
		{sqlite3.ErrFull, app.ErrDiskFull},
		{sqlite3.ErrCorrupt, app.ErrCorrupt},
		{sqlite3.ErrNotADB, app.ErrNotDatabase},
		{sqlite3.ErrReadonly, app.ErrReadOnly},
		{sqlite3.ErrCantOpen, app.ErrReadOnly},
		{sqlite3.ErrPerm, app.ErrReadOnly},
	}
	for _, tt := range tests {
		err := mapErr(fmt.Errorf("insert: %w", sqlite3.Error{Code: tt.code}))
		if !errors.Is(err, tt.want) {
			t.Errorf("code %d mapped to %v, want %v", tt.code, err, tt.want)
		}
	}
	other := errors.New("boom")
	if mapErr(other) != other || mapErr(nil) != nil {
		t.Error("unrelated errors must pass through unchanged")
	}
}
