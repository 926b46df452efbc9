package planning

import (
	"math"
	"os"
	"path/filepath"
	"testing"
)

// FuzzParseScenario feeds arbitrary bytes to ParseScenario: it must never
// panic, and whatever it accepts must simulate to finite numbers.
func FuzzParseScenario(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.toml"))
	for _, name := range files {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(""))
	f.Add([]byte("capital = nan\n[[line]]\nprice = inf\n"))
	f.Add([]byte("capital = 1\nhorizon_days = 1826\n[[line]]\nprice = 1\nunit_cost = 0\nunit_weight_kg = 0\ndaily_units = 0.001\nproduction_days = 0\ncycle_days = 1\n"))
	f.Add([]byte("capital = 1e12\n[fx]\nusd = 1e-300\n[[line]]\nprice = 1e9\nprice_currency = \"usd\"\nunit_cost = 1e9\nunit_weight_kg = 1e4\ndaily_units = 1e6\nproduction_days = 1826\n"))
	f.Add([]byte("[[mode]]\nname = \"sea\"\n[[mode]]\n[[line]]\n[[line]]\nmode = \"\"\n"))
	f.Add([]byte("line = 3\nmode = [1]\nfx = \"x\"\n"))
	f.Add([]byte("capital = 1\noverhead_monthly = 1e9\nbase_currency = \"rmb\"\n[[mode]]\nname = \"sea\"\ncost_per_m3 = 1e9\nvolumetric_divisor = 1e-9\n[[line]]\nprice = 1\nunit_cost = 0\nunit_weight_kg = 0\nunit_volume_m3 = 100\ndaily_units = 0.001\nproduction_days = 0\ncycle_days = 1\nmoq = 100000000\nlaunch_day = 36500\nramp_days = 36500\nduty_pct = 100\nstorage_fee = 1e9\ninbound_fee = 1e9\n"))
	f.Add([]byte("\xef\xbb\xbfcapital = 1\r\n[[line]]\r\nprice = 0.004\r\n"))
	f.Add([]byte("\xff\xfec\x00a\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := ParseScenario(data)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error message")
			}
			return
		}
		if s.HorizonDays > 400 || len(s.Lines) > 20 {
			return // valid but slow to simulate; the parser is what is fuzzed
		}
		r, err := Simulate(s, nil)
		if err != nil {
			t.Fatalf("parsed scenario does not simulate: %v", err)
		}
		for _, v := range []float64{r.CashConversionDays, r.AnnualizedReturnPct, r.ReturnPct, r.Limited.ReturnPct, r.Verdict.MarginPct} {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Fatalf("non-finite result %v", v)
			}
		}
		_ = r.Verdict.English()
		out, err := s.MarshalTOML()
		if err != nil {
			t.Fatalf("marshal: %v", err)
		}
		if _, err := ParseScenario(out); err != nil {
			t.Fatalf("marshalled scenario does not parse: %v\n%s", err, out)
		}
	})
}
