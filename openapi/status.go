package openapi

import (
	"net/http"
	"strconv"
)

// StatusDocumented tells whether the operation r is for lists status
// explicitly. The "default" response, which describes the body of any other
// error, does not count: a conformance check asks whether the vendor
// documents a status, not whether its body has the error shape.
func (v *Validator) StatusDocumented(r *http.Request, status int) (bool, error) {
	route, _, err := v.FindRoute(r)
	if err != nil {
		return false, err
	}
	if route.Operation == nil || route.Operation.Responses == nil {
		return false, nil
	}
	return route.Operation.Responses.Value(strconv.Itoa(status)) != nil, nil
}
