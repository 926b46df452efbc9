package ui

import (
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
)

// File dialogs start in the user's Documents folder, whatever folder a
// dialog showed last: office staff look for their files there, and a
// dialog that opened in the shared sync folder or beside the database
// invites saving an export into a synced folder or picking the data
// folder as the shared one. Every area opens its file dialogs with these.

// NewFileOpen is dialog.NewFileOpen starting in the Documents folder.
func (e *Env) NewFileOpen(callback func(fyne.URIReadCloser, error)) *dialog.FileDialog {
	return inDocuments(dialog.NewFileOpen(callback, e.win))
}

// NewFileSave is dialog.NewFileSave starting in the Documents folder.
func (e *Env) NewFileSave(callback func(fyne.URIWriteCloser, error)) *dialog.FileDialog {
	return inDocuments(dialog.NewFileSave(callback, e.win))
}

// NewFolderOpen is dialog.NewFolderOpen starting in the Documents folder.
func (e *Env) NewFolderOpen(callback func(fyne.ListableURI, error)) *dialog.FileDialog {
	return inDocuments(dialog.NewFolderOpen(callback, e.win))
}

func inDocuments(d *dialog.FileDialog) *dialog.FileDialog {
	if dir := DocumentsDir(); dir != "" {
		if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
			d.SetLocation(l)
		}
	}
	return d
}

// DocumentsDir is the user's Documents folder (where Windows, macOS or
// the Linux desktop says it is, e.g. ~/文档 on a Chinese Linux desktop),
// the home folder when there is none, "" when not even that is known.
func DocumentsDir() string {
	if dir := documentsDir(); isDir(dir) {
		return dir
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	if dir := filepath.Join(home, "Documents"); isDir(dir) {
		return dir
	}
	if isDir(home) {
		return home
	}
	return ""
}

func isDir(p string) bool {
	if p == "" {
		return false
	}
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}
