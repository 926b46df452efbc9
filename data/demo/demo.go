// Package demo fills a database with a sample office, the same every time
// for the same seed: "small" for a first look, "large" for performance
// work. Each area adds its part here as its tables arrive.
package demo

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/opsbench/opsbench/app"
	"github.com/opsbench/opsbench/data"
)

// Size is how much sample data to make.
type Size string

// The sizes.
const (
	Small Size = "small"
	Large Size = "large"
)

// ParseSize reads "small" or "large".
func ParseSize(s string) (Size, error) {
	switch Size(s) {
	case Small, Large:
		return Size(s), nil
	}
	return "", fmt.Errorf("unknown demo size %q: use small or large", s)
}

// DefaultSeed is the seed the CLI and the GUI use unless told otherwise.
const DefaultSeed = 20261127

// ErrAlreadyLoaded is returned when the database already holds demo data.
var ErrAlreadyLoaded = errors.New("demo data is already loaded in this database")

// Progress reports how far Load is, as done out of total steps.
type Progress func(done, total int)

// counts says how many of each thing a size has.
type counts struct {
	people    int
	scenarios int // saved planning scenarios beyond the three examples
}

func (s Size) counts() counts {
	if s == Large {
		return counts{people: 60, scenarios: 300}
	}
	return counts{people: 8}
}

// Summary says what Load added.
type Summary struct {
	People    int
	Scenarios int
	Service   ServiceSummary
	Inventory InventorySummary
}

// Load adds the sample office to a demo database (see data.DemoPath and
// data.Options.Demo): a real database is refused with
// data.ErrRealDatabase, so demo people and scenarios never reach the
// office's data or its sync. It refuses to load twice into one database.
// progress may be nil. Cancelling ctx stops between steps; what was added
// so far stays (each record is its own transaction).
func Load(ctx context.Context, s *data.Store, size Size, seed uint64, progress Progress) (Summary, error) {
	if !s.IsDemo() {
		return Summary{}, fmt.Errorf("%s: %w", s.Path(), data.ErrRealDatabase)
	}
	if done, err := s.Setting(ctx, data.SettingDemoLoaded); err != nil {
		return Summary{}, err
	} else if done != "" {
		return Summary{}, ErrAlreadyLoaded
	}
	if progress == nil {
		progress = func(int, int) {}
	}
	rng := rand.New(rand.NewPCG(seed, seed^0x9E3779B97F4A7C15))
	c := size.counts()
	examples := exampleScenarios()
	total := c.people + len(examples) + c.scenarios + serviceSteps(size)
	var sum Summary
	existing, err := s.People(ctx)
	if err != nil {
		return sum, err
	}
	taken := map[string]bool{}
	for _, p := range existing {
		taken[p.Name] = true
	}
	for i := 0; i < c.people; i++ {
		if err := ctx.Err(); err != nil {
			return sum, err
		}
		p := samplePerson(rng, i, taken)
		if _, err := s.CreatePerson(ctx, p); err != nil {
			return sum, fmt.Errorf("demo person %q: %w", p.Name, err)
		}
		sum.People++
		progress(sum.People, total)
	}
	for i := 0; i < len(examples)+c.scenarios; i++ {
		if err := ctx.Err(); err != nil {
			return sum, err
		}
		sc := app.SavedScenario{}
		if i < len(examples) {
			sc = examples[i]
		} else {
			sc = randomScenario(rng, i)
		}
		if _, err := s.SaveScenario(ctx, sc); err != nil {
			return sum, fmt.Errorf("demo scenario %q: %w", sc.Name, err)
		}
		sum.Scenarios++
		progress(sum.People+sum.Scenarios, total)
	}
	if err := loadInventory(ctx, s, size, seed, &sum); err != nil {
		return sum, fmt.Errorf("demo inventory: %w", err)
	}
	if err := loadService(ctx, s, size, seed, &sum.Service, func(d int) { progress(sum.People+sum.Scenarios+d, total) }); err != nil {
		return sum, err
	}
	if err := loadSOP(ctx, s, size, rng, func(d, t int) { progress(total+d, total+t) }); err != nil {
		return sum, err
	}
	return sum, s.SetSetting(ctx, data.SettingDemoLoaded, fmt.Sprintf("%s/%d/%s", size, seed, s.Now().UTC().Format(time.RFC3339)))
}

var (
	surnames   = []string{"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高"}
	givenNames = []string{"芳", "伟", "娜", "敏", "静", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超", "秀英", "霞", "平", "刚", "桂英", "丹", "萍", "鑫", "婷", "宇", "浩", "凯", "佳", "琳"}
)

// roleMix is the share of each role in a seller office: mostly operations
// and service, a few purchasing and finance people, one or two owners.
var roleMix = []app.Role{
	app.RoleOwner, app.RoleOperations, app.RoleService, app.RoleOperations, app.RoleService,
	app.RolePurchasing, app.RoleFinance, app.RoleOperations, app.RoleService, app.RoleOperations,
}

const (
	// nameTries is how many random names are drawn before a number is
	// added to make one unique (20 surnames x 30 given names: 600).
	nameTries = 20
	// leftOneIn: about one in this many people (not the owner) has left.
	leftOneIn = 12
)

func samplePerson(rng *rand.Rand, i int, taken map[string]bool) app.Person {
	name := ""
	for tries := 0; name == "" || taken[name]; tries++ {
		name = surnames[rng.IntN(len(surnames))] + givenNames[rng.IntN(len(givenNames))]
		if tries > nameTries {
			name = fmt.Sprintf("%s%d", name, i+1)
		}
	}
	taken[name] = true
	role := roleMix[i%len(roleMix)]
	return app.Person{Name: name, Role: role, Active: role == app.RoleOwner || rng.IntN(leftOneIn) != 0}
}
