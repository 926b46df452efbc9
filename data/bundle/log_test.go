package bundle

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/data/applog"
)

// The support log tells what happened in a desk's sync rounds, backups and
// migrations, and never holds the passphrase or what the rows say.
func TestSupportLog(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	share := t.TempDir()
	path := filepath.Join(dir, "opsbench.db")
	lf, err := applog.Open(applog.PathFor(path), applog.Options{})
	if err != nil {
		t.Fatal(err)
	}
	lf.AddSecret(testPass)
	a, err := data.Open(ctx, path, data.Options{ReplicaName: "A", Log: applog.New(lf)})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b := newDesk(t, "B", false)
	if _, err := b.CreatePerson(ctx, app.Person{Name: "客户 王芳", Role: app.RoleOwner, Active: true}); err != nil {
		t.Fatal(err)
	}
	round(t, b, share)
	round(t, a, share)
	// A bundle under another passphrase: a failed file, logged with its code.
	o := folderOpts()
	o.Passphrase = "another office's passphrase"
	c := newDesk(t, "C", false)
	if _, err := SyncFolder(ctx, c, share, o); err != nil {
		t.Fatal(err)
	}
	round(t, a, share)
	if _, err := SyncFolder(ctx, a, filepath.Join(share, "missing"), folderOpts()); err == nil {
		t.Fatal("a missing folder synced")
	}
	lf.Close()
	raw, err := os.ReadFile(lf.Path())
	if err != nil {
		t.Fatal(err)
	}
	text := string(raw)
	for _, want := range []string{"migration applied", "backup", "bundle import", "sync round", "code=wrong_passphrase", "code=folder_missing"} {
		if !strings.Contains(text, want) {
			t.Errorf("the log lacks %q:\n%s", want, text)
		}
	}
	for _, secret := range []string{testPass, "王芳", "another office's passphrase"} {
		if strings.Contains(text, secret) {
			t.Errorf("the log holds %q:\n%s", secret, text)
		}
	}
}
