package openapi

import (
	"mime"
	"strings"
)

// IsJSON reports whether contentType is a JSON media type: application/json or an
// application type with the +json suffix (RFC 6839), such as Appgate's
// application/vnd.appgate.peer-v23+json. Parameters such as charset are ignored.
func IsJSON(contentType string) bool {
	mediaType, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return false
	}
	return mediaType == "application/json" ||
		strings.HasPrefix(mediaType, "application/") && strings.HasSuffix(mediaType, "+json")
}

// asDocumentedJSON returns the Content-Type to validate a body under. The documents
// declare application/json only; a vendor may label the same JSON with a +json media
// type, which clients treat as equivalent, so such a type is validated as
// application/json. Any other value is returned unchanged.
func asDocumentedJSON(contentType string) string {
	mediaType, params, err := mime.ParseMediaType(contentType)
	if err != nil || mediaType == "application/json" || !IsJSON(contentType) {
		return contentType
	}
	if formatted := mime.FormatMediaType("application/json", params); formatted != "" {
		return formatted
	}
	return "application/json"
}
