package main

import (
	"slices"
	"testing"
	"time"
)

func TestMedian(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   []time.Duration
		want time.Duration
	}{
		{nil, 0},
		{[]time.Duration{5}, 5},
		{[]time.Duration{9, 1, 5}, 5},
		{[]time.Duration{4, 1, 3, 2}, 2},
	}
	for _, tt := range tests {
		in := append([]time.Duration(nil), tt.in...)
		if got := median(tt.in); got != tt.want {
			t.Errorf("median(%v) = %v, want %v", tt.in, got, tt.want)
		}
		for i := range in {
			if in[i] != tt.in[i] {
				t.Fatalf("median reordered its input: %v", tt.in)
			}
		}
	}
}

func TestStartupCases(t *testing.T) {
	t.Parallel()
	o := options{StartupSegura: 10_000_000, StartupAppgate: 1_000_000}
	cases := startupCases(o)
	want := []startupCase{{50, 20}, {10_000_000, 20}, {50, 1_000_000}}
	if !slices.Equal(cases, want) {
		t.Fatalf("cases %v, want the defaults, then many of one vendor at a time: %v", cases, want)
	}
	args := cases[1].args()
	if !slices.Equal(args, []string{"--segura-sessions", "10000000", "--appgate-sessions", "20"}) {
		t.Fatalf("args %v", args)
	}
}
