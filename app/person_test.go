package app

import (
	"errors"
	"strings"
	"testing"
)

func TestPersonValidate(t *testing.T) {
	tests := []struct {
		name   string
		person Person
		code   string
	}{
		{"OK", Person{Name: "王芳", Role: RoleService}, ""},
		{"ErrNameRequired", Person{Name: "   ", Role: RoleService}, CodeRequired},
		{"ErrNameTooLong", Person{Name: strings.Repeat("长", MaxNameLen+1), Role: RoleOwner}, CodeTooLong},
		{"OKNameAtLimit", Person{Name: strings.Repeat("长", MaxNameLen), Role: RoleOwner}, ""},
		{"ErrBadRole", Person{Name: "Li", Role: "boss"}, CodeBadChoice},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.person.Normalize().Validate()
			if tt.code == "" {
				if err != nil {
					t.Fatalf("unexpected error %v", err)
				}
				return
			}
			var fe *FieldError
			if !errors.As(err, &fe) || fe.Code != tt.code {
				t.Fatalf("got %v, want code %s", err, tt.code)
			}
			if !errors.Is(err, ErrInvalidInput) {
				t.Errorf("%v does not wrap ErrInvalidInput", err)
			}
		})
	}
}
