package mockapi

import (
	"encoding/json"
	"testing"
)

// The shared type decodes what the mock encodes with its own record types,
// and leaves a vendor that was not asked for out.
func TestSessionsRoundTrip(t *testing.T) {
	t.Parallel()
	type client struct {
		DN   string `json:"dn"`
		Info any    `json:"sessionInfo"`
	}
	sent := Sessions[map[string]string, client]{
		Seed:    7,
		Appgate: &AppgatePage[client]{Total: 3, Offset: 1, Clients: []client{{DN: "CN=a,CN=b,OU=c", Info: map[string]any{}}}},
	}
	b, err := json.Marshal(sent)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"seed":7,"appgate":{"total":3,"offset":1,"clients":[{"dn":"CN=a,CN=b,OU=c","sessionInfo":{}}]}}`; string(b) != want {
		t.Fatalf("encoded\n%s, want\n%s", b, want)
	}
	var got Sessions[json.RawMessage, ClientRef]
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if got.Seed != 7 || got.Segura != nil || got.Appgate == nil || got.Appgate.Total != 3 ||
		len(got.Appgate.Clients) != 1 || got.Appgate.Clients[0].DN != "CN=a,CN=b,OU=c" {
		t.Fatalf("decoded %+v", got)
	}
}
