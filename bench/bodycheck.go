package main

import (
	"bytes"
)

// recordMarker starts every record of the Segura list and nothing else:
// inside a JSON string a quote is always escaped, so `{"id":` cannot occur
// in a value.
const recordMarker = `{"id":`

// listHead is how every successful list answer starts.
const listHead = `{"code":200,`

// bodyCheck is an io.Writer that checks a streamed list without keeping
// it: it counts bytes and records, and keeps the first and last bytes, so
// hundreds of megabytes are checked in constant memory.
type bodyCheck struct {
	n       int64
	records int64
	head    []byte // the first headLen bytes
	last    []byte // the last lastLen bytes seen so far
}

const (
	headLen = 16
	lastLen = 16 // at least len(recordMarker)-1, for markers split across writes
)

func (c *bodyCheck) Write(p []byte) (int, error) {
	if len(c.head) < headLen {
		c.head = append(c.head, p[:min(len(p), headLen-len(c.head))]...)
	}
	// A marker split across writes starts in the kept tail and ends in p;
	// markers wholly inside either are counted by bytes.Count.
	m := len(recordMarker)
	tail := c.last[max(0, len(c.last)-(m-1)):]
	var joint [2 * lastLen]byte
	j := append(append(joint[:0], tail...), p[:min(len(p), m-1)]...)
	for i := range tail {
		if bytes.HasPrefix(j[i:], []byte(recordMarker)) {
			c.records++
		}
	}
	c.records += int64(bytes.Count(p, []byte(recordMarker)))

	if len(p) >= lastLen {
		c.last = append(c.last[:0], p[len(p)-lastLen:]...)
	} else {
		c.last = append(c.last, p...)
		c.last = c.last[max(0, len(c.last)-lastLen):]
	}
	c.n += int64(len(p))
	return len(p), nil
}

// complete reports whether the body is a whole list answer of want
// records: the success head, exactly want record markers, and the closing
// `]}` of the array and the object (trailing white space allowed).
func (c *bodyCheck) complete(want int) bool {
	return bytes.HasPrefix(c.head, []byte(listHead)) &&
		c.records == int64(want) &&
		bytes.HasSuffix(bytes.TrimRight(c.last, " \t\r\n"), []byte("]}"))
}
