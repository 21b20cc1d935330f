package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/sessionmock/sessionmock/clock"
	"github.com/sessionmock/sessionmock/fixtures"
	"github.com/sessionmock/sessionmock/wire/appgate"
	"github.com/sessionmock/sessionmock/wire/mockapi"
)

// maxSmallAdminBody bounds the bodies of the clock and client-change
// calls, which hold one short field.
const maxSmallAdminBody = 4 << 10

func (s *Server) clockBody() mockapi.Clock {
	c := s.Clock()
	return mockapi.Clock{Now: clock.FormatInstant(c.Now()), Mode: string(c.Mode())}
}

// adminClock answers GET /__mock/clock.
func (s *Server) adminClock(w http.ResponseWriter, r *http.Request) {
	writeValue(w, http.StatusOK, s.clockBody())
}

// clockMove is a parsed POST /__mock/clock body: an advance or an instant.
type clockMove struct {
	advance time.Duration
	set     time.Time
	isSet   bool
}

// readSmallBody reads a short admin body and parses it, answering 400
// itself when either fails.
func readSmallBody[T any](w http.ResponseWriter, r *http.Request, parse func([]byte) (T, error)) (T, bool) {
	var zero T
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxSmallAdminBody))
	if err != nil {
		writeAdminError(w, http.StatusBadRequest, "the body could not be read: "+err.Error())
		return zero, false
	}
	v, err := parse(body)
	if err != nil {
		writeAdminError(w, http.StatusBadRequest, err.Error())
		return zero, false
	}
	return v, true
}

// decodeStrict decodes one JSON object of known fields into v.
func decodeStrict(body []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return errors.New(describeJSONError(err))
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return errors.New("the body holds more than one JSON value")
	}
	return nil
}

// parseClockMove reads {"advance": "90m"} or {"set": "<RFC 3339>"}.
func parseClockMove(body []byte) (clockMove, error) {
	var raw struct {
		Advance *string `json:"advance"`
		Set     *string `json:"set"`
	}
	if err := decodeStrict(body, &raw); err != nil {
		return clockMove{}, err
	}
	switch {
	case raw.Advance != nil && raw.Set != nil:
		return clockMove{}, errors.New(`give "advance" or "set", not both`)
	case raw.Advance != nil:
		d, err := clock.ParseAdvance(*raw.Advance)
		if err != nil {
			return clockMove{}, fmt.Errorf("advance: %v", err)
		}
		return clockMove{advance: d}, nil
	case raw.Set != nil:
		t, err := clock.ParseInstant(*raw.Set)
		if err != nil {
			return clockMove{}, fmt.Errorf("set: %v", err)
		}
		return clockMove{set: t, isSet: true}, nil
	}
	return clockMove{}, errors.New(`the body needs "advance" (a duration such as "90m") or "set" (an RFC 3339 instant)`)
}

// adminMoveClock answers POST /__mock/clock. Moving back, or past the
// clock's range, is 400; moving a live clock 409.
func (s *Server) adminMoveClock(w http.ResponseWriter, r *http.Request) {
	m, ok := readSmallBody(w, r, parseClockMove)
	if !ok {
		return
	}
	var err error
	c := s.Clock()
	if m.isSet {
		_, err = c.Set(m.set)
	} else {
		_, err = c.Advance(m.advance)
	}
	switch {
	case errors.Is(err, clock.ErrLive):
		writeAdminError(w, http.StatusConflict, err.Error())
		return
	case errors.Is(err, clock.ErrBackwards):
		writeAdminError(w, http.StatusBadRequest, fmt.Sprintf("%v (the clock shows %s)", err, clock.FormatInstant(c.Now())))
		return
	case err != nil:
		writeAdminError(w, http.StatusBadRequest, err.Error())
		return
	}
	writeValue(w, http.StatusOK, s.clockBody())
}

// parseClientChange reads {"dn": "CN=...,CN=...,OU=..."}.
func parseClientChange(body []byte) (appgate.DN, error) {
	var c mockapi.ClientChange
	if err := decodeStrict(body, &c); err != nil {
		return appgate.DN{}, err
	}
	if c.DN == "" {
		return appgate.DN{}, errors.New(`the body needs "dn", the client's distinguished name`)
	}
	dn, err := appgate.ParseDN(c.DN)
	if err != nil {
		return appgate.DN{}, fmt.Errorf("dn: %v", err)
	}
	return dn, nil
}

