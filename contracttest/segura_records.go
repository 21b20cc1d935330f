package contracttest

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"github.com/sessionmock/sessionmock/wire/segura"
)

// recordRule is a semantic invariant of Segura's remote sessions.
type recordRule struct {
	// holds says what the rule demands, to complete "... in every record".
	holds string
	// judge returns how many records it could judge, how many break the rule
	// and a violation for each break.
	judge func(records []any) (judged, bad int, vs []Violation)
}

func seguraTimeRule() recordRule {
	return recordRule{holds: "time equals end - start", judge: judgeSeguraTimes}
}

func seguraSessionIDRule() recordRule {
	return recordRule{holds: "session_id is 40 lowercase hex characters, unique", judge: judgeSeguraSessionIDs}
}

func seguraDeviceRule() recordRule {
	return recordRule{holds: "device is host:port with a port from 1 to 65535", judge: judgeSeguraDevices}
}

func seguraRecordCheck(rule recordRule) checkFunc {
	return func(_ context.Context, r *runner) (Result, error) {
		if len(r.primary) == 0 {
			return skipped("the session list was not fetched: " + r.noTokenReason()), nil
		}
		ex := r.primary[0]
		records, why := seguraRecords(ex)
		if why != "" {
			return skipped(why), nil
		}
		judged, bad, vs := rule.judge(records)
		if judged == 0 {
			return skipped(fmt.Sprintf("none of the %s carries the fields in the documented form (see schema-valid)",
				plural(len(records), "record", "records"))), nil
		}
		if bad > 0 {
			return failed(fmt.Sprintf("%d of %d records break the rule: %s", bad, judged, rule.holds),
				r.evidence(ex, false, capViolations(vs)...)), nil
		}
		return passed(fmt.Sprintf("%s in all %s judged", rule.holds, plural(judged, "record", "records")),
			r.evidence(ex, true)), nil
	}
}

// seguraRecords extracts the records of a list answer, or says why there
// are none to judge.
func seguraRecords(ex *exchange) ([]any, string) {
	if why, ok := ex.skipReason(); ok {
		return nil, why
	}
	switch {
	case !ex.answered():
		return nil, "the session list got no answer"
	case ex.status != http.StatusOK:
		return nil, "the session list answered " + statusText(ex.status) + ", not 200: no records to judge"
	case ex.truncated:
		return nil, "the session list is longer than the body limit: its records were not judged"
	}
	obj, err := decodeObject(ex.body)
	if err != nil {
		return nil, "the session list is " + err.Error() + " (see schema-valid)"
	}
	records, ok := obj[segura.ListKey].([]any)
	if !ok {
		return nil, "the answer has no " + segura.ListKey + " array (see schema-valid)"
	}
	if len(records) == 0 {
		return nil, "the session list is empty: no records to judge"
	}
	return records, ""
}

func recordField(rec any, key string) (string, bool) {
	obj, ok := rec.(map[string]any)
	if !ok {
		return "", false
	}
	return stringField(obj, key)
}

// judgeSeguraTimes checks time = end - start. start and end carry no time
// zone; both are read on the same clock, so the difference is the duration
// (a session across a daylight-saving change is an hour off, which the
// vendor's documents do not address).
func judgeSeguraTimes(records []any) (judged, bad int, vs []Violation) {
	for i, rec := range records {
		startS, ok1 := recordField(rec, "start")
		endS, ok2 := recordField(rec, "end")
		timeS, ok3 := recordField(rec, "time")
		if !ok1 || !ok2 || !ok3 {
			continue
		}
		start, err1 := segura.ParseDateTime(startS)
		end, err2 := segura.ParseDateTime(endS)
		dur, err3 := segura.ParseClock(timeS)
		if err1 != nil || err2 != nil || err3 != nil {
			continue
		}
		judged++
		want := end.Sub(start)
		switch {
		case want < 0:
			bad++
			vs = append(vs, Violation{In: "body", Pointer: recordPointer(i, "end"),
				Expected: "an end not before start " + strconv.Quote(startS), Got: strconv.Quote(endS)})
		case dur != want:
			bad++
			vs = append(vs, Violation{In: "body", Pointer: recordPointer(i, "time"),
				Expected: fmt.Sprintf("%q (end %s - start %s)", segura.FormatClock(want), endS, startS), Got: strconv.Quote(timeS)})
		}
	}
	return judged, bad, vs
}

var sessionIDPattern = regexp.MustCompile(`^[0-9a-f]{40}$`)

func judgeSeguraSessionIDs(records []any) (judged, bad int, vs []Violation) {
	seen := map[string]int{}
	for i, rec := range records {
		id, ok := recordField(rec, "session_id")
		if !ok {
			continue
		}
		judged++
		ptr := recordPointer(i, "session_id")
		if !sessionIDPattern.MatchString(id) {
			bad++
			vs = append(vs, Violation{In: "body", Pointer: ptr, Expected: "40 lowercase hexadecimal characters", Got: describeValue(id)})
			continue
		}
		if first, dup := seen[id]; dup {
			bad++
			vs = append(vs, Violation{In: "body", Pointer: ptr, Expected: "a session_id no other session has",
				Got: "the session_id of " + recordPointer(first, "")})
			continue
		}
		seen[id] = i
	}
	return judged, bad, vs
}

// parseDevice splits a Segura device, host:port. The port is after the last
// colon, so an IPv6 host (bracketed or not) keeps its own colons.
func parseDevice(s string) (host string, port int, err error) {
	i := strings.LastIndexByte(s, ':')
	if i < 0 {
		return "", 0, fmt.Errorf("device %q has no :port", s)
	}
	host, p := s[:i], s[i+1:]
	if host == "" {
		return "", 0, fmt.Errorf("device %q has no host before the port", s)
	}
	if p == "" || len(p) > 5 || strings.Trim(p, "0123456789") != "" {
		return "", 0, fmt.Errorf("device %q: port %q is not a number", s, p)
	}
	port, _ = strconv.Atoi(p)
	if port < 1 || port > 65535 {
		return "", 0, fmt.Errorf("device %q: port %d is outside 1-65535", s, port)
	}
	return host, port, nil
}

func judgeSeguraDevices(records []any) (judged, bad int, vs []Violation) {
	for i, rec := range records {
		dev, ok := recordField(rec, "device")
		if !ok {
			continue
		}
		judged++
		if _, _, err := parseDevice(dev); err != nil {
			bad++
			vs = append(vs, Violation{In: "body", Pointer: recordPointer(i, "device"),
				Expected: "host:port with a port from 1 to 65535", Got: describeValue(dev)})
		}
	}
	return judged, bad, vs
}

// recordPointer is the JSON pointer of a field of record i of the list, or
// of the record itself when field is "".
func recordPointer(i int, field string) string {
	p := "/" + segura.ListKey + "/" + strconv.Itoa(i)
	if field != "" {
		p += "/" + field
	}
	return p
}
