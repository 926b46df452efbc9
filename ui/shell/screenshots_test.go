package ui

import (
	"context"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/data/demo"
)

// TestScreenshots renders every main screen with demo data in both
// languages into $OPSBENCH_SCREENSHOTS (make screenshots writes
// docs/screenshots). Without the variable it is skipped.
func TestScreenshots(t *testing.T) {
	dir := os.Getenv("OPSBENCH_SCREENSHOTS")
	if dir == "" {
		t.Skip("set OPSBENCH_SCREENSHOTS to a folder to render the screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{LangChinese, LangEnglish} {
		t.Run(lang, func(t *testing.T) {
			u, _ := newTestUI(t, lang, func(s *data.Store) {
				ctx := context.Background()
				if err := s.SetSetting(ctx, data.SettingTheme, ThemeLight); err != nil {
					t.Fatal(err)
				}
				if _, err := demo.Load(ctx, s, demo.Small, demo.DefaultSeed, nil); err != nil {
					t.Fatal(err)
				}
				people, _ := s.People(ctx)
				if err := s.SetMe(ctx, people[0].ID); err != nil {
					t.Fatal(err)
				}
			})
			u.win.Resize(fyne.NewSize(1180, 760))
			for _, it := range navItems() {
				test.Tap(u.shell.buttons[it.id])
				settle(u)
				save(t, u, filepath.Join(dir, lang+"-"+it.id+".png"))
			}
			test.Tap(u.shell.buttons[navPlanning])
			settle(u)
			p := u.shell.screens[navPlanning].(*planningScreen)
			for tab, name := range map[int]string{planTabCompare: "compare", planTabSensitivity: "sensitivity", planTabBands: "bands", planTabModes: "modes"} {
				p.tabs.SelectIndex(tab)
				settle(u)
				save(t, u, filepath.Join(dir, lang+"-planning-"+name+".png"))
			}
			u.showSettingsTab(settingsTeam)
			settle(u)
			save(t, u, filepath.Join(dir, lang+"-settings-team.png"))
		})
	}
}

func save(t *testing.T, u *UI, path string) {
	t.Helper()
	// The real canvas lays out again whenever a minimum size changes; the
	// test canvas needs a nudge.
	u.win.Content().Refresh()
	img := u.win.Canvas().Capture()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}
