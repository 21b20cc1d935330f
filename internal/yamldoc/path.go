package yamldoc

import "strconv"

// Join appends a key to a path: "faults[0]" and "when" give
// "faults[0].when"; an empty path gives the key alone.
func Join(path, key string) string {
	if path == "" || key == "" {
		return path + key
	}
	return path + "." + key
}

// Index appends a list index to a path: "faults" and 2 give "faults[2]".
func Index(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }
