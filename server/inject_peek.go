package server

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
)

// peekClient reads the client id of a token request or the username of a
// login request without consuming the body.
func peekClient(r *http.Request) string {
	if r.Body == nil || r.Method != http.MethodPost {
		return ""
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxFormBytes))
	r.Body = io.NopCloser(io.MultiReader(bytes.NewReader(body), r.Body))
	if err != nil {
		return ""
	}
	if vals, err := url.ParseQuery(string(body)); err == nil && vals.Get("client_id") != "" {
		return vals.Get("client_id")
	}
	var login struct {
		Username string `json:"username"`
	}
	if json.Unmarshal(body, &login) == nil {
		return login.Username
	}
	return ""
}
