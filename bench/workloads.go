package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/sessionmock/sessionmock/bench/internal/answers"
	"github.com/sessionmock/sessionmock/wire/appgate"
)

// The throughput workloads: the routes the throughput part loads, each in
// a round of its own at every core count, in this order.
const (
	workloadSessionInfo    = "session-info"
	workloadActiveSessions = "active-sessions"
)

// maxDNs is how many session-info paths the load cycles over: enough that
// no single answer size dominates, all of them with the default 20.
const maxDNs = 20

// activeSessionsPages are the queries of the active-sessions workload: the
// default 20 clients in two pages of ten, and all of them ordered by user
// name, so that sorting on another field than the default is measured too.
var activeSessionsPages = []url.Values{
	{"range": {"0-9"}},
	{"range": {"10-19"}},
	{"range": {"0-19"}, "orderBy": {"username"}},
}

// workload is what one throughput round sends: the request URIs, as the
// vendor's client sends them, that the load cycles over, and the mock's
// real answers to them, which the baseline serves.
type workload struct {
	Name      string   `json:"workload"`
	URIs      []string `json:"request_uris"`
	MeanBytes int      `json:"mean_bytes"`
	// AnswersFile is the baseline's answers file; ContentType and
	// Answers (by request URI) are what it holds.
	AnswersFile string                    `json:"-"`
	ContentType string                    `json:"-"`
	Answers     map[string]answers.Answer `json:"-"`
}

// workloadLabel is how the table names a workload.
func workloadLabel(name string) string {
	if name == workloadActiveSessions {
		return "active-sessions pages"
	}
	return name
}

// cycleNote says what a workload's load cycles over.
func (w workload) cycleNote() string {
	if w.Name == workloadSessionInfo {
		return fmt.Sprintf("%d DNs", len(w.URIs))
	}
	queries := make([]string, len(w.URIs))
	for i, uri := range w.URIs {
		_, q, _ := strings.Cut(uri, "?")
		queries[i] = "`" + q + "`"
	}
	return fmt.Sprintf("%d pages (%s)", len(w.URIs), strings.Join(queries, ", "))
}

// activeSessionsURI is one page of GET /admin/stats/active-sessions/dn.
func activeSessionsURI(q url.Values) string { return appgate.PathActiveSessions + "?" + q.Encode() }

// fetchWorkloads asks the mock for the answers of every workload and
// writes the baseline's answers files into dir.
func fetchWorkloads(ctx context.Context, api mockAPI, dir string) ([]workload, error) {
	token, err := api.appgateToken(ctx)
	if err != nil {
		return nil, err
	}
	dns, err := api.appgateDNs(ctx, maxDNs)
	if err != nil {
		return nil, err
	}
	info := workload{Name: workloadSessionInfo}
	for _, dn := range dns {
		// As the vendor's official client sends it: the DN path-escaped,
		// commas as %2C.
		info.URIs = append(info.URIs, appgate.SessionInfoPath(dn))
	}
	pages := workload{Name: workloadActiveSessions}
	for _, q := range activeSessionsPages {
		pages.URIs = append(pages.URIs, activeSessionsURI(q))
	}
	out := []workload{info, pages}
	for i := range out {
		if err := out[i].fetch(ctx, api, token, dir); err != nil {
			return nil, fmt.Errorf("fetching the %s answers: %w", out[i].Name, err)
		}
	}
	if err := checkPages(out[1]); err != nil {
		return nil, err
	}
	return out, nil
}

// fetch gets the mock's answer to each of w's URIs twice, refuses an
// answer that changed in between (the baseline must send exactly the
// mock's bytes, so they must not depend on anything that moves), and
// writes the answers file.
func (w *workload) fetch(ctx context.Context, api mockAPI, token, dir string) error {
	if len(w.URIs) == 0 {
		return fmt.Errorf("workload %s has no requests", w.Name)
	}
	f := answers.File{Answers: map[string]answers.Answer{}}
	total := 0
	for _, uri := range w.URIs {
		first, ct, err := api.answer(ctx, token, uri)
		if err != nil {
			return err
		}
		again, _, err := api.answer(ctx, token, uri)
		if err != nil {
			return err
		}
		if err := sameAnswer(uri, first, again); err != nil {
			return fmt.Errorf("the mock's answer changed from one request to the next: %w", err)
		}
		if f.ContentType != "" && ct != f.ContentType {
			return fmt.Errorf("GET %s: Content-Type %q, the others %q", uri, ct, f.ContentType)
		}
		f.ContentType = ct
		f.Answers[uri] = first
		total += len(first.Body)
	}
	data, err := json.Marshal(f)
	if err != nil {
		return err
	}
	file := filepath.Join(dir, "answers-"+w.Name+".json")
	if err := os.WriteFile(file, data, 0o600); err != nil {
		return err
	}
	w.AnswersFile, w.ContentType, w.Answers, w.MeanBytes = file, f.ContentType, f.Answers, total/len(w.URIs)
	return nil
}

// sameAnswer says where got differs from want, nil when it does not.
func sameAnswer(uri string, want, got answers.Answer) error {
	if want.Chunked != got.Chunked {
		return fmt.Errorf("GET %s: chunked %v, then %v", uri, want.Chunked, got.Chunked)
	}
	if bytes.Equal(want.Body, got.Body) {
		return nil
	}
	i := 0
	for i < len(want.Body) && i < len(got.Body) && want.Body[i] == got.Body[i] {
		i++
	}
	return fmt.Errorf("GET %s: %d bytes and %d bytes, first different at byte %d: %.60q and %.60q",
		uri, len(want.Body), len(got.Body), i, want.Body[i:], got.Body[i:])
}

// checkPages refuses pages that do not hold the entries their range asks
// for: with fewer clients than the pages assume, the load would measure
// short or empty pages.
func checkPages(w workload) error {
	for i, q := range activeSessionsPages {
		var first, last int
		if _, err := fmt.Sscanf(q.Get("range"), "%d-%d", &first, &last); err != nil {
			return fmt.Errorf("page %s: %w", q.Encode(), err)
		}
		var page struct {
			Data []json.RawMessage `json:"data"`
		}
		body := w.Answers[w.URIs[i]].Body
		if err := json.Unmarshal(body, &page); err != nil {
			return fmt.Errorf("GET %s: %w: %.200s", w.URIs[i], err, body)
		}
		if want := last - first + 1; len(page.Data) != want {
			return fmt.Errorf("GET %s: %d entries, want %d: the mock has fewer Appgate clients than the pages ask for", w.URIs[i], len(page.Data), want)
		}
	}
	return nil
}

// checkServes asks s for each of w's URIs once and refuses any answer that
// is not the one the baseline serves: a server under load must send
// exactly the bytes of the others.
func checkServes(ctx context.Context, s *server, token string, w workload) error {
	api := s.api()
	for _, uri := range w.URIs {
		got, ct, err := api.answer(ctx, token, uri)
		if err != nil {
			return err
		}
		if ct != w.ContentType {
			return fmt.Errorf("GET %s: Content-Type %q, before %q", uri, ct, w.ContentType)
		}
		if err := sameAnswer(uri, w.Answers[uri], got); err != nil {
			return fmt.Errorf("not the answer the mock gave before: %w", err)
		}
	}
	return nil
}
