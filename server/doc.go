// Package server is the sessionmock HTTP server: one chi router that
// answers Segura PAM Core's remote-session API and Appgate SDP's
// session-info API the way the real products do, from a seeded
// fixtures.World.
//
// Every route the server answers is described in the embedded OpenAPI
// documents (package openapi); requests are validated against them and
// every error a client can meet carries the vendor's own status and body.
//
// # The request pipeline
//
// A request passes through these steps, each in the file named:
//
//   - middleware.go, cors.go: every request is guarded against handler
//     panics (answered with the vendor's 500) and gets its CORS headers.
//   - routes.go: the route table, one entry per vendor route (its
//     wire.Route and its handler), from which the chi router is built;
//     /__mock/ goes to the admin API (admin.go, admin_faults.go; its
//     writes are guarded against other origins' pages by admin_guard.go;
//     each call is logged at debug level by requestlog.go), and paths no
//     route serves to the fallbacks (fallback.go).
//   - vendor_route.go: every vendor request, fallbacks included, gets an
//     exchange record, has its body read within the body time-out
//     (body.go, which the admin API shares) and then goes through the
//     fault decision.
//   - inject.go: the fault rules and the request's own preferences decide
//     on delay, injected status, broken answer (inject_break.go) or
//     bandwidth (throttle.go); a request they leave alone reaches its
//     handler.
//   - the handlers: segura_token.go, segura_sessions.go, appgate_version.go,
//     appgate_login.go, appgate_session_info.go, with version negotiation
//     in appgate_accept.go and tokens in tokens.go. Requests are validated
//     against the OpenAPI documents; answers are written by respond.go.
//   - errors.go: every error answer, whether a handler, an injected fault
//     or a fallback raises it, is made by one function from (vendor,
//     route, status, message).
//   - vendor_route.go's finish: when the answer is done (or dropped), the
//     exchange is recorded in the bounded request journal that GET
//     /__mock/requests reads, its credentials hidden first (journal.go,
//     redact.go), counted in the Prometheus metrics of GET
//     /__mock/metrics (metrics.go) and logged, one line at info level
//     (requestlog.go).
//
// # The configuration in effect
//
// Config is read once by New; Reload (reload.go) swaps, while the server
// runs, the parts that can change without a new server (credentials,
// start-up fault rules, the process description), all or nothing. GET
// /__mock/config (admin_config.go) shows the configuration in effect.
package server
