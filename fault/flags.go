package fault

import (
	"fmt"
	"strconv"
)

// Ids of the rules FromFlags makes.
const (
	FlagLatencyID   = "latency"
	FlagErrorRateID = "error-rate"
)

// DefaultErrorStatus is the status --error-rate injects unless
// --error-status says otherwise.
const DefaultErrorStatus = 500

// The statuses a rule's action.status and --error-status take, and their
// name in the words of what is valid: "an HTTP error status from 300 to
// 599".
const (
	MinErrorStatus  = 300
	MaxErrorStatus  = 599
	ErrorStatusWhat = "an HTTP error status"
)

// FromFlags turns the command line's common cases into rules that match
// every request: --latency (a Latency; "" or "0" for none) and
// --error-rate (a probability; 0 for none) answered with --error-status
// (0 for DefaultErrorStatus). The latency rule comes first and the
// error-rate rule second, with the ids FlagLatencyID and FlagErrorRateID.
// The error status is checked even when the error rate is 0, but then
// has no effect.
func FromFlags(latency string, errorRate float64, errorStatus int) ([]Rule, error) {
	l, err := ParseLatency(latency)
	if err != nil {
		return nil, err
	}
	if !(errorRate >= 0 && errorRate <= 1) {
		return nil, fmt.Errorf("error rate %v is not between 0 and 1", errorRate)
	}
	if errorStatus == 0 {
		errorStatus = DefaultErrorStatus
	}
	if e := (Action{Status: errorStatus}).validate(); e != nil {
		return nil, fmt.Errorf("error status %s", e.Msg)
	}
	var rules []Rule
	if !l.IsZero() {
		rules = append(rules, Rule{
			ID: FlagLatencyID, Name: "--latency " + l.String(),
			Action: Action{Latency: l},
		})
	}
	if errorRate > 0 {
		p := errorRate
		rules = append(rules, Rule{
			ID:     FlagErrorRateID,
			Name:   "--error-rate " + strconv.FormatFloat(p, 'g', -1, 64) + " --error-status " + strconv.Itoa(errorStatus),
			When:   When{Probability: &p},
			Action: Action{Status: errorStatus},
		})
	}
	return rules, nil
}
