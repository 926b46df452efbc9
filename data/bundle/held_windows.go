//go:build windows

package bundle

import (
	"errors"
	"syscall"

	"golang.org/x/sys/windows"
)

// heldByAnother reports whether a rename failed because another program
// has the target open (OneDrive, Dropbox, an antivirus scanner).
func heldByAnother(err error) bool {
	return errors.Is(err, windows.ERROR_ACCESS_DENIED) || errors.Is(err, windows.ERROR_SHARING_VIOLATION) ||
		errors.Is(err, windows.ERROR_LOCK_VIOLATION) || errors.Is(err, syscall.EBUSY)
}
