package openapi_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/sessionmock/sessionmock/openapi"
)

// A server that sends firewall ports as numbers breaks clients generated from the
// vendor's specification; the validator names the offending value.
func ExampleValidator_ValidateResponse() {
	v, err := openapi.NewValidator(openapi.Appgate)
	if err != nil {
		fmt.Println(err)
		return
	}
	req := httptest.NewRequest(http.MethodGet, "/admin/session-info/CN=4c07bc6757ea42ddb702c2d6c45419fc%2CCN=user%2COU=ldap", nil)
	header := http.Header{"Content-Type": {"application/vnd.appgate.peer-v23+json"}}
	body := []byte(`{"data":{"gateway-1":{"entitlementInfos":{"web":{"firewallRules":[{"ports":[443]}]}}}}}`)

	fmt.Println(v.ValidateResponse(context.Background(), req, http.StatusOK, header, body))
	// Output:
	// openapi: appgate: GET /session-info/{distinguished-name}: response 200: response body doesn't match schema #/components/schemas/SessionInfo: at /data/gateway-1/entitlementInfos/web/firewallRules/0/ports/0: value must be a string (got 443)
}

// Requests that match no operation are told apart from a method the path does not
// offer, so a server can answer each the way the vendor does.
func ExampleValidator_FindRoute() {
	v, err := openapi.NewValidator(openapi.Segura)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range []*http.Request{
		httptest.NewRequest(http.MethodGet, "/api/session/remotesessions/42", nil),
		httptest.NewRequest(http.MethodGet, "/api/session/unknown", nil),
		httptest.NewRequest(http.MethodPut, "/api/session/remotesessions", nil),
	} {
		route, params, err := v.FindRoute(r)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(route.Operation.OperationID, params["id"])
	}
	// Output:
	// getRemoteSession 42
	// openapi: segura: GET /api/session/unknown: no matching operation was found
	// openapi: segura: PUT /api/session/remotesessions: method not allowed
}
