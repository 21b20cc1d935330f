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
// error-status), the log level and quiet. The world clock's settings are
// to join them: mark their rows reload and copy their fields here.
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
