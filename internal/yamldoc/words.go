package yamldoc

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/sessionmock/sessionmock/internal/words"
)

// The words of the mistakes only documents can make: keys unknown,
// repeated or missing. The words of a value refused, which flags and
// variables share, are package words'.

// unknownKey is the message for a key a mapping does not take.
func unknownKey(key string, keys *Keys) string {
	remark := ""
	if keys.Hint != nil {
		remark = keys.Hint(key)
	}
	if remark == "" {
		if s := words.Suggest(key, keys.Names); s != "" {
			remark = "did you mean " + strconv.Quote(s) + "?"
		}
	}
	msg := "unknown key " + strconv.Quote(key)
	if remark != "" {
		msg += " (" + remark + ")"
	}
	want := keys.Want
	if want == "" {
		want = oneOf(keys.Names)
	}
	return msg + "; want " + want
}

// oneOf lists the valid choices for a "want ..." part: "id", "one of id,
// name, match".
func oneOf(names []string) string {
	if len(names) == 1 {
		return names[0]
	}
	return "one of " + strings.Join(names, ", ")
}

// duplicate is the message for a key or value given a second time, such
// as what "id" and value `"a"`.
func duplicate(what, value string, firstLine int) string {
	return fmt.Sprintf("duplicate %s %s; each %s may appear only once (first at line %d)", what, value, what, firstLine)
}

// missing is the message for a required key left out.
func missing(key string) string { return "missing required key " + strconv.Quote(key) }
