package server

import (
	"net/http"

	"github.com/sessionmock/sessionmock/fault"
	"github.com/sessionmock/sessionmock/openapi"
)

type vendorNames struct {
	Name   string   `json:"name"`
	Routes []string `json:"routes"`
}

type namesBody struct {
	Vendors []vendorNames `json:"vendors"`
	Faults  []fault.Kind  `json:"faults"`
}

// adminNames lists the names fault rules and the journal use: each
// vendor's route names and the faults, so that a form can offer them.
func (s *Server) adminNames(w http.ResponseWriter, r *http.Request) {
	body := namesBody{Faults: fault.Kinds()}
	for _, v := range openapi.Vendors() {
		body.Vendors = append(body.Vendors, vendorNames{Name: v, Routes: fault.Routes(v)})
	}
	writeValue(w, http.StatusOK, body)
}
