//go:build !race

package logformat

const raceEnabled = false
