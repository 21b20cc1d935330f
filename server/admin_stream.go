package server

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"
)

const (
	// streamHeartbeat is how often an idle stream sends a comment line, so
	// that proxies keep it open and a reader that vanished is noticed.
	streamHeartbeat = 15 * time.Second
	// streamWriteTimeout bounds one write to a stream: a reader that stops
	// reading is let go instead of holding the handler.
	streamWriteTimeout = 30 * time.Second
)

// watch connects the journal and the fault engine to the event streams.
func (s *Server) watch() {
	s.events = newEvents()
	s.events.heartbeat = streamHeartbeat
	if s.journal != nil {
		s.journal.watch = s.events
	}
	s.faults.OnChange(s.events.faultsChanged)
}

// CloseStreams ends the event streams of /__mock/events and refuses new
// ones. Give it to http.Server.RegisterOnShutdown, so that an open console
// does not hold up a shutdown.
func (s *Server) CloseStreams() { s.events.close() }

type helloBody struct {
	// Seen is the journal's count when the stream began: entries the
	// stream sends have higher ids, until a "cleared" event.
	Seen     uint64 `json:"seen"`
	Capacity int    `json:"capacity"`
}

// adminEvents streams server-sent events (text/event-stream): "hello"
// first, then "request" with each new journal entry (credentials
// redacted, as GET /__mock/requests shows them), "cleared" when the
// journal is emptied, "faults" when the fault rules change and "world"
// when a reload restarts the world (see Reload). A reader
// that falls behind is dropped; it connects again and reads the lists.
func (s *Server) adminEvents(w http.ResponseWriter, r *http.Request) {
	sub, err := s.events.subscribe()
	if err != nil {
		writeAdminError(w, http.StatusServiceUnavailable, fmt.Sprintf("events: %v (at most %d at once)", err, maxStreams))
		return
	}
	defer s.events.unsubscribe(sub)
	hello := helloBody{}
	if s.journal != nil {
		_, hello.Seen = s.journal.list()
		hello.Capacity = len(s.journal.entries)
	}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no") // nginx: pass events on at once
	w.WriteHeader(http.StatusOK)

	st := &stream{w: w, rc: http.NewResponseController(w)}
	st.send("hello", hello)
	st.flush()
	tick := time.NewTicker(s.events.heartbeat)
	defer tick.Stop()
	for st.err == nil {
		select {
		case <-r.Context().Done():
			return
		case <-sub.gone:
			return
		case <-tick.C:
			st.write(": ping\n\n")
		case e := <-sub.ch:
			st.event(e)
			// Send what else is waiting before flushing.
			for n := len(sub.ch); n > 0 && st.err == nil; n-- {
				st.event(<-sub.ch)
			}
		}
		st.flush()
	}
}

// stream writes events, each within streamWriteTimeout; the first error
// ends it.
type stream struct {
	w   http.ResponseWriter
	rc  *http.ResponseController
	err error
}

func (st *stream) event(e event) {
	switch e.name {
	case eventRequest:
		st.send(e.name, e.entry) // credentials hidden when it was published
	default:
		st.send(e.name, struct{}{})
	}
}

func (st *stream) send(name string, v any) {
	data, err := json.Marshal(v)
	if err != nil {
		st.err = err
		return
	}
	// Compact JSON holds no newline, so it is one data line.
	st.write("event: " + name + "\ndata: " + string(data) + "\n\n")
}

func (st *stream) write(s string) {
	if st.err != nil {
		return
	}
	if err := st.rc.SetWriteDeadline(time.Now().Add(streamWriteTimeout)); err != nil && !errors.Is(err, http.ErrNotSupported) {
		st.err = err
		return
	}
	_, st.err = st.w.Write([]byte(s))
}

func (st *stream) flush() {
	if st.err == nil {
		if err := st.rc.Flush(); err != nil {
			st.err = err
		}
	}
}
