package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"

	"github.com/go-chi/chi/v5"
)

// maxPatchBody bounds PATCH /__mock/faults/{id}; the body is one flag.
const maxPatchBody = 4 << 10

// adminPatchFault switches one rule off or on again:
// PATCH /__mock/faults/{id} with {"disabled": true|false}. It answers the
// rule as stored.
func (s *Server) adminPatchFault(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxPatchBody))
	if err != nil {
		writeAdminError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("body: %v", err))
		return
	}
	var patch struct {
		Disabled *bool `json:"disabled"`
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&patch); err != nil || dec.More() {
		writeAdminError(w, http.StatusBadRequest, `body: want {"disabled": true} or {"disabled": false}`)
		return
	}
	if patch.Disabled == nil {
		writeAdminError(w, http.StatusBadRequest, `body: "disabled" is missing; want {"disabled": true} or {"disabled": false}`)
		return
	}
	id := chi.URLParam(r, "id")
	rule, ok := s.faults.SetDisabled(id, *patch.Disabled)
	if !ok {
		writeAdminError(w, http.StatusNotFound, fmt.Sprintf("no fault rule with id %q", id))
		return
	}
	writeValue(w, http.StatusOK, rule)
}