// appgateChangeBody is the answer of a client change: the client's
// distinguished name and its lifecycle afterwards.
type appgateChangeBody struct {
	DN        appgate.DN                `json:"dn"`
	Lifecycle fixtures.AppgateLifecycle `json:"lifecycle"`
}

// adminAppgateChange answers POST /__mock/appgate/disconnect and
// /__mock/appgate/failover: the change happens at the clock's time.
func (s *Server) adminAppgateChange(failover bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		dn, ok := readSmallBody(w, r, parseClientChange)
		if !ok {
			return
		}
		now := s.view()
		v := now.Appgate()
		var lc fixtures.AppgateLifecycle
		var err error
		if failover {
			lc, err = v.Failover(dn)
		} else {
			lc, err = v.Disconnect(dn)
		}
		switch {
		case errors.Is(err, fixtures.ErrClientNotFound):
			writeAdminError(w, http.StatusNotFound, fmt.Sprintf("%s: %v at %s", dn, err, clock.FormatInstant(now.Time())))
			return
		case err != nil:
			writeAdminError(w, http.StatusConflict, fmt.Sprintf("%s: %v", dn, err))
			return
		}
		writeValue(w, http.StatusOK, appgateChangeBody{DN: dn, Lifecycle: lc})
	}
}

// seguraEntry is a session of GET /__mock/sessions: the record as the
// list shows it now, and its lifecycle.
type seguraEntry struct {
	rec fixtures.SeguraSession
	lc  fixtures.SeguraLifecycle
}

// MarshalJSON writes the record's fields, then "lifecycle".
func (e seguraEntry) MarshalJSON() ([]byte, error) {
	lc, err := json.Marshal(e.lc)
	if err != nil {
		return nil, err
	}
	b := fixtures.AppendSeguraSession(nil, &e.rec)
	b = append(b[:len(b)-1], `,"lifecycle":`...)
	b = append(b, lc...)
	return append(b, '}'), nil
}

// appgateEntry is a client of GET /__mock/sessions: its DN and
// session-info as they read now, and its lifecycle.
type appgateEntry struct {
	fixtures.AppgateClient
	Lifecycle fixtures.AppgateLifecycle `json:"lifecycle"`
}

// sessionsPages fills the pages of GET /__mock/sessions: what exists at the
// clock's time, from offset on.
func (s *Server) sessionsPages(body *sessionsBody, vendors [2]bool, offset, limit int) {
	v := s.view()
	if vendors[0] {
		sv := v.Segura()
		p := &mockapi.SeguraPage[seguraEntry]{Total: sv.Len(), Offset: offset, Sessions: []seguraEntry{}}
		c := sv.Cursor()
		if c.Skip(offset) {
			for len(p.Sessions) < limit && c.Next() {
				p.Sessions = append(p.Sessions, seguraEntry{c.Session(), c.Lifecycle()})
			}
		}
		body.Segura = p
	}
	if vendors[1] {
		av := v.Appgate()
		p := &mockapi.AppgatePage[appgateEntry]{Total: av.Len(), Offset: offset, Clients: []appgateEntry{}}
		k := 0
		av.Each(func(ref fixtures.AppgateRef) bool {
			if k >= offset {
				if len(p.Clients) == limit {
					return false
				}
				p.Clients = append(p.Clients, appgateEntry{av.Client(ref), ref.Lifecycle})
			}
			k++
			return true
		})
		body.Appgate = p
	}
}

// timelineBody is the clock and timeline part of GET /__mock/config.
type timelineBody struct {
	Clock               string  `json:"clock"`
	Start               string  `json:"start"`
	SeguraArrivalRate   float64 `json:"segura_arrival_rate"`
	SeguraInProgress    string  `json:"segura_in_progress"`
	AppgateArrivalRate  float64 `json:"appgate_arrival_rate"`
	AppgateGraceSeconds float64 `json:"appgate_grace_seconds"`
}

func (c *Config) timelineBody() timelineBody {
	tl := c.World.Timeline()
	grace := tl.AppgateGrace
	if grace == fixtures.NoGrace {
		grace = 0
	}
	return timelineBody{
		Clock: string(c.Clock.Mode()), Start: clock.FormatInstant(c.Clock.Start()),
		SeguraArrivalRate: tl.SeguraRate, SeguraInProgress: string(tl.SeguraInProgress),
		AppgateArrivalRate: tl.AppgateRate, AppgateGraceSeconds: grace.Seconds(),
	}
}
