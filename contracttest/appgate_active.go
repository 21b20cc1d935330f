package contracttest

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/sessionmock/sessionmock/openapi"
	"github.com/sessionmock/sessionmock/wire/appgate"
)

// GET /stats/active-sessions/dn lists the active sessions, one entry per
// distinguished name, in pages: range=FIRST-LAST asks for entries FIRST to
// LAST (from 0, both included), and the answer's range FIRST-LAST/COUNT and
// totalCount say what came. It is how an integration finds the names that
// session-info takes.

// maxActivePages bounds the pages active-sessions-paging reads.
const maxActivePages = 3

var rangePattern = regexp.MustCompile(`^([0-9]{1,9})-([0-9]{1,9})/([0-9]{1,12})$`)

// activePage asks for size entries from first on; the first page is read
// once for the run.
func (r *runner) activePage(ctx context.Context, first, size int) (*exchange, error) {
	if first == 0 && size == r.pageSize() && r.ag.active != nil {
		return r.ag.active, nil
	}
	q := url.Values{"range": {fmt.Sprintf("%d-%d", first, first+size-1)}}
	c := appgateCall(fmt.Sprintf("list active sessions %d to %d", first, first+size-1), http.MethodGet,
		activeSessionsRoute.Pattern+"?"+q.Encode(), r.version, "Bearer "+r.token, nil)
	ex, err := r.send(ctx, c)
	if err != nil {
		return nil, err
	}
	if first == 0 && size == r.pageSize() {
		r.ag.active = ex
		r.ag.activeItems, _ = activeItems(ex)
	}
	return ex, nil
}

// pageSize is how many entries a page of active sessions asks for: as
// many as names are looked up, within what the suite keeps of an array.
func (r *runner) pageSize() int { return min(r.o.MaxDNs, maxKeptItems) }

// activeItems returns the entries of a page of active sessions, and false
// when the answer is not a page.
func activeItems(ex *exchange) ([]map[string]any, bool) {
	if !ex.answered() || ex.status != http.StatusOK {
		return nil, false
	}
	obj, err := ex.object()
	if err != nil {
		return nil, false
	}
	data, ok := obj["data"].([]any)
	if !ok {
		return nil, false
	}
	items := make([]map[string]any, 0, len(data))
	for _, d := range data {
		if m, ok := d.(map[string]any); ok {
			items = append(items, m)
		}
	}
	return items, true
}

func appgateActivePaging(ctx context.Context, r *runner) (Result, error) {
	if r.token == "" {
		return r.nothing("no token to list the sessions with: "+r.noTokenReason(), r.tokenEx), nil
	}
	size := r.pageSize()
	var ev []Evidence
	seen := map[string]string{} // name -> pointer of the page entry
	total := int64(-1)
	bad, pages, entries := 0, 0, 0
	for page := 0; page < maxActivePages; page++ {
		first := page * size
		ex, err := r.activePage(ctx, first, size)
		if err != nil {
			return Result{}, err
		}
		if s, ok := unsent(ex); ok {
			if pages == 0 {
				return s, nil
			}
			break
		}
		pages++
		vs, n, count, last := judgeActivePage(ex, first, size, &total, seen, page)
		entries += n
		if len(vs) > 0 {
			bad++
		}
		ev = append(ev, r.evidence(ex, len(vs) == 0, capViolations(vs)...))
		if len(vs) > 0 || last || int64(first+n) >= count {
			break
		}
	}
	if bad > 0 {
		return failed(fmt.Sprintf("%d of %s of active sessions departs from its range", bad, plural(pages, "page", "pages")), ev...), nil
	}
	return passed(fmt.Sprintf("%s of %d entries each agree with their range; totalCount %d on every page, no name twice",
		plural(pages, "page", "pages"), size, total), ev...), nil
}

