package server

import (
	"cmp"
	"net/http"
	"slices"

	"github.com/sessionmock/sessionmock/fixtures"
	"github.com/sessionmock/sessionmock/wire/appgate"
)

// dashboardMaxIPs bounds the addresses listed per location, so the answer
// stays small whatever the number of clients.
const dashboardMaxIPs = 100

type dashboardAnswer struct {
	TotalCount int                       `json:"totalCount"`
	GeoIPData  []dashboardGeo            `json:"geoIpData"`
	Versions   map[string]dashboardCount `json:"versions"`
}

type dashboardGeo struct {
	SessionCount  int      `json:"sessionCount"`
	Latitude      float64  `json:"latitude"`
	Longitude     float64  `json:"longitude"`
	CountryCode   string   `json:"countryCode"`
	ContinentCode string   `json:"continentCode"`
	IPs           []string `json:"ips"`
}

type dashboardCount struct {
	SupportStatus string `json:"supportStatus"`
	SessionCount  int    `json:"sessionCount"`
}

// appgateDashboard answers GET /admin/stats/active-sessions/dashboard: the
// present clients counted in one pass, by location and by client version,
// so its totals are the list's.
func (s *Server) appgateDashboard(w http.ResponseWriter, r *http.Request) {
	const route = appgate.RouteDashboard
	if _, ok := s.negotiate(w, r, route); !ok {
		return
	}
	if !s.appgateAuth(w, r, route) {
		return
	}
	clients := s.appgateClientsNow(r)
	out := dashboardAnswer{GeoIPData: []dashboardGeo{}, Versions: map[string]dashboardCount{}}
	byGeo := map[fixtures.Geo]*dashboardGeo{}
	seen := map[fixtures.Geo]map[string]bool{}
	ctx := r.Context()
	for i := 0; i < clients.Len(); i++ {
		if i%4096 == 0 && ctx.Err() != nil {
			panic(http.ErrAbortHandler) // the client is gone
		}
		if !clients.Has(i) {
			continue
		}
		c := clients.Active(i, fixtures.ActiveNoNames)
		out.TotalCount++
		if c.ClientVersion != "" {
			v, ok := out.Versions[c.ClientVersion]
			if !ok {
				v.SupportStatus = s.clientSupport(c.ClientVersion)
			}
			v.SessionCount++
			out.Versions[c.ClientVersion] = v
		}
		if !c.Geo.Known() {
			continue
		}
		g := byGeo[c.Geo]
		if g == nil {
			g = &dashboardGeo{Latitude: c.Geo.Latitude, Longitude: c.Geo.Longitude,
				CountryCode: c.Geo.CountryCode, ContinentCode: c.Geo.ContinentCode, IPs: []string{}}
			byGeo[c.Geo], seen[c.Geo] = g, map[string]bool{}
		}
		g.SessionCount++
		if c.ClientIP != "" && len(g.IPs) < dashboardMaxIPs && !seen[c.Geo][c.ClientIP] {
			seen[c.Geo][c.ClientIP] = true
			g.IPs = append(g.IPs, c.ClientIP)
		}
	}
	for _, g := range byGeo {
		out.GeoIPData = append(out.GeoIPData, *g)
	}
	slices.SortFunc(out.GeoIPData, func(a, b dashboardGeo) int {
		return cmp.Or(cmp.Compare(b.SessionCount, a.SessionCount), cmp.Compare(a.CountryCode, b.CountryCode),
			cmp.Compare(a.Latitude, b.Latitude), cmp.Compare(a.Longitude, b.Longitude))
	})
	writeValue(w, http.StatusOK, out)
}
