package mockapi

// Paths of the admin API's world clock and of the changes it makes to
// Appgate clients.
const (
	PathClock             = Prefix + "/clock"
	PathAppgateDisconnect = Prefix + "/appgate/disconnect"
	PathAppgateFailover   = Prefix + "/appgate/failover"
)

// Clock modes.
const (
	ClockFixed = "fixed"
	ClockLive  = "live"
)

// Clock is the body of GET /__mock/clock and of a successful POST: the
// world's clock time (RFC 3339) and whether it is fixed or live.
type Clock struct {
	Now  string `json:"now"`
	Mode string `json:"mode"`
}

// ClockMove is the body of POST /__mock/clock: exactly one of Advance (a
// Go duration such as "90m") and Set (an RFC 3339 instant).
type ClockMove struct {
	Advance string `json:"advance,omitempty"`
	Set     string `json:"set,omitempty"`
}

// ClientChange is the body of POST /__mock/appgate/disconnect and
// /__mock/appgate/failover: the client's distinguished name.
type ClientChange struct {
	DN string `json:"dn"`
}
