package yamldoc

import (
	"strconv"

	"go.yaml.in/yaml/v3"
)

// IsNull reports whether n is YAML's null: "null", "~" or nothing at all.
func IsNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" }

// Describe names what n is for a "must be X, got Y" message: a scalar by
// its quoted text, null and collections by their kind.
func Describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if IsNull(n) {
			return "null"
		}
		return strconv.Quote(n.Value)
	}
	return "an unexpected node"
}
