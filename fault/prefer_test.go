package fault

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestParsePrefer(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		in      []string
		code    int
		delay   time.Duration
		fault   Kind
		hold    time.Duration
		applied []string
		wantErr string
	}{
		{"none", nil, 0, 0, "", 0, nil, ""},
		{"prism code", []string{"code=500"}, 500, 0, "", 0, []string{"code=500"}, ""},
		{"code and delay", []string{"code=500, delay=2s"}, 500, 2 * time.Second, "", 0, []string{"code=500", "delay=2s"}, ""},
		{"several headers", []string{"delay=250", "fault=timeout"}, 0, 250 * ms, Timeout, 0, []string{"delay=250", "fault=timeout"}, ""},
		{"whitespace", []string{"  code = 503 ,  delay =1s  "}, 503, time.Second, "", 0, []string{"code=503", "delay=1s"}, ""},
		{"quoted", []string{`fault="timeout"`}, 0, 0, Timeout, 0, []string{"fault=timeout"}, ""},
		{"quoted with escape", []string{`fault="gateway\-timeout"`}, 0, 0, GatewayTimeout, 0, []string{"fault=gateway-timeout"}, ""},
		{"case-insensitive", []string{"CODE=404, Delay=1S"}, 404, 0, "", 0, nil, `Prefer: delay=1S: "1S" is not a duration (such as 2s or 500ms) or a number of milliseconds`},
		{"case-insensitive names", []string{"CODE=404, Delay=1s, FAULT=x"}, 404, time.Second, "", 0, []string{"code=404", "delay=1s"}, `Prefer: fault=x: "x" is unknown (want timeout, gateway-timeout, reset, empty, malformed or slow)`},
		{"fault value in any case", []string{"Fault=SLOW"}, 0, 0, Slow, 0, []string{"fault=slow"}, ""},
		{"prism extras ignored", []string{"example=bad, dynamic=true, code=401"}, 401, 0, "", 0, []string{"code=401"}, ""},
		{"unknown with odd syntax ignored", []string{`respond-async, wait=10, return="minimal, x", code=502`}, 502, 0, "", 0, []string{"code=502"}, ""},
		{"parameters ignored", []string{"fault=slow; hold=1s, hold=3s"}, 0, 0, Slow, 3 * time.Second, []string{"fault=slow", "hold=3s"}, ""},
		{"first wins", []string{"code=500", "code=503"}, 500, 0, "", 0, []string{"code=500"}, ""},
		{"empty elements", []string{",, code=500 ,"}, 500, 0, "", 0, []string{"code=500"}, ""},
		{"2xx", []string{"code=200"}, 200, 0, "", 0, []string{"code=200"}, ""},

		{"bad code", []string{"code=abc"}, 0, 0, "", 0, nil, "Prefer: code=abc: not an HTTP status (100-599)"},
		{"code too big", []string{"code=600"}, 0, 0, "", 0, nil, "Prefer: code=600: not an HTTP status (100-599)"},
		{"code signed", []string{"code=+500"}, 0, 0, "", 0, nil, "Prefer: code=+500: not an HTTP status (100-599)"},
		{"informational", []string{"code=101"}, 0, 0, "", 0, nil, "Prefer: code=101: an informational status, not an answer (use 200-599)"},
		{"no value", []string{"code"}, 0, 0, "", 0, nil, "Prefer: code: needs a value, as in code=500"},
		{"bad delay", []string{"delay=soon"}, 0, 0, "", 0, nil, `Prefer: delay=soon: "soon" is not a duration (such as 2s or 500ms) or a number of milliseconds`},
		{"negative delay", []string{"delay=-1s"}, 0, 0, "", 0, nil, "Prefer: delay=-1s: -1s is negative"},
		{"long delay", []string{"delay=2h"}, 0, 0, "", 0, nil, "Prefer: delay=2h: 2h is above the 1h0m0s limit"},
		{"bad fault", []string{"fault=melt"}, 0, 0, "", 0, nil, `Prefer: fault=melt: "melt" is unknown (want timeout, gateway-timeout, reset, empty, malformed or slow)`},
		{"empty fault", []string{`fault=""`}, 0, 0, "", 0, nil, `Prefer: fault="": is empty (want timeout, gateway-timeout, reset, empty, malformed or slow)`},
		{"unterminated quote", []string{`fault="timeout`}, 0, 0, "", 0, nil, `Prefer: fault="timeout: unterminated quoted string`},
		{"text after quote", []string{`fault="slow"x`}, 0, 0, "", 0, nil, `Prefer: fault="slow"x: text after the closing quote`},
		{"code and fault", []string{"code=500", "fault=reset"}, 0, 0, "", 0, nil, "Prefer: code=500 and fault=reset: give a code or a fault, not both"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := ParsePrefer(tt.in)
			if errText(err) != tt.wantErr {
				t.Fatalf("ParsePrefer(%q) error = %v, want %q", tt.in, err, tt.wantErr)
			}
			if err != nil {
				return
			}
			if p.Code != tt.code || p.Delay != tt.delay || p.Fault != tt.fault || p.Hold != tt.hold {
				t.Errorf("ParsePrefer(%q) = code %d delay %v fault %q hold %v; want %d %v %q %v",
					tt.in, p.Code, p.Delay, p.Fault, p.Hold, tt.code, tt.delay, tt.fault, tt.hold)
			}
			if !reflect.DeepEqual(p.Applied, tt.applied) {
				t.Errorf("Applied = %q, want %q", p.Applied, tt.applied)
			}
		})
	}
}

func FuzzParsePrefer(f *testing.F) {
	for _, s := range []string{"code=500", "code=500, delay=2s", `fault="timeout"`, `a="b\"c", code=1`,
		`"`, `\`, `code="`, `code="\`, ";;,,==", "delay=99999999999999999999", "hold=1s; x=\"y,z\", fault=slow"} {
		f.Add(s, "")
	}
	known := []string{"code=", "delay=", "fault=", "hold=", "code:"}
	f.Fuzz(func(t *testing.T, a, b string) {
		p, err := ParsePrefer([]string{a, b})
		if err != nil {
			if !strings.HasPrefix(err.Error(), "Prefer: ") {
				t.Fatalf("error %q does not start with Prefer:", err)
			}
			return
		}
		if p.Code != 0 && (p.Code < 200 || p.Code > 599) {
			t.Fatalf("code %d accepted", p.Code)
		}
		if p.Delay < 0 || p.Delay > MaxDelay || p.Hold < 0 || p.Hold > MaxDelay || !p.Fault.Valid() {
			t.Fatalf("out of range: %+v", p)
		}
		if p.Code != 0 && p.Fault != "" {
			t.Fatalf("code and fault both accepted: %+v", p)
		}
		for _, ap := range p.Applied {
			ok := false
			for _, k := range known {
				ok = ok || strings.HasPrefix(ap, k)
			}
			if !ok {
				t.Fatalf("applied %q is not a known preference", ap)
			}
		}
	})
}
