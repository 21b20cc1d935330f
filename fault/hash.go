package fault

// The engine draws nothing from a random stream: every number is a hash of
// (seed, rule id, n, purpose), so draws never depend on how requests to
// different rules interleave and no generator state is shared between
// goroutines. SplitMix64's finaliser is cheap and mixes well enough for
// this.

const golden = 0x9e3779b97f4a7c15

func mix64(z uint64) uint64 {
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

// Purposes of the uniform numbers drawn for one request of one rule.
const (
	drawProbability uint64 = iota + 1
	drawLatency1
	drawLatency2
)

// ruleKey derives a rule's key from the seed and the rule's id (FNV-1a).
func ruleKey(seed int64, id string) uint64 {
	h := uint64(0xcbf29ce484222325)
	for i := 0; i < len(id); i++ {
		h ^= uint64(id[i])
		h *= 0x100000001b3
	}
	return mix64(mix64(uint64(seed)^0xfa017fa017fa017f) ^ mix64(h+golden))
}

// uniform returns a number in [0, 1) that depends only on its arguments.
func uniform(key, n, purpose uint64) float64 {
	z := mix64(key ^ mix64(n*golden+purpose*0xd1b54a32d192ed03))
	return float64(z>>11) / (1 << 53)
}
