package fault_test

import (
	"fmt"
	"net/http"

	"github.com/sessionmock/sessionmock/fault"
)

func ExampleEngine_Decide() {
	rules, err := fault.ParseRules("sessionmock.yaml", []byte(`
faults:
  - id: flaky-list
    match: {vendor: segura, route: remotesessions}
    when: {every: 2}
    action: {status: 503, latency: 150ms}
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	e, err := fault.NewEngine(1, rules...)
	if err != nil {
		fmt.Println(err)
		return
	}
	list := fault.Request{Vendor: fault.VendorSegura, Route: fault.RouteRemoteSessions, Method: "GET", Path: "/api/session/remotesessions"}
	for i := 1; i <= 3; i++ {
		d, _ := e.Decide(list)
		fmt.Printf("request %d: status %d, delay %v, rules %v\n", i, d.Status, d.Delay, d.Rules)
	}
	list.Header = http.Header{"Prefer": {"code=500, delay=20ms, example=ignored"}}
	d, _ := e.Decide(list)
	fmt.Printf("with Prefer: status %d, delay %v, rules %v, applied %v\n", d.Status, d.Delay, d.Rules, d.Applied)
	// Output:
	// request 1: status 0, delay 0s, rules []
	// request 2: status 503, delay 150ms, rules [flaky-list]
	// request 3: status 0, delay 0s, rules []
	// with Prefer: status 500, delay 170ms, rules [flaky-list prefer], applied [code=500 delay=20ms]
}

func ExampleParseLatency() {
	for _, s := range []string{"50ms", "20ms-200ms", "normal(100ms,20ms)", "lognormal(100ms,0.5)"} {
		l, _ := fault.ParseLatency(s)
		fmt.Println(l, l.Draw(0.5, 0))
	}
	// Output:
	// 50ms 50ms
	// 20ms-200ms 110ms
	// normal(100ms,20ms) 123.548ms
	// lognormal(100ms,0.5) 180.165ms
}
