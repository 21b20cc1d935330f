package fault

import (
	"fmt"
	"strings"
	"time"
)

// Kind is a way of breaking an answer. The zero Kind is no fault.
type Kind string

// The faults the mock can inject.
const (
	Timeout        Kind = "timeout"
	GatewayTimeout Kind = "gateway-timeout"
	Reset          Kind = "reset"
	Empty          Kind = "empty"
	Malformed      Kind = "malformed"
	Slow           Kind = "slow"
)

// Kinds returns every fault, in documentation order.
func Kinds() []Kind {
	return []Kind{Timeout, GatewayTimeout, Reset, Empty, Malformed, Slow}
}

const kindList = "timeout, gateway-timeout, reset, empty, malformed or slow"

// ParseKind parses a fault name, in any case. The empty string is no
// fault.
func ParseKind(s string) (Kind, error) {
	k, msg := parseKind(s)
	if msg != "" {
		return "", fmt.Errorf("fault %s", msg)
	}
	return k, nil
}

// parseKind returns the problem without naming the field, for callers
// that name it themselves.
func parseKind(s string) (Kind, string) {
	t := strings.ToLower(strings.TrimSpace(s))
	if t == "" {
		return "", ""
	}
	for _, k := range Kinds() {
		if t == string(k) {
			return k, ""
		}
	}
	return "", fmt.Sprintf("%q is unknown (want %s)", s, kindList)
}

// Valid reports whether k is no fault or one of Kinds.
func (k Kind) Valid() bool {
	got, msg := parseKind(string(k))
	return msg == "" && got == k
}

// UsesHold reports whether the fault lasts for a time (Action.Hold).
func (k Kind) UsesHold() bool {
	return k == Timeout || k == GatewayTimeout || k == Slow
}

// Default hold times of the faults that last.
const (
	DefaultTimeoutHold        = 60 * time.Second
	DefaultGatewayTimeoutHold = 60 * time.Second
	DefaultSlowHold           = 10 * time.Second
)

// DefaultHold is how long the fault lasts when no hold is given: 0 for
// faults that do not last.
func (k Kind) DefaultHold() time.Duration {
	switch k {
	case Timeout:
		return DefaultTimeoutHold
	case GatewayTimeout:
		return DefaultGatewayTimeoutHold
	case Slow:
		return DefaultSlowHold
	}
	return 0
}

// UnmarshalText accepts the names ParseKind accepts, so a rule decoded
// from JSON cannot carry an unknown fault.
func (k *Kind) UnmarshalText(b []byte) error {
	v, err := ParseKind(string(b))
	if err != nil {
		return err
	}
	*k = v
	return nil
}
