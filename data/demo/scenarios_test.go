package demo

import (
	"math/rand/v2"
	"testing"

	"github.com/opsbench/opsbench/planning"
)

// Every demo scenario, the examples and as many random ones as the large
// demo makes, is a valid scenario file that plans without error, and the
// demo shows both outcomes: plans the capital carries and plans it does
// not.
func TestDemoScenariosSimulate(t *testing.T) {
	rng := rand.New(rand.NewPCG(DefaultSeed, DefaultSeed^0x9E3779B97F4A7C15))
	list := exampleScenarios()
	for i := len(list); i < len(exampleScenarios())+Large.counts().scenarios; i++ {
		list = append(list, randomScenario(rng, i))
	}
	feasible := 0
	for _, sc := range list {
		parsed, err := planning.ParseScenario([]byte(sc.Body))
		if err != nil {
			t.Fatalf("%s: %v\n%s", sc.Name, err, sc.Body)
		}
		r, err := planning.Simulate(parsed, nil)
		if err != nil {
			t.Fatalf("%s: %v", sc.Name, err)
		}
		if r.Feasible {
			feasible++
		}
	}
	if len(list) != 303 || feasible == 0 || feasible == len(list) {
		t.Errorf("%d of %d demo scenarios feasible: the demo should show both outcomes", feasible, len(list))
	}
}
