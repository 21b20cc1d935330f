// Package contracttest checks a server that claims to speak one of the vendor
// session APIs sessionmock imitates (Segura PAM Core's remote sessions or the
// Appgate SDP Controller's session-info) against the contract: the embedded
// OpenAPI documents of package openapi and the vendors' documented behaviour.
//
// Run points the suite at any server, a real appliance or a mock, and returns a
// Report: one Result per check, each with the HTTP exchanges it judged as
// evidence. Run prints nothing; rendering is the caller's business (the
// sessionmock contract command writes a terminal summary, JSON and JUnit XML).
//
// The suite is safe to point at production: besides GETs it sends only the token
// or login requests a client sends anyway (with the credentials given and with
// made-up ones for an account that does not exist), plus one TRACE request, a
// method RFC 9110 defines as safe, to see that an undocumented method is refused.
// Every request counts against a cap, is paced to a maximum rate and has a
// time-out, and redirects are followed only on the target's own host. Secrets
// (client secrets, passwords, tokens) never appear in a Report.
//
// The suite knows the vendors, not the mock: the only sessionmock-specific thing
// it does is ask GET /__mock/sessions for distinguished names to look up when
// none are given, and it skips the checks that need them when the target is not
// a sessionmock.
package contracttest
