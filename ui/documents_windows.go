package ui

import "golang.org/x/sys/windows"

// documentsDir asks Windows for the Documents known folder: it may have
// been moved (to D:, or into OneDrive), so it is not always
// %USERPROFILE%\Documents.
func documentsDir() string {
	dir, err := windows.KnownFolderPath(windows.FOLDERID_Documents, 0)
	if err != nil {
		return ""
	}
	return dir
}
