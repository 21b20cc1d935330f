package server

import (
	"errors"
	"fmt"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// listField is a field of an entry of the active-session list, by which the
// list can be ordered, searched and filtered.
type listField int

const (
	fieldDistinguishedName listField = iota
	fieldDeviceID
	fieldUsername
	fieldProviderName
	fieldGeoIPLatitude
	fieldGeoIPLongitude
	fieldHostname
	fieldOSFamily
	fieldOSName
	fieldOSParent
	fieldClientVersion
	fieldClientType
	fieldClientSupport
	numListFields
)

// listFieldNames are the fields' names on the wire, in the entries' order.
var listFieldNames = [numListFields]string{
	"distinguishedName", "deviceId", "username", "providerName", "geoIpLatitude", "geoIpLongitude",
	"hostname", "osFamily", "osName", "osParent", "clientVersion", "clientType", "clientSupport",
}

func (f listField) String() string { return listFieldNames[f] }

// numeric reports whether the field is a number (the GeoIP coordinates).
func (f listField) numeric() bool { return f == fieldGeoIPLatitude || f == fieldGeoIPLongitude }

// lookupListField finds a field by name, in any case.
func lookupListField(name string) (listField, bool) {
	for f, n := range listFieldNames {
		if strings.EqualFold(n, name) {
			return listField(f), true
		}
	}
	return 0, false
}

// Bounds of what one list request may ask for. The list is searched once per
// page for every client, so these bound the work a request costs.
const (
	maxListQueries = 32
	maxListFilters = 32
	maxListValue   = 256 // bytes of one query or filter value
)

// listParams is what a request to GET /admin/stats/active-sessions/dn asks
// for. The vendor documents no error for these parameters, so a value that
// cannot be read is ignored (and said so in ignored), never refused; only
// more than the bounds allow is refused.
type listParams struct {
	hasRange    bool
	first, last int // ranks, inclusive, when hasRange
	orderBy     listField
	desc        bool
	// queries are the free-text searches, as sent; lowered are the same in
	// lower case. An entry must contain each in one of its text fields.
	queries, lowered []string
	filters          []listFilter
	ignored          []string
}

// listFilter asks that field contain value, in any case.
type listFilter struct {
	field   listField
	value   string
	lowered string
}

// listParamNames are the query parameters that are not filters.
var listParamNames = []string{"query", "range", "orderBy", "descending", "filterBy", "geolocationQuery"}

// errListBounds is wrapped by the errors for requests beyond the bounds.
var errListBounds = errors.New("too much asked of the list")

// parseListParams reads the list's query parameters. filterBy is a
// form-exploded map, so each filter is a parameter named after its field
// (providerName=ldap); filterBy[providerName]=ldap is read too. What the
// official v22 Go client sends for filterBy and geolocationQuery (the Go
// text of a map or a struct) names no field and is ignored, as is any
// geolocationQuery.
func parseListParams(q url.Values) (listParams, error) {
	p := listParams{orderBy: fieldDistinguishedName}
	if v, ok := q["range"]; ok && len(v) > 0 {
		first, last, err := parseListRange(v[0])
		if err != nil {
			p.ignored = append(p.ignored, err.Error())
		} else {
			p.hasRange, p.first, p.last = true, first, last
		}
	}
	if v, ok := q["orderBy"]; ok && len(v) > 0 {
		if f, ok := lookupListField(v[0]); ok {
			p.orderBy = f
		} else {
			p.ignored = append(p.ignored, fmt.Sprintf("orderBy %q: no such field (fields: %s)", v[0], strings.Join(listFieldNames[:], ", ")))
		}
	}
	if v, ok := q["descending"]; ok && len(v) > 0 {
		switch strings.ToLower(v[0]) {
		case "true":
			p.desc = true
		case "false":
		default:
			p.ignored = append(p.ignored, fmt.Sprintf("descending %q: want true or false", v[0]))
		}
	}
	for _, v := range q["query"] {
		if v == "" {
			continue
		}
		if len(p.queries) == maxListQueries {
			return listParams{}, fmt.Errorf("%w: more than %d query parameters", errListBounds, maxListQueries)
		}
		if len(v) > maxListValue {
			return listParams{}, fmt.Errorf("%w: a query of %d bytes (at most %d)", errListBounds, len(v), maxListValue)
		}
		p.queries = append(p.queries, v)
		p.lowered = append(p.lowered, strings.ToLower(v))
	}
	if p.queries == nil {
		p.queries, p.lowered = []string{}, []string{}
	}
	for name, values := range q {
		if slices.Contains(listParamNames, name) {
			if name == "filterBy" || name == "geolocationQuery" {
				p.ignored = append(p.ignored, fmt.Sprintf("%s %q: not a form-exploded object", name, values[0]))
			}
			continue
		}
		field := name
		if inner, ok := strings.CutPrefix(name, "filterBy["); ok && strings.HasSuffix(inner, "]") {
			field = strings.TrimSuffix(inner, "]")
		}
		f, ok := lookupListField(field)
		if !ok {
			continue // not a field: some other parameter, not for the list
		}
		for _, v := range values {
			if len(p.filters) == maxListFilters {
				return listParams{}, fmt.Errorf("%w: more than %d filters", errListBounds, maxListFilters)
			}
			if len(v) > maxListValue {
				return listParams{}, fmt.Errorf("%w: a filter value of %d bytes (at most %d)", errListBounds, len(v), maxListValue)
			}
			p.filters = append(p.filters, listFilter{field: f, value: v, lowered: strings.ToLower(v)})
		}
	}
	// Map order is random; the answer echoes the filters, so sort them.
	slices.SortFunc(p.filters, func(a, b listFilter) int {
		if a.field != b.field {
			return int(a.field) - int(b.field)
		}
		return strings.Compare(a.value, b.value)
	})
	slices.Sort(p.ignored)
	return p, nil
}

// maxRank caps the numbers of a range: beyond any collection, and far from
// overflowing when one is added.
const maxRank = math.MaxInt32

// parseListRange reads a range "3-10": the entries from the 3rd to the 10th,
// counted from 0, both included.
func parseListRange(s string) (first, last int, err error) {
	a, b, ok := strings.Cut(s, "-")
	if !ok {
		return 0, 0, fmt.Errorf("range %q: want FIRST-LAST, as in 0-9", s)
	}
	if first, err = parseRank(a); err != nil {
		return 0, 0, fmt.Errorf("range %q: first: %v", s, err)
	}
	if last, err = parseRank(b); err != nil {
		return 0, 0, fmt.Errorf("range %q: last: %v", s, err)
	}
	if last < first {
		return 0, 0, fmt.Errorf("range %q: last %d is before first %d", s, last, first)
	}
	return first, last, nil
}

func parseRank(s string) (int, error) {
	if s == "" {
		return 0, errors.New("missing")
	}
	if strings.TrimLeft(s, "0123456789") != "" {
		return 0, fmt.Errorf("%q is not a non-negative integer", s)
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n > maxRank {
		return maxRank, nil // digits only: too large to matter
	}
	return int(n), nil
}

// formatListRange writes the range an answer holds, "first-last/count";
// an empty page is "0-0/count", as the controller shows an empty list.
func formatListRange(first, last, count int) string {
	if last < first {
		first, last = 0, 0
	}
	return strconv.Itoa(first) + "-" + strconv.Itoa(last) + "/" + strconv.Itoa(count)
}
