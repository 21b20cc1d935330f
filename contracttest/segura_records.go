package contracttest

import (
	"context"
	"errors"
	"fmt"
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

func seguraDatesRule() recordRule {
	return recordRule{holds: "start and end are real dates and times, time a real duration", judge: judgeSeguraDates}
}

func seguraRecordIDRule() recordRule {
	return recordRule{holds: "id is a string of digits no other record has", judge: judgeSeguraRecordIDs}
}

func seguraRecordCheck(rule recordRule) checkFunc {
	return func(_ context.Context, r *runner) (Result, error) {
		records, total, gap := r.seguraRecords()
		if gap != nil {
			return *gap, nil
		}
		ex := r.seg.list
		judged, bad, vs := rule.judge(records)
		if judged == 0 {
			return r.nothing(fmt.Sprintf("none of the %s judged carries the fields of the rule (%s) in the documented form",
				plural(len(records), "record", "records"), rule.holds), ex), nil
		}
		of := ""
		if total > len(records) {
			of = fmt.Sprintf(" (the first %d of the %d listed)", len(records), total)
		}
		if bad > 0 {
			return failed(fmt.Sprintf("%d of %d records%s break the rule: %s", bad, judged, of, rule.holds),
				r.evidence(ex, false, capViolations(vs)...)), nil
		}
		return passed(fmt.Sprintf("%s in all %s judged%s", rule.holds, plural(judged, "record", "records"), of),
			r.evidence(ex, true)), nil
	}
}

// seguraRecords returns the records of the session list (at most
// maxKeptItems) and how many the list holds, or the result a record check
// gives when there are none to judge.
func (r *runner) seguraRecords() (records []any, total int, gap *Result) {
	st := &r.seg
	if !st.read {
		st.read = true
		st.records, st.total, st.gap = r.readSeguraRecords()
	}
	return st.records, st.total, st.gap
}

func (r *runner) readSeguraRecords() ([]any, int, *Result) {
	res := func(x Result) *Result { return &x }
	ex := r.seg.list
	if ex == nil {
		return nil, 0, res(r.nothing("the session list was not fetched: "+r.noTokenReason(), r.tokenEx))
	}
	if s, ok := unsent(ex); ok {
		return nil, 0, &s
	}
	switch {
	case !ex.answered():
		return nil, 0, res(r.nothing("the session list got no answer", ex))
	case ex.status/100 != 2:
		return nil, 0, res(r.nothing("the session list answered "+statusText(ex.status)+", not 200", ex))
	}
	obj, err := ex.object()
	if errors.Is(err, errReleased) {
		return nil, 0, res(skipped("the session list was " + err.Error()))
	}
	if err != nil {
		return nil, 0, res(r.nothing("the session list is "+err.Error(), ex))
	}
	records, ok := obj[segura.ListKey].([]any)
	if !ok {
		return nil, 0, res(r.nothing("the answer has no "+segura.ListKey+" array", ex))
	}
	if len(records) == 0 {
		return nil, 0, res(skipped("the session list is empty: there is no record to judge", r.evidence(ex, true)))
	}
	total := len(records)
	for _, c := range ex.scan.cuts {
		if c.Pointer == "/"+segura.ListKey {
			total = c.Total
		}
	}
	return records, total, nil
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
	return judgeUnique(records, "session_id", sessionIDPattern, "40 lowercase hexadecimal characters")
}

// judgeUnique holds field of every record to form and to a value no other
// record has. Records without the field as a string are left alone.
func judgeUnique(records []any, field string, form *regexp.Regexp, formText string) (judged, bad int, vs []Violation) {
	seen := map[string]int{}
	for i, rec := range records {
		v, ok := recordField(rec, field)
		if !ok {
			continue
		}
		judged++
		ptr := recordPointer(i, field)
		if !form.MatchString(v) {
			bad++
			vs = append(vs, Violation{In: "body", Pointer: ptr, Expected: formText, Got: describeValue(v)})
			continue
		}
		if first, dup := seen[v]; dup {
			bad++
			vs = append(vs, Violation{In: "body", Pointer: ptr, Expected: "a " + field + " no other record has",
				Got: "the " + field + " of " + recordPointer(first, "")})
			continue
		}
		seen[v] = i
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

// judgeSeguraDates checks that start and end are dates and times that exist
// and that time is a duration with minutes and seconds below 60. Values
// that are not strings are schema-valid's to report.
func judgeSeguraDates(records []any) (judged, bad int, vs []Violation) {
	for i, rec := range records {
		seen, broken := false, false
		for _, f := range []string{"start", "end", "time"} {
			v, ok := recordField(rec, f)
			if !ok {
				continue
			}
			seen = true
			var err error
			want := "a real date and time as YYYY-MM-DD HH:MM:SS"
			if f == "time" {
				_, err = segura.ParseClock(v)
				want = "a duration as HH:MM:SS with minutes and seconds below 60"
			} else {
				_, err = segura.ParseDateTime(v)
			}
			if err != nil {
				broken = true
				vs = append(vs, Violation{In: "body", Pointer: recordPointer(i, f), Expected: want, Got: describeValue(v)})
			}
		}
		if seen {
			judged++
		}
		if broken {
			bad++
		}
	}
	return judged, bad, vs
}

var digits = regexp.MustCompile(`^[0-9]+$`)

func judgeSeguraRecordIDs(records []any) (judged, bad int, vs []Violation) {
	return judgeUnique(records, "id", digits, "a string of digits")
}
