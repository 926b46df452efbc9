package syncui

import (
	"fyne.io/fyne/v2/widget"

	"github.com/opsbench/opsbench/data"
	"github.com/opsbench/opsbench/data/bundle"
	"github.com/opsbench/opsbench/ui"
)

// onPassphrase sets up the passphrase (typed twice) or, when one is set
// up on this desk, asks for it (checked against the verifier).
func (s *Screen) onPassphrase() {
	env := s.env
	if s.last.hasVerifier && s.ss.passphrase() == "" {
		entry := widget.NewPasswordEntry()
		form := widget.NewForm(widget.NewFormItem(env.T("sync.pass.field"), entry))
		env.ShowFormDialog(env.T("sync.pass.enter"), env.T("sync.pass.unlock"), form, func() (ui.Write, error) {
			return s.unlockWrite(entry.Text), nil
		}, func() {
			s.Load()
			s.ss.autoSync()
		})
		return
	}
	first, again := widget.NewPasswordEntry(), widget.NewPasswordEntry()
	form := widget.NewForm(
		widget.NewFormItem(env.T("sync.pass.field"), first),
		widget.NewFormItem(env.T("sync.pass.again"), again),
	)
	form.Items = append(form.Items, widget.NewFormItem("", ui.WrapLabel(env.T("sync.pass.setup_hint", "Min", bundle.MinPassphraseLen))))
	env.ShowFormDialog(env.T("sync.pass.set"), env.T("action.save"), form, func() (ui.Write, error) {
		return s.newPassphraseWrite(first.Text, again.Text)
	}, s.Load)
}

// newPassphraseWrite checks a new passphrase typed twice and returns the
// write that stores its verifier and keeps it for the session (and in
// the keyring when there is one). The verifier takes a moment to
// compute, so it is made off the UI thread.
func (s *Screen) newPassphraseWrite(pass, again string) (ui.Write, error) {
	env := s.env
	if err := bundle.CheckNewPassphrase(pass, again); err != nil {
		if pass != again {
			return nil, ui.Problem(env.T("sync.pass.differ"))
		}
		return nil, ui.Problem(env.T("sync.pass.short", "Min", bundle.MinPassphraseLen))
	}
	return func(st *data.Store) error {
		v, err := bundle.NewVerifier(pass)
		if err != nil {
			return err
		}
		if err := st.SetSetting(env.Context(), data.SettingSyncVerifier, v); err != nil {
			return err
		}
		s.ss.remember(st.Replica().ID, pass)
		return nil
	}, nil
}

// unlockWrite checks a typed passphrase against the verifier (off the UI
// thread: the check is deliberately slow) and keeps it when it matches.
func (s *Screen) unlockWrite(pass string) ui.Write {
	env := s.env
	return func(st *data.Store) error {
		verifier, err := st.Setting(env.Context(), data.SettingSyncVerifier)
		if err != nil {
			return err
		}
		if !bundle.CheckVerifier(verifier, pass) {
			return ui.Problem(env.T("sync.pass.wrong"))
		}
		s.ss.remember(st.Replica().ID, pass)
		return nil
	}
}
