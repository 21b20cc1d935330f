package server

import (
	"errors"
	"sync"
	"sync/atomic"
	"time"
)

// Bounds of the event streams under /__mock/events.
const (
	// maxStreams is how many event streams may be open at once.
	maxStreams = 32
	// streamBuffer is how many events a stream may fall behind by before
	// it is dropped.
	streamBuffer = 256
)

// Names of the events a stream carries.
const (
	eventRequest = "request" // a vendor request was journaled; data is its entry
	eventCleared = "cleared" // the journal was emptied
	eventFaults  = "faults"  // the fault rules changed; GET /__mock/faults has them
	eventWorld   = "world"   // a reload restarted the world: a new clock, timeline and records
)

var (
	errTooManyStreams = errors.New("too many event streams are open")
	errStreamsClosed  = errors.New("the server is shutting down")
)

// event is one thing a stream tells its reader.
type event struct {
	name  string
	entry JournalEntry // for eventRequest, credentials hidden
}

// events fans out what the console watches, new journal entries and
// changes to the fault rules, to a bounded number of subscribers.
// Publishing never blocks the request that causes it: a subscriber whose
// buffer is full is dropped, and its stream ends, so that its reader
// connects again and reads the journal afresh.
type events struct {
	heartbeat time.Duration // how often an idle stream says it is alive

	n      atomic.Int32 // subscribers, read without the lock on the request path
	mu     sync.Mutex
	subs   map[*subscriber]struct{}
	closed bool
}

type subscriber struct {
	ch   chan event
	gone chan struct{} // closed when the subscriber is dropped or streams close
}

func newEvents() *events {
	return &events{subs: map[*subscriber]struct{}{}}
}

func (ev *events) subscribe() (*subscriber, error) {
	ev.mu.Lock()
	defer ev.mu.Unlock()
	switch {
	case ev.closed:
		return nil, errStreamsClosed
	case len(ev.subs) >= maxStreams:
		return nil, errTooManyStreams
	}
	s := &subscriber{ch: make(chan event, streamBuffer), gone: make(chan struct{})}
	ev.subs[s] = struct{}{}
	ev.n.Store(int32(len(ev.subs)))
	return s, nil
}

func (ev *events) unsubscribe(s *subscriber) {
	ev.mu.Lock()
	ev.drop(s)
	ev.mu.Unlock()
}

// drop removes s, under ev.mu.
func (ev *events) drop(s *subscriber) {
	if _, ok := ev.subs[s]; !ok {
		return
	}
	delete(ev.subs, s)
	close(s.gone)
	ev.n.Store(int32(len(ev.subs)))
}

func (ev *events) publish(e event) {
	if ev.n.Load() == 0 {
		return
	}
	ev.mu.Lock()
	for s := range ev.subs {
		select {
		case s.ch <- e:
		default:
			ev.drop(s) // a slow reader: it resynchronizes when it reconnects
		}
	}
	ev.mu.Unlock()
}

// close ends every stream and refuses new ones.
func (ev *events) close() {
	ev.mu.Lock()
	ev.closed = true
	for s := range ev.subs {
		ev.drop(s)
	}
	ev.mu.Unlock()
}

// The journal and the fault engine report to the events.
func (ev *events) watching() bool       { return ev.n.Load() > 0 }
func (ev *events) added(e JournalEntry) { ev.publish(event{name: eventRequest, entry: e}) }
func (ev *events) cleared()             { ev.publish(event{name: eventCleared}) }
func (ev *events) faultsChanged()       { ev.publish(event{name: eventFaults}) }
func (ev *events) worldRestarted()      { ev.publish(event{name: eventWorld}) }
