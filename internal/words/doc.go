// Package words holds the phrases in which sessionmock refuses a value,
// whatever the value came from: a flag, an environment variable, the
// config file, a pinned-records file or a fault rule (from a file or an
// admin API body). Package cli and package yamldoc both build their
// messages here, so the same mistake reads the same everywhere.
//
// Every message reads "<what is wrong>; want <what is valid>":
//
//	"lots" is not a whole number; want a whole number from 0 to 1000000000
//	1.5 is above the maximum; want a number from 0 to 1
//	a list is not a string; want a string
//
// The caller puts the source in front: "--error-rate: ",
// "SESSIONMOCK_ERROR_RATE: " or "config.yaml:3:13: error-rate: ".
package words
