package sessionmocktest_test

import (
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http"

	"github.com/sessionmock/sessionmock/fault"
	"github.com/sessionmock/sessionmock/sessionmocktest"
)

// In a test, sessionmocktest.New(t) does the same as Start and stops the
// mock on t.Cleanup.
func Example() {
	m, err := sessionmocktest.Start(sessionmocktest.WithSeed(7))
	if err != nil {
		log.Fatal(err)
	}
	defer m.Close()

	list := func() int {
		req, _ := http.NewRequest("GET", m.URL+"/api/session/remotesessions", nil)
		req.Header.Set("Authorization", "Bearer "+m.SeguraToken())
		resp, err := m.Client().Do(req)
		if err != nil {
			log.Fatal(err)
		}
		// The journal records a request once its answer is complete:
		// read the body to the end before looking.
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp.StatusCode
	}

	fmt.Println("normal:", list())
	id := m.AddFault(fault.Rule{
		Match:  fault.Match{Route: fault.RouteRemoteSessions},
		Action: fault.Action{Status: 503},
	})
	fmt.Println("with rule", id+":", list())
	m.RemoveFault(id)
	fmt.Println("rule removed:", list())

	for _, e := range m.Requests() {
		fmt.Println(e.Method, e.Path, e.Status, e.Headers["Authorization"])
	}
	// Output:
	// normal: 200
	// with rule r1: 503
	// rule removed: 200
	// POST /iso/oauth2/token 200 []
	// GET /api/session/remotesessions 200 [Bearer [redacted]]
	// GET /api/session/remotesessions 503 [Bearer [redacted]]
	// GET /api/session/remotesessions 200 [Bearer [redacted]]
}

func ExampleMock_AppgateToken() {
	m, err := sessionmocktest.Start(sessionmocktest.WithTLS())
	if err != nil {
		log.Fatal(err)
	}
	defer m.Close()

	client := m.World.Appgate().At(0)
	req, _ := http.NewRequest("GET", m.SessionInfoURL(client.DN), nil)
	req.Header.Set("Authorization", "Bearer "+m.AppgateToken())
	req.Header.Set("Accept", m.AppgateAccept())
	resp, err := m.Client().Do(req)
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	var info struct {
		DeviceID string `json:"deviceId"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&info); err != nil {
		log.Fatal(err)
	}
	fmt.Println(resp.StatusCode, m.AppgateAccept())
	fmt.Println(info.DeviceID == client.DN.DeviceUUID())
	// Output:
	// 200 application/vnd.appgate.peer-v24+json
	// true
}
