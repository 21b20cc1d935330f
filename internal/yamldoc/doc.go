// Package yamldoc is the one reader of YAML and JSON documents behind the
// config file, the pinned-records files and the fault rules, so that the
// three report the same mistake with the same words at the same place.
//
// A Reader parses one document and walks its nodes; every mistake it or
// its caller finds is recorded with the line and column of the node at
// fault and the path of the value (faults[2].when.probability), and the
// walk goes on, so that one run reports every mistake in the file, up to
// MaxErrors. The mistakes come back as one *ErrorList, whose items are
// *Error, rendered
//
//	file:line:column: path: what is wrong; what is valid
//
// The Reader's methods word the common mistakes: an unknown key names the
// keys allowed and the nearest one ("did you mean"), a duplicate key or id
// says where the first one was, a missing key says it is required. A value
// of the wrong type or out of range is refused in the words of package
// words, which the flags and variables share: "a list is not a string;
// want a string", "1.5 is above the maximum; want a number from 0 to 1".
//
// Positions come from the nodes. A syntax error has no node: the YAML
// library reports it as text, often at the line where the enclosing block
// started, so the reader looks for the fewest leading lines that fail the
// same way. JSON is read by the same parser, so its mistakes carry lines
// too. A syntax error ends the reading, so it is the only mistake
// reported.
package yamldoc
