package contracttest

import (
	"fmt"
	"slices"
	"strings"

	"github.com/sessionmock/sessionmock/wire"
	"github.com/sessionmock/sessionmock/wire/appgate"
)

// CheckInfo describes one check of the suite.
type CheckInfo struct {
	// ID is stable, kebab-case and what Options.Checks and Options.Skip take.
	ID          string   `json:"id"`
	Title       string   `json:"title"`
	Description string   `json:"description"`
	Vendors     []string `json:"vendors"`
}

// The check IDs.
const (
	CheckTokenIssued           = "token-issued"
	CheckBadCredentials        = "bad-credentials"
	CheckMissingCredentials    = "missing-credentials"
	CheckInvalidToken          = "invalid-token"
	CheckMethodNotAllowed      = "method-not-allowed"
	CheckAcceptVersion         = "accept-version"
	CheckUnknownDN             = "unknown-dn"
	CheckSeguraTime            = "segura-time"
	CheckSeguraSessionID       = "segura-session-id"
	CheckSeguraDevice          = "segura-device"
	CheckAppgateIdentity       = "appgate-identity"
	CheckAppgateAccess         = "appgate-access"
	CheckNoServerError         = "no-server-error"
	CheckStatusDocumented      = "status-documented"
	CheckContentTypeDocumented = "content-type-documented"
	CheckSchemaValid           = "schema-valid"
	CheckLatencyBudget         = "latency-budget"
)

