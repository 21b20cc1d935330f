// Package config turns the command line, the SESSIONMOCK_* environment
// variables and an optional YAML file into the settings of
// "sessionmock serve", with the precedence flag > environment > file >
// default.
//
// Every value goes through the same parser whatever its source, and every
// error names the source it came from ("--seed", "SESSIONMOCK_SEED",
// "config.yaml:4:3"), because a user with three places to look needs to be
// told which one is wrong.
package config
