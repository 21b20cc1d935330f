// Package yamldoc reads one YAML or JSON document with the positions that
// precise error messages need. The YAML library often reports a syntax
// error at the line where the enclosing block started, or at no line at
// all; Parse finds the line a reader should look at instead, so that the
// config file, the fault rules and the pinned records all point at the
// same place for the same mistake. JSON is read by the same parser, so
// its errors carry lines too.
package yamldoc