// Checks returns the catalogue of checks in the order they run and are
// reported, for every vendor when vendor is "", else for that vendor.
func Checks(vendor string) []CheckInfo {
	both := func() []string { return []string{wire.Segura, wire.Appgate} }
	all := []CheckInfo{
		{CheckTokenIssued, "Token issued for the credentials given",
			"The token endpoint (Segura: " + seguraTokenShown + ", client credentials) or the login " +
				"(Appgate: " + loginShown + ") answers 200 with a bearer token in the documented fields " +
				"(Segura: token_type Bearer, a positive expires_in, access_token; Appgate: token, and " +
				"expires in the future), and the API accepts that token. Skipped when a ready token is given.",
			both()},
		{CheckBadCredentials, "Bad credentials rejected",
			"Credentials of an account that does not exist are refused: Segura answers 401 (or 400) with " +
				"the OAuth error invalid_client, Appgate 401. A made-up account is used rather than a wrong " +
				"password for the real one, so that the run cannot lock a real account out.",
			both()},
		{CheckMissingCredentials, "Missing credentials rejected the vendor's way",
			"A request without an Authorization header is refused as the vendor does: Segura's Kong " +
				"gateway answers 404 with its own {\"message\"} body (no route matches a request without " +
				"the header), Appgate answers 401.",
			both()},
		{CheckInvalidToken, "Invalid token rejected with 401",
			"A request with a well-formed bearer token that the server never issued gets 401.", both()},
		{CheckMethodNotAllowed, "Undocumented method refused",
			"TRACE on the session route, which the documents declare for GET only, is refused: 405 " +
				"(or 501), or for Segura Kong's 404, since Kong routes on the method. TRACE is the one " +
				"request besides GET and the token or login calls that the suite sends: RFC 9110 defines " +
				"it as safe, so a server that implements it only echoes the request and changes nothing, " +
				"where a refused PUT, PATCH, POST or DELETE would change data on a server that accepts it.",
			both()},
		{CheckAcceptVersion, "Unsupported API version refused with 406",
			"A request with Accept: " + appgate.PeerMediaType(probeVersion) + " gets 406 and a body naming " +
				"minSupportedVersion and maxSupportedVersion, integers with min <= max, between which " +
				"lies the version the other requests use.",
			[]string{wire.Appgate}},
		{CheckUnknownDN, "Unknown distinguished name gets 404",
			sessionInfoShown + " for a well-formed name of a device and user that do " +
				"not exist gets 404.",
			[]string{wire.Appgate}},
		{CheckSeguraTime, "Session time is end minus start",
			"In every remote session, time (HH:MM:SS) equals end - start (YYYY-MM-DD HH:MM:SS) and end " +
				"is not before start. Records whose fields are missing or malformed are left to schema-valid.",
			[]string{wire.Segura}},
		{CheckSeguraSessionID, "Session ids are 40 lowercase hex characters and unique",
			"Every remote session has a session_id of 40 lowercase hexadecimal characters, and no two " +
				"sessions share one (Segura generates a new one for every session).",
			[]string{wire.Segura}},
		{CheckSeguraDevice, "Device is host:port with a valid port",
			"Every remote session's device is a host name or address followed by :port, with a port " +
				"between 1 and 65535. A port other than the protocol's usual one is allowed: appliances " +
				"reach devices on whatever port they listen on.",
			[]string{wire.Segura}},
		{CheckAppgateIdentity, "Session identity agrees with the distinguished name",
			"For every DN looked up, the body's deviceId is the DN's device id (with dashes), and " +
				"username and providerName are the DN's username and provider; all three must be present.",
			[]string{wire.Appgate}},
		{CheckAppgateAccess, "Entitlement access agrees with its conditions",
			"In every entitlement of every Gateway, access is true exactly when the condition results " +
				"allow it: all true for conditionLogic \"and\", at least one true for \"or\". Entitlements " +
				"without condition results or logic are not judged.",
			[]string{wire.Appgate}},
		{CheckNoServerError, "No server error",
			"Every request gets an HTTP answer within the time-out, and none is a 5xx.", both()},
		{CheckStatusDocumented, "Status code documented",
			"Every answer to a documented operation has a status code the OpenAPI document lists for it.",
			both()},
		{CheckContentTypeDocumented, "Content type documented",
			"Every answer that has a body is labelled with a documented media type; any JSON media type " +
				"(application/json, application/vnd.appgate.peer-vNN+json) counts as the documented " +
				"application/json.",
			both()},
		{CheckSchemaValid, "Body valid against the schema",
			"Every body is valid against the schema the OpenAPI document gives for its operation and " +
				"status (answers to undocumented requests against the vendor's error shapes); each " +
				"violation is reported with its JSON pointer and what was expected.",
			both()},
		{CheckLatencyBudget, "Answers within the latency budget",
			"Every answer arrives within the latency budget. Skipped unless a budget is set.", both()},
	}
	if vendor == "" {
		return all
	}
	var out []CheckInfo
	for _, c := range all {
		if slices.Contains(c.Vendors, vendor) {
			out = append(out, c)
		}
	}
	return out
}

// selectChecks applies Options.Checks and Options.Skip to the catalogue of vendor.
func selectChecks(vendor string, only, skip []string) ([]CheckInfo, error) {
	known := map[string]CheckInfo{}
	for _, c := range Checks("") {
		known[c.ID] = c
	}
	for _, list := range [][]string{only, skip} {
		for _, id := range list {
			c, ok := known[id]
			if !ok {
				return nil, usageErr(fmt.Sprintf("unknown check %q (the checks are %s)", id, checkIDs(vendor)))
			}
			if !slices.Contains(c.Vendors, vendor) {
				return nil, usageErr(fmt.Sprintf("check %q applies to %s only, not %s",
					id, strings.Join(c.Vendors, " and "), vendor))
			}
		}
	}
	var out []CheckInfo
	for _, c := range Checks(vendor) {
		if (len(only) == 0 || slices.Contains(only, c.ID)) && !slices.Contains(skip, c.ID) {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		return nil, usageErr("no check left to run after --checks and --skip")
	}
	return out, nil
}

func checkIDs(vendor string) string {
	var ids []string
	for _, c := range Checks(vendor) {
		ids = append(ids, c.ID)
	}
	return strings.Join(ids, ", ")
}
