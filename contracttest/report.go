package contracttest

import (
	"encoding/json"
	"fmt"
	"math"
	"time"
)

// ReportFormat names the layout of a Report's JSON encoding. It changes only
// when a field is removed or changes meaning; new fields may appear without it.
const ReportFormat = "sessionmock-contract-report/1"

// Status is the outcome of one check.
type Status string

// The outcomes of a check.
const (
	Passed  Status = "passed"
	Failed  Status = "failed"
	Skipped Status = "skipped"
)

// Report is what Run found out about one server. Its JSON encoding is the
// suite's machine-readable report (documented in docs/contract.md).
type Report struct {
	Format  string `json:"format"`
	Vendor  string `json:"vendor"`
	BaseURL string `json:"base_url"`
	// APIVersion is the Appgate peer API version the checks used, and
	// APIVersionSource where it came from: "given", "406" (the answer to a
	// deliberately unsupported version) or "version" (GET /version).
	APIVersion       int    `json:"api_version,omitempty"`
	APIVersionSource string `json:"api_version_source,omitempty"`
	// SeguraRelease is the Segura release whose shapes the answers were
	// held to: 4, or 3 (senhasegura).
	SeguraRelease int       `json:"segura_release,omitempty"`
	StartedAt     time.Time `json:"started_at"`
	Duration      Duration  `json:"duration_ms"`
	// Requests counts every request sent, redirects and discovery included.
	Requests int `json:"requests"`
	// BytesRead counts the response body bytes read.
	BytesRead int64 `json:"bytes_read"`
	// Notes say how the run was set up (discovered version, DNs, tokens).
	Notes   []string `json:"notes,omitempty"`
	Summary Summary  `json:"summary"`
	Checks  []Result `json:"checks"`
}

// Summary counts the results by status.
type Summary struct {
	Total   int `json:"total"`
	Passed  int `json:"passed"`
	Failed  int `json:"failed"`
	Skipped int `json:"skipped"`
}

// Failed reports whether any check failed.
func (r Report) Failed() bool { return r.Summary.Failed > 0 }

// Result is the outcome of one check.
type Result struct {
	ID          string `json:"id"`
	Title       string `json:"title"`
	Description string `json:"description"`
	Status      Status `json:"status"`
	// Reason says in one line why the check failed or was skipped, or what it
	// established when it passed.
	Reason   string     `json:"reason"`
	Duration Duration   `json:"duration_ms"`
	Evidence []Evidence `json:"evidence"`
}

// Evidence is one HTTP exchange a check judged.
type Evidence struct {
	// Purpose says why the request was sent ("list remote sessions").
	Purpose     string   `json:"purpose"`
	Request     Request  `json:"request"`
	Status      int      `json:"status,omitempty"`
	ContentType string   `json:"content_type,omitempty"`
	Duration    Duration `json:"duration_ms"`
	// Error is set when no answer came (time-out, connection reset...).
	Error string `json:"error,omitempty"`
	// Note says something else worth knowing: a redirect that was not
	// followed, a body too long to read whole.
	Note string `json:"note,omitempty"`
	// OK is false when this exchange is why the check failed.
	OK         bool        `json:"ok"`
	Violations []Violation `json:"violations,omitempty"`
	// BodyBytes is the size of the response body; Body an excerpt of it, kept
	// only when OK is false.
	BodyBytes int    `json:"body_bytes"`
	Body      string `json:"body,omitempty"`
}

// Request describes a request that was sent, secrets redacted.
type Request struct {
	Method  string            `json:"method"`
	URL     string            `json:"url"`
	Headers map[string]string `json:"headers,omitempty"`
	Body    string            `json:"body,omitempty"`
}

// Violation is one way an exchange departs from the contract.
type Violation struct {
	// In is where the problem is: "status", "header", "body" or "transport".
	In string `json:"in"`
	// Pointer is the RFC 6901 JSON pointer of the offending value when In is
	// "body" ("" is the whole body); the header name when In is "header".
	Pointer  string `json:"pointer"`
	Expected string `json:"expected"`
	Got      string `json:"got"`
}

func (v Violation) String() string {
	where := v.In
	switch {
	case v.In == "body" && v.Pointer == "":
		where = "body"
	case v.In == "body":
		where = v.Pointer
	case v.Pointer != "":
		where = v.In + " " + v.Pointer
	}
	return fmt.Sprintf("%s: expected %s, got %s", where, v.Expected, v.Got)
}

// Duration is a time.Duration that encodes in JSON as milliseconds, with
// microsecond precision.
type Duration time.Duration

// MarshalJSON encodes d as a number of milliseconds.
func (d Duration) MarshalJSON() ([]byte, error) {
	ms := math.Round(float64(d)/float64(time.Microsecond)) / 1000
	return json.Marshal(ms)
}

// UnmarshalJSON decodes a number of milliseconds.
func (d *Duration) UnmarshalJSON(b []byte) error {
	var ms float64
	if err := json.Unmarshal(b, &ms); err != nil {
		return fmt.Errorf("duration: want milliseconds as a number: %w", err)
	}
	*d = Duration(math.Round(ms * float64(time.Millisecond)))
	return nil
}

// Std returns d as a time.Duration.
func (d Duration) Std() time.Duration { return time.Duration(d) }
