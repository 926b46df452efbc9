//go:build !windows

package main

// attachConsole is only needed on Windows.
func attachConsole() {}
