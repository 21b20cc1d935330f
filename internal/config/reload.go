package config

// Reload is what a running "sessionmock serve" takes from next, settings
// read again (on SIGHUP or a changed config file), when s are the settings
// it runs with: applied is s with the reloadable parts of next, and
// restart names, in table order, the settings that differ in next but need
// a restart, which applied keeps as they are in s.
//
// Reloadable are the settings marked reload in the table, and the config
// file's credential lists and fault rules: the credentials, the fault
// rules with the short forms that make them (latency, error-rate,
// error-status), the log level and quiet. A setting made reloadable is
// marked reload in its row and copied here (and applied by server.Reload).
//
// The clock and timeline settings (clock, clock-start, the arrival rates,
// segura-in-progress, appgate-grace) and segura-release need a restart,
// as the seed and the counts do: they lay out the world's history, and a
// replica started with the new file must serve what a reloaded one
// serves. A running world's clock moves through POST /__mock/clock.
func (s Settings) Reload(next Settings) (applied Settings, restart []string) {
	applied = s
	applied.SeguraClients = next.SeguraClients
	applied.AppgateUsers = next.AppgateUsers
	applied.Faults = next.Faults
	applied.Latency, applied.ErrorRate, applied.ErrorStatus = next.Latency, next.ErrorRate, next.ErrorStatus
	applied.LogLevel, applied.Quiet = next.LogLevel, next.Quiet
	for _, set := range serveSettings() {
		if !set.reload && set.current(&s) != set.current(&next) {
			restart = append(restart, set.name)
		}
	}
	return applied, restart
}
