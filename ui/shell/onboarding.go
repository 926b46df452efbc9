package ui

import (
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/data/demo"
)

// onboarding is the first-start screen: who uses this desk, its name, and
// whether to load demo data.
type onboarding struct {
	u        *UI
	existing *widget.Select
	people   []app.Person
	name     *widget.Entry
	role     *widget.Select
	desk     *widget.Entry
	demo     *widget.Check
	msg      *widget.Label
	start    *widget.Button
}

// onboardingValues carries typed values across a language switch.
type onboardingValues struct {
	name, role, desk string
	demo             bool
}

func (u *UI) showOnboarding() { u.showOnboardingWith(onboardingValues{demo: true}) }

func (u *UI) showOnboardingWith(v onboardingValues) {
	o := &onboarding{u: u}
	roles := roleChoices(u.tr)
	langs := []choice{{"", u.tr.T("settings.language.system")}, {LangChinese, u.tr.T("settings.language.zh")}, {LangEnglish, u.tr.T("settings.language.en")}}
	langPref, _ := u.store.Setting(u.ctx, data.SettingLanguage)
	language := widget.NewSelect(labels(langs), nil)
	language.SetSelected(labelOf(langs, langPref))

	o.name = widget.NewEntry()
	o.name.SetPlaceHolder(u.tr.T("onboarding.name_placeholder"))
	o.name.SetText(v.name)
	o.role = widget.NewSelect(labels(roles), nil)
	o.role.SetSelected(labelOf(roles, v.role))
	o.desk = widget.NewEntry()
	o.desk.SetText(v.desk)
	if v.desk == "" {
		o.desk.SetText(u.store.Replica().Name)
	}
	o.demo = widget.NewCheck(u.tr.T("onboarding.demo"), nil)
	o.demo.SetChecked(v.demo)
	o.msg = statusLabel(u.tr)
	o.msg.Importance = widget.DangerImportance
	o.existing = widget.NewSelect(nil, nil)
	o.existing.PlaceHolder = u.tr.T("onboarding.existing_placeholder")
	// People synced from colleagues can pick themselves. One small read:
	// this screen shows once per desk.
	o.people, _ = u.store.People(u.ctx)
	for _, p := range o.people {
		o.existing.Options = append(o.existing.Options, p.Name)
	}

	language.OnChanged = func(label string) {
		if err := u.store.SetSetting(u.ctx, data.SettingLanguage, valueOf(langs, label)); err != nil {
			u.showError(u.tr.T("settings.save_failed"), err)
			return
		}
		if tr, err := NewTranslator(valueOf(langs, label)); err == nil {
			u.tr = tr
		}
		u.win.SetTitle(u.tr.T("app.title"))
		u.showOnboardingWith(onboardingValues{name: o.name.Text, role: valueOf(roles, o.role.Selected), desk: o.desk.Text, demo: o.demo.Checked})
	}
	o.start = widget.NewButtonWithIcon(u.tr.T("onboarding.start"), theme.NavigateNextIcon(), o.submit)
	o.start.Importance = widget.HighImportance

	form := widget.NewForm(widget.NewFormItem(u.tr.T("settings.language"), language))
	if len(o.people) > 0 {
		form.Append(u.tr.T("onboarding.existing"), o.existing)
	}
	form.Append(u.tr.T("field.person.name"), o.name)
	form.Append(u.tr.T("field.person.role"), o.role)
	form.Append(u.tr.T("field.replica.name"), o.desk)
	intro := wrapLabel(u.tr.T("onboarding.intro"))
	box := container.NewVBox(heading(u.tr.T("onboarding.title")), intro, form, o.demo, o.msg, container.NewHBox(o.start))
	u.win.SetContent(u.probe.wrap(container.NewCenter(fixedWidth(560, box))))
	u.win.Canvas().Focus(o.name)

	u.probe.arm()
}

// submit saves the answers, keeping everything typed when they are refused.
func (o *onboarding) submit() {
	u := o.u
	roles := roleChoices(u.tr)
	var me app.Person
	var err error
	if i := o.existing.SelectedIndex(); i >= 0 && i < len(o.people) {
		me = o.people[i]
	} else {
		me, err = u.store.CreatePerson(u.ctx, app.Person{Name: o.name.Text, Role: app.Role(valueOf(roles, o.role.Selected)), Active: true})
	}
	if err == nil {
		err = u.store.SetMe(u.ctx, me.ID)
	}
	if err == nil && o.desk.Text != u.store.Replica().Name {
		err = u.store.RenameReplica(u.ctx, o.desk.Text)
	}
	if err != nil {
		o.msg.SetText(u.errorText(err))
		return
	}
	if o.demo.Checked {
		o.start.Disable()
		u.runDemoLoad(demo.Small, func() { u.showShell(navToday) })
		return
	}
	u.showShell(navToday)
}
