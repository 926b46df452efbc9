package posixlocale

import "testing"

func TestIsPOSIX(t *testing.T) {
	for name, want := range map[string]bool{
		"C": true, "C.UTF-8": true, "C.utf8": true, "POSIX": true, "POSIX.UTF-8": true,
		"en_US.UTF-8": false, "zh_CN.UTF-8": false, "Chinese": false, "": false,
	} {
		if got := IsPOSIX(name); got != want {
			t.Errorf("IsPOSIX(%q) = %v", name, got)
		}
	}
}
