package cli

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"net"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/sessionmock/sessionmock/internal/words"
)

// The parsers below read one textual value, whether it came from a flag,
// an environment variable or a config file, so that all sources accept the
// same spellings and fail with the same words: "<what is wrong>; want
// <what is valid>". Leading and trailing spaces are ignored.

// Ints is the range of whole numbers a setting accepts.
type Ints struct {
	Min, Max int64
	// What names the value in the words of what is valid ("an HTTP
	// error status from 300 to 599"); "" is a whole number.
	What string
}

// String is the range as the help shows it: "0 to 100000".
func (r Ints) String() string { return fmt.Sprintf("%d to %d", r.Min, r.Max) }

func (r Ints) want() string { return words.IntRange(r.What, r.Min, r.Max) }

// Parse reads a whole number within the range.
func (r Ints) Parse(raw string) (int64, error) {
	t := strings.TrimSpace(raw)
	v, err := strconv.ParseInt(t, 10, 64)
	if errors.Is(err, strconv.ErrRange) {
		// Digits, but beyond 64 bits: far outside any range.
		if strings.HasPrefix(t, "-") {
			return 0, errors.New(words.Below(t, r.want()))
		}
		return 0, errors.New(words.Above(t, r.want()))
	}
	if err != nil {
		return 0, errors.New(words.Not(strconv.Quote(raw), words.WholeNumber, r.want()))
	}
	if err := inRange(v, r.Min, r.Max, strconv.FormatInt(v, 10), r.want()); err != nil {
		return 0, err
	}
	return v, nil
}

// inRange says whether v, shown as the user wrote it, lies within lo and
// hi, in the words every bounded setting shares.
func inRange[T cmp.Ordered](v, lo, hi T, shown, want string) error {
	if msg := words.OutOfRange(v, lo, hi, shown, want); msg != "" {
		return errors.New(msg)
	}
	return nil
}

// Int is Parse for an int. The range must fit an int.
func (r Ints) Int(raw string) (int, error) {
	v, err := r.Parse(raw)
	return int(v), err
}

// AnyInt64 is every int64, for values that are names rather than sizes
// (a seed).
var AnyInt64 = Ints{Min: math.MinInt64, Max: math.MaxInt64}

// Floats is the range of numbers a setting accepts.
type Floats struct{ Min, Max float64 }

// String is the range as the help shows it: "0 to 1".
func (r Floats) String() string { return words.Float(r.Min) + " to " + words.Float(r.Max) }

func (r Floats) want() string { return words.NumberRange("", r.Min, r.Max) }

// Parse reads a number within the range; NaN and infinities are not
// numbers here.
func (r Floats) Parse(raw string) (float64, error) {
	t := strings.TrimSpace(raw)
	v, err := strconv.ParseFloat(t, 64)
	// A literal inf or NaN is not a number here; digits beyond float64
	// (ErrRange) are, only far out of range.
	if err != nil && !errors.Is(err, strconv.ErrRange) || err == nil && (math.IsNaN(v) || math.IsInf(v, 0)) {
		return 0, errors.New(words.Not(strconv.Quote(raw), words.Number, r.want()))
	}
	if err := inRange(v, r.Min, r.Max, t, r.want()); err != nil {
		return 0, err
	}
	return v, nil
}

// Durations is the range of durations a setting accepts.
type Durations struct{ Min, Max time.Duration }

// String is the range as the help shows it: "1ms to 10m".
func (r Durations) String() string { return ShortDuration(r.Min) + " to " + ShortDuration(r.Max) }

func (r Durations) want() string { return "a duration from " + r.String() }

// Parse reads a Go duration (500ms, 30s, 1h30m) within the range. A bare 0
// is a duration too.
func (r Durations) Parse(raw string) (time.Duration, error) {
	t := strings.TrimSpace(raw)
	d, err := time.ParseDuration(t)
	if err != nil {
		hint := ""
		if _, nerr := strconv.ParseFloat(t, 64); nerr == nil {
			hint = " (a number needs a unit: ms, s, m or h)"
		}
		return 0, errors.New(words.Not(strconv.Quote(raw), "a duration"+hint, r.want()))
	}
	if err := inRange(d, r.Min, r.Max, t, r.want()); err != nil {
		return 0, err
	}
	return d, nil
}

// ShortDuration is time.Duration.String without the zero tails, as people
// write durations: 10m rather than 10m0s, 1h rather than 1h0m0s, and 0
// rather than 0s.
func ShortDuration(d time.Duration) string {
	if d == 0 {
		return "0"
	}
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = s[:len(s)-2]
	}
	if strings.HasSuffix(s, "h0m") {
		s = s[:len(s)-2]
	}
	return s
}

// Bool reads true or false; 1 and 0 too, and any letter case.
func Bool(raw string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(raw)) {
	case "true", "1":
		return true, nil
	case "false", "0":
		return false, nil
	}
	return false, errors.New(words.Not(strconv.Quote(raw), words.TrueOrFalse, words.TrueOrFalse))
}

// Choice reads one of choices, in any letter case, and returns it as
// listed.
func Choice(raw string, choices ...string) (string, error) {
	v := strings.TrimSpace(raw)
	if i := slices.IndexFunc(choices, func(c string) bool { return strings.EqualFold(c, v) }); i >= 0 {
		return choices[i], nil
	}
	return "", errors.New(words.Not(strconv.Quote(raw), words.Choice, words.OneOf(choices)))
}

// Text reads a name, credential or token: anything but empty, which could
// never match a request. Spaces are kept: they may be part of a secret.
func Text(raw string) (string, error) {
	if raw == "" {
		return "", errors.New(words.Empty(words.NonEmpty))
	}
	return raw, nil
}

const addrWant = "want host:port, such as 127.0.0.1:8080 or :8080"

// Addr checks the shape of a listen address; whether its host can be
// bound is only known when listening.
func Addr(raw string) (string, error) {
	host, port, err := net.SplitHostPort(raw)
	if err != nil {
		return "", fmt.Errorf("%q is not host:port; %s", raw, addrWant)
	}
	if strings.ContainsAny(host, " \t\r\n/") {
		return "", fmt.Errorf("host %q of %q holds a space or a slash; %s", host, raw, addrWant)
	}
	if _, err := strconv.ParseUint(port, 10, 16); err != nil {
		return "", fmt.Errorf("port %q of %q is not a number from 0 to 65535; %s", port, raw, addrWant)
	}
	return raw, nil
}

// File checks that a file to be read at start exists, so that the error
// names the flag, variable or config line that named it.
func File(raw string) (string, error) {
	if raw == "" {
		return "", errors.New(words.Empty("a file name"))
	}
	info, err := os.Stat(raw)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "", fmt.Errorf("no file %q; want an existing file", raw)
	case err != nil:
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return "", fmt.Errorf("cannot read %q: %v; want a readable file", raw, err)
	case info.IsDir():
		return "", fmt.Errorf("%q is a directory; want a file", raw)
	}
	return raw, nil
}
