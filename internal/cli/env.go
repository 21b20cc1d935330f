package cli

import (
	"fmt"
	"slices"
	"strings"

	"github.com/sessionmock/sessionmock/internal/words"
)

// EnvPrefix starts every variable sessionmock reads.
const EnvPrefix = "SESSIONMOCK_"

// EnvName is the variable that may stand for a flag: SESSIONMOCK_ and the
// flag's name in capitals with "-" as "_" (--token-ttl is
// SESSIONMOCK_TOKEN_TTL).
func EnvName(flag string) string {
	b := []byte(EnvPrefix + flag)
	for i, c := range b {
		switch {
		case c == '-':
			b[i] = '_'
		case 'a' <= c && c <= 'z':
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}

// UnknownEnv returns one warning for each SESSIONMOCK_ variable of environ
// ("NAME=value" entries, as os.Environ gives them) that is not among known,
// with the closest known name when one is close: a misspelt variable is
// otherwise ignored without a word. Variables set to the empty string are
// passed over, since an empty variable counts as unset everywhere.
func UnknownEnv(environ []string, known []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, kv := range environ {
		name, value, _ := strings.Cut(kv, "=")
		if !strings.HasPrefix(name, EnvPrefix) || value == "" || seen[name] || slices.Contains(known, name) {
			continue
		}
		seen[name] = true
		msg := fmt.Sprintf("%s is set but sessionmock reads no such variable", quoteArg(name))
		if s := words.Suggest(name, known); s != "" {
			msg += fmt.Sprintf("; did you mean %s?", s)
		}
		out = append(out, msg)
	}
	slices.Sort(out)
	return out
}
