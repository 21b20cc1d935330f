package server

import (
	"encoding/json"

	"github.com/sessionmock/sessionmock/fixtures"
)

// discoveredAppsTill is the last API version whose session-info Gateway
// entries carry discoveredApps (dropped in 22).
const discoveredAppsTill = 21

// gatewaySessionV21 is a Gateway entry as versions up to 21 send it.
type gatewaySessionV21 struct {
	fixtures.GatewaySession
	DiscoveredApps []string `json:"discoveredApps"`
}

// marshalSessionInfo encodes info as version shows it.
func marshalSessionInfo(info fixtures.SessionInfo, version int) ([]byte, error) {
	if version > discoveredAppsTill {
		return json.Marshal(info)
	}
	data := make(map[string]gatewaySessionV21, len(info.Data))
	for name, g := range info.Data {
		data[name] = gatewaySessionV21{GatewaySession: g, DiscoveredApps: fixtures.DiscoveredApps(g)}
	}
	return json.Marshal(struct {
		DeviceID     string                       `json:"deviceId"`
		Username     string                       `json:"username"`
		ProviderName string                       `json:"providerName"`
		Data         map[string]gatewaySessionV21 `json:"data"`
	}{info.DeviceID, info.Username, info.ProviderName, data})
}
