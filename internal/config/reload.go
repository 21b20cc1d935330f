package config

// Reload is what a running "sessionmock serve" takes from next, settings
// read again (on SIGHUP or a changed config file), when s are the settings
// it runs with: applied is s with the reloadable parts of next, and
// restart names, in table order, the settings that differ in next but need
// a restart, which applied keeps as they are in s. world names, in table
// order, the reloaded settings that restart the world.
//
// Reloadable are the settings marked reload in the table, and the config
// file's credential lists and fault rules: the credentials, the fault
// rules with the short forms that make them (latency, error-rate,
// error-status), the log level, quiet, and the clock and timeline
// settings (clock, clock-start, the arrival rates, segura-in-progress,
// appgate-grace). A setting made reloadable is marked reload in its row
// and copied here (and applied by server.Reload).
//
// The clock and timeline settings lay out the world's history, so a
// change to one (marked world in its row) restarts the world: the caller
// builds it anew from applied (NewWorld), as a start with the new file
// would, and the clock moves and other changes made through the admin API
// are dropped; a replica started with the new file then serves what a
// reloaded one serves. The seed, the counts and segura-release need a
// restart.
func (s Settings) Reload(next Settings) (applied Settings, restart, world []string) {
	applied = s
	applied.SeguraClients = next.SeguraClients
	applied.AppgateUsers = next.AppgateUsers
	applied.Faults = next.Faults
	applied.Latency, applied.ErrorRate, applied.ErrorStatus = next.Latency, next.ErrorRate, next.ErrorStatus
	applied.LogLevel, applied.Quiet = next.LogLevel, next.Quiet
	applied.ClockMode, applied.Timeline = next.ClockMode, next.Timeline
	for _, set := range serveSettings() {
		if set.current(&s) == set.current(&next) {
			continue
		}
		switch {
		case !set.reload:
			restart = append(restart, set.name)
		case set.world:
			world = append(world, set.name)
		}
	}
	return applied, restart, world
}
