package spectest

import (
	"fmt"
	"strings"

	"github.com/sessionmock/sessionmock/openapi"
)

// checkFallback accepts body when its content type is JSON and it matches one of the
// vendor's error components.
func checkFallback(v *openapi.Validator, contentType string, body []byte) error {
	if !openapi.IsJSON(contentType) {
		return fmt.Errorf("content type %q is not JSON", contentType)
	}
	components := fallbackComponents(v.Vendor())
	var errs []error
	reasons := make([]string, 0, len(components))
	for _, component := range components {
		err := v.ValidateSchema(component, body)
		if err == nil {
			return nil
		}
		errs = append(errs, err)
		reasons = append(reasons, err.Error())
	}
	return &fallbackError{
		msg:  fmt.Sprintf("body matches none of %s: %s", strings.Join(components, ", "), strings.Join(reasons, "; ")),
		errs: errs,
	}
}

// fallbackError keeps the message on one line while errors.Is and errors.As still
// reach every component's error.
type fallbackError struct {
	msg  string
	errs []error
}

func (e *fallbackError) Error() string   { return e.msg }
func (e *fallbackError) Unwrap() []error { return e.errs }