// judgeActivePage holds one page to its range. It returns the violations,
// the entries sent, the COUNT of the range and whether the page is the last.
func judgeActivePage(ex *exchange, first, size int, total *int64, seen map[string]string, page int) (vs []Violation, n int, count int64, last bool) {
	if !ex.answered() {
		return []Violation{transportViolation(ex)}, 0, 0, true
	}
	if ex.status != http.StatusOK {
		return []Violation{statusViolation("200 OK", ex.status)}, 0, 0, true
	}
	obj, err := ex.object()
	if err != nil {
		return []Violation{{In: "body", Expected: "a page of active sessions", Got: err.Error()}}, 0, 0, true
	}
	data, okData := obj["data"].([]any)
	if !okData {
		vs = append(vs, Violation{In: "body", Pointer: "/data", Expected: "an array of entries", Got: describeMissing(obj, "data")})
	}
	n = len(data)
	tc, okTotal := intField(obj, "totalCount")
	switch {
	case !okTotal:
		vs = append(vs, Violation{In: "body", Pointer: "/totalCount", Expected: "an integer", Got: describeMissing(obj, "totalCount")})
	case *total >= 0 && tc != *total:
		vs = append(vs, Violation{In: "body", Pointer: "/totalCount", Expected: fmt.Sprintf("%d, as on the first page", *total), Got: fmt.Sprint(tc)})
	case *total < 0:
		*total = tc
	}
	rng, _ := stringField(obj, "range")
	m := rangePattern.FindStringSubmatch(rng)
	if m == nil {
		return append(vs, Violation{In: "body", Pointer: "/range", Expected: "FIRST-LAST/COUNT", Got: describeMissing(obj, "range")}), n, 0, true
	}
	a, _ := strconv.ParseInt(m[1], 10, 64)
	b, _ := strconv.ParseInt(m[2], 10, 64)
	count, _ = strconv.ParseInt(m[3], 10, 64)
	if okTotal && count != tc {
		vs = append(vs, Violation{In: "body", Pointer: "/range", Expected: fmt.Sprintf("a COUNT of %d, the totalCount (no query or filter was given)", tc), Got: strconv.Quote(rng)})
	}
	switch {
	case n > size:
		vs = append(vs, Violation{In: "body", Pointer: "/data", Expected: fmt.Sprintf("at most the %d entries asked for", size), Got: fmt.Sprintf("%d entries", n)})
	case n == 0 && int64(first) < count:
		vs = append(vs, Violation{In: "body", Pointer: "/data", Expected: fmt.Sprintf("entries from %d on, since the range counts %d", first, count), Got: "no entry"})
	case n > 0 && (a != int64(first) || b != a+int64(n)-1 || b >= count):
		vs = append(vs, Violation{In: "body", Pointer: "/range", Expected: fmt.Sprintf("%d-%d/%d for the %d entries sent from %d on", first, first+n-1, count, n, first),
			Got: strconv.Quote(rng)})
	case n > 0 && n < size && b != count-1:
		vs = append(vs, Violation{In: "body", Pointer: "/data", Expected: fmt.Sprintf("%d entries, or a page that ends the list (LAST = %d)", size, count-1),
			Got: fmt.Sprintf("%d entries ending at %d", n, b)})
	}
	for i, d := range data {
		it, _ := d.(map[string]any)
		name, _ := stringField(it, "distinguishedName")
		ptr := openapi.JSONPointer([]string{"data", strconv.Itoa(i), "distinguishedName"})
		if name == "" {
			continue
		}
		key := strings.ToLower(name)
		if prev, dup := seen[key]; dup {
			vs = append(vs, Violation{In: "body", Pointer: ptr, Expected: "a name not listed on an earlier page or entry", Got: "the name of " + prev})
			continue
		}
		seen[key] = fmt.Sprintf("entry %d of page %d", i, page+1)
	}
	return vs, n, count, n < size
}

