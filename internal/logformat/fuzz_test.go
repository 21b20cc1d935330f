package logformat

import (
	"bytes"
	"encoding/binary"
	"log/slog"
	"math"
	"testing"
	"time"
)

// The fuzz target's attributes come as bytes: per attribute a kind byte,
// a key (a length byte, then the bytes) and a value: a string as a length
// byte and its bytes, a number as 8 bytes, a bool as one byte. Input that
// runs out ends the list.
const (
	kindString = iota
	kindInt
	kindUint
	kindFloat
	kindBool
	kindDuration // from here on, kinds the fast path leaves to slog
	kindTime
	kindBytes
	kindGroup
	kindCount
)

const maxFuzzAttrs = 16 // beyond the 5 a Record holds inline

// fuzzAttrs decodes data into attributes. plain reports whether all of
// them are kinds the fast path writes itself, with a key; finite whether
// all their floats are.
func fuzzAttrs(data []byte) (attrs []slog.Attr, plain, finite bool) {
	plain, finite = true, true
	take := func(n int) []byte {
		n = min(n, len(data))
		p := data[:n]
		data = data[n:]
		return p
	}
	str := func() string {
		p := take(1)
		if len(p) == 0 {
			return ""
		}
		return string(take(int(p[0])))
	}
	u64 := func() uint64 {
		var p [8]byte
		copy(p[:], take(8))
		return binary.LittleEndian.Uint64(p[:])
	}
	for len(data) > 0 && len(attrs) < maxFuzzAttrs {
		kind := int(take(1)[0]) % kindCount
		key := str()
		var a slog.Attr
		switch kind {
		case kindString:
			a = slog.String(key, str())
		case kindInt:
			a = slog.Int64(key, int64(u64()))
		case kindUint:
			a = slog.Uint64(key, u64())
		case kindFloat:
			f := math.Float64frombits(u64())
			finite = finite && !math.IsNaN(f) && !math.IsInf(f, 0)
			a = slog.Float64(key, f)
		case kindBool:
			p := take(1)
			a = slog.Bool(key, len(p) > 0 && p[0]&1 == 1)
		case kindDuration:
			a = slog.Duration(key, time.Duration(u64()))
		case kindTime:
			a = slog.Time(key, time.Unix(0, int64(u64())).UTC())
		case kindBytes:
			a = slog.Any(key, []byte(str()))
		case kindGroup:
			a = slog.Group(key, slog.String(str(), str()))
		}
		plain = plain && kind < kindDuration && key != ""
		attrs = append(attrs, a)
	}
	return attrs, plain, finite
}

// fuzzInput encodes attributes for fuzzAttrs, for the seed corpus.
type fuzzInput []byte

func (in fuzzInput) key(kind byte, key string) fuzzInput {
	return append(append(in, kind, byte(len(key))), key...)
}

func (in fuzzInput) str(key, v string) fuzzInput {
	in = in.key(kindString, key)
	return append(append(in, byte(len(v))), v...)
}

func (in fuzzInput) num(kind byte, key string, bits uint64) fuzzInput {
	return binary.LittleEndian.AppendUint64(in.key(kind, key), bits)
}

func (in fuzzInput) int(key string, v int64) fuzzInput {
	return in.num(kindInt, key, uint64(v))
}

func (in fuzzInput) float(key string, v float64) fuzzInput {
	return in.num(kindFloat, key, math.Float64bits(v))
}

func (in fuzzInput) bool(key string, v bool) fuzzInput {
	b := byte(0)
	if v {
		b = 1
	}
	return append(in.key(kindBool, key), b)
}

// Tricky inputs for the seed corpus.
var (
	trickyStrings = []string{
		"", "plain", " ", "a b", "a=b", `"`, `say "hi"`, `back\slash`, "\x00", "\x01", "\t", "\n", "\r",
		"\x1f", "\x7f", "\x80", "\xff\xfe", "a\xc3", "\xed\xa0\x80", "\u2028", "\u2029", "\ufffd",
		"😀", "é", "e\u0301", "\u00a0", "\u0085", "\u200b", "\u3000", "\U000e0001", "\U0010ffff",
		"<&>", "/api/session/remotesessions", "127.0.0.1:38250", "slow-list,prefer",
		// Quoted, with or without a byte that quoting escapes.
		"/admin/session-info/CN=04a954a9da1547f2a01a85002131534f,CN=rebeka.hudson,OU=ldap",
		"=~", "= ", "=\x7f", "=\\", `="`, "=\x1f", "=é", "=\x80",
	}
	trickyFloats = []float64{
		0, math.Copysign(0, -1), 1, -1, 0.1, 20.493, 1e-6, 1e-7, 9.999999e-7, 1.5e-10, 1e20, 1e21,
		123456789e13, 1e100, 1e-100, 5e-324, math.MaxFloat64, math.NaN(), math.Inf(1), math.Inf(-1),
	}
	// trickyTimes are seconds and nanoseconds since 1970 and a zone offset.
	trickyTimes = []struct {
		sec, nsec int64
		zone      int32
	}{
		{-62135596800, 0, 0},           // the zero time
		{-62135596800, 0, 3600},        // the zero time in another zone
		{0, 0, 0},                      // 1970
		{1773480413, 589793238, 0},     // nanoseconds to truncate
		{1773480413, 999999999, 19800}, // +05:30
		{1773480413, 1000000, -25200},  // -07:00
		{1773480413, 0, -1050},         // an offset with seconds
		{1773480413, 0, -30},           // less than a minute west
		{1773480413, 0, 400 * 3600},    // hundreds of hours
		{253402300799, 999999999, 0},   // the last moment of 9999
		{253402300800, 0, 0},           // the year 10000
		{253402300799, 0, 3600},        // 10000 in a zone east
		{-62167219200, 0, 0},           // the year 0
		{-62167219201, 0, 0},           // the year -1
	}
	trickyLevels = []int{-8, -4, -3, 0, 1, 2, 4, 7, 8, 12, math.MinInt, math.MaxInt}
)

