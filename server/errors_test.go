package server

import "testing"

func TestErrorBodiesForAnyStatus(t *testing.T) {
	for status, want := range map[int][2]string{
		401: {"unauthorized", "Token error. Login again."},
		429: {"too many requests", "Too Many Requests."},
		599: {"error 599", "Error 599."},
	} {
		e := AppgateErrorFor(status)
		if e.ID != want[0] || e.Message != want[1] || e.Status != status {
			t.Errorf("AppgateErrorFor(%d) = %+v", status, e)
		}
	}
	for status, want := range map[int]string{503: "Service Unavailable", 599: "Unexpected error.", 504: msgKongTimeout} {
		if e := SeguraErrorFor(status); e.Message != want || e.Status != status {
			t.Errorf("SeguraErrorFor(%d) = %+v", status, e)
		}
	}
}
