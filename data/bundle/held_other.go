//go:build !windows

package bundle

import (
	"errors"
	"syscall"
)

// heldByAnother reports whether a rename failed because another program
// holds the target. Unix renames over open files; only a busy mount point
// or a file being executed refuse.
func heldByAnother(err error) bool {
	return errors.Is(err, syscall.EBUSY) || errors.Is(err, syscall.ETXTBSY)
}
