package contracttest

import (
	"cmp"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"

	"github.com/sessionmock/sessionmock/openapi"
	"github.com/sessionmock/sessionmock/wire"
	"github.com/sessionmock/sessionmock/wire/appgate"
)

// runner holds the state of one run.
type runner struct {
	t       Target
	o       Options
	base    *url.URL
	docBase string // the document's base path, which the base URL ends in: "" (Segura) or "/admin" (Appgate)
	client  *http.Client
	pacer   *pacer
	red     *redactor
	val     *openapi.Validator
	notes   []string

	// exchanges are every request to the vendor API, in order.
	exchanges []*exchange
	contacted bool
	// retained is the size of the kept documents held; ephemeral are
	// those beyond the bound, let go before the next request.
	retained  int
	ephemeral []*exchange
	stats     *runStats

	selected map[string]bool

	// Set up before the checks run.
	token      string
	tokenGiven bool
	tokenEx    *exchange   // the token or login request with the credentials given
	firstAuth  *exchange   // the first request that carried the token
	primary    []*exchange // the session list, or one session-info per DN

	seg seguraState // Segura only

	// Appgate only.
	ag            appgateState
	version       int
	versionSource string
	versionRange  [2]int // as the 406 said, when it did
	dns           []string
	dnReason      string // why there are no DNs
	unknownEx     *exchange
}

// checkFunc runs one check. The error is non-nil only when the run must stop.
type checkFunc func(ctx context.Context, r *runner) (Result, error)

// suite is what differs between the vendors.
type suite interface {
	setup(ctx context.Context, r *runner) error
	check(id string) checkFunc
}

// Run checks the server target names against the contract of its vendor and
// reports what it found. The error is non-nil, and the Report empty, only when
// the checks could not run: a usage mistake (ErrUsage), a server that cannot be
// reached at all (ErrConnection), or credentials the server refuses
// (ErrCredentials). A failed check is not an error: it is in the Report.
func Run(ctx context.Context, target Target, opts Options) (Report, error) {
	o := opts.withDefaults()
	if o.Rate < 0 {
		return Report{}, usageErr(fmt.Sprintf("rate %g: want a positive number of requests per second, or 0 for no limit", o.Rate))
	}
	base, err := target.check()
	if err != nil {
		return Report{}, err
	}
	switch {
	case target.Drop != "" && !o.AllowWrites:
		return Report{}, usageErr("a session to drop needs writes allowed (--allow-writes): dropping ends a real session")
	case o.AllowWrites && target.Drop == "":
		return Report{}, usageErr("writes allowed but no session to drop: the one write the suite makes is the drop of the session --drop names")
	}
	checks, err := selectChecks(target.Vendor, o.Checks, o.Skip)
	if err != nil {
		return Report{}, err
	}
	val, err := openapi.NewValidator(target.Vendor)
	if err != nil {
		return Report{}, err
	}
	p := newPacer(o.Rate, o.MaxRequests, o.Now, o.Sleep)
	r := &runner{
		t: target, o: o, base: base, pacer: p, red: &redactor{}, val: val,
		client:   newClient(base, o, p),
		selected: map[string]bool{},
		stats:    cmp.Or(o.stats, &runStats{}),
	}
	if target.Vendor == wire.Appgate {
		r.docBase = appgate.BasePath
	}
	for _, c := range checks {
		r.selected[c.ID] = true
	}
	for _, s := range []string{target.ClientSecret, target.Password, target.Token} {
		r.red.add(s)
	}

	started := o.Now()
	ctx, cancel := context.WithTimeout(ctx, o.Deadline)
	defer cancel()

	var s suite = seguraSuite{}
	if target.Vendor == wire.Appgate {
		s = appgateSuite{}
	}
	if err := s.setup(ctx, r); err != nil {
		return Report{}, err
	}
	rep := Report{
		Format:    ReportFormat,
		Vendor:    target.Vendor,
		BaseURL:   base.String(),
		StartedAt: started.UTC(),
	}
	for _, c := range checks {
		fn := s.check(c.ID)
		if fn == nil {
			fn = commonCheck(c.ID)
		}
		if fn == nil {
			return Report{}, fmt.Errorf("contracttest: no implementation of check %q", c.ID)
		}
		begin := o.Now()
		var res Result
		if target.Vendor == wire.Appgate && r.version == 0 && !versionless[c.ID] {
			res = skipped("no API version to send: " + r.ag.versionFailure + " (see " + CheckVersionDiscovery + ")")
		} else if res, err = fn(ctx, r); err != nil {
			return Report{}, err
		}
		res.ID, res.Title, res.Description = c.ID, c.Title, c.Description
		res.Duration = Duration(o.Now().Sub(begin))
		if res.Evidence == nil {
			res.Evidence = []Evidence{}
		}
		r.red.result(&res)
		rep.Checks = append(rep.Checks, res)
		if o.Progress != nil {
			o.Progress(res)
		}
	}
	rep.Duration = Duration(o.Now().Sub(started))
	rep.Requests = p.count()
	rep.BytesRead = r.stats.BytesRead
	if target.Vendor == wire.Appgate {
		rep.APIVersion, rep.APIVersionSource = r.version, r.versionSource
	} else {
		rep.SeguraRelease = r.t.SeguraRelease
	}
	for _, n := range r.notes {
		rep.Notes = append(rep.Notes, r.red.str(n))
	}
	for _, res := range rep.Checks {
		rep.Summary.Total++
		switch res.Status {
		case Passed:
			rep.Summary.Passed++
		case Failed:
			rep.Summary.Failed++
		case Skipped:
			rep.Summary.Skipped++
		}
	}
	return rep, nil
}

// versionless are the Appgate checks that need no API version: they judge
// its discovery, or the answers already there.
var versionless = map[string]bool{
	CheckVersionDiscovery: true, CheckVersionEndpoint: true, CheckNoServerError: true, CheckStatusDocumented: true,
	CheckContentTypeDocumented: true, CheckSchemaValid: true, CheckLatencyBudget: true,
}

// needs reports whether any selected check is one of ids.
func (r *runner) needs(ids ...string) bool {
	return slices.ContainsFunc(ids, func(id string) bool { return r.selected[id] })
}

// needsSession reports whether a selected check needs the session data or
// a token: every check but the ones about refusing bad or missing
// credentials.
func (r *runner) needsSession() bool {
	for id := range r.selected {
		switch id {
		case CheckBadCredentials, CheckMissingCredentials, CheckInvalidToken, CheckVersionDiscovery,
			CheckVersionEndpoint, CheckIdentityProviders:
		default:
			return true
		}
	}
	return false
}

func (r *runner) note(format string, args ...any) {
	r.notes = append(r.notes, fmt.Sprintf(format, args...))
}

func passed(reason string, ev ...Evidence) Result {
	return Result{Status: Passed, Reason: reason, Evidence: ev}
}

func failed(reason string, ev ...Evidence) Result {
	return Result{Status: Failed, Reason: reason, Evidence: ev}
}

func skipped(reason string, ev ...Evidence) Result {
	return Result{Status: Skipped, Reason: reason, Evidence: ev}
}
