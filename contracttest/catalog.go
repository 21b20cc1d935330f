package contracttest

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/sessionmock/sessionmock/wire"
	"github.com/sessionmock/sessionmock/wire/appgate"
	"github.com/sessionmock/sessionmock/wire/segura"
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
	CheckTokenBasic            = "token-basic"
	CheckBadCredentials        = "bad-credentials"
	CheckMissingCredentials    = "missing-credentials"
	CheckInvalidToken          = "invalid-token"
	CheckMethodNotAllowed      = "method-not-allowed"
	CheckVersionDiscovery      = "version-discovery"
	CheckVersionEndpoint       = "version-endpoint"
	CheckAcceptVersion         = "accept-version"
	CheckPeerVersions          = "peer-versions"
	CheckAcceptJSON            = "accept-json"
	CheckUnknownDN             = "unknown-dn"
	CheckDNSpellings           = "dn-spellings"
	CheckSeguraTime            = "segura-time"
	CheckSeguraDates           = "segura-dates"
	CheckSeguraSessionID       = "segura-session-id"
	CheckSeguraRecordID        = "segura-record-id"
	CheckSeguraDevice          = "segura-device"
	CheckSeguraByID            = "segura-by-id"
	CheckSeguraUnknownID       = "segura-unknown-id"
	CheckSeguraDrop            = "segura-drop"
	CheckAppgateIdentity       = "appgate-identity"
	CheckAppgateAccess         = "appgate-access"
	CheckPrivilegeHonoured     = "privilege-honoured"
	CheckActiveSessionsPaging  = "active-sessions-paging"
	CheckActiveSessionsIdent   = "active-sessions-identity"
	CheckIdentityProviders     = "identity-providers"
	CheckSignIn                = "sign-in"
	CheckLogout                = "logout"
	CheckSeguraEnvelope        = "segura-envelope"
	CheckSeguraRelease         = "segura-release"
	CheckNoServerError         = "no-server-error"
	CheckStatusDocumented      = "status-documented"
	CheckContentTypeDocumented = "content-type-documented"
	CheckSchemaValid           = "schema-valid"
	CheckLatencyBudget         = "latency-budget"
)

