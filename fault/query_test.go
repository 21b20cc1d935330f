package fault

import (
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestParseQuery(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in      string
		given   bool
		code    int
		delay   time.Duration
		fault   Kind
		hold    time.Duration
		wantErr string
	}{
		{"", false, 0, 0, "", 0, ""},
		{"limit=5", false, 0, 0, "", 0, ""},
		{"__code=503", true, 503, 0, "", 0, ""},
		{"__delay=1500&x=1", true, 0, 1500 * ms, "", 0, ""},
		{"__fault=slow&__hold=2s", true, 0, 0, Slow, 2 * time.Second, ""},
		{"__CODE=404", true, 404, 0, "", 0, ""},
		{"__code=500&__code=502", true, 500, 0, "", 0, ""},
		{"__code=abc", false, 0, 0, "", 0, "__code=abc: not an HTTP status (100-599)"},
		{"__code=", false, 0, 0, "", 0, "__code=: not an HTTP status (100-599)"},
		{"__delay=-2s", false, 0, 0, "", 0, "__delay=-2s: -2s is negative"},
		{"__fault=boom", false, 0, 0, "", 0, `__fault=boom: "boom" is unknown (want timeout, gateway-timeout, reset, empty, malformed or slow)`},
		{"__dealy=2s", false, 0, 0, "", 0, "__dealy: unknown parameter (want __code, __delay, __fault or __hold)"},
		{"__code=500&__fault=reset", false, 0, 0, "", 0, "__code and __fault: give one or the other, not both"},
		{"__code=500&__Code=502", false, 0, 0, "", 0, "__code: given twice in different cases"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			q, err := url.ParseQuery(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			p, given, err := ParseQuery(q)
			if errText(err) != tt.wantErr {
				t.Fatalf("ParseQuery(%q) error = %v, want %q", tt.in, err, tt.wantErr)
			}
			if given != tt.given || p.Code != tt.code || p.Delay != tt.delay || p.Fault != tt.fault || p.Hold != tt.hold {
				t.Errorf("ParseQuery(%q) = %+v, %v", tt.in, p, given)
			}
		})
	}
}

func TestStripQuery(t *testing.T) {
	q, _ := url.ParseQuery("a=1&__code=500&b=2&b=3&__x=y")
	got := StripQuery(q)
	want := url.Values{"a": {"1"}, "b": {"2", "3"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("StripQuery = %v, want %v", got, want)
	}
	got["b"][0] = "changed"
	if q["b"][0] != "2" || q.Get("__code") != "500" {
		t.Errorf("StripQuery changed its input: %v", q)
	}
}

func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"__code=500", "__delay=2s&__fault=slow", "__x", "__code=%zz", "a=b&__hold=3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		q, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		p, given, err := ParseQuery(q)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "__") {
				t.Fatalf("error %q does not name the parameter", err)
			}
			return
		}
		if !given && len(p.Applied) > 0 {
			t.Fatalf("applied %q but not given", p.Applied)
		}
		for k := range StripQuery(q) {
			if strings.HasPrefix(k, "__") {
				t.Fatalf("StripQuery kept %q", k)
			}
		}
	})
}
