// Package clock is the time of sessionmock's synthetic world: the instant
// every request sees, which decides which sessions have begun, which have
// ended and which clients are still connected.
//
// A clock is either fixed or live. A fixed clock shows its start instant
// until it is moved: Advance adds a non-negative duration, Set jumps to a
// later instant, and nothing ever moves it back, so what has happened stays
// happened. Reset returns it to the start instant (the caller forgets the
// changes made since, as POST /__mock/reset does). A live clock reads the
// wall clock and cannot be moved; until the wall clock reaches the start
// instant it shows the start instant, so the world never appears younger
// than its history.
//
// Every instant a clock shows lies in [Min, Max): the years Segura's
// timestamps can hold, with room for the sessions that begin at the last
// instant to end. Instants are kept at nanosecond precision and in UTC.
//
// A Clock is safe for concurrent use.
package clock
