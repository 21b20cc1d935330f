package main

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// listBody builds a list answer shaped like the mock's.
func listBody(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"code":200,"response":{"status":200},"tenant":"Segura","remote_sessions":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"id":"%d","user":"u{\"id\":%d","request":null}`, i+1, i)
	}
	b.WriteString("]}")
	return b.Bytes()
}

func TestBodyCheckCountsAcrossAnySplit(t *testing.T) {
	body := listBody(7)
	// Every way of cutting the body into writes of one size gives the same
	// answer, including markers cut in every position.
	for size := 1; size <= len(body); size++ {
		var c bodyCheck
		for rest := body; len(rest) > 0; {
			k := min(size, len(rest))
			if n, err := c.Write(rest[:k]); n != k || err != nil {
				t.Fatalf("Write = %d, %v", n, err)
			}
			rest = rest[k:]
		}
		if c.records != 7 || c.n != int64(len(body)) || !c.complete(7) {
			t.Fatalf("writes of %d: records %d bytes %d complete %v", size, c.records, c.n, c.complete(7))
		}
	}
}

func TestBodyCheckComplete(t *testing.T) {
	t.Parallel()
	whole := listBody(3)
	tests := []struct {
		name string
		body []byte
		want int
		ok   bool
	}{
		{"whole", whole, 3, true},
		{"whole with newline", append(bytes.Clone(whole), '\n'), 3, true},
		{"empty list", listBody(0), 0, true},
		{"cut short", whole[:len(whole)-1], 3, false},
		{"cut inside a record", whole[:len(whole)/2], 3, false},
		{"wrong count", whole, 4, false},
		{"error answer", []byte(`{"code":400,"remote_sessions":[]}`), 0, false},
		{"nothing", nil, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var c bodyCheck
			c.Write(tt.body)
			if got := c.complete(tt.want); got != tt.ok {
				t.Fatalf("complete(%d) = %v for %q (records %d)", tt.want, got, tt.body, c.records)
			}
		})
	}
}

func TestBodyCheckKeepsLittle(t *testing.T) {
	var c bodyCheck
	chunk := []byte(strings.Repeat(`{"id":"1"},`, 3000))
	for range 100 {
		c.Write(chunk)
	}
	if c.records != 300000 || len(c.head) != headLen || len(c.last) != lastLen || cap(c.last) > 4*lastLen {
		t.Fatalf("records %d, head %d, last %d (cap %d)", c.records, len(c.head), len(c.last), cap(c.last))
	}
}
