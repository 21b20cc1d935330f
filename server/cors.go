package server

import (
	"net/http"
	"slices"
	"strings"

	"github.com/sessionmock/sessionmock/wire/mockapi"
)

// corsAllowHeaders are the request headers a browser app may send: the
// credentials, the Appgate version negotiation and the mock's Prefer
// control.
const (
	corsAllowHeaders  = "Authorization, Accept, Content-Type, Prefer"
	corsAllowMethods  = "GET, POST, PATCH, DELETE, OPTIONS"
	corsExposeHeaders = "Preference-Applied, Content-Length, WWW-Authenticate"
)

// cors lets a browser app on another origin call the vendor routes and the
// admin API. Origins are configurable; "*" allows every origin to call
// the vendor routes, while the admin API, which changes what every client
// gets, answers only the origins CORSOrigins names one by one.
func (s *Server) cors(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		origin := headerValue(r.Header, "Origin")
		if origin == "" || !s.originAllowed(origin, isAdminPath(r.URL.Path)) {
			next.ServeHTTP(w, r)
			return
		}
		h := w.Header()
		h.Add("Vary", "Origin")
		h.Set("Access-Control-Allow-Origin", origin)
		h.Set("Access-Control-Expose-Headers", corsExposeHeaders)
		if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
			h.Add("Vary", "Access-Control-Request-Method")
			h.Add("Vary", "Access-Control-Request-Headers")
			h.Set("Access-Control-Allow-Methods", corsAllowMethods)
			allow := corsAllowHeaders
			if req := r.Header.Get("Access-Control-Request-Headers"); req != "" {
				allow = req // whatever the app asks for, so custom headers work too
			}
			h.Set("Access-Control-Allow-Headers", allow)
			h.Set("Access-Control-Max-Age", "600")
			w.WriteHeader(http.StatusNoContent)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func (s *Server) originAllowed(origin string, admin bool) bool {
	if !admin && slices.Contains(s.cfg.CORSOrigins, "*") {
		return true
	}
	return slices.ContainsFunc(s.cfg.CORSOrigins, func(o string) bool {
		return strings.EqualFold(strings.TrimSuffix(o, "/"), origin)
	})
}

// isAdminPath reports whether path is under the admin API's prefix.
func isAdminPath(path string) bool {
	return path == mockapi.Prefix || strings.HasPrefix(path, mockapi.Prefix+"/")
}
