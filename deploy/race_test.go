//go:build race

package deploy

// raceEnabled says this test binary was built with -race.
const raceEnabled = true
