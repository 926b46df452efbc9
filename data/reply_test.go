package data

import (
	"context"
	"errors"
	"maps"
	"testing"

	"github.com/opsbench/opsbench/app"
)

func TestReplyTemplates(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	all, err := s.ReplyTemplates(ctx, "zh-Hans", false)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != len(app.BuiltinReplies()) || all[0].DisplayName("zh-Hans") != "延迟致歉（附运单号）" || all[0].ID != BuiltinReplyID(app.ReplyDelayApology) {
		t.Fatalf("built-ins: %+v", all)
	}

	t.Run("EditBuiltinKeepsOtherLanguages", func(t *testing.T) {
		base := all[1]
		// Two forms opened on the same template: one edits the English
		// text, the other (opened before the first saved) the German.
		en, de := base, base
		en.Texts, de.Texts = maps.Clone(base.Texts), maps.Clone(base.Texts)
		en.Texts["en"] = "Dear {customer}, a new {product} is on its way."
		de.Texts["de"] = "Hallo {customer}, ein neuer {product} ist unterwegs."
		if _, err := s.SaveReplyTemplate(ctx, base, en); err != nil {
			t.Fatal(err)
		}
		got, err := s.SaveReplyTemplate(ctx, base, de)
		if err != nil {
			t.Fatal(err)
		}
		if got.Texts["en"] != en.Texts["en"] || got.Texts["de"] != de.Texts["de"] || got.Texts["ja"] != base.Texts["ja"] {
			t.Fatalf("texts after two forms: en %q de %q", got.Texts["en"], got.Texts["de"])
		}
		if got.Builtin != base.Builtin || got.NameZh == "" {
			t.Fatalf("an edited text renamed the built-in: %+v", got)
		}
		// Renaming and removing a language.
		renamed := got
		renamed.Name, renamed.Texts = "Damage: we send a new one", maps.Clone(got.Texts)
		delete(renamed.Texts, "it")
		got, err = s.SaveReplyTemplate(ctx, got, renamed)
		if err != nil {
			t.Fatal(err)
		}
		if got.DisplayName("zh-Hans") != "Damage: we send a new one" || got.Texts["it"] != "" || got.Texts["fr"] == "" {
			t.Fatalf("after renaming: %q, it %q", got.DisplayName("zh-Hans"), got.Texts["it"])
		}
	})
	t.Run("HideAndRestoreBuiltin", func(t *testing.T) {
		id := BuiltinReplyID(app.ReplyReviewFollowUp)
		if err := s.DeleteReplyTemplate(ctx, id); err != nil {
			t.Fatal(err)
		}
		shown, _ := s.ReplyTemplates(ctx, "en", false)
		withHidden, _ := s.ReplyTemplates(ctx, "en", true)
		if len(shown) != len(withHidden)-1 {
			t.Fatalf("hidden built-in still shown: %d of %d", len(shown), len(withHidden))
		}
		if err := s.RestoreReplyTemplate(ctx, id); err != nil {
			t.Fatal(err)
		}
		if shown, _ := s.ReplyTemplates(ctx, "en", false); len(shown) != len(withHidden) {
			t.Fatal("restored built-in not shown")
		}
	})
	t.Run("OwnTemplate", func(t *testing.T) {
		got, err := s.SaveReplyTemplate(ctx, app.ReplyTemplate{}, app.ReplyTemplate{Name: "Thanks", Texts: map[string]string{"en": "Thanks {customer}!", "zh": "谢谢{客户}！"}})
		if err != nil {
			t.Fatal(err)
		}
		if got.Builtin != "" || got.Texts["zh"] != "谢谢{客户}！" {
			t.Fatalf("own template %+v", got)
		}
		if err := s.DeleteReplyTemplate(ctx, got.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.ReplyTemplate(ctx, got.ID); !errors.Is(err, app.ErrNotFound) {
			t.Fatalf("deleted template: %v", err)
		}
		if err := s.RestoreReplyTemplate(ctx, BuiltinReplyID("nope")); !errors.Is(err, app.ErrNotFound) {
			t.Fatalf("restoring an unknown template: %v", err)
		}
	})
	t.Run("ErrUnknownPlaceholder", func(t *testing.T) {
		before, _ := s.ReplyTemplates(ctx, "en", true)
		_, err := s.SaveReplyTemplate(ctx, app.ReplyTemplate{}, app.ReplyTemplate{Name: "Oops", Texts: map[string]string{"en": "Hi {custmer}"}})
		if fe := svcFieldErr(err); fe == nil || fe.Field != "text.en" || fe.Code != app.CodeBadFormat {
			t.Fatalf("err = %v, want the English text's placeholder refused", err)
		}
		if after, _ := s.ReplyTemplates(ctx, "en", true); len(after) != len(before) {
			t.Fatal("a refused template was saved")
		}
	})
}
