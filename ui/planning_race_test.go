//go:build race

package ui

// raceEnabled: the race detector slows everything down many times, so
// timing limits do not apply.
const raceEnabled = true
