// Package config turns the command line, the SESSIONMOCK_* environment
// variables and an optional YAML file into the settings of
// "sessionmock serve", with the precedence flag > environment > file >
// default; it also reads the flags of "sessionmock fixtures".
//
// One table (serveSettings) is behind the flags, the variables, the
// config-file keys and the help, and writes straight into the options of
// the packages that use them (fixtures.Options, server.Config), which
// Settings embeds: nothing copies them field by field, and zero means the
// same in all of them (see server.Config).
//
// Every value goes through the same parser whatever its source (package
// cli's, for the kinds all subcommands share), and every error names the
// source it came from ("--seed", "SESSIONMOCK_SEED", "config.yaml:4:3"),
// because a user with three places to look needs to be told which one is
// wrong. Every size and count is bounded, and the bound is in the help.
package config
