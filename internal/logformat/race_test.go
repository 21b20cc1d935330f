//go:build race

package logformat

// raceEnabled says this test binary was built with -race.
const raceEnabled = true
