package fault

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// benchRules returns n rules of a shape: "elsewhere" rules name routes
// other than the benchmark request's, "spread" rules name the six routes
// in turn and "everywhere" rules match every request. None fires, so the
// figures are the cost of finding and counting the rules.
func benchRules(shape string, n int) []Rule {
	routes := append(Routes(VendorSegura), Routes(VendorAppgate)...)
	rules := make([]Rule, n)
	for i := range rules {
		m := Match{Path: "/*"}
		switch shape {
		case "elsewhere":
			m.Route = routes[1+i%(len(routes)-1)] // never routes[0], the token route
		case "spread":
			m.Route = routes[i%len(routes)]
		}
		rules[i] = Rule{Match: m, When: When{Every: 1 << 30}, Action: Action{Status: 503}}
	}
	return rules
}

// BenchmarkDecide is the cost of one decision for a token request as the
// number of rules grows.
func BenchmarkDecide(b *testing.B) {
	req := Request{Vendor: VendorSegura, Route: RouteToken, Method: "POST", Path: "/iso/oauth2/token"}
	for _, shape := range []string{"elsewhere", "spread", "everywhere"} {
		for _, n := range []int{1, 100, 1000} {
			b.Run(fmt.Sprintf("%s/rules=%d", shape, n), func(b *testing.B) {
				e := mustEngine(b, 1, benchRules(shape, n)...)
				b.ReportAllocs()
				for b.Loop() {
					if _, err := e.Decide(req); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkDecideParallel is BenchmarkDecide with every core deciding at
// once, which a lock around the rules would serialize.
func BenchmarkDecideParallel(b *testing.B) {
	req := Request{Vendor: VendorSegura, Route: RouteToken, Method: "POST", Path: "/iso/oauth2/token"}
	for _, n := range []int{1, 100, 1000} {
		b.Run(fmt.Sprintf("spread/rules=%d", n), func(b *testing.B) {
			e := mustEngine(b, 1, benchRules("spread", n)...)
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					if _, err := e.Decide(req); err != nil {
						b.Fatal(err)
					}
				}
			})
		})
	}
}

// BenchmarkAddRules is the cost of adding MaxRules rules one by one,
// which new ids must not make quadratic.
func BenchmarkAddRules(b *testing.B) {
	rules := benchRules("spread", 1000)
	for b.Loop() {
		e := mustEngine(b, 1)
		for _, r := range rules {
			if _, err := e.Add(r); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkGlobHostile matches the largest pattern a rule may hold, built
// to make a backtracking matcher retry at every byte, against a 64 KiB
// path (the largest a request line of the mock can carry).
func BenchmarkGlobHostile(b *testing.B) {
	pattern := "*" + strings.Repeat("a", 1021) + "b*"
	path := "/" + strings.Repeat("a", 64<<10)
	for b.Loop() {
		if glob(pattern, path) {
			b.Fatal("matched")
		}
	}
}

// BenchmarkAddAll is the cost of adding MaxRules rules in one list, as
// one POST /__mock/faults does.
func BenchmarkAddAll(b *testing.B) {
	rules := benchRules("spread", MaxRules)
	for b.Loop() {
		if _, err := mustEngine(b, 1).AddAll(context.Background(), rules); err != nil {
			b.Fatal(err)
		}
	}
}