// Checks returns the catalogue of checks in the order they run and are
// reported, for every vendor when vendor is "", else for that vendor.
func Checks(vendor string) []CheckInfo {
	both := []string{wire.Segura, wire.Appgate}
	seg := []string{wire.Segura}
	app := []string{wire.Appgate}
	all := []CheckInfo{
		{CheckTokenIssued, "Token issued for the credentials given",
			"The token endpoint (Segura: " + seguraTokenShown + ", client credentials in the form) or the login " +
				"(Appgate: " + loginShown + ") answers 200 with a bearer token in the documented fields " +
				"(Segura: token_type Bearer in any case, a positive expires_in, access_token; Appgate: token, and " +
				"expires in the future), and the API accepts that token. Skipped when a ready token is given.",
			both},
		{CheckTokenBasic, "Token issued for HTTP Basic credentials",
			"The token endpoint issues a token in the same documented fields when the client id and secret " +
				"come as HTTP Basic credentials instead of in the form, as some clients send them. Skipped when " +
				"a ready token is given.",
			seg},
		{CheckBadCredentials, "Bad credentials rejected",
			"Credentials of an account that does not exist are refused: Segura answers 401 (or 400) with " +
				"the OAuth error invalid_client, Appgate 401. A made-up account is used rather than a wrong " +
				"password for the real one, so that the run cannot lock a real account out.",
			both},
		{CheckMissingCredentials, "Missing credentials rejected the vendor's way",
			"A request without an Authorization header is refused as the vendor does: Segura's Kong " +
				"gateway answers 404 with its own body, message exactly \"" + segura.MsgKongNoRoute + "\" " +
				"(no route matches a request without the header), Appgate answers 401.",
			both},
		{CheckInvalidToken, "Invalid token rejected with 401",
			"A request with a well-formed bearer token that the server never issued gets 401.", both},
		{CheckMethodNotAllowed, "Undocumented method refused",
			"TRACE on the session route, which the documents declare for GET only, is refused: 405 " +
				"or 501, or for Segura Kong's 404, since Kong routes on the method. TRACE is the one " +
				"request the suite sends that no client sends: RFC 9110 defines it as safe, so a server " +
				"that implements it only echoes the request and changes nothing, where a refused PUT, PATCH " +
				"or DELETE would change data on a server that accepts it. A 501 is a refusal for every check " +
				"that sees it, and a refusal's body is judged only when it is labelled JSON.",
			both},
		{CheckVersionDiscovery, "API version discovered the way the vendor's tools do",
			loginShown + " with Accept: " + appgate.PeerMediaType(probeVersion) + " (a version far too old, " +
				"sent on purpose) answers 406 with integer minSupportedVersion <= maxSupportedVersion, and the " +
				"version then used, maxSupportedVersion or the one given, is accepted by the login and the " +
				"session lookups (no 406).",
			app},
		{CheckVersionEndpoint, "Version endpoint agrees with the 406",
			versionShown + " without a token and with Accept: application/json answers 200 with integer " +
				"peerVersion and lowestPeerVersionSupported, lowest <= peer, the same range as the 406 names " +
				"(maxSupportedVersion = peerVersion, minSupportedVersion = lowestPeerVersionSupported).",
			app},
		{CheckAcceptVersion, "Version outside the range refused with 406",
			"Session-info with Accept: the version just above the advertised range (" + appgate.PeerMediaType(probeVersion) +
				" when no range is known) gets 406 with a body naming integer minSupportedVersion and " +
				"maxSupportedVersion, min <= max.",
			app},
		{CheckPeerVersions, "Every version of the range accepted",
			"Session-info answers every peer version of the advertised range (at most the " +
				strconv.Itoa(maxPeerVersions) + " newest) as it answers the version used: the same status, never 406.",
			app},
		{CheckAcceptJSON, "Plain application/json refused with 406",
			"Session-info with Accept: application/json gets 406: the Admin API demands the versioned peer " +
				"media type on every call but " + versionShown + ".",
			app},
		{CheckUnknownDN, "Unknown distinguished name gets 404",
			sessionInfoShown + " for a well-formed name of a device and user that do " +
				"not exist gets 404.",
			app},
		{CheckDNSpellings, "Every spelling of a distinguished name gives the same session",
			"For one DN with a session, session-info answers 200 with the same body (as JSON: key order and " +
				"white space aside) whether the name comes with raw commas (as curl users send it), with %2C " +
				"(as the official client escapes it), fully percent-encoded, with lower-case attribute names " +
				"(cn=, ou=) or with the device id dashed.",
			app},
		{CheckSeguraTime, "Session time is end minus start",
			"In every remote session judged, time (HH:MM:SS) equals end - start (YYYY-MM-DD HH:MM:SS) and end " +
				"is not before start. Records whose fields are missing or malformed are left to schema-valid " +
				"and segura-dates.",
			seg},
		{CheckSeguraDates, "Start and end are real dates and times",
			"Every start and end is a real calendar date and time of day as YYYY-MM-DD HH:MM:SS (no 2024-02-30, " +
				"no 24:00:00), and every time is HH:MM:SS with minutes and seconds below 60.",
			seg},
		{CheckSeguraSessionID, "Session ids are 40 lowercase hex characters and unique",
			"Every remote session has a session_id of 40 lowercase hexadecimal characters, and no two " +
				"sessions share one (Segura generates a new one for every session).",
			seg},
		{CheckSeguraRecordID, "Record ids are unique",
			"Every remote session's id is a string of digits, and no two records of the list share one.",
			seg},
		{CheckSeguraDevice, "Device is host:port with a valid port",
			"Every remote session's device is a host name or address followed by :port, with a port " +
				"between 1 and 65535. A port other than the protocol's usual one is allowed: appliances " +
				"reach devices on whatever port they listen on.",
			seg},
		{CheckSeguraByID, "One session by its id",
			oneSessionShown + " for the id of the first record of the list answers 200 with " +
				"remote_session, an array holding one record, the listed one: every field the list gives it " +
				"has the same value.",
			seg},
		{CheckSeguraUnknownID, "Unknown session id gets 400/1002",
			oneSessionShown + " for an id no listed record has answers 400 with the message \"" + msgUnknownID +
				"\" and an exception block {\"code\": 1002, \"message\": \"" + msgUnknownID + "\", \"detail\": null}.",
			seg},
		{CheckSeguraDrop, "Dropping a session (a write, only when asked)",
			"With --allow-writes --drop SESSION_ID only: " + dropShown + " answers 200 with the success envelope, " +
				"message \"" + msgDropped + "\" (release 3: \"" + msgDroppedLegacy + "\"). Skipped otherwise: the " +
				"suite changes nothing unless told which session to end.",
			seg},
		{CheckAppgateIdentity, "Session identity agrees with the distinguished name",
			"For every DN looked up, the body's deviceId is the DN's device id (with dashes), and " +
				"username and providerName are the DN's username and provider; all three must be present.",
			app},
		{CheckAppgateAccess, "Entitlement access agrees with its conditions",
			"In every entitlement of every Gateway, access is true exactly when the condition results " +
				"allow it: all true for conditionLogic \"and\", at least one true for \"or\". Entitlements " +
				"without condition results or logic are not judged.",
			app},
		{CheckPrivilegeHonoured, "Privileges the login lists are honoured",
			"When the login answer lists a SessionInfo privilege (type View or All, target SessionInfo or All), " +
				"session-info does not refuse the token with 403. Skipped when the login lists none (a 403 then " +
				"stops the run: the account lacks the privilege) or a ready token is given.",
			app},
		{CheckActiveSessionsPaging, "Active sessions page as their range says",
			activeShown + " paged with range=FIRST-LAST (up to three pages): each page answers 200 with " +
				"totalCount and range FIRST-LAST/COUNT that agree with each other, with the page asked for and " +
				"with the entries sent; totalCount is the same on every page and no name is listed twice.",
			app},
		{CheckActiveSessionsIdent, "Listed sessions answer session-info",
			"Every entry of the first page of active sessions has a distinguishedName whose device id, username " +
				"and provider are the entry's deviceId, username and providerName, and session-info of that name " +
				"answers 200 with the same three.",
			app},
		{CheckIdentityProviders, "Identity providers listed without a token",
			providersShown + " without an Authorization header answers 200 with data, a list of providers " +
				"that names the provider the suite signs in with.",
			app},
		{CheckSignIn, "Two-step sign-in of the vendor's CLI",
			authenticationShown + " with peer-v5 answers 406 with the range the login's 406 names; with the " +
				"credentials it answers 200 with a token; " + authorizationShown + " with that token answers 200 " +
				"with the final token, which session-info accepts; the sign-in is then logged out. A 412 (a " +
				"one-time password is needed) skips the rest. Skipped when a ready token is given.",
			app},
		{CheckLogout, "Logout revokes the suite's token",
			"Last of the checks that send requests: " + logoutShown + " with the token of the suite's own login " +
				"answers 204, and session-info with that token is then refused with 401. Skipped when a ready " +
				"token is given: the suite does not revoke a token it was lent.",
			app},
		{CheckSeguraEnvelope, "Envelope flags agree with each other and the status",
			"In every answer in the appliance's envelope, code and response.status are the HTTP status; error " +
				"and erro are true exactly for an error status; error_code equals cod_erro, is 0 in a 200 and is " +
				"not 0 in an error.",
			seg},
		{CheckSeguraRelease, "Answers have the shapes of the release",
			"Release 4 (the default): every successful answer names the tenant \"" + segura.Tenant + "\". Release 3 " +
				"(--segura-release 3): the tenant is \"" + segura.LegacyTenant + "\" or absent; the envelope may lack " +
				"code, error_code, detail and cod_erro, which schema-valid and segura-envelope then pass over, and nothing else.",
			seg},
		{CheckNoServerError, "No server error",
			"Every request gets an HTTP answer within the time-out, and none is a 5xx (but a 501 refusing TRACE).", both},
		{CheckStatusDocumented, "Status code documented",
			"Every answer to a documented operation has a status code the OpenAPI document lists for it.",
			both},
		{CheckContentTypeDocumented, "Content type documented",
			"Every answer that has a body is labelled with a documented media type; any JSON media type " +
				"(application/json, application/vnd.appgate.peer-vNN+json), with or without parameters, counts " +
				"as the documented application/json.",
			both},
		{CheckSchemaValid, "Body valid against the schema",
			"Every body is valid against the schema the OpenAPI document gives for its operation and " +
				"status (error answers to undocumented requests against the vendor's error shapes); each " +
				"violation is reported with its JSON pointer and what was expected. A body beyond the suite's " +
				"bounds fails, saying which.",
			both},
		{CheckLatencyBudget, "Answers within the latency budget",
			"Every answer arrives within the latency budget. Skipped unless a budget is set.", both},
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
