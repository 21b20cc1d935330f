package server

import (
	"errors"
	"net"
	"net/http"
	"strconv"
	"time"

	"github.com/sessionmock/sessionmock/fault"
)

// maxCapture bounds the body a malformed or slow answer holds in memory
// before sending it; a longer body is cut there.
const maxCapture = 16 << 20

// breakAnswer carries out one of the faults that break the answer.
func (s *Server) breakAnswer(w http.ResponseWriter, r *http.Request, rec *exchange, d fault.Decision, h http.HandlerFunc) {
	switch d.Fault {
	case fault.Timeout:
		// Hold the request unanswered until the client gives up or the
		// hold ends, then let the connection go without an answer.
		s.wait(r.Context(), d.Hold)
		s.dropConnection(w, rec, false)
	case fault.GatewayTimeout:
		if !s.wait(r.Context(), d.Hold) {
			s.dropConnection(w, rec, false) // as for an interrupted delay
			return
		}
		// What answers after the upstream time: Kong's 504 in front of
		// Segura, the controller's own for Appgate.
		s.writeError(w, r, rec.vendor, rec.route, http.StatusGatewayTimeout, d.Message)
	case fault.Reset:
		s.dropConnection(w, rec, true)
	case fault.Empty:
		s.dropConnection(w, rec, false)
	case fault.Malformed:
		c := capture(w, r, h)
		body := c.body.Bytes()
		cut := body[:len(body)/2]
		c.sendHeader(len(cut))
		_, _ = w.Write(cut)
	case fault.Slow:
		c := capture(w, r, h)
		c.sendHeader(c.body.Len())
		s.dribble(r, w, c.body.Bytes(), d.Hold)
	}
}

// dropConnection closes the client's connection without an answer; with
// reset, the close sends a TCP RST instead of a FIN. On HTTP/2, where the
// connection is shared, the stream is reset instead.
func (s *Server) dropConnection(w http.ResponseWriter, rec *exchange, reset bool) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		rec.hijacked = true
		panic(http.ErrAbortHandler)
	}
	rec.hijacked = true
	if tcp, ok := underlyingTCP(conn); ok && reset {
		_ = tcp.SetLinger(0)
	}
	_ = conn.Close()
}

// underlyingTCP finds the TCP connection under a TLS one.
func underlyingTCP(c net.Conn) (*net.TCPConn, bool) {
	for {
		switch v := c.(type) {
		case *net.TCPConn:
			return v, true
		case interface{ NetConn() net.Conn }:
			c = v.NetConn()
		default:
			return nil, false
		}
	}
}

// captured is an answer held back so it can be cut or slowed down.
type captured struct {
	w      http.ResponseWriter
	status int
	body   limitedBuffer
}

func capture(w http.ResponseWriter, r *http.Request, h http.HandlerFunc) *captured {
	c := &captured{w: w, status: http.StatusOK}
	h(&captureWriter{c: c}, r)
	return c
}

func (c *captured) sendHeader(length int) {
	c.w.Header().Set("Content-Length", strconv.Itoa(length))
	c.w.WriteHeader(c.status)
}

type captureWriter struct {
	c           *captured
	wroteHeader bool
}

func (cw *captureWriter) Header() http.Header { return cw.c.w.Header() }

func (cw *captureWriter) WriteHeader(status int) {
	if !cw.wroteHeader {
		cw.c.status, cw.wroteHeader = status, true
	}
}

func (cw *captureWriter) Write(p []byte) (int, error) {
	cw.wroteHeader = true
	return cw.c.body.Write(p)
}

var errCaptureFull = errors.New("captured answer is too long")

// limitedBuffer keeps at most maxCapture bytes; a write past that fails,
// which stops a streaming handler.
type limitedBuffer struct{ b []byte }

func (l *limitedBuffer) Write(p []byte) (int, error) {
	room := maxCapture - len(l.b)
	if len(p) > room {
		l.b = append(l.b, p[:room]...)
		return room, errCaptureFull
	}
	l.b = append(l.b, p...)
	return len(p), nil
}

func (l *limitedBuffer) Bytes() []byte { return l.b }
func (l *limitedBuffer) Len() int      { return len(l.b) }

// dribble sends body spread evenly over d, in pieces at most a tick
// apart: the last piece goes when d has passed, however short the body,
// so that the hold decides how long the answer takes. The status and
// headers go at once. When the simulations stop, the rest goes at once.
func (s *Server) dribble(r *http.Request, w http.ResponseWriter, body []byte, d time.Duration) {
	const tick = 50 * time.Millisecond
	rc := http.NewResponseController(w)
	_ = rc.Flush()
	pieces := max(min(int(d/tick), len(body)), 1)
	start := time.Now()
	sent := 0
	for i := 1; i <= pieces; i++ {
		due := start.Add(d * time.Duration(i) / time.Duration(pieces))
		if !s.wait(r.Context(), time.Until(due)) {
			if !s.simulationsStopped() {
				return // the client left
			}
			i = pieces
		}
		end := len(body) * i / pieces
		if _, err := w.Write(body[sent:end]); err != nil {
			return
		}
		_ = rc.Flush()
		sent = end
	}
}
