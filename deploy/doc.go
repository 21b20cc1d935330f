// Package deploy holds what runs sessionmock as a service, and the tests
// that hold it to the binary: the Kubernetes manifests (kubernetes/), the
// Helm chart (helm/sessionmock/), and, from the repository root, the
// Dockerfile and docker-compose.yml.
//
// The tests build ./cmd/sessionmock the way the Dockerfile does and check
// every container these files describe against it: each flag is one the
// command accepts, the listen address agrees with the ports, the probes and
// the compose health check reach GET /__mock/health, the config file loads,
// and each container, started as the manifests say, answers its probes.
// The chart is rendered the way Helm renders it (text/template with the
// sprig functions, include, tpl and Helm's value merging) with its default
// values and with a file that sets every value.
//
// Details for operators are in docs/deploy.md.
package deploy
