package server

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/sessionmock/sessionmock/fault"
)

const maxAdminBody = 1 << 20

type rulesBody struct {
	Rules []fault.Rule `json:"rules"`
}

func (s *Server) adminListFaults(w http.ResponseWriter, r *http.Request) {
	writeValue(w, http.StatusOK, rulesBody{Rules: s.faults.Rules()})
}

// adminAddFaults adds one rule (a JSON or YAML object) or several (a
// list), after the rules already there. Either all are added or none, at
// once: no request and no listing sees part of a list. A list that would
// pass fault.MaxRules is refused with 409.
func (s *Server) adminAddFaults(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxAdminBody))
	if err != nil {
		writeAdminError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("body: %v", err))
		return
	}
	var rules []fault.Rule
	trimmed := bytes.TrimSpace(body)
	switch {
	case len(trimmed) == 0:
		writeAdminError(w, http.StatusBadRequest, "body: empty; want a fault rule or a list of rules")
		return
	case trimmed[0] == '[' || trimmed[0] == '-':
		rules, err = fault.ParseRules("body", body)
	default:
		var one fault.Rule
		one, err = fault.ParseRule("body", body)
		rules = []fault.Rule{one}
	}
	if err != nil {
		writeAdminError(w, http.StatusBadRequest, err.Error())
		return
	}
	added, err := s.faults.AddAll(r.Context(), rules)
	var item *fault.ItemError
	switch {
	case err == nil:
		writeValue(w, http.StatusCreated, rulesBody{Rules: added})
	case r.Context().Err() != nil:
		// The client left; nothing was added and nobody reads an answer.
	case errors.Is(err, fault.ErrTooManyRules):
		writeAdminError(w, http.StatusConflict, err.Error())
	case errors.As(err, &item):
		writeAdminError(w, http.StatusBadRequest, fmt.Sprintf("%s: %v", itemName(len(rules), item.Index), item.Err))
	default:
		writeAdminError(w, http.StatusBadRequest, err.Error())
	}
}

func (s *Server) adminRemoveFault(w http.ResponseWriter, r *http.Request) {
	id := chi.URLParam(r, "id")
	if !s.faults.Remove(id) {
		writeAdminError(w, http.StatusNotFound, fmt.Sprintf("no fault rule with id %q", id))
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) adminClearFaults(w http.ResponseWriter, r *http.Request) {
	s.faults.Clear()
	w.WriteHeader(http.StatusNoContent)
}

func itemName(n, i int) string {
	if n == 1 {
		return "body"
	}
	return fmt.Sprintf("body[%d]", i)
}
