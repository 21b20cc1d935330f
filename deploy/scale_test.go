package deploy

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/sessionmock/sessionmock/internal/spectest"
	"github.com/sessionmock/sessionmock/openapi"
)

// The replicas of the Deployment, each started as the manifests say,
// answer the same bytes, accept each other's tokens, and keep admin API
// changes to themselves: what the README's "Running at scale" says.
func TestReplicas(t *testing.T) {
	set, pr := checkedPod(t, kubernetesDocs(t), nil)
	n := *set.deployments[0].Spec.Replicas
	if n < 2 {
		t.Fatalf("%d replicas", n)
	}
	var bases []string
	for range n {
		bases = append(bases, runPod(t, pr))
	}
	a, b := bases[0], bases[1]
	s := pr.settings
	client := s.SeguraClients[0]
	user := s.AppgateUsers[0]

	// Segura: a token from one replica lists the sessions on the other,
	// and both lists are the same bytes.
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {client.ID}, "client_secret": {client.Secret}}
	req, _ := http.NewRequest(http.MethodPost, a+"/iso/oauth2/token", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, body := do(t, req)
	spectest.Check(t, openapi.Segura, req, resp, body)
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.Unmarshal(body, &tok); err != nil || tok.AccessToken == "" {
		t.Fatalf("token: %d %s", resp.StatusCode, body)
	}
	list := func(base string) (int, []byte) {
		req, _ := http.NewRequest(http.MethodGet, base+"/api/session/remotesessions", nil)
		req.Header.Set("Authorization", "Bearer "+tok.AccessToken)
		resp, body := do(t, req)
		spectest.Check(t, openapi.Segura, req, resp, body)
		return resp.StatusCode, body
	}
	codeA, listA := list(a)
	codeB, listB := list(b)
	if codeA != 200 || codeB != 200 || !bytes.Equal(listA, listB) {
		t.Errorf("Segura list: %d and %d, same bytes %t", codeA, codeB, bytes.Equal(listA, listB))
	}

	// Appgate: log in on one replica, read a DN's session info on both.
	accept := "application/vnd.appgate.peer-v" + itoa(s.PeerVersion) + "+json"
	login, _ := json.Marshal(map[string]string{"providerName": user.Provider, "username": user.Username,
		"password": user.Password, "deviceId": "4c07bc67-57ea-42dd-b702-c2d6c45419fc"})
	req, _ = http.NewRequest(http.MethodPost, b+"/admin/login", bytes.NewReader(login))
	req.Header.Set("Accept", accept)
	req.Header.Set("Content-Type", "application/json")
	resp, body = do(t, req)
	spectest.Check(t, openapi.Appgate, req, resp, body)
	var session struct {
		Token string `json:"token"`
	}
	if err := json.Unmarshal(body, &session); err != nil || session.Token == "" {
		t.Fatalf("login: %d %s", resp.StatusCode, body)
	}
	_, body = get(t, a+"/__mock/sessions?vendor=appgate&limit=1", "")
	var page struct {
		Appgate struct {
			Clients []struct {
				DN string `json:"dn"`
			} `json:"clients"`
		} `json:"appgate"`
	}
	if err := json.Unmarshal(body, &page); err != nil || len(page.Appgate.Clients) == 0 {
		t.Fatalf("admin sessions: %s", body)
	}
	info := func(base string) (int, []byte) {
		req, _ := http.NewRequest(http.MethodGet, base+"/admin/session-info/"+url.PathEscape(page.Appgate.Clients[0].DN), nil)
		req.Header.Set("Accept", accept)
		req.Header.Set("Authorization", "Bearer "+session.Token)
		resp, body := do(t, req)
		spectest.Check(t, openapi.Appgate, req, resp, body)
		return resp.StatusCode, body
	}
	codeA, infoA := info(a)
	codeB, infoB := info(b)
	if codeA != 200 || codeB != 200 || !bytes.Equal(infoA, infoB) {
		t.Errorf("session info: %d and %d, same bytes %t", codeA, codeB, bytes.Equal(infoA, infoB))
	}

	// A fault rule added through one replica's admin API stays there.
	req, _ = http.NewRequest(http.MethodPost, a+"/__mock/faults",
		strings.NewReader(`{"match":{"route":"remotesessions"},"action":{"status":503}}`))
	req.Header.Set("Content-Type", "application/json")
	if resp, body := do(t, req); resp.StatusCode/100 != 2 {
		t.Fatalf("add a fault rule: %d %s", resp.StatusCode, body)
	}
	if codeA, _ = list(a); codeA != 503 {
		t.Errorf("the replica given the rule answers %d, want 503", codeA)
	}
	if codeB, _ = list(b); codeB != 200 {
		t.Errorf("the other replica answers %d, want 200: admin changes are per replica", codeB)
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}
