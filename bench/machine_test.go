package main

import "testing"

func TestCPUModel(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, in, want string }{
		{"first of several", "processor\t: 0\nmodel name\t: Intel(R) Xeon(R)  CPU @ 2.20GHz\n\nprocessor\t: 1\nmodel name\t: other\n", "Intel(R) Xeon(R) CPU @ 2.20GHz"},
		{"absent (arm)", "processor\t: 0\nBogoMIPS\t: 50.00\n", "unknown"},
		{"empty", "", "unknown"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cpuModel(tt.in); got != tt.want {
				t.Fatalf("cpuModel = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestLoadAverage(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"4.92 4.36 4.52 3/211 12495\n", "4.92 4.36 4.52"},
		{"1.0", "unknown"},
		{"", "unknown"},
	}
	for _, tt := range tests {
		if got := loadAverage(tt.in); got != tt.want {
			t.Errorf("loadAverage(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
