package server

import (
	"context"
	"testing"
)

// The worst searches at the scale the console is meant for: a million
// records and a term none of them has, so that every record is looked at.
// B/op is garbage of one record at a time: the heap in use stays flat.
func BenchmarkSearchSegura1M(b *testing.B) {
	w := mustWorld(b, 1, 1_000_000, 0)
	b.ReportAllocs()
	for b.Loop() {
		if p := searchSegura(context.Background(), w.View(w.Start(), nil).Segura(), []string{"nosuchthing"}, 0, 100, maxSearchScan); p.Next != nil {
			b.Fatal("the search stopped early")
		}
	}
}

func BenchmarkSearchAppgate1M(b *testing.B) {
	w := mustWorld(b, 1, 0, 1_000_000)
	b.ReportAllocs()
	for b.Loop() {
		if p := searchAppgate(context.Background(), w.View(w.Start(), nil).Appgate(), "nosuchthing", []string{"nosuchthing"}, 0, 100, maxSearchScan); p.Next != nil {
			b.Fatal("the search stopped early")
		}
	}
}
