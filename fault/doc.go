// Package fault decides, for each request the mock answers, whether to
// delay it, throttle its body, answer with an error status or break the
// connection in one of several ways. Decisions come from rules (from the
// config file, the --latency and --error-rate flags or the admin API) and
// from per-request preferences (the Prefer header and __code-style query
// parameters). Everything random is drawn from the seed, so the same seed
// and the same sequence of requests give the same faults and delays.
//
// # Rules
//
// A Rule has a Match (which requests it concerns), a When (which of those
// it fires on) and an Action (what it does). An empty Match matches every
// vendor request; an empty When fires on every matching request.
//
// A rule with disabled: true keeps its place and its count but neither
// counts nor fires; Engine.SetDisabled switches it off and on, and a rule
// enabled again resumes its sequence where it stopped.
//
// Rules are evaluated in the order they were added. Every rule that
// matches a request counts it: the count n (1, 2, 3...) is the rule's own
// sequence number for the request. The rule fires when all the
// conditions of its When hold for n:
//
//	every N        n is a multiple of N
//	first N        n <= N
//	after N        n > N
//	probability p  u(seed, rule id, n) < p
//
// where u is a uniform number in [0, 1) hashed from the seed, the rule's
// id and n. Among the rules that fire:
//
//   - their latencies add up (each drawn from hash(seed, rule id, n) too);
//   - the bandwidth is the smallest cap among them;
//   - the first one with a status or a fault decides the answer; later
//     ones only add latency and bandwidth caps.
//
// Decision.Rules lists every rule that fired, in order. A status is
// answered with the vendor's own error body for it; rules inject 300-599.
//
// Because draws depend only on (seed, rule id, n), a rule gives the same
// delays and the same faults to the same sequence of requests it matches,
// whatever other traffic is interleaved with them. Removing a rule and
// adding it again with the same id, or ResetCounters, replays the
// sequence from n = 1.
//
// # Limits
//
// An engine holds at most MaxRules (1,000) rules: an Add, AddAll, Replace
// or NewEngine that would pass it fails with an error wrapping
// ErrTooManyRules that names the limit. Every text of a rule (name,
// match.method, match.path, match.dn, match.client, header names and
// values, action.message) holds at most MaxTextBytes (1,024) bytes, and a
// rule matches on at most MaxHeaders (16) headers; Validate refuses a rule
// past them with a RuleError that gives the size and the limit.
//
// A path glob is matched in time linear in the pattern and the path,
// whatever they hold. A decision takes no lock: it reads the rule set in
// effect when it starts, looks only at the rules that may match the
// request's vendor and route, and counts with atomic additions. A change
// (Add, AddAll, Replace, Remove, Clear) builds a new rule set and swaps it
// in at once, so no decision and no Rules call sees part of it; AddAll
// adds a whole list that way, or nothing.
//
// # Per-request preferences
//
// A request may carry the Prefer header (RFC 7240), compatible with
// Prism's Prefer: code=500 and extended with delay and fault:
//
//	Prefer: code=503
//	Prefer: delay=2s, fault=timeout
//	Prefer: fault="gateway-timeout"; hold=1s
//
// or, from a browser, the query parameters __code, __delay, __fault and
// __hold. They apply on top of the rules, to that request only: the
// query parameters override the header; a preferred delay adds to the
// rules' latency; a preferred code or fault replaces the rules' answer
// (a 2xx code asks for the normal answer, cancelling an injected error);
// hold sets how long the chosen fault holds the request. Names are
// case-insensitive, values may be quoted, delay and hold accept Go
// durations or plain integers (milliseconds, as Prism takes them), and
// preferences this package does not know (Prism's example= and dynamic=,
// return=, wait=...) are ignored. A known preference with a bad value is
// an error naming it, which the server answers with the vendor's 400;
// such a request counts for no rule.
//
// # Faults
//
//	timeout          hold the request without answering until the client
//	                 gives up, at most Hold (default 60s), then release it
//	gateway-timeout  answer the gateway's 504 after Hold (default 60s) of
//	                 "upstream" time, as Segura's Kong gateway does
//	reset            reset the TCP connection
//	empty            close the connection without an answer
//	malformed        answer 200 with a JSON body cut short
//	slow             dribble the body out over Hold (default 10s)
//
// # Latency
//
// A Latency is written "50ms" (fixed), "20ms-200ms" (uniform),
// "normal(100ms,20ms)" (mean and standard deviation, clamped at 0) or
// "lognormal(100ms,0.5)" (median and sigma of the underlying normal);
// plain integers are milliseconds; "0" or "" is none. Drawn delays are
// rounded to the microsecond, so that the last bits of floating-point
// functions, which may differ between processors, almost never change
// one. No delay, hold or drawn latency exceeds MaxDelay (one hour).
//
// # Config file
//
// The faults section of the config file is a list of rules:
//
//	faults:
//	  - id: slow-list
//	    match: {vendor: segura, route: remotesessions}
//	    action: {latency: "lognormal(800ms,0.6)", bandwidth: 65536}
//	  - match:
//	      vendor: appgate
//	      dn: CN=4c07bc6757ea42ddb702c2d6c45419fc,CN=alice,OU=local
//	    when: {every: 3}
//	    action: {status: 503}
//	  - match: {route: token, headers: {X-Test: "*"}}
//	    when: {probability: 0.1, after: 5}
//	    action: {fault: reset}
//
// Quote a latency with a comma inside {...}, where a comma ends the value.
// ParseRules reports every mistake in the rules (up to 20), one a line:
//
//	file:line:column: faults[2].when.probability: 1.5 is above the maximum; want a number from 0 to 1
//	file:line:column: faults[3]: unknown key "wen" (did you mean "when"?); want one of id, name, match, when, action
package fault
