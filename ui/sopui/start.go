package sopui

import (
	"time"

	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/ui"
)

// Start does the SOP area's work for a database the window just opened:
// the built-in templates on a real database's first start (LoadBuiltins);
// today's checklist entries, and each new day's at the office's midnight
// while the window stays open; newDay (when not nil) runs on the UI thread
// once a new day's entries are made, for screens that show "today".
// Problems go to report (on the UI thread); nothing here stops the window
// from working.
func Start(env Env, report func(err error), newDay func()) {
	LoadBuiltins(env, report)
	env.Background(func(s *data.Store) func() {
		_, err := s.GenerateChecklist(env.Context(), officeCalendar(), today())
		if err != nil && report != nil {
			return func() { report(err) }
		}
		return nil
	})
	// A plain goroutine, not env.Go: it lives as long as the window, and
	// what waits for the window's background work must not wait for it.
	// It only sleeps; the work it starts goes through env.Background.
	go midnights(env, report, newDay)
}

// LoadBuiltins loads the built-in templates and checklist items, once, into
// a real database whose user has a profile, in the language the window
// shows: the shell calls it on start and again when the first-start
// questions are answered (where the language is chosen). A demo database
// gets them with its demo data.
func LoadBuiltins(env Env, report func(err error)) {
	lang := data.BuiltinEnglish
	if env.Translator().Lang() == ui.LangChinese {
		lang = data.BuiltinChinese
	}
	env.Background(func(s *data.Store) func() {
		if s.IsDemo() {
			return nil
		}
		if _, err := s.Me(env.Context()); err != nil {
			return nil // the first-start questions come first
		}
		f, err := data.BuiltinSOP(lang)
		if err == nil {
			_, err = s.SeedBuiltins(env.Context(), lang, f)
		}
		if err != nil && report != nil {
			return func() { report(err) }
		}
		return nil
	})
}

// midnights makes each new day's checklist entries just after the
// office's midnight, until the window closes, then calls newDay.
func midnights(env Env, report func(err error), newDay func()) {
	cal := officeCalendar()
	for {
		now := time.Now()
		next := cal.Today(now).AddDays(1).In(cal.Location()).Add(time.Second)
		select {
		case <-env.Context().Done():
			return
		case <-time.After(next.Sub(now)):
		}
		env.Background(func(s *data.Store) func() {
			_, err := s.GenerateChecklist(env.Context(), cal, cal.Today(time.Now()))
			return func() {
				if err != nil && report != nil {
					report(err)
				}
				if newDay != nil {
					newDay() // even after an error: the date and the rest changed
				}
			}
		})
	}
}
