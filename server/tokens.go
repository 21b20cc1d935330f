package server

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
	"sync/atomic"
	"time"
)

// tokens issues and checks Segura's bearer tokens. They are HS256 JSON Web
// Tokens, like the ones the vendor hands out, signed with the server's key
// (see tokenKey): replicas started alike accept each other's tokens, and
// nothing has to be stored per token.
type tokens struct {
	// keys is the signing key with the tokens verified under it; a bound
	// keeps a client that logs in for every call from growing them.
	keys atomic.Pointer[keyState[verified]]
	ttl  time.Duration
	now  func() time.Time
	seq  atomic.Uint64
}

type claims struct {
	Issuer   string `json:"iss"`
	Audience string `json:"aud"`
	Subject  string `json:"sub"`
	IssuedAt int64  `json:"iat"`
	Expires  int64  `json:"exp"`
	ID       uint64 `json:"jti"`
}

const tokenIssuer = "sessionmock"

var (
	errTokenMalformed = errors.New("token is malformed")
	errTokenSignature = errors.New("token signature is invalid")
	errTokenExpired   = errors.New("token has expired")
	errTokenAudience  = errors.New("token was issued for another API")
)

// jwtHeader is the fixed, pre-encoded header of every token.
var jwtHeader = base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT"}`))

func newTokens(key []byte, ttl time.Duration, now func() time.Time) *tokens {
	t := &tokens{ttl: ttl, now: now}
	t.keys.Store(newKeyState[verified](key))
	return t
}

// issue returns a token for subject on audience and its expiry.
func (t *tokens) issue(audience, subject string) (string, time.Time) {
	now := t.now()
	exp := now.Add(t.ttl)
	c := claims{
		Issuer: tokenIssuer, Audience: audience, Subject: subject,
		IssuedAt: now.Unix(), Expires: exp.Unix(), ID: t.seq.Add(1),
	}
	payload, _ := json.Marshal(c) // claims has only strings and integers
	signing := jwtHeader + "." + base64.RawURLEncoding.EncodeToString(payload)
	return signing + "." + t.sign(signing), exp
}

func (t *tokens) sign(s string) string {
	m := hmac.New(sha256.New, t.keys.Load().key)
	m.Write([]byte(s))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// verified is what a checked token said, kept so that the next request
// with the same token skips the signature and the decoding.
type verified struct {
	audience, subject string
	expires           int64
}

// verify checks token and returns its subject.
func (t *tokens) verify(audience, token string) (string, error) {
	k := t.keys.Load()
	v, ok := k.seen.get(token)
	if !ok {
		c, err := t.check(token)
		if err != nil {
			return "", err
		}
		v = verified{audience: c.Audience, subject: c.Subject, expires: c.Expires}
		k.seen.put(token, v)
	}
	if v.audience != audience {
		return "", errTokenAudience
	}
	if t.now().Unix() >= v.expires {
		return "", errTokenExpired
	}
	return v.subject, nil
}

// check verifies the signature of token and decodes its claims.
func (t *tokens) check(token string) (claims, error) {
	dot := strings.LastIndexByte(token, '.')
	if dot < 0 || strings.Count(token, ".") != 2 {
		return claims{}, errTokenMalformed
	}
	signing, sig := token[:dot], token[dot+1:]
	if !hmac.Equal([]byte(sig), []byte(t.sign(signing))) {
		return claims{}, errTokenSignature
	}
	payload, err := base64.RawURLEncoding.DecodeString(signing[strings.IndexByte(signing, '.')+1:])
	if err != nil {
		return claims{}, errTokenMalformed
	}
	var c claims
	if err := json.Unmarshal(payload, &c); err != nil {
		return claims{}, errTokenMalformed
	}
	return c, nil
}

// bearer extracts the token of an "Authorization: Bearer" header. ok is
// false when the header is absent; a header of another scheme yields "".
func bearer(header string) (token string, present bool) {
	if header == "" {
		return "", false
	}
	scheme, rest, _ := strings.Cut(header, " ")
	if !strings.EqualFold(scheme, "Bearer") {
		return "", true
	}
	return strings.TrimSpace(rest), true
}
