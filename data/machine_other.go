//go:build !linux && !windows && !darwin

package data

// systemMachineID: no known source on this system; the token file serves.
func systemMachineID() string { return "" }
