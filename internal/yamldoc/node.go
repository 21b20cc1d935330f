package yamldoc

import (
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// IsNull reports whether n is YAML's null: "null", "~" or nothing at all.
func IsNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" }

// Describe names what n is for a "Y is not X; want X" message: a scalar by
// its quoted text, null and collections by their kind. A quoted scalar
// that would be a number or a boolean unquoted is called a string, since
// its quotes are the mistake.
func Describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	case yaml.ScalarNode:
		if IsNull(n) {
			return "null"
		}
		if n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 && plainIsNotString(n.Value) {
			return "the string " + strconv.Quote(n.Value)
		}
		return strconv.Quote(n.Value)
	}
	return "an unexpected node"
}

// plainIsNotString reports whether s, written without quotes, would be
// read as a number, a boolean or null.
func plainIsNotString(s string) bool {
	switch strings.ToLower(s) {
	case "true", "false", "null", "~", ".inf", "-.inf", "+.inf", ".nan":
		return true
	}
	if !strings.ContainsAny(s, "0123456789") {
		return false
	}
	if _, err := strconv.ParseInt(s, 0, 64); err == nil {
		return true
	}
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}
