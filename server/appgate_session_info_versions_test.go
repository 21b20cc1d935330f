package server

import (
	"encoding/json"
	"net/url"
	"testing"

	appgate21 "github.com/appgate/sdp-api-client-go/api/v21/openapi"

	"github.com/sessionmock/sessionmock/fixtures"

	"github.com/sessionmock/sessionmock/wire/appgate"
)

// Versions up to 21 add discoveredApps to each Gateway; later ones do not.
func TestSessionInfoDiscoveredAppsByVersion(t *testing.T) {
	m := start(t, func(c *Config) { c.LowestPeerVersion = 21 })
	token := m.appgateToken(t, "admin", "admin")
	for i := 0; i < m.world.Appgate().Len(); i++ {
		c := m.world.Appgate().At(i)
		for _, version := range []int{21, 22, 21} { // 21 again: from the cache
			resp, body := m.call(t, m.request(t, "GET", "/admin/session-info/"+url.PathEscape(c.DN.String()), nil,
				"Accept", appgate.PeerMediaType(version), "Authorization", "Bearer "+token))
			if resp.StatusCode != 200 {
				t.Fatalf("v%d: %d %s", version, resp.StatusCode, body)
			}
			var raw struct {
				Data map[string]map[string]json.RawMessage `json:"data"`
			}
			mustUnmarshal(t, body, &raw)
			for gw, entry := range raw.Data {
				apps, has := entry["discoveredApps"]
				if has != (version == 21) {
					t.Fatalf("v%d %s %s: discoveredApps present %v", version, c.DN, gw, has)
				}
				if has && string(apps) != string(mustJSON(t, fixtures.DiscoveredApps(c.Info.Data[gw]))) {
					t.Fatalf("%s %s: discoveredApps %s", c.DN, gw, apps)
				}
			}
			if version == 21 {
				var got appgate21.SessionInfoDistinguishedName
				if err := json.Unmarshal(body, &got); err != nil {
					t.Fatalf("the v21 client cannot read the v21 answer: %v", err)
				}
				for gw, v := range got.GetData() {
					if len(v.GetDiscoveredApps()) == 0 && len(fixtures.DiscoveredApps(c.Info.Data[gw])) > 0 {
						t.Fatalf("%s %s: the v21 client read no discoveredApps", c.DN, gw)
					}
				}
			}
		}
	}
}

func mustJSON(t testing.TB, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
