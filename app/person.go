package app

import (
	"strings"
	"unicode/utf8"
)

// Role is what a team member does in the office.
type Role string

// The roles of a small seller team.
const (
	RoleOperations Role = "operations" // 运营
	RoleService    Role = "service"    // 客服
	RolePurchasing Role = "purchasing" // 采购
	RoleFinance    Role = "finance"    // 财务
	RoleOwner      Role = "owner"      // 负责人
)

// Roles lists every role in display order.
func Roles() []Role {
	return []Role{RoleOperations, RoleService, RolePurchasing, RoleFinance, RoleOwner}
}

// Valid reports whether r is one of Roles.
func (r Role) Valid() bool {
	for _, x := range Roles() {
		if r == x {
			return true
		}
	}
	return false
}

// MaxNameLen bounds people's and replicas' names (in characters).
const MaxNameLen = 40

// Person is a member of the team: an owner of SOP steps, an assignee of
// service cases, the author of changes in the audit log.
type Person struct {
	ID     string
	Name   string
	Role   Role
	Active bool
	// Note tells apart colleagues who share a name ("Shenzhen office",
	// "the one in service").
	Note string
}

// MaxPersonNoteLen bounds a person's note (in characters).
const MaxPersonNoteLen = 100

// Normalize trims the name and the note.
func (p Person) Normalize() Person {
	p.Name = strings.TrimSpace(p.Name)
	p.Note = strings.TrimSpace(p.Note)
	return p
}

// Validate checks a normalized person.
func (p Person) Validate() error {
	return validateName("person", p.Name, func() error {
		if !p.Role.Valid() {
			return &FieldError{Entity: "person", Field: "role", Code: CodeBadChoice}
		}
		if utf8.RuneCountInString(p.Note) > MaxPersonNoteLen {
			return &FieldError{Entity: "person", Field: "note", Code: CodeTooLong, Limit: MaxPersonNoteLen}
		}
		return nil
	})
}

func validateName(entity, name string, next func() error) error {
	switch {
	case name == "":
		return &FieldError{Entity: entity, Field: "name", Code: CodeRequired}
	case utf8.RuneCountInString(name) > MaxNameLen:
		return &FieldError{Entity: entity, Field: "name", Code: CodeTooLong, Limit: MaxNameLen}
	}
	if next != nil {
		return next()
	}
	return nil
}

// Replica is one OpsBench installation: a desk in the office with its
// own database.
type Replica struct {
	ID   string
	Name string
}

// Validate checks the replica's name.
func (r Replica) Validate() error {
	return validateName("replica", strings.TrimSpace(r.Name), nil)
}
