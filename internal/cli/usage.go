package cli

import (
	"fmt"
	"io"
	"strings"
)

// WriteFlags lists flags in the layout of the standard flag package, with
// the default, the allowed range and the variable of each, and a heading
// wherever the group changes:
//
//	--journal-size N
//	      requests kept in the journal; 0 turns it off
//	      (default 1000, range 0 to 100000, env SESSIONMOCK_JOURNAL_SIZE)
func WriteFlags(w io.Writer, flags []Flag) {
	group := ""
	for i, f := range flags {
		if f.Group != group || i == 0 && f.Group != "" {
			if i > 0 {
				fmt.Fprintln(w)
			}
			group = f.Group
			fmt.Fprintf(w, "%s:\n", group)
		}
		head := "  --" + f.Name
		if f.Meta != "" {
			head += " " + f.Meta
		}
		var notes []string
		if f.Default != "" {
			notes = append(notes, "default "+f.Default)
		}
		if f.Range != "" {
			notes = append(notes, "range "+f.Range)
		}
		if f.Env != "" {
			notes = append(notes, "env "+f.Env)
		}
		if f.Reloads {
			notes = append(notes, "reloads")
		}
		fmt.Fprintln(w, head)
		for _, line := range wrapText(f.Usage, helpWidth-len(indent)) {
			fmt.Fprintln(w, indent+line)
		}
		if len(notes) > 0 {
			fmt.Fprintf(w, "%s(%s)\n", indent, strings.Join(notes, ", "))
		}
	}
}

const (
	indent    = "        "
	helpWidth = 80
)

// wrapText breaks s into lines of at most width bytes at spaces; a word longer
// than width stays whole on its own line.
func wrapText(s string, width int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		switch {
		case line == "":
			line = word
		case len(line)+1+len(word) > width:
			lines = append(lines, line)
			line = word
		default:
			line += " " + word
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// EnvNames lists the variables of flags.
func EnvNames(flags []Flag) []string {
	var out []string
	for _, f := range flags {
		if f.Env != "" {
			out = append(out, f.Env)
		}
	}
	return out
}
