package server

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"sync"
	"sync/atomic"
	"time"
)

// Appgate tokens are standard base64, like the controller's own: the
// vendor's Terraform provider refuses a bearer token that
// base64.StdEncoding cannot decode, so a JWT (with its dots and URL-safe
// alphabet) would fail there. The decoded bytes are
//
//	'A' 1 stage sign-in[8] issued[8] expires[8] len[1] provider len[1] username mac[32]
//
// with big-endian Unix seconds and an HMAC-SHA256 under the server's key of
// everything before it. Nothing is stored per token: any replica with the
// same key verifies any token. A sign-in id is shared by every token of one
// sign-in (the partial token of POST /authentication, the one after the
// one-time password, the final one), and logout revokes the sign-in.

// tokenStage is how far a sign-in got.
type tokenStage byte

const (
	// stageAuthenticated tokens come from POST /authentication (or a
	// login) of a user who needs no one-time password: GET
	// /authorization turns them into final tokens.
	stageAuthenticated tokenStage = 1 + iota
	// stageNeedsOTP tokens belong to a user who must still give the
	// one-time password.
	stageNeedsOTP
	// stageOTPVerified tokens have given it: GET /authorization turns
	// them into final tokens.
	stageOTPVerified
	// stageFinal tokens open every route the user's privileges allow.
	stageFinal
)

const (
	appgateTokenMagic   = 'A'
	appgateTokenVersion = 1
	appgateTokenMAC     = sha256.Size
	maxTokenName        = 255 // bytes of a provider or username in a token
)

// appgateClaims is what an Appgate token says.
type appgateClaims struct {
	stage    tokenStage
	signIn   [8]byte
	issued   int64
	expires  int64
	provider string
	username string
}

var (
	errTokenRevoked = errors.New("token was revoked by a logout")
	errTokenStage   = errors.New("token has not finished the sign-in")
)

// appgateTokens issues, verifies and revokes Appgate tokens.
type appgateTokens struct {
	// keys is the signing key with the claims verified under it, so that
	// the next request with the same token skips the decoding and the
	// MAC.
	keys    atomic.Pointer[keyState[appgateClaims]]
	ttl     time.Duration
	now     func() time.Time
	mu      sync.Mutex
	serial  uint64
	revoked *revocations
}

func newAppgateTokens(key []byte, ttl time.Duration, now func() time.Time) *appgateTokens {
	t := &appgateTokens{ttl: ttl, now: now, revoked: newRevocations(maxRevocations)}
	t.keys.Store(newKeyState[appgateClaims](key))
	return t
}

// newSignIn returns the id of a fresh sign-in: a MAC of a per-server
// serial, the time and the user, so that ids of one replica never repeat
// and those of two replicas only meet for the same user at the same
// nanosecond.
func (t *appgateTokens) newSignIn(provider, username string) [8]byte {
	t.mu.Lock()
	t.serial++
	serial := t.serial
	t.mu.Unlock()
	m := hmac.New(sha256.New, t.keys.Load().key)
	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], serial)
	binary.BigEndian.PutUint64(b[8:], uint64(t.now().UnixNano()))
	m.Write([]byte("sign-in\x00"))
	m.Write(b[:])
	m.Write([]byte(field(provider, username)))
	var id [8]byte
	copy(id[:], m.Sum(nil))
	return id
}

// issue returns a token of stage for the sign-in, and its expiry. Names
// longer than a token holds are cut (no configured user has one).
func (t *appgateTokens) issue(c appgateClaims) (string, time.Time) {
	now := t.now()
	exp := now.Add(t.ttl)
	c.issued, c.expires = now.Unix(), exp.Unix()
	b := make([]byte, 0, 64+len(c.provider)+len(c.username))
	b = append(b, appgateTokenMagic, appgateTokenVersion, byte(c.stage))
	b = append(b, c.signIn[:]...)
	b = binary.BigEndian.AppendUint64(b, uint64(c.issued))
	b = binary.BigEndian.AppendUint64(b, uint64(c.expires))
	for _, s := range []string{c.provider, c.username} {
		s = s[:min(len(s), maxTokenName)]
		b = append(b, byte(len(s)))
		b = append(b, s...)
	}
	b = append(b, t.mac(b)...)
	return base64.StdEncoding.EncodeToString(b), exp
}

