package server

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"os"
	"time"
)

// DefaultBodyTimeout is how long serve gives a client to send a request
// body once its headers are in.
const DefaultBodyTimeout = 30 * time.Second

// MaxBodyTimeout bounds Config.BodyTimeout.
const MaxBodyTimeout = time.Hour

// maxVendorBody is the most any vendor handler reads of a body (the token
// form, the sign-in JSON); maxAdminBody is the admin API's.
const maxVendorBody = max(maxFormBytes, maxLoginBytes, maxOTPBytes)

var errBodyTimeout = errors.New("the request body did not arrive in time")

// readBody reads r's body off the connection before any handler sees it:
// at most limit+1 bytes, which is one more than any handler takes, so
// that a handler still tells a body that is too long. Reading happens
// under a deadline of BodyTimeout from now, and only here, so a client
// that sends its headers and then stalls (or never sends the body that
// its Expect: 100-continue announced) cannot hold the connection; the
// deadline is lifted before the handler runs, so it never cuts an answer
// however long that takes to send.
//
// It returns the request with the body in memory (of a longer body, the
// first limit+1 bytes, and the connection is closed after the answer), or
// errBodyTimeout or another read error. A request without a body costs
// nothing.
func (s *Server) readBody(w http.ResponseWriter, r *http.Request, limit int64) (*http.Request, error) {
	if r.Body == nil || r.Body == http.NoBody || r.ContentLength == 0 {
		return r, nil
	}
	rc := http.NewResponseController(w)
	// A writer that cannot set deadlines (a test recorder, a wrapper)
	// reads without one; net/http's own always can.
	timed := s.cfg.BodyTimeout > 0 && rc.SetReadDeadline(time.Now().Add(s.cfg.BodyTimeout)) == nil
	size := limit + 1
	if r.ContentLength > 0 {
		size = min(size, r.ContentLength)
	}
	buf := bytes.NewBuffer(make([]byte, 0, size))
	_, err := buf.ReadFrom(io.LimitReader(r.Body, limit+1))
	over := err == nil && int64(buf.Len()) > limit
	if timed {
		if err == nil && !over {
			// The whole body is in: from here on the connection only
			// writes, and net/http's wait for the next request (or
			// for the client to leave) must not end at our deadline.
			_ = rc.SetReadDeadline(time.Time{})
		} else {
			// Whatever is left of the body is never read: a deadline in
			// the past makes net/http give up on it at once and close
			// the connection after the answer.
			_ = rc.SetReadDeadline(time.Unix(1, 0))
		}
	}
	switch {
	case errors.Is(err, os.ErrDeadlineExceeded):
		return r, errBodyTimeout
	case err != nil:
		return r, err
	}
	r2 := *r // a shallow copy is enough: only the body changes
	r2.Body = io.NopCloser(bytes.NewReader(buf.Bytes()))
	return &r2, nil
}

// bodyError answers a body readBody could not read: 408 when it did not
// come in time, 400 when it was malformed (a broken chunked encoding).
func bodyError(err error) (status int, message string) {
	if errors.Is(err, errBodyTimeout) {
		return http.StatusRequestTimeout, ""
	}
	return http.StatusBadRequest, "The request body could not be read: " + err.Error()
}
