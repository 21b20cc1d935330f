package cli

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestValueErrors pins the words of every kind of refusal: the same
// mistake reads the same whatever the setting.
func TestValueErrors(t *testing.T) {
	t.Parallel()
	counts := Ints{Min: 0, Max: 100000}
	rates := Floats{Min: 0, Max: 1}
	timeouts := Durations{Min: time.Millisecond, Max: 10 * time.Minute}
	dir := t.TempDir()
	tests := []struct {
		name  string
		parse func(string) (any, error)
		raw   string
		want  any
		err   string
	}{
		{"int", wrap(counts.Parse), " 42 ", int64(42), ""},
		{"int at the maximum", wrap(counts.Parse), "100000", int64(100000), ""},
		{"int word", wrap(counts.Parse), "lots", nil, `"lots" is not a whole number; want a whole number from 0 to 100000`},
		{"int fraction", wrap(counts.Parse), "1.5", nil, `"1.5" is not a whole number; want a whole number from 0 to 100000`},
		{"int too large", wrap(counts.Parse), "10000000000", nil, `10000000000 is above the maximum; want a whole number from 0 to 100000`},
		{"int beyond 64 bits", wrap(counts.Parse), "99999999999999999999", nil, `99999999999999999999 is above the maximum; want a whole number from 0 to 100000`},
		{"int far below", wrap(counts.Parse), "-99999999999999999999", nil, `-99999999999999999999 is below the minimum; want a whole number from 0 to 100000`},
		{"int negative", wrap(counts.Parse), "-1", nil, `-1 is below the minimum; want a whole number from 0 to 100000`},
		{"int line break", wrap(counts.Parse), "1\n2", nil, `"1\n2" is not a whole number`},
		{"any int64", wrap(AnyInt64.Parse), "-9223372036854775808", int64(math.MinInt64), ""},
		{"float", wrap(rates.Parse), "0.25", 0.25, ""},
		{"float word", wrap(rates.Parse), "abc", nil, `"abc" is not a number; want a number from 0 to 1`},
		{"float NaN", wrap(rates.Parse), "NaN", nil, `"NaN" is not a number; want a number from 0 to 1`},
		{"float infinity", wrap(rates.Parse), "+Inf", nil, `"+Inf" is not a number`},
		{"float too large", wrap(rates.Parse), "1.5", nil, `1.5 is above the maximum; want a number from 0 to 1`},
		{"float beyond float64", wrap(rates.Parse), "1e400", nil, `1e400 is above the maximum`},
		{"float negative", wrap(rates.Parse), "-0.1", nil, `-0.1 is below the minimum; want a number from 0 to 1`},
		{"duration", wrap(timeouts.Parse), "1m30s", 90 * time.Second, ""},
		{"duration word", wrap(timeouts.Parse), "abc", nil, `"abc" is not a duration; want a duration from 1ms to 10m`},
		{"duration without unit", wrap(timeouts.Parse), "30", nil, `"30" is not a duration (a number needs a unit: ms, s, m or h); want a duration from 1ms to 10m`},
		{"duration too long", wrap(timeouts.Parse), "2h", nil, `2h is above the maximum; want a duration from 1ms to 10m`},
		{"duration zero", wrap(timeouts.Parse), "0s", nil, `0s is below the minimum; want a duration from 1ms to 10m`},
		{"duration negative", wrap(timeouts.Parse), "-5s", nil, `-5s is below the minimum`},
		{"bool", wrap(Bool), "TRUE", true, ""},
		{"bool zero", wrap(Bool), "0", false, ""},
		{"bool word", wrap(Bool), "maybe", nil, `"maybe" is not true or false; want true or false`},
		{"choice", wrap(func(s string) (string, error) { return Choice(s, "text", "json") }), "JSON", "json", ""},
		{"choice word", wrap(func(s string) (string, error) { return Choice(s, "debug", "info", "warn", "error") }), "loud", nil,
			`"loud" is not a choice here; want debug, info, warn or error`},
		{"text", wrap(Text), " s3cr=t ", " s3cr=t ", ""},
		{"text empty", wrap(Text), "", nil, "empty value; want a non-empty one"},
		{"addr", wrap(Addr), "[::1]:0", "[::1]:0", ""},
		{"addr any host", wrap(Addr), ":9000", ":9000", ""},
		{"addr no port", wrap(Addr), "8080", nil, `"8080" is not host:port; want host:port, such as 127.0.0.1:8080 or :8080`},
		{"addr port range", wrap(Addr), "localhost:70000", nil, `port "70000" of "localhost:70000" is not a number from 0 to 65535; want host:port`},
		{"addr port name", wrap(Addr), "localhost:http", nil, `port "http" of "localhost:http" is not a number`},
		{"addr space", wrap(Addr), "local host:80", nil, `host "local host" of "local host:80" holds a space or a slash`},
		{"file missing", wrap(File), filepath.Join(dir, "none.yaml"), nil, `no file "` + filepath.Join(dir, "none.yaml") + `"; want an existing file`},
		{"file is a directory", wrap(File), dir, nil, `"` + dir + `" is a directory; want a file`},
		{"file empty name", wrap(File), "", nil, "empty value; want a file name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := tt.parse(tt.raw)
			if tt.err != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tt.err) {
					t.Fatalf("parse(%q) error = %v\nwant it to start with %s", tt.raw, err, tt.err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("parse(%q) = %v, %v; want %v", tt.raw, got, err, tt.want)
			}
		})
	}
}