// FuzzSameBytesAsSlog checks that New writes the same bytes as slog's
// handlers for any record, and that it writes a plain record itself.
func FuzzSameBytesAsSlog(f *testing.F) {
	const now = 1773480413
	for _, s := range trickyStrings {
		f.Add(s, 0, int64(now), int64(0), int32(0), []byte(fuzzInput(nil).str(s, s).str("k"+s, "v"+s+"v")))
		// Inside words of eight bytes, which are scanned whole.
		long := "abcdefgh" + s + "ijklmnopqrstuvwxyz"
		f.Add("0123"+long, 0, int64(now), int64(0), int32(0), []byte(fuzzInput(nil).str(long, "ABCDE"+long)))
	}
	for _, v := range trickyFloats {
		f.Add("float", 0, int64(now), int64(0), int32(0), []byte(fuzzInput(nil).float("f", v)))
	}
	for _, tt := range trickyTimes {
		f.Add("time", 0, tt.sec, tt.nsec, tt.zone, []byte(fuzzInput(nil).str("k", "v")))
	}
	for _, l := range trickyLevels {
		f.Add("level", l, int64(now), int64(0), int32(0), []byte(nil))
	}
	request := fuzzInput(nil).str("vendor", "segura").str("route", "remotesessions").str("method", "GET").
		str("path", "/api/session/remotesessions").int("status", 503).int("bytes", 172).
		float("duration_ms", 20.493).str("fault", "status").str("rules", "slow-list,prefer").
		str("client", "ci").str("remote", "127.0.0.1:38250")
	f.Add("request", 0, int64(now), int64(589793238), int32(0), []byte(request))
	mixed := fuzzInput(nil).num(kindUint, "u", math.MaxUint64).int("i", math.MinInt64).bool("yes", true).
		bool("no", false).num(kindDuration, "d", 1500).num(kindTime, "t", 1).str("", "empty key")
	f.Add("mixed", 0, int64(now), int64(0), int32(0), []byte(mixed))
	f.Add("bytes and groups", 0, int64(now), int64(0), int32(0),
		[]byte(fuzzInput(nil).str("k", "v").key(kindBytes, "raw").key(kindGroup, "g")))

	f.Fuzz(func(t *testing.T, msg string, level int, sec, nsec int64, zone int32, data []byte) {
		at := time.Unix(sec, nsec).In(time.FixedZone("", int(zone)))
		attrs, plain, finite := fuzzAttrs(data)
		r := slog.NewRecord(at, slog.Level(level), msg, 0)
		r.AddAttrs(attrs...)
		year := at.Year()
		plain = plain && (at.IsZero() || year >= 0 && year <= 9999)
		for _, format := range formats {
			got, want, fast, _ := outputs(t, format, r, nil)
			if !bytes.Equal(got, want) {
				t.Fatalf("%s: the bytes differ from slog's\n got %q\nwant %q", format, got, want)
			}
			if wantFast := plain && (format == "text" || finite); (fast == 1) != wantFast {
				t.Errorf("%s: %d lines on the fast path, want it taken: %v, for %q", format, fast, wantFast, got)
			}
		}
		// The first half of the attributes given by WithAttrs, the rest
		// in the record: still slog's bytes.
		if len(attrs) < 2 {
			return
		}
		k := len(attrs) / 2
		r2 := slog.NewRecord(at, slog.Level(level), msg, 0)
		r2.AddAttrs(attrs[k:]...)
		with := func(h slog.Handler) slog.Handler { return h.WithAttrs(attrs[:k]) }
		for _, format := range formats {
			if got, want, _, _ := outputs(t, format, r2, with); !bytes.Equal(got, want) {
				t.Fatalf("%s, WithAttrs: the bytes differ from slog's\n got %q\nwant %q", format, got, want)
			}
		}
	})
}
