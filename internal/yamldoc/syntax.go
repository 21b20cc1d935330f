package yamldoc

import (
	"bytes"
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// syntaxError turns a YAML library error, which carries no node, into an
// Error with a line. The library often names the line where the enclosing
// block started, or none, so the line is the fewest leading lines of data
// that already fail with the same problem. A prefix cut inside a flow
// collection fails just like an unclosed one, so for the two problems of
// an unclosed flow collection the library's own line stands: where the
// collection opens, or where the problem is, counted from 0 as its parser
// counts.
func syntaxError(name string, data []byte, err error) *Error {
	line, msg := splitYAMLError(err)
	if msg == msgFlowList || msg == msgFlowMap {
		if line > 0 {
			line++
		}
	} else if l := firstFailingLine(data, msg); l > 0 {
		line = l
	}
	// At the end of the input the parser counts one line past the last.
	return &Error{File: name, Line: max(min(line, len(lineEnds(data))), 1), Msg: msg}
}

// The YAML library's words for an unclosed flow collection.
const (
	msgFlowList = "did not find expected ',' or ']'"
	msgFlowMap  = "did not find expected ',' or '}'"
)

// lineBreaks returns the offset just past each line break in data, with
// the breaks the YAML library counts: LF, CR, CR LF, NEL, LS and PS.
func lineBreaks(data []byte) []int {
	var after []int
	for i := 0; i < len(data); i++ {
		switch rest := data[i:]; {
		case rest[0] == '\n':
		case bytes.HasPrefix(rest, []byte("\r\n")):
			i++
		case rest[0] == '\r':
		case bytes.HasPrefix(rest, []byte("\u0085")):
			i++
		case bytes.HasPrefix(rest, []byte("\u2028")), bytes.HasPrefix(rest, []byte("\u2029")):
			i += 2
		default:
			continue
		}
		after = append(after, i+1)
	}
	return after
}

// lineEnds returns the offset of the end of each line of data, the last
// one included when no line break ends it.
func lineEnds(data []byte) []int {
	ends := lineBreaks(data)
	if n := len(ends); len(data) > 0 && (n == 0 || ends[n-1] != len(data)) {
		ends = append(ends, len(data))
	}
	return ends
}

// splitYAMLError separates the library's "yaml: line N: problem" into the
// line (0 when none is given) and the problem.
func splitYAMLError(err error) (int, string) {
	text := strings.TrimSpace(err.Error())
	if m := yamlLine.FindStringSubmatch(text); m != nil {
		line, _ := strconv.Atoi(m[1])
		return line, m[2]
	}
	return 0, strings.TrimPrefix(text, "yaml: ")
}

// firstFailingLine returns the fewest leading lines of data that already
// fail to parse with problem msg (as the library words it, without
// "yaml: line N: "), or 0 if no prefix does. Bisection keeps it to a
// logarithmic number of parses.
func firstFailingLine(data []byte, msg string) int {
	ends := lineEnds(data) // ends[k] is the length of the first k+1 lines
	if len(ends) == 0 {
		return 0
	}
	fails := func(k int) bool {
		dec := yaml.NewDecoder(bytes.NewReader(data[:ends[k]]))
		for {
			var n yaml.Node
			err := dec.Decode(&n)
			if err == nil {
				continue
			}
			if errors.Is(err, io.EOF) {
				return false
			}
			_, m := splitYAMLError(err)
			return m == msg
		}
	}
	lo, hi := 0, len(ends)-1
	if !fails(hi) {
		return 0
	}
	for lo < hi {
		mid := (lo + hi) / 2
		if fails(mid) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo + 1
}
