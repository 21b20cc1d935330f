package server

import (
	"fmt"
	"testing"
)

func TestBoundedCache(t *testing.T) {
	c := newBoundedCache[string, int](3)
	for i := 0; i < 3; i++ {
		c.put(fmt.Sprint(i), i)
	}
	if v, ok := c.get("2"); !ok || v != 2 {
		t.Fatalf("get 2: %v %v", v, ok)
	}
	c.put("3", 3) // full: starts over
	if _, ok := c.get("0"); ok {
		t.Error("the cache grew past its bound")
	}
	if v, ok := c.get("3"); !ok || v != 3 {
		t.Errorf("get 3: %v %v", v, ok)
	}
	if len(c.m) != 1 {
		t.Errorf("%d entries after starting over", len(c.m))
	}
}
