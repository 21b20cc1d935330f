package contracttest

import (
	"bytes"
	"cmp"
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"
)

// maxExcerpt bounds the body excerpt kept in the evidence of a failure.
const maxExcerpt = 2048

// call is a request the suite is about to send.
type call struct {
	purpose string
	method  string
	// path is the absolute path the vendor's document and the wire
	// packages spell, already escaped; the base URL takes its place up to
	// the document's base path. absolute replaces the base URL and path
	// altogether (discovery on the target's origin).
	path     string
	absolute string
	header   http.Header
	body     []byte
	// shownBody is the body as the report shows it (secrets replaced).
	shownBody string
	// contract marks requests to the vendor API, which the response-level
	// checks judge; discovery on /__mock is not one.
	contract bool
	// methodProbe marks the request with a method the route does not
	// document: a refusal's 501 is no server error, and a refusal's body
	// is judged only when it is labelled JSON.
	methodProbe bool
}

// exchange is a call and what came back.
type exchange struct {
	call
	url     string
	docPath string // the path as the OpenAPI document spells it, escaped
	status  int
	header  http.Header
	// body is the kept document of the answer (see jsonscan.go): the JSON
	// body without white space and with long arrays cut. It is nil when
	// there was no body, when the body is not JSON or beyond the suite's
	// bounds, and once it has been released to keep the run's memory
	// bounded.
	body []byte
	// scan says what reading the body found (its size, syntax, bounds).
	scan scanned
	// head is the start of the body as it came, for the evidence.
	head     []byte
	released bool
	duration time.Duration
	err      error
	// note records something the evidence should say (a redirect not followed).
	note string
	// verdicts memoizes the response-level rules, judged on arrival.
	verdicts map[string]verdict
}

// verdict is what one response-level rule said about one exchange.
type verdict struct {
	applies bool
	vs      []Violation
}

// hasBody reports whether the answer had a body at all.
func (ex *exchange) hasBody() bool { return ex.scan.size > 0 }

// object decodes the kept document as one JSON object, or says why there
// is none.
func (ex *exchange) object() (map[string]any, error) {
	switch {
	case ex.scan.syntax != "":
		return nil, fmt.Errorf("not JSON: %s", ex.scan.syntax)
	case ex.scan.bound != "":
		return nil, fmt.Errorf("beyond the suite's bounds: %s", ex.scan.bound)
	case ex.released:
		return nil, errReleased
	case !ex.hasBody():
		return nil, errors.New("an empty body")
	}
	return decodeObject(ex.body)
}

var errReleased = fmt.Errorf("not kept: the answers kept for judging reached the run's bound of %d MiB", maxRetainedBytes>>20)

// answered reports whether an HTTP answer came back.
func (ex *exchange) answered() bool { return ex.err == nil && ex.status != 0 }

// skipReason, for an exchange that was never sent, says why.
func (ex *exchange) skipReason() (string, bool) {
	switch {
	case errors.Is(ex.err, errBudget):
		return ex.err.Error() + " (raise it with --max-requests)", true
	case errors.Is(ex.err, errDeadline) && errors.Is(ex.err, context.Canceled):
		return "the run was stopped before this request", true
	case errors.Is(ex.err, errDeadline):
		return "the run's deadline passed before this request (raise it with --deadline)", true
	}
	return "", false
}

var errDeadline = errors.New("deadline of the run passed")

// send performs c. The error is non-nil only when the run must stop: the
// very first request got no answer, so the server cannot be reached at all.
func (r *runner) send(ctx context.Context, c call) (*exchange, error) {
	ex := &exchange{call: c}
	ex.url = r.base.String() + strings.TrimPrefix(c.path, r.docBase)
	ex.docPath = c.path
	if c.absolute != "" {
		ex.url = c.absolute
	}
	if ctx.Err() != nil {
		ex.err = fmt.Errorf("%w: %w", errDeadline, ctx.Err())
		r.record(ex)
		return ex, nil
	}
	rctx, cancel := context.WithTimeout(ctx, r.o.Timeout)
	defer cancel()
	var body io.Reader
	if c.body != nil {
		body = bytes.NewReader(c.body)
	}
	req, err := http.NewRequestWithContext(rctx, c.method, ex.url, body)
	if err != nil {
		ex.err = err
		r.record(ex)
		return ex, nil
	}
	for k, vs := range c.header {
		req.Header[k] = vs
	}
	if req.Header.Get("User-Agent") == "" {
		req.Header.Set("User-Agent", "sessionmock-contract")
	}
	start := r.o.Now()
	r.releaseEphemeral()
	resp, err := r.client.Do(req)
	if err == nil {
		ex.status = resp.StatusCode
		ex.header = resp.Header
		err = r.readBody(ex, resp.Body)
		_ = resp.Body.Close()
		if loc := resp.Header.Get("Location"); resp.StatusCode >= 300 && resp.StatusCode < 400 && loc != "" {
			ex.note = "redirect to " + loc + " not followed: only redirects on the target's own scheme and host are"
		}
	}
	ex.duration = r.o.Now().Sub(start)
	switch {
	case err == nil:
	case errors.Is(err, errBudget):
		ex.err = err
	case ctx.Err() != nil:
		ex.err = fmt.Errorf("%w: %w", errDeadline, ctx.Err())
	case rctx.Err() != nil, isTimeout(err):
		ex.err = fmt.Errorf("no complete answer within the time-out of %v", r.o.Timeout)
	default:
		ex.err = err
	}
	r.record(ex)
	r.arrive(ctx, ex)
	if ex.err != nil && !r.contacted && c.contract {
		if _, skipped := ex.skipReason(); !skipped {
			return ex, &runError{kind: ErrConnection, err: ex.err,
				msg: fmt.Sprintf("cannot reach %s: %s", ex.url, r.red.str(describeTransportError(ex.err)))}
		}
	}
	if ex.answered() {
		r.contacted = true
	}
	return ex, nil
}

