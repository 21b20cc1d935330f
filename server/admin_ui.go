package server

import (
	"net/http"

	"github.com/sessionmock/sessionmock/console"
	"github.com/sessionmock/sessionmock/wire/mockapi"
)

// ConsolePath is where the console in the browser is served.
const ConsolePath = mockapi.PathConsole + "/"

// consoleFiles serves the console's page and scripts. They stay outside
// the admin token: the page holds no data, and a browser cannot send a
// bearer token when it opens a page; it asks for the token and sends it
// with each admin call.
func consoleFiles() http.Handler {
	return http.StripPrefix(mockapi.PathConsole, console.Handler())
}

func consoleRedirect(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, ConsolePath, http.StatusMovedPermanently)
}
