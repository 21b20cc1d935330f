// Package console is the mock's page in the browser, served at
// /__mock/ui/ on the mock's own listener: the sessions of both vendors
// (searched and paged by the server), the request journal as it happens,
// the fault rules with presets and a form, and the clock.
//
// The page is plain HTML, CSS and JavaScript modules embedded in the
// binary: no build step, and nothing fetched from anywhere but the mock
// itself, which its Content-Security-Policy enforces. It talks to the
// admin API under /__mock/ (JSON, and server-sent events from
// /__mock/events), sending the admin token as a bearer token once the
// user has given it.
package console