func appgateActiveIdentity(ctx context.Context, r *runner) (Result, error) {
	if r.token == "" {
		return r.nothing("no token to list the sessions with: "+r.noTokenReason(), r.tokenEx), nil
	}
	listEx, err := r.activePage(ctx, 0, r.pageSize())
	if err != nil {
		return Result{}, err
	}
	if s, ok := unsent(listEx); ok {
		return s, nil
	}
	items, ok := activeItems(listEx)
	if !ok {
		return r.nothing(activeShown+" answered "+describeAnswer(listEx)+", not a page of sessions", listEx), nil
	}
	if len(items) == 0 {
		return skipped(activeShown + " lists no active session: there is none to look up"), nil
	}
	ev := []Evidence{}
	var listVs []Violation
	bad := 0
	for i, it := range items {
		name, _ := stringField(it, "distinguishedName")
		base := []string{"data", strconv.Itoa(i)}
		dn, err := appgate.ParseDN(name)
		if err != nil {
			listVs = append(listVs, Violation{In: "body", Pointer: openapi.JSONPointer(append(base, "distinguishedName")),
				Expected: "a distinguished name CN=<device id>,CN=<username>,OU=<provider>", Got: describeMissing(it, "distinguishedName")})
			continue
		}
		listVs = append(listVs, identityViolations(dn, it, base)...)
		// Looked up anew, not taken from the lookups of the other checks:
		// the list alone says what this check expects.
		ex, stop, err := r.another(ctx, appgateInfoCall("session-info of listed session "+name, http.MethodGet, name, r.version, "Bearer "+r.token))
		if err != nil || stop != nil {
			return deref(stop), err
		}
		vs := statusViolations(ex, http.StatusOK, "200 OK: the name is listed as active")
		if vs == nil {
			if body, err := ex.object(); err != nil {
				vs = append(vs, Violation{In: "body", Expected: "a session-info body", Got: err.Error()})
			} else {
				vs = append(vs, sameIdentity(it, body)...)
			}
		}
		if len(vs) > 0 {
			bad++
		}
		ev = append(ev, r.evidence(ex, len(vs) == 0, vs...))
	}
	ev = append([]Evidence{r.evidence(listEx, len(listVs) == 0, capViolations(listVs)...)}, ev...)
	if len(listVs) > 0 || bad > 0 {
		return failed(fmt.Sprintf("%d of %s listed disagree with their name or their session-info",
			bad+min(len(listVs), 1), plural(len(items), "session", "sessions")), ev...), nil
	}
	return passed(fmt.Sprintf("all %s listed answer session-info with the identity listed", plural(len(items), "session", "sessions")), ev...), nil
}

// identityViolations compares an entry or body's identity fields, under
// base, with the name.
func identityViolations(dn appgate.DN, obj map[string]any, base []string) []Violation {
	var vs []Violation
	for _, w := range []struct{ key, want string }{
		{"deviceId", dn.DeviceUUID()}, {"username", dn.Username}, {"providerName", dn.Provider},
	} {
		got, ok := stringField(obj, w.key)
		if ok && (got == w.want || w.key == "deviceId" && strings.EqualFold(got, w.want)) {
			continue
		}
		vs = append(vs, Violation{In: "body", Pointer: openapi.JSONPointer(append(slices.Clone(base), w.key)),
			Expected: fmt.Sprintf("%q (from the DN)", w.want), Got: describeMissing(obj, w.key)})
	}
	return vs
}

// sameIdentity compares a session-info body with the list entry it was
// looked up for.
func sameIdentity(entry, body map[string]any) []Violation {
	var vs []Violation
	for _, key := range []string{"deviceId", "username", "providerName"} {
		want, _ := stringField(entry, key)
		got, ok := stringField(body, key)
		if ok && (got == want || key == "deviceId" && strings.EqualFold(got, want)) {
			continue
		}
		vs = append(vs, Violation{In: "body", Pointer: "/" + key, Expected: fmt.Sprintf("%q (as listed)", want), Got: describeMissing(body, key)})
	}
	return vs
}
