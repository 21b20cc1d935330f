package main

import (
	"fmt"
	"strconv"
	"time"
)

// withCommas writes n with thousands separators: 1234567 -> "1,234,567".
func withCommas(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := n < 0
	if neg {
		s = s[1:]
	}
	var out []byte
	for i, c := range []byte(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, c)
	}
	if neg {
		return "-" + string(out)
	}
	return string(out)
}

// shortCount names a record count the way the targets do: 1M, 100k, 50.
func shortCount(n int) string {
	switch {
	case n >= 1_000_000 && n%1_000_000 == 0:
		return withCommas(int64(n/1_000_000)) + "M"
	case n >= 1_000 && n%1_000 == 0:
		return withCommas(int64(n/1_000)) + "k"
	}
	return withCommas(int64(n))
}

// megabytes is a size in decimal megabytes, as the targets give them.
func megabytes(b int64) string {
	return fmt.Sprintf("%.1f MB", float64(b)/1e6)
}

// millis is a duration in milliseconds, with two decimals below 10 ms
// where loopback latencies live.
func millis(d time.Duration) string {
	ms := float64(d) / float64(time.Millisecond)
	if ms < 10 {
		return fmt.Sprintf("%.2f ms", ms)
	}
	return fmt.Sprintf("%.0f ms", ms)
}

// micros is a duration in whole microseconds.
func micros(d time.Duration) string {
	return strconv.FormatInt(d.Round(time.Microsecond).Microseconds(), 10)
}

// seconds is a duration in seconds with two decimals.
func seconds(d time.Duration) string {
	return fmt.Sprintf("%.2f s", d.Seconds())
}

// percent is a share as a whole percentage.
func percent(f float64) string {
	return fmt.Sprintf("%.0f%%", f*100)
}

// verdict is the table's word for a target met or not.
func verdict(ok bool) string {
	if ok {
		return "PASS"
	}
	return "MISS"
}
