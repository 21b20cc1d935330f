// Package contractcli is the "sessionmock contract" command: it reads the
// flags and the environment, runs the contract suite of package contracttest
// against the server they name, shows the progress and a summary on the
// terminal, writes the JUnit XML and JSON reports, and maps the outcome to the
// exit status (0 all checks passed, 1 a check failed, 2 a usage or connection
// error).
package contractcli
