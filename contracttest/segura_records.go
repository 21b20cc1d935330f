package contracttest

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"
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
	records, ok := obj["remote_sessions"].([]any)
	if !ok {
		return nil, "the answer has no remote_sessions array (see schema-valid)"
	}
	if len(records) == 0 {
		return nil, "the session list is empty: no records to judge"
	}
	return records, ""
}

func capViolations(vs []Violation) []Violation {
	if len(vs) <= maxViolations {
		return vs
	}
	more := len(vs) - maxViolations
	return append(vs[:maxViolations:maxViolations], Violation{In: "body", Expected: "no further violations",
		Got: fmt.Sprintf("%d more", more)})
}

func recordField(rec any, key string) (string, bool) {
	obj, ok := rec.(map[string]any)
	if !ok {
		return "", false
	}
	return stringField(obj, key)
}

const seguraTimeLayout = "2006-01-02 15:04:05"

var clockPattern = regexp.MustCompile(`^([0-9]{2,}):([0-5][0-9]):([0-5][0-9])$`)

// parseClock parses a Segura duration, HH:MM:SS with two or more digits of
// hours.
func parseClock(s string) (time.Duration, error) {
	m := clockPattern.FindStringSubmatch(s)
	if m == nil {
		return 0, fmt.Errorf("duration %q: want HH:MM:SS", s)
	}
	h, err := strconv.ParseInt(m[1], 10, 32)
	if err != nil {
		return 0, fmt.Errorf("duration %q: hours out of range", s)
	}
	mi, _ := strconv.Atoi(m[2])
	se, _ := strconv.Atoi(m[3])
	return time.Duration(h)*time.Hour + time.Duration(mi)*time.Minute + time.Duration(se)*time.Second, nil
}

// formatClock renders d as Segura does, HH:MM:SS.
func formatClock(d time.Duration) string {
	neg := ""
	if d < 0 {
		neg, d = "-", -d
	}
	s := int64(d / time.Second)
	return fmt.Sprintf("%s%02d:%02d:%02d", neg, s/3600, s/60%60, s%60)
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
		start, err1 := time.Parse(seguraTimeLayout, startS)
		end, err2 := time.Parse(seguraTimeLayout, endS)
		dur, err3 := parseClock(timeS)
		if err1 != nil || err2 != nil || err3 != nil {
			continue
		}
		judged++
		want := end.Sub(start)
		switch {
		case want < 0:
			bad++
			vs = append(vs, Violation{In: "body", Pointer: fmt.Sprintf("/remote_sessions/%d/end", i),
				Expected: "an end not before start " + strconv.Quote(startS), Got: strconv.Quote(endS)})
		case dur != want:
			bad++
			vs = append(vs, Violation{In: "body", Pointer: fmt.Sprintf("/remote_sessions/%d/time", i),
				Expected: fmt.Sprintf("%q (end %s - start %s)", formatClock(want), endS, startS), Got: strconv.Quote(timeS)})
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
		ptr := fmt.Sprintf("/remote_sessions/%d/session_id", i)
		if !sessionIDPattern.MatchString(id) {
			bad++
			vs = append(vs, Violation{In: "body", Pointer: ptr, Expected: "40 lowercase hexadecimal characters", Got: describeValue(id)})
			continue
		}
		if first, dup := seen[id]; dup {
			bad++
			vs = append(vs, Violation{In: "body", Pointer: ptr, Expected: "a session_id no other session has",
				Got: fmt.Sprintf("the session_id of /remote_sessions/%d", first)})
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
			vs = append(vs, Violation{In: "body", Pointer: fmt.Sprintf("/remote_sessions/%d/device", i),
				Expected: "host:port with a port from 1 to 65535", Got: describeValue(dev)})
		}
	}
	return judged, bad, vs
}
