package contractcli

import (
	"encoding/json"
	"io"

	"github.com/sessionmock/sessionmock/contracttest"
)

// writeJSON writes the report in its documented JSON layout.
func writeJSON(w io.Writer, rep contracttest.Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(rep)
}
