package fault

import (
	"github.com/sessionmock/sessionmock/wire"
	"github.com/sessionmock/sessionmock/wire/appgate"
	"github.com/sessionmock/sessionmock/wire/segura"
)

// Vendors and routes a rule can match, as the wire packages name them;
// Request.Vendor and Request.Route carry the same names. The route names
// a rule accepts are those of the wire packages' route lists, so a route
// added there can be matched at once; these constants are for rules
// written in Go.
const (
	VendorSegura  = wire.Segura
	VendorAppgate = wire.Appgate

	RouteToken          = segura.RouteToken
	RouteRemoteSessions = segura.RouteRemoteSessions
	RouteRemoteSession  = segura.RouteRemoteSession
	RouteVersion        = appgate.RouteVersion
	RouteLogin          = appgate.RouteLogin
	RouteSessionInfo    = appgate.RouteSessionInfo
)

// vendorRoutes returns the routes of a vendor, or nil for an unknown one.
func vendorRoutes(vendor string) []wire.Route {
	switch vendor {
	case wire.Segura:
		return segura.Routes()
	case wire.Appgate:
		return appgate.Routes()
	}
	return nil
}

// Routes returns the route names of a vendor, or nil for an unknown one.
func Routes(vendor string) []string {
	rs := vendorRoutes(vendor)
	if rs == nil {
		return nil
	}
	return wire.Names(rs)
}

// AllRoutes returns the route names of every vendor, Segura's first.
func AllRoutes() []string {
	var out []string
	for _, v := range wire.Vendors() {
		out = append(out, Routes(v)...)
	}
	return out
}

// routeVendor returns the vendor of a route name; the names are unique
// across vendors, so a rule may name a route without its vendor.
func routeVendor(route string) string {
	for _, v := range wire.Vendors() {
		for _, r := range vendorRoutes(v) {
			if r.Name == route {
				return v
			}
		}
	}
	return ""
}