func (r *runner) record(ex *exchange) {
	if ex.contract {
		r.exchanges = append(r.exchanges, ex)
	}
}

// readBody reads at most Options.MaxBodyBytes of b through the scanner,
// which keeps what the checks may judge and counts the rest.
func (r *runner) readBody(ex *exchange, b io.Reader) error {
	sc := newJSONScanner()
	buf := make([]byte, 32<<10)
	limit := r.o.MaxBodyBytes
	var n int64
	truncated := false
	var rerr error
	for !truncated {
		k, err := b.Read(buf)
		if k > 0 {
			chunk := buf[:k]
			if n+int64(k) > limit {
				chunk, truncated = chunk[:limit-n], true
			}
			if room := maxExcerpt + 4 - len(ex.head); room > 0 {
				ex.head = append(ex.head, chunk[:min(room, len(chunk))]...)
			}
			_, _ = sc.Write(chunk)
			n += int64(len(chunk))
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			rerr = err
			break
		}
	}
	ex.scan = sc.finish(truncated)
	ex.body, ex.scan.kept = ex.scan.kept, nil
	r.stats.add(ex)
	r.retain(ex)
	return rerr
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// describeTransportError words a transport failure for a person, with a hint
// where there is an obvious fix.
func describeTransportError(err error) string {
	var unknownAuthority x509.UnknownAuthorityError
	var hostname x509.HostnameError
	var invalid x509.CertificateInvalidError
	msg := err.Error()
	var ue *url.Error
	if errors.As(err, &ue) {
		msg = ue.Err.Error()
	}
	switch {
	case errors.As(err, &unknownAuthority), errors.As(err, &invalid):
		return msg + " (trust its CA with --ca-cert FILE, or skip verification with --insecure)"
	case errors.As(err, &hostname):
		return msg + " (the certificate is for another name; --insecure skips the check)"
	case strings.Contains(msg, "server gave HTTP response to HTTPS client"):
		return msg + " (the server speaks plain HTTP: use an http:// base URL)"
	}
	return msg
}

// evidence turns ex into report evidence. The body excerpt is kept only
// when the exchange is why a check failed.
func (r *runner) evidence(ex *exchange, ok bool, vs ...Violation) Evidence {
	e := Evidence{
		Purpose: ex.purpose,
		Request: Request{
			Method: ex.method,
			URL:    ex.url,
			Body:   ex.shownBody,
		},
		Status:     ex.status,
		Duration:   Duration(ex.duration),
		OK:         ok,
		Violations: vs,
		BodyBytes:  int(ex.scan.size),
	}
	if len(ex.header) > 0 {
		e.ContentType = ex.header.Get("Content-Type")
	}
	if len(ex.call.header) > 0 {
		e.Request.Headers = map[string]string{}
		for k := range ex.call.header {
			e.Request.Headers[k] = redactHeader(k, ex.call.header.Get(k))
		}
	}
	if ex.err != nil {
		e.Error = ex.err.Error()
	}
	if ex.note != "" {
		e.Note = ex.note
	}
	addNote := func(n string) { e.Note = strings.TrimPrefix(e.Note+"; "+n, "; ") }
	switch {
	case ex.scan.truncated:
		addNote(fmt.Sprintf("body longer than %d bytes; only that much was read", r.o.MaxBodyBytes))
	case ex.scan.bound != "":
		addNote("body beyond the suite's bounds: " + ex.scan.bound)
	}
	if ex.scan.ncuts > 0 {
		addNote(cutNote(ex.scan))
	}
	if !ok {
		e.Body = excerpt(ex.head, ex.scan.size)
	}
	r.red.evidence(&e)
	return e
}

// excerpt is the start of a body of size bytes, cut on a character
// boundary.
func excerpt(head []byte, size int64) string {
	if int64(len(head)) >= size && len(head) <= maxExcerpt {
		return strings.ToValidUTF8(string(head), "\uFFFD")
	}
	cut := min(maxExcerpt, len(head))
	for cut > 0 && cut < len(head) && !utf8.RuneStart(head[cut]) {
		cut--
	}
	return strings.ToValidUTF8(string(head[:cut]), "\uFFFD") + fmt.Sprintf("... (%d more bytes)", size-int64(cut))
}

// cutNote says which arrays of a body were judged only in part.
func cutNote(sc scanned) string {
	parts := make([]string, 0, len(sc.cuts))
	for _, c := range sc.cuts {
		parts = append(parts, fmt.Sprintf("%s (%d elements)", cmp.Or(c.Pointer, "the body"), c.Total))
	}
	if more := sc.ncuts - len(sc.cuts); more > 0 {
		parts = append(parts, fmt.Sprintf("%d more arrays", more))
	}
	return fmt.Sprintf("only the first %d elements of each array were judged: %s", maxKeptItems, strings.Join(parts, ", "))
}
