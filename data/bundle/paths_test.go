package bundle

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
)

// Office PCs keep data under names like C:\Users\张三\Documents\运营 数据:
// Chinese characters, spaces and characters SQLite URIs treat specially
// must work for the database, its backups and restore, bundles and a
// shared-folder round.
func TestChineseAndSpacePaths(t *testing.T) {
	ctx := context.Background()
	root := t.TempDir()
	for _, name := range []string{"运营 数据", "张三的 文件夹 #1 ?&%20", "共享盘 (1)"} {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join(root, name)
			share := filepath.Join(root, name+" 共享")
			for _, d := range []string{dir, share} {
				if err := os.MkdirAll(d, 0o755); err != nil {
					t.Fatal(err)
				}
			}
			path := filepath.Join(dir, "运营 台.db")
			s, err := data.Open(ctx, path, data.Options{ReplicaName: "办公室 1"})
			if err != nil {
				t.Fatalf("open: %v", err)
			}
			if _, err := s.CreatePerson(ctx, app.Person{Name: "王芳", Role: app.RoleOwner, Active: true}); err != nil {
				t.Fatal(err)
			}
			if _, err := os.Stat(path); err != nil {
				t.Fatalf("the database is not where it was asked to be: %v", err)
			}
			b, err := s.AutoBackup(ctx, "test")
			if err != nil {
				t.Fatalf("backup: %v", err)
			}
			backup := filepath.Join(dir, "备份 副本.db")
			if err := s.BackupTo(ctx, backup); err != nil {
				t.Fatalf("backup to: %v", err)
			}
			bundle := filepath.Join(dir, "导出 文件.opsync")
			export(t, s, bundle, true)

			other := newDesk(t, "B", false)
			if rep := importFiles(t, other, bundle); len(rep.Files) != 1 || rep.Files[0].Err != nil {
				t.Fatalf("import: %+v", rep)
			}
			if _, err := SyncFolder(ctx, s, share, folderOpts()); err != nil {
				t.Fatalf("folder round: %v", err)
			}
			rep, err := SyncFolder(ctx, other, share, folderOpts())
			if err != nil {
				t.Fatalf("folder round on the other desk: %v", err)
			}
			if len(rep.Failed()) > 0 {
				t.Fatalf("folder round failed files: %+v", rep.Failed())
			}
			if _, err := SyncFolder(ctx, s, share, folderOpts()); err != nil {
				t.Fatalf("second folder round: %v", err)
			}
			if dump(t, s, true) != dump(t, other, true) {
				t.Fatal("desks differ after the round")
			}
			s.Close()
			if _, err := data.Restore(ctx, path, b.Path, data.BackupPolicy{}); err != nil {
				t.Fatalf("restore: %v", err)
			}
			s, err = data.Open(ctx, path, data.Options{})
			if err != nil {
				t.Fatalf("reopen after restore: %v", err)
			}
			defer s.Close()
			people, err := s.People(ctx)
			if err != nil || len(people) != 1 || people[0].Name != "王芳" {
				t.Fatalf("after restore: %v %v", people, err)
			}
		})
	}
}
