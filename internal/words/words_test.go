package words

import "testing"

func TestOneOf(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		in   []string
		want string
	}{{nil, "nothing"}, {[]string{"a"}, "a"}, {[]string{"a", "b"}, "a or b"}, {[]string{"a", "b", "c"}, "a, b or c"}} {
		if got := OneOf(tt.in); got != tt.want {
			t.Errorf("OneOf(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPhrases(t *testing.T) {
	t.Parallel()
	for got, want := range map[string]string{
		Not(`"lots"`, WholeNumber, IntRange("", 0, 10)):         `"lots" is not a whole number; want a whole number from 0 to 10`,
		Not("a list", String, String):                           "a list is not a string; want a string",
		Below("99", IntRange("an HTTP error status", 300, 599)): "99 is below the minimum; want an HTTP error status from 300 to 599",
		Above("1.5", NumberRange("", 0, 1)):                     "1.5 is above the maximum; want a number from 0 to 1",
		OutOfRange(0.25, 0, 1, "0.25", NumberRange("", 0, 1)):   "",
		OutOfRange(-1, 0, 1, "-1", NumberRange("", 0, 1)):       "-1 is below the minimum; want a number from 0 to 1",
		OutOfRange(int64(11), 0, 10, "11", IntRange("", 0, 10)): "11 is above the maximum; want a whole number from 0 to 10",
		Empty(NonEmpty):                   "empty value; want a non-empty one",
		NumberRange("a share", 0.05, 0.5): "a share from 0.05 to 0.5",
	} {
		if got != want {
			t.Errorf("%q, want %q", got, want)
		}
	}
}
