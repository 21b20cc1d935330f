package main

import "testing"

func TestCompareGolden(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		got, want string
		identical bool
		diff      int64
	}{
		{"same", `{"a":1}`, `{"a":1}`, true, -1},
		{"one byte changed", `{"a":2}`, `{"a":1}`, false, 5},
		{"cut short", `{"a"`, `{"a":1}`, false, 4},
		{"longer", `{"a":1}  `, `{"a":1}`, false, 7},
		{"both empty", ``, ``, true, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := compareGolden([]byte(tt.got), []byte(tt.want))
			if !r.Found || r.Identical != tt.identical || r.FirstDiff != tt.diff {
				t.Fatalf("got %+v, want identical=%v first diff %d", r, tt.identical, tt.diff)
			}
			if r.Bytes != int64(len(tt.got)) || r.Want != int64(len(tt.want)) {
				t.Fatalf("sizes %d/%d", r.Bytes, r.Want)
			}
		})
	}
}
