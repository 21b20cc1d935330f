package yamldoc

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
)

// MaxErrors is how many mistakes an ErrorList holds; beyond it only counts
// them, so a hostile file cannot make the report grow without bound.
const MaxErrors = 20

// Error is one mistake in a document and where it is.
type Error struct {
	File   string // as given to the reader
	Line   int    // 1-based; 0 when unknown
	Column int    // 1-based; 0 when unknown, as for syntax errors
	Path   string // of the value, such as faults[2].when; empty for the document
	Msg    string // what is wrong; what is valid
}

// Error returns "file:line:column: path: message", leaving out what is
// unknown, the form editors and terminals recognise.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(cmp.Or(e.File, "YAML"))
	if e.Line > 0 {
		b.WriteString(":" + strconv.Itoa(e.Line))
		if e.Column > 0 {
			b.WriteString(":" + strconv.Itoa(e.Column))
		}
	}
	b.WriteString(": ")
	if e.Path != "" {
		b.WriteString(e.Path + ": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// ErrorList is every mistake found in one document: the first MaxErrors in
// document order, and how many more there were. Its text is one line per
// mistake, then "and N more". errors.As finds the first as an *Error.
type ErrorList struct {
	Errors []*Error
	More   int // mistakes found beyond Errors
}

func (l *ErrorList) Error() string {
	lines := make([]string, 0, len(l.Errors)+1)
	for _, e := range l.Errors {
		lines = append(lines, e.Error())
	}
	if l.More > 0 {
		lines = append(lines, "and "+strconv.Itoa(l.More)+" more")
	}
	return strings.Join(lines, "\n")
}

// Unwrap returns the mistakes, so that errors.As reaches them.
func (l *ErrorList) Unwrap() []error {
	out := make([]error, len(l.Errors))
	for i, e := range l.Errors {
		out[i] = e
	}
	return out
}

// Len is the number of mistakes, those beyond the bound included.
func (l *ErrorList) Len() int { return len(l.Errors) + l.More }

func (l *ErrorList) add(e *Error) {
	if len(l.Errors) >= MaxErrors {
		l.More++
		return
	}
	l.Errors = append(l.Errors, e)
}

// err returns the list as an error, sorted by position, or nil when it is
// empty. The sort is stable, so mistakes at one place keep the order in
// which they were found.
func (l *ErrorList) err() error {
	if l.Len() == 0 {
		return nil
	}
	out := &ErrorList{Errors: slices.Clone(l.Errors), More: l.More}
	slices.SortStableFunc(out.Errors, func(a, b *Error) int {
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
	})
	return out
}
