package server

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/sessionmock/sessionmock/fault"
	"github.com/sessionmock/sessionmock/internal/spectest"
)

// wholeLists reports an error unless ids, the ids of rules posted in
// lists "l<k>-<i>" (i from 0 to size-1), hold every id of each list they
// hold one of.
func wholeLists(ids []string, size int) error {
	held := make(map[string]bool, len(ids))
	for _, id := range ids {
		held[id] = true
	}
	for _, id := range ids {
		list, _, _ := strings.Cut(id, "-")
		for i := range size {
			if want := fmt.Sprintf("%s-%d", list, i); !held[want] {
				return fmt.Errorf("%s without %s in %q", id, want, ids)
			}
		}
	}
	return nil
}

// TestAdminFaultListsAreWhole posts lists of rules while other clients
// list the rules and send vendor requests: under -race it proves that
// neither a listing nor the decision for a request ever sees part of a
// list.
func TestAdminFaultListsAreWhole(t *testing.T) {
	const lists, size, readers, reads = 40, 25, 2, 80
	m := start(t, func(c *Config) { c.JournalSize = readers * reads })
	var wg sync.WaitGroup
	wg.Go(func() {
		for l := range lists {
			rules := make([]string, size)
			for i := range rules {
				// A bandwidth far above what the answer needs: the rule
				// fires, and so is journaled, but changes nothing.
				rules[i] = fmt.Sprintf(`{"id":"l%d-%d","action":{"bandwidth":1000000000}}`, l, i)
			}
			resp, err := m.Client().Post(m.URL+"/__mock/faults", "application/json", strings.NewReader("["+strings.Join(rules, ",")+"]"))
			if err != nil {
				t.Error(err)
				return
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusCreated {
				t.Errorf("list %d: %d %s", l, resp.StatusCode, body)
				return
			}
			if l%2 == 1 {
				req, _ := http.NewRequest("DELETE", m.URL+"/__mock/faults", nil)
				if resp, err := m.Client().Do(req); err == nil {
					resp.Body.Close()
				}
			}
		}
	})
	for range readers {
		wg.Go(func() {
			for range reads {
				resp, err := m.Client().Get(m.URL + "/__mock/faults")
				if err != nil {
					t.Error(err)
					return
				}
				var got rulesBody
				err = json.NewDecoder(resp.Body).Decode(&got)
				resp.Body.Close()
				if err != nil {
					t.Error(err)
					return
				}
				ids := make([]string, len(got.Rules))
				for i, r := range got.Rules {
					ids[i] = r.ID
				}
				if err := wholeLists(ids, size); err != nil {
					t.Errorf("GET /__mock/faults saw %v", err)
					return
				}

				req, _ := http.NewRequest("GET", m.URL+"/admin/version", nil)
				resp, err = m.Client().Do(req)
				if err != nil {
					t.Error(err)
					return
				}
				body, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				spectest.Check(t, vendorOf(req.URL.Path), req, resp, body)
			}
		})
	}
	wg.Wait()
	_, body := m.call(t, m.request(t, "GET", "/__mock/requests", nil))
	var journal requestsBody
	mustUnmarshal(t, body, &journal)
	if len(journal.Requests) != readers*reads {
		t.Fatalf("%d requests journaled, want %d", len(journal.Requests), readers*reads)
	}
	fired := 0
	for _, e := range journal.Requests {
		if err := wholeLists(e.Rules, size); err != nil {
			t.Errorf("request %d saw %v", e.ID, err)
		}
		fired += len(e.Rules)
	}
	t.Logf("%d rules fired on %d requests", fired, len(journal.Requests))
}

func TestAdminFaultsLimit(t *testing.T) {
	t.Parallel()
	m := start(t, nil)
	post := func(n int) (*http.Response, []byte) {
		t.Helper()
		rules := make([]string, n)
		for i := range rules {
			rules[i] = `{"action":{"status":503}}`
		}
		return m.call(t, m.request(t, "POST", "/__mock/faults", strings.NewReader("["+strings.Join(rules, ",")+"]"), "Content-Type", "application/json"))
	}
	count := func() int {
		t.Helper()
		_, body := m.call(t, m.request(t, "GET", "/__mock/faults", nil))
		var got rulesBody
		mustUnmarshal(t, body, &got)
		return len(got.Rules)
	}
	for _, tt := range []struct {
		n, status int
		error     string
		held      int
	}{
		{fault.MaxRules + 1, 409, "too many fault rules: 1001 given; the limit is 1000", 0},
		{fault.MaxRules - 1, 201, "", fault.MaxRules - 1},
		{2, 409, "too many fault rules: 999 held and 2 given make 1001; the limit is 1000 (remove some first)", fault.MaxRules - 1},
		{1, 201, "", fault.MaxRules},
		{1, 409, "too many fault rules: 1000 held and 1 given make 1001; the limit is 1000 (remove some first)", fault.MaxRules},
	} {
		resp, body := post(tt.n)
		if resp.StatusCode != tt.status {
			t.Errorf("POST of %d rules: %d %.200s, want %d", tt.n, resp.StatusCode, body, tt.status)
		}
		if tt.error != "" {
			var e adminErrorBody
			mustUnmarshal(t, body, &e)
			if e.Error != tt.error {
				t.Errorf("POST of %d rules: error %q, want %q", tt.n, e.Error, tt.error)
			}
		}
		if n := count(); n != tt.held {
			t.Errorf("after a POST of %d rules: %d held, want %d", tt.n, n, tt.held)
		}
	}
}

// A rule is refused at creation when one of its texts passes the bound,
// before any of it is compiled or matched.
func TestAdminFaultsBounds(t *testing.T) {
	t.Parallel()
	m := start(t, nil)
	hostile := `{"match":{"path":"*` + strings.Repeat("a", 20000) + `b"},"action":{"status":500}}`
	for body, want := range map[string][]string{
		hostile: {"path", "is 20002 bytes long; the limit is 1024"},
		`[{"action":{"status":500}},{"name":"` + strings.Repeat("n", 2000) + `","action":{"status":500}}]`: {"[1]", "name", "is 2000 bytes long; the limit is 1024"},
	} {
		resp, out := m.call(t, m.request(t, "POST", "/__mock/faults", strings.NewReader(body), "Content-Type", "application/json"))
		var e adminErrorBody
		mustUnmarshal(t, out, &e)
		for _, w := range want {
			if resp.StatusCode != 400 || !strings.Contains(e.Error, w) {
				t.Errorf("%.40s...: %d %s, want 400 naming %q", body, resp.StatusCode, out, w)
			}
		}
	}
}
