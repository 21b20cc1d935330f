// Package logformat writes log/slog records as slog's own TextHandler and
// JSONHandler do, byte for byte, at well under half their cost for the
// records a server writes most.
//
// The mock writes one line per vendor request, so the log's formatting is
// paid on every request. slog's handlers are generic: every value goes
// through the same machinery of groups, replacements and resolution, and
// a line costs two to three times what an appender written for plain
// strings, numbers and booleans takes (BenchmarkRequestLine). The handler
// of New is such an appender for the common record, a handler without
// WithAttrs or WithGroup whose attributes all have a key and a string,
// integer, float or boolean value. Any other record, and the few values
// whose spelling the appender leaves alone (a JSON NaN or infinity, a
// time outside the years 0 to 9999), go to a standard slog handler built
// inside it.
//
// The guarantee is that the bytes are the same as the standard handler's
// with only a Level option set, whichever path a record takes; a
// differential fuzz test (FuzzSameBytesAsSlog) compares both on arbitrary
// messages, levels, times, keys and values. Both paths write a record
// with one Write call, serialized by one lock, so lines sharing a writer
// stay whole; NewShared leaves that lock to a writer that serializes
// whole writes itself.
package logformat
