package fault

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Preference is what one request asks for itself, through the Prefer
// header or the __ query parameters.
type Preference struct {
	// Code is the status to answer with; a 2xx code asks for the normal
	// answer. 0 when not given.
	Code int
	// Delay is added to the rules' latency.
	Delay time.Duration
	// Fault replaces the rules' answer.
	Fault Kind
	// Hold is how long the fault lasts (see Action.Hold).
	Hold time.Duration
	// Applied lists the preferences understood, as name=value in the
	// order given, for the Preference-Applied response header.
	Applied []string

	given prefSet
}

type prefSet uint8

const (
	prefCode prefSet = 1 << iota
	prefDelay
	prefFault
	prefHold

	prefAnswer = prefCode | prefFault
)

var prefNames = [...]struct {
	name string
	bit  prefSet
}{{"code", prefCode}, {"delay", prefDelay}, {"fault", prefFault}, {"hold", prefHold}}

func prefBit(name string) prefSet {
	for _, p := range prefNames {
		if p.name == name {
			return p.bit
		}
	}
	return 0
}

// set parses value into the preference name; the message, if any, says
// what is wrong with the value.
func (p *Preference) set(bit prefSet, value string) string {
	var msg string
	switch bit {
	case prefCode:
		p.Code, msg = parseCode(value)
	case prefDelay:
		p.Delay, msg = parseDelay(value)
	case prefHold:
		p.Hold, msg = parseDelay(value)
	case prefFault:
		if strings.TrimSpace(value) == "" {
			return "is empty (want " + kindList + ")"
		}
		p.Fault, msg = parseKind(value)
	}
	if msg == "" {
		p.given |= bit
	}
	return msg
}

// shown is how a preference set from value appears in Applied.
func (p *Preference) shown(bit prefSet, value string) string {
	switch bit {
	case prefCode:
		return "code=" + strconv.Itoa(p.Code)
	case prefFault:
		return "fault=" + string(p.Fault)
	case prefDelay:
		return "delay=" + quoteIfNeeded(strings.TrimSpace(value))
	}
	return "hold=" + quoteIfNeeded(strings.TrimSpace(value))
}

// applied returns the entries of Applied whose preference is in set.
func (p Preference) applied(set prefSet) []string {
	var out []string
	for _, a := range p.Applied {
		name, _, _ := strings.Cut(a, "=")
		if prefBit(name)&set != 0 {
			out = append(out, a)
		}
	}
	return out
}

func parseCode(v string) (int, string) {
	t := strings.TrimSpace(v)
	n, err := strconv.Atoi(t)
	if err != nil || !isDigits(t) || n < 100 || n > 599 {
		return 0, "not an HTTP status (100-599)"
	}
	if n < 200 {
		return 0, "an informational status, not an answer (use 200-599)"
	}
	return n, ""
}

// ParsePrefer reads the values of a request's Prefer headers (RFC 7240).
// It understands code, delay, fault and hold, in any case, with token or
// quoted values; it ignores every other preference and any parameters
// after ';'. When a preference is given twice, the first counts, as the
// RFC says. A bad value of a known preference is an error that names it,
// as in "Prefer: code=abc: not an HTTP status (100-599)".
func ParsePrefer(values []string) (Preference, error) {
	var p Preference
	for _, line := range values {
		for _, elem := range splitOutsideQuotes(line, ',') {
			pref, _, _ := cutOutsideQuotes(elem, ';')
			name, raw, hasValue := strings.Cut(pref, "=")
			name = strings.ToLower(strings.TrimSpace(name))
			bit := prefBit(name)
			if bit == 0 || p.given&bit != 0 {
				continue
			}
			raw = strings.TrimSpace(raw)
			shown := name + "=" + raw
			if !hasValue {
				return Preference{}, fmt.Errorf("Prefer: %s: needs a value, as in %s", name, example(bit))
			}
			value, err := unquote(raw)
			if err != "" {
				return Preference{}, fmt.Errorf("Prefer: %s: %s", shown, err)
			}
			if msg := p.set(bit, value); msg != "" {
				return Preference{}, fmt.Errorf("Prefer: %s: %s", shown, msg)
			}
			p.Applied = append(p.Applied, p.shown(bit, value))
		}
	}
	if p.given&prefAnswer == prefAnswer {
		return Preference{}, fmt.Errorf("Prefer: %s and %s: give a code or a fault, not both",
			p.applied(prefCode)[0], p.applied(prefFault)[0])
	}
	return p, nil
}

func example(bit prefSet) string {
	switch bit {
	case prefCode:
		return "code=500"
	case prefDelay:
		return "delay=2s"
	case prefFault:
		return "fault=timeout"
	}
	return "hold=5s"
}

// splitOutsideQuotes splits s at every sep that is not inside a quoted
// string. An unterminated quoted string runs to the end of s.
func splitOutsideQuotes(s string, sep byte) []string {
	var out []string
	for {
		before, after, found := cutOutsideQuotes(s, sep)
		out = append(out, before)
		if !found {
			return out
		}
		s = after
	}
}

func cutOutsideQuotes(s string, sep byte) (before, after string, found bool) {
	quoted := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case quoted && c == '\\':
			i++
		case c == '"':
			quoted = !quoted
		case !quoted && c == sep:
			return s[:i], s[i+1:], true
		}
	}
	return s, "", false
}

// unquote returns the value of a token or an RFC 9110 quoted-string.
func unquote(raw string) (string, string) {
	if raw == "" || raw[0] != '"' {
		if strings.ContainsRune(raw, '"') {
			return "", "stray quote in the value"
		}
		return raw, ""
	}
	var b strings.Builder
	for i := 1; i < len(raw); i++ {
		switch c := raw[i]; c {
		case '\\':
			if i+1 == len(raw) {
				return "", "unterminated quoted string"
			}
			i++
			b.WriteByte(raw[i])
		case '"':
			if i != len(raw)-1 {
				return "", "text after the closing quote"
			}
			return b.String(), ""
		default:
			b.WriteByte(c)
		}
	}
	return "", "unterminated quoted string"
}

func quoteIfNeeded(v string) string {
	if isToken(v) {
		return v
	}
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(v); i++ {
		if v[i] == '"' || v[i] == '\\' {
			b.WriteByte('\\')
		}
		b.WriteByte(v[i])
	}
	b.WriteByte('"')
	return b.String()
}
