package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestStreamList(t *testing.T) {
	body := listBody(5000)
	var gotAuth, gotEncoding string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotAuth, gotEncoding = r.Header.Get("Authorization"), r.Header.Get("Accept-Encoding")
		switch r.URL.Path {
		case "/api/session/remotesessions":
			// Written in pieces and flushed, as a streaming server does.
			for rest := body; len(rest) > 0; {
				k := min(len(rest), 4096)
				w.Write(rest[:k])
				w.(http.Flusher).Flush()
				rest = rest[k:]
			}
		default:
			http.Error(w, `{"message":"no Route matched"}`, http.StatusNotFound)
		}
	}))
	defer srv.Close()

	req, err := listRequest(context.Background(), srv.URL, "tok")
	if err != nil {
		t.Fatal(err)
	}
	check, elapsed, err := streamList(req)
	if err != nil {
		t.Fatal(err)
	}
	if gotAuth != "Bearer tok" {
		t.Errorf("Authorization %q", gotAuth)
	}
	// A gzip-encoded list would be decoded by the client, hiding what the
	// server sends.
	if gotEncoding != "" {
		t.Errorf("Accept-Encoding %q, want none", gotEncoding)
	}
	if check.n != int64(len(body)) || check.records != 5000 || !check.complete(5000) || elapsed <= 0 || elapsed > time.Minute {
		t.Fatalf("bytes %d/%d, records %d, complete %v, elapsed %v", check.n, len(body), check.records, check.complete(5000), elapsed)
	}

	bad, _ := listRequest(context.Background(), srv.URL+"/nope", "tok")
	if _, _, err := streamList(bad); err == nil || !strings.Contains(err.Error(), "status 404") || !strings.Contains(err.Error(), "no Route matched") {
		t.Fatalf("err = %v, want the status and the body", err)
	}
}