func TestFileExists(t *testing.T) {
	t.Parallel()
	name := filepath.Join(t.TempDir(), "f.yaml")
	if err := os.WriteFile(name, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if got, err := File(name); err != nil || got != name {
		t.Fatalf("File(%q) = %q, %v", name, got, err)
	}
}

func wrap[T any](f func(string) (T, error)) func(string) (any, error) {
	return func(raw string) (any, error) { return f(raw) }
}

func TestRanges(t *testing.T) {
	t.Parallel()
	for got, want := range map[string]string{
		Ints{Min: 0, Max: 100000}.String():                               "0 to 100000",
		Floats{Min: 0, Max: 0.5}.String():                                "0 to 0.5",
		Durations{Min: 0, Max: time.Hour}.String():                       "0 to 1h",
		Durations{Min: time.Second, Max: 8760 * time.Hour}.String():      "1s to 8760h",
		Durations{Min: time.Millisecond, Max: 90 * time.Second}.String(): "1ms to 1m30s",
	} {
		if got != want {
			t.Errorf("range %q, want %q", got, want)
		}
	}
}

func TestShortDuration(t *testing.T) {
	t.Parallel()
	for d, want := range map[time.Duration]string{
		0: "0", time.Hour: "1h", 90 * time.Minute: "1h30m", 90 * time.Second: "1m30s",
		2*time.Hour + 5*time.Second: "2h0m5s", 30 * time.Second: "30s", 1500 * time.Millisecond: "1.5s",
	} {
		if got := ShortDuration(d); got != want {
			t.Errorf("ShortDuration(%v) = %q, want %q", d, got, want)
		}
	}
}

// FuzzValues: no text makes a parser panic, a refusal is one line, and an
// accepted number lies within its range.
func FuzzValues(f *testing.F) {
	for _, s := range []string{"0", "-1", "1e400", "NaN", "1h", "30", " 7 ", "9223372036854775808", "\x00", "[::1]:0", ":99999"} {
		f.Add(s)
	}
	ints := Ints{Min: -5, Max: 5}
	floats := Floats{Min: 0, Max: 1}
	durs := Durations{Min: time.Millisecond, Max: time.Hour}
	oneLine := func(t *testing.T, err error) {
		if err != nil && strings.ContainsAny(err.Error(), "\r\n") {
			t.Fatalf("error spans lines: %q", err)
		}
	}
	f.Fuzz(func(t *testing.T, raw string) {
		if v, err := ints.Parse(raw); err == nil && (v < ints.Min || v > ints.Max) {
			t.Fatalf("Ints accepted %d", v)
		} else {
			oneLine(t, err)
		}
		if v, err := floats.Parse(raw); err == nil && !(v >= floats.Min && v <= floats.Max) {
			t.Fatalf("Floats accepted %v", v)
		} else {
			oneLine(t, err)
		}
		if v, err := durs.Parse(raw); err == nil && (v < durs.Min || v > durs.Max) {
			t.Fatalf("Durations accepted %v", v)
		} else {
			oneLine(t, err)
		}
		_, err := Bool(raw)
		oneLine(t, err)
		_, err = Choice(raw, "a", "b")
		oneLine(t, err)
		_, err = Addr(raw)
		oneLine(t, err)
	})
}
