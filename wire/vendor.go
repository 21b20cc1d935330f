package wire

import "slices"

// Vendor names, as used on the command line, in file names, in fault rules
// and in the journal.
const (
	Segura  = "segura"
	Appgate = "appgate"
)

// Vendors returns the vendor names in a fixed order: Segura, then Appgate.
func Vendors() []string { return []string{Segura, Appgate} }

// IsVendor reports whether name is one of Vendors.
func IsVendor(name string) bool { return slices.Contains(Vendors(), name) }
