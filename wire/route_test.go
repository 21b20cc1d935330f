package wire

import (
	"slices"
	"testing"
)

func TestRoutePath(t *testing.T) {
	t.Parallel()
	r := Route{Method: "GET", Pattern: "/a/{x}/b/{y}"}
	tests := []struct {
		values []string
		want   string
	}{
		{nil, "/a/{x}/b/{y}"},
		{[]string{"1"}, "/a/1/b/{y}"},
		{[]string{"1", "2"}, "/a/1/b/2"},
		{[]string{"1", "2", "3"}, "/a/1/b/2"},
		{[]string{"{y}", "%2C"}, "/a/{y}/b/%2C"},
	}
	for _, tt := range tests {
		if got := r.Path(tt.values...); got != tt.want {
			t.Errorf("Path(%q) = %q, want %q", tt.values, got, tt.want)
		}
	}
	if got := (Route{Pattern: "/a/{x"}).Path("1"); got != "/a/{x" {
		t.Errorf("an unclosed parameter gave %q", got)
	}
	if got := r.String(); got != "GET /a/{x}/b/{y}" {
		t.Errorf("String() = %q", got)
	}
}

func TestNames(t *testing.T) {
	t.Parallel()
	rs := []Route{{Name: "b"}, {Name: "a"}, {Name: "b"}, {Name: "c"}}
	if got := Names(rs); !slices.Equal(got, []string{"b", "a", "c"}) {
		t.Fatalf("Names = %q", got)
	}
}

func TestVendors(t *testing.T) {
	t.Parallel()
	if got := Vendors(); !slices.Equal(got, []string{Segura, Appgate}) {
		t.Fatalf("Vendors() = %q", got)
	}
	for _, v := range []string{"segura", "appgate"} {
		if !IsVendor(v) {
			t.Errorf("IsVendor(%q) = false", v)
		}
	}
	for _, v := range []string{"", "Segura", "kong"} {
		if IsVendor(v) {
			t.Errorf("IsVendor(%q) = true", v)
		}
	}
}
