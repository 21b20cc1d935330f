package words

import (
	"cmp"
	"strconv"
	"strings"
)

// Want joins what is wrong and what is valid: "<wrong>; want <want>".
func Want(wrong, want string) string { return wrong + "; want " + want }

// Not is the message for a value that is not of the kind a setting takes:
// `"lots" is not a whole number; want a whole number from 0 to 10`, `a
// list is not a string; want a string`. got is the value as shown to the
// user: quoted text, or the kind of a YAML node ("a list").
func Not(got, kind, want string) string { return Want(got+" is not "+kind, want) }

// Below is the message for a value under the lowest one allowed; shown is
// the value as the user wrote it, unquoted: "99 is below the minimum; want
// an HTTP error status from 300 to 599".
func Below(shown, want string) string { return Want(shown+" is below the minimum", want) }

// Above is the message for a value over the highest one allowed: "1.5 is
// above the maximum; want a number from 0 to 1".
func Above(shown, want string) string { return Want(shown+" is above the maximum", want) }

// OutOfRange returns Below or Above when v lies outside lo to hi, and ""
// when it lies within.
func OutOfRange[T cmp.Ordered](v, lo, hi T, shown, want string) string {
	switch {
	case v < lo:
		return Below(shown, want)
	case v > hi:
		return Above(shown, want)
	}
	return ""
}

// Empty is the message for an empty value where text is needed.
func Empty(want string) string { return Want("empty value", want) }

// NonEmpty is what is valid where any text but none will do.
const NonEmpty = "a non-empty one"

// The kinds of value most settings take, as Not names them.
const (
	WholeNumber = "a whole number"
	Number      = "a number"
	TrueOrFalse = "true or false"
	String      = "a string"
	// Choice is the kind of a value that must be one of a few words.
	Choice = "a choice here"
)

// IntRange is what is valid for a whole number from lo to hi: "a whole
// number from 0 to 10", or with what as the noun "an HTTP error status
// from 300 to 599". what "" is WholeNumber.
func IntRange(what string, lo, hi int64) string {
	return cmp.Or(what, WholeNumber) + " from " + strconv.FormatInt(lo, 10) + " to " + strconv.FormatInt(hi, 10)
}

// NumberRange is what is valid for a number from lo to hi: "a number from
// 0 to 1"; what "" is Number.
func NumberRange(what string, lo, hi float64) string {
	return cmp.Or(what, Number) + " from " + Float(lo) + " to " + Float(hi)
}

// Float writes a number as briefly as it reads back: 0, 1, 0.25.
func Float(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

// OneOf lists choices as prose: "a", "a or b", "a, b or c".
func OneOf(choices []string) string {
	switch len(choices) {
	case 0:
		return "nothing"
	case 1:
		return choices[0]
	}
	return strings.Join(choices[:len(choices)-1], ", ") + " or " + choices[len(choices)-1]
}
