package server

import (
	"io"
	"net/http"
	"sync"
	"testing"
)

// TestConcurrentClients runs both vendors' flows in parallel; under -race
// it proves the handlers share no unsynchronised state.
func TestConcurrentClients(t *testing.T) {
	m := start(t, nil)
	seg := m.seguraToken(t, "sessionmock", "sessionmock-secret")
	ag := m.appgateToken(t, "admin", "admin")
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 20; i++ {
				var req *http.Request
				if (g+i)%2 == 0 {
					req, _ = http.NewRequest("GET", m.URL+"/api/session/remotesessions", nil)
					req.Header.Set("Authorization", "Bearer "+seg)
				} else {
					dn := m.world.Appgate().At((g * i) % m.world.Appgate().Len()).DN
					req, _ = http.NewRequest("GET", m.URL+"/admin/session-info/"+dn.String(), nil)
					req.Header.Set("Authorization", "Bearer "+ag)
					req.Header.Set("Accept", accept23)
				}
				resp, err := m.Client().Do(req)
				if err != nil {
					errs <- err.Error()
					return
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 200 {
					errs <- req.URL.Path + ": " + resp.Status
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
