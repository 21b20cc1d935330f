package appgate

import (
	"encoding/json"
	"testing"
)

func TestErrorBodies(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		err  Error
		want string
	}{
		{"401", ErrorFor(401), `{"id":"unauthorized","message":"Token error. Login again."}`},
		{"403", ErrorFor(403), `{"id":"forbidden","message":"Insufficient permissions to access this resource."}`},
		{"404", ErrorFor(404), `{"id":"not found","message":"The requested resource can not be found."}`},
		{"418 has the reason phrase", ErrorFor(418), `{"id":"i'm a teapot","message":"I'm a teapot."}`},
		{"429", ErrorFor(429), `{"id":"too many requests","message":"Too Many Requests."}`},
		{"unknown status", ErrorFor(599), `{"id":"error 599","message":"Error 599."}`},
		{"504", ErrorFor(504), `{"id":"gateway timeout","message":"The upstream server is timing out."}`},
		{"406 with the versions", NotAcceptable(21, 23, "application/vnd.appgate.peer-v5+json"),
			`{"id":"not acceptable","message":"Invalid 'Accept' header. Current version: application/vnd.appgate.peer-v23+json, Received: application/vnd.appgate.peer-v5+json","minSupportedVersion":21,"maxSupportedVersion":23}`},
		{"422 with fields", Error{Status: 422, ID: "unprocessable entity", Message: MsgValidationFailed,
			Fields: []FieldError{{Field: "deviceId", Message: "deviceId is required."}}},
			`{"id":"unprocessable entity","message":"Request validation failed.","errors":[{"field":"deviceId","message":"deviceId is required."}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := json.Marshal(tt.err.Body())
			if err != nil {
				t.Fatal(err)
			}
			if string(b) != tt.want {
				t.Fatalf("body\n%s, want\n%s", b, tt.want)
			}
		})
	}
}
