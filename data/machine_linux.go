package data

import "os"

// systemMachineID is systemd's (or D-Bus's) machine id.
func systemMachineID() string {
	for _, p := range []string{"/etc/machine-id", "/var/lib/dbus/machine-id"} {
		if b, err := os.ReadFile(p); err == nil {
			return string(b)
		}
	}
	return ""
}
