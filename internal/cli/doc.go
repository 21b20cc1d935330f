// Package cli is the command-line front end that "sessionmock serve",
// "contract", "health" and "fixtures" share, so that the same mistake gets
// the same words whichever subcommand it is made in.
//
// A subcommand describes its flags once, as a table of Flag. From that
// table Parse reads the command line (a misspelt flag gets "did you mean
// --seed?"), WriteFlags writes the help, and EnvName names the
// SESSIONMOCK_* variable a flag may also come from. The value parsers
// (Ints, Floats, Durations, Bool, Choice, Text) read a flag's text, a
// variable's or a config file's alike, and every refusal reads
// "<what is wrong>; want <what is valid>", with the allowed range for the
// bounded ones, in the phrases of package words, which the YAML reader
// shares. The caller puts the source in front ("--rate: ...",
// "SESSIONMOCK_RATE: ...", "config.yaml:3:7: rate: ...").
//
// Every subcommand ends with an *Error carrying its exit status: ExitUsage
// (2) for a usage mistake, ExitFailed (1) when the command ran and found a
// problem.
package cli
