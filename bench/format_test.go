package main

import (
	"testing"
	"time"
)

func TestFormatting(t *testing.T) {
	t.Parallel()
	tests := []struct{ got, want string }{
		{withCommas(0), "0"},
		{withCommas(999), "999"},
		{withCommas(1000), "1,000"},
		{withCommas(1234567), "1,234,567"},
		{withCommas(-1234567), "-1,234,567"},
		{shortCount(1_000_000), "1M"},
		{shortCount(10_000_000), "10M"},
		{shortCount(100_000), "100k"},
		{shortCount(20_000), "20k"},
		{shortCount(50), "50"},
		{shortCount(1_500_000), "1,500k"},
		{shortCount(12_345), "12,345"},
		{megabytes(23_805_952), "23.8 MB"},
		{megabytes(64_000_000), "64.0 MB"},
		{millis(712 * time.Microsecond), "0.71 ms"},
		{millis(35 * time.Millisecond), "35 ms"},
		{micros(87_400 * time.Nanosecond), "87"},
		{micros(87_600 * time.Nanosecond), "88"},
		{seconds(1520 * time.Millisecond), "1.52 s"},
		{percent(0.554), "55%"},
		{verdict(true), "PASS"},
		{verdict(false), "MISS"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}