func (t *appgateTokens) mac(b []byte) []byte {
	m := hmac.New(sha256.New, t.keys.Load().key)
	m.Write(b)
	return m.Sum(nil)
}

// verify checks a token's form, MAC, expiry and revocation; it does not
// look at the stage.
func (t *appgateTokens) verify(token string) (appgateClaims, error) {
	k := t.keys.Load()
	c, ok := k.seen.get(token)
	if !ok {
		var err error
		if c, err = t.decode(token); err != nil {
			return appgateClaims{}, err
		}
		k.seen.put(token, c)
	}
	now := t.now().Unix()
	if now >= c.expires {
		return appgateClaims{}, errTokenExpired
	}
	if t.revoked.has(c.signIn, now) {
		return appgateClaims{}, errTokenRevoked
	}
	return c, nil
}

// decode reads and authenticates a token.
func (t *appgateTokens) decode(token string) (appgateClaims, error) {
	if len(token) > base64.StdEncoding.EncodedLen(64+2*maxTokenName) {
		return appgateClaims{}, errTokenMalformed
	}
	b, err := base64.StdEncoding.Strict().DecodeString(token)
	if err != nil || len(b) < 3+8+16+2+appgateTokenMAC || b[0] != appgateTokenMagic || b[1] != appgateTokenVersion {
		return appgateClaims{}, errTokenMalformed
	}
	body, sum := b[:len(b)-appgateTokenMAC], b[len(b)-appgateTokenMAC:]
	if !hmac.Equal(sum, t.mac(body)) {
		return appgateClaims{}, errTokenSignature
	}
	c := appgateClaims{stage: tokenStage(body[2])}
	copy(c.signIn[:], body[3:11])
	c.issued = int64(binary.BigEndian.Uint64(body[11:19]))
	c.expires = int64(binary.BigEndian.Uint64(body[19:27]))
	rest := body[27:]
	for _, dst := range []*string{&c.provider, &c.username} {
		if len(rest) < 1 || len(rest) < 1+int(rest[0]) {
			return appgateClaims{}, errTokenMalformed
		}
		*dst, rest = string(rest[1:1+int(rest[0])]), rest[1+int(rest[0]):]
	}
	if len(rest) != 0 || c.stage < stageAuthenticated || c.stage > stageFinal {
		return appgateClaims{}, errTokenMalformed
	}
	return c, nil
}

// revoke ends the sign-in of c on this server: its tokens, whichever
// stage, are refused until the last of them would have expired anyway.
func (t *appgateTokens) revoke(c appgateClaims) {
	now := t.now()
	t.revoked.add(c.signIn, now.Add(t.ttl).Unix(), now.Unix())
}

// maxRevocations bounds the sign-ins remembered as logged out. An entry is
// dropped once its tokens have expired; when the bound is reached anyway,
// the entry closest to expiry goes first, and its tokens become valid
// again for the rest of their lifetime.
const maxRevocations = 65536

// revocations maps revoked sign-ins to when their tokens stop mattering.
type revocations struct {
	mu    sync.RWMutex
	until map[[8]byte]int64
	max   int
}

func newRevocations(max int) *revocations {
	return &revocations{until: map[[8]byte]int64{}, max: max}
}

func (r *revocations) has(id [8]byte, now int64) bool {
	r.mu.RLock()
	until, ok := r.until[id]
	r.mu.RUnlock()
	return ok && now < until
}

func (r *revocations) add(id [8]byte, until, now int64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.until[id]; !ok && len(r.until) >= r.max {
		var soonest [8]byte
		first := true
		for k, u := range r.until {
			if u <= now {
				delete(r.until, k)
				continue
			}
			if first || u < r.until[soonest] {
				soonest, first = k, false
			}
		}
		if len(r.until) >= r.max {
			delete(r.until, soonest)
		}
	}
	r.until[id] = max(until, r.until[id])
}
