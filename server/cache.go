package server

import "sync"

// boundedCache is a map that starts over when it is full. Its values are
// pure functions of their keys (encoded records of an immutable world,
// verified token claims), so forgetting one only costs recomputing it,
// and the bound keeps memory flat however many keys a run touches.
type boundedCache[V any] struct {
	mu  sync.RWMutex
	m   map[string]V
	max int
}

func newBoundedCache[V any](max int) *boundedCache[V] {
	return &boundedCache[V]{m: make(map[string]V), max: max}
}

func (c *boundedCache[V]) get(k string) (V, bool) {
	c.mu.RLock()
	v, ok := c.m[k]
	c.mu.RUnlock()
	return v, ok
}

func (c *boundedCache[V]) put(k string, v V) {
	c.mu.Lock()
	if len(c.m) >= c.max {
		clear(c.m)
	}
	c.m[k] = v
	c.mu.Unlock()
}
