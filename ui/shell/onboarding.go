package shell

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/ui"
	"github.com/opsbench/opsbench/ui/sopui"
	"github.com/opsbench/opsbench/ui/widgets"
)

// onboardingWidth is the width of the first-start questions.
const onboardingWidth = 560

// onboarding is the first-start screen: who uses this desk and its name,
// or a look around the demo database first (demo data never goes into
// the real database).
type onboarding struct {
	u        *UI
	existing *widget.Select
	people   []app.Person
	name     *widget.Entry
	role     *widget.Select
	desk     *widget.Entry
	msg      *widgets.Paragraph
	start    *widget.Button
}

// onboardingValues carries typed values across a language switch, and
// what the screen read from the database.
type onboardingValues struct {
	name, role, desk string
	lang             string
	people           []app.Person
}

// showOnboarding reads what the first-start screen offers (the people
// synced from colleagues, the language) off the UI thread, then shows it.
func (u *UI) showOnboarding() {
	u.Background(func(s *data.Store) func() {
		people, _ := s.People(u.Context())
		lang, _ := s.Setting(u.Context(), data.SettingLanguage)
		desk := s.Replica().Name
		return func() {
			u.showOnboardingWith(onboardingValues{desk: desk, lang: lang, people: people})
		}
	})
}

func (u *UI) showOnboardingWith(v onboardingValues) {
	o := &onboarding{u: u, people: v.people}
	tr := u.Translator()
	roles, langs := ui.RoleChoices(tr), ui.LanguageChoices(tr)
	language := widget.NewSelect(langs.Labels(), nil)
	language.SetSelected(langs.Label(v.lang))

	o.name = widget.NewEntry()
	o.name.SetPlaceHolder(u.T("onboarding.name_placeholder"))
	o.name.SetText(v.name)
	o.role = widget.NewSelect(roles.Labels(), nil)
	o.role.SetSelected(roles.Label(v.role))
	o.desk = widget.NewEntry()
	o.desk.SetText(v.desk)
	o.msg = ui.ErrorLabel("")
	o.existing = widget.NewSelect(nil, nil)
	o.existing.PlaceHolder = u.T("onboarding.existing_placeholder")
	for _, p := range o.people {
		o.existing.Options = append(o.existing.Options, p.Name)
	}

	language.OnChanged = func(label string) {
		lang := langs.Value(label)
		typed := onboardingValues{name: o.name.Text, role: roles.Value(o.role.Selected), desk: o.desk.Text, lang: lang, people: o.people}
		u.Background(func(s *data.Store) func() {
			err := s.SetSetting(u.Context(), data.SettingLanguage, lang)
			return func() {
				if err != nil {
					u.ShowError(u.T("settings.save_failed"), err)
					return
				}
				u.UseLanguage(lang)
				u.showOnboardingWith(typed)
			}
		})
	}
	o.start = widget.NewButtonWithIcon(u.T("onboarding.start"), theme.NavigateNextIcon(), o.submit)
	o.start.Importance = widget.HighImportance

	form := widget.NewForm(widget.NewFormItem(u.T("settings.language"), language))
	if len(o.people) > 0 {
		form.Append(u.T("onboarding.existing"), o.existing)
	}
	form.Append(u.T("field.person.name"), o.name)
	form.Append(u.T("field.person.role"), o.role)
	form.Append(u.T("field.replica.name"), o.desk)
	intro := ui.WrapLabel(u.T("onboarding.intro"))
	box := container.NewVBox(ui.Heading(u.T("onboarding.title")), intro, form, o.msg, container.NewHBox(o.start))
	var top fyne.CanvasObject
	if s := u.Store(); s != nil && s.IsDemo() {
		top = u.demoBanner()
	} else {
		try := widget.NewButtonWithIcon(u.T("onboarding.try_demo"), theme.DesktopIcon(), u.OpenDemo)
		box.Add(widget.NewSeparator())
		box.Add(ui.WrapLabel(u.T("onboarding.demo_hint")))
		box.Add(container.NewHBox(try))
	}
	u.setTitle()
	u.setContent(container.NewBorder(top, nil, nil, nil, container.NewCenter(ui.FixedWidth(onboardingWidth, box))))
	u.Window().Canvas().Focus(o.name)

	u.probe.arm()
}

// submit saves the answers off the UI thread, keeping everything typed
// when they are refused.
func (o *onboarding) submit() {
	u := o.u
	roles := ui.RoleChoices(u.Translator())
	var existing *app.Person
	if i := o.existing.SelectedIndex(); i >= 0 && i < len(o.people) {
		existing = &o.people[i]
	}
	me := app.Person{Name: o.name.Text, Role: app.Role(roles.Value(o.role.Selected)), Active: true}
	desk := o.desk.Text
	o.start.Disable()
	u.Background(func(s *data.Store) func() {
		err := saveMe(u.Context(), s, existing, me, desk)
		return func() {
			if err != nil {
				o.start.Enable()
				o.msg.SetText(u.ErrorText(err))
				return
			}
			sopui.LoadBuiltins(u, func(err error) { u.ShowError(u.T("sop.start_failed"), err) })
			u.showShell(ui.ScreenToday)
		}
	})
}

// saveMe records who uses this desk (an existing person, or a new one)
// and the desk's name.
func saveMe(ctx context.Context, s *data.Store, existing *app.Person, me app.Person, desk string) error {
	if existing != nil {
		me = *existing
	} else {
		var err error
		if me, err = s.CreatePerson(ctx, me); err != nil {
			return err
		}
	}
	if err := s.SetMe(ctx, me.ID); err != nil {
		return err
	}
	if desk != s.Replica().Name {
		return s.RenameReplica(ctx, desk)
	}
	return nil
}
