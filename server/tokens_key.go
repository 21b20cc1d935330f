package server

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"slices"
	"strconv"
)

// tokenKey derives the key that signs every token. With an explicit key
// (--token-key) it comes from that alone. Otherwise it comes from the seed
// and every credential the mock accepts, with what each may do: the seed
// is public (the banner and /__mock/health show it), the credentials are
// not, so a token minted offline from the seed alone is refused, and so is
// a token from a mock whose clients or users differ. Replicas started with
// the same seed and the same credentials derive the same key and accept
// each other's tokens. The credential lists are taken in any order.
func tokenKey(seed int64, explicit string, clients []SeguraClient, users []AppgateUser) []byte {
	h := sha256.New()
	if explicit != "" {
		h.Write([]byte("sessionmock token key, explicit\x00"))
		h.Write([]byte(explicit))
		return h.Sum(nil)
	}
	h.Write([]byte("sessionmock token key, seed and credentials\x00"))
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], uint64(seed))
	h.Write(b[:])
	// Each entry is its fields, length-prefixed so that no two lists
	// encode alike; the entries are sorted so that order does not count.
	entries := make([]string, 0, len(clients)+len(users))
	for _, c := range clients {
		entries = append(entries, field("segura", c.ID, c.Secret, strconv.FormatBool(c.ListSessions), strconv.FormatBool(c.DropSessions)))
	}
	for _, u := range users {
		entries = append(entries, field("appgate", u.Provider, u.Username, u.Password,
			strconv.FormatBool(u.SessionInfo), u.OTP))
	}
	slices.Sort(entries)
	for _, e := range entries {
		h.Write([]byte(e))
	}
	return h.Sum(nil)
}

// field joins values with their lengths in front of each.
func field(values ...string) string {
	var b []byte
	for _, v := range values {
		b = binary.AppendUvarint(b, uint64(len(v)))
		b = append(b, v...)
	}
	return string(binary.AppendUvarint(nil, uint64(len(b)))) + string(b)
}

// keyState is a signing key with what was verified under it. A reload
// that changes the key (new credentials, see Server.Reload) swaps both at
// once, so no token verified under the old key is taken from the cache.
type keyState[T any] struct {
	key  []byte
	seen *boundedCache[string, T]
}

func newKeyState[T any](key []byte) *keyState[T] {
	return &keyState[T]{key: key, seen: newBoundedCache[string, T](4096)}
}

// rekey signs and verifies every token from now on with key, when it
// differs from the key in use: tokens signed before are refused then.
func (s *Server) rekey(key []byte) {
	if bytes.Equal(key, s.tokens.keys.Load().key) {
		return
	}
	s.tokens.keys.Store(newKeyState[verified](key))
	s.appgateTokens.keys.Store(newKeyState[appgateClaims](key))
}
