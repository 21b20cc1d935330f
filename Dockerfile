# syntax=docker/dockerfile:1

# sessionmock: the mock server and the contract suite in one static binary.
#
#   docker build -t sessionmock .
#   docker run --rm -p 127.0.0.1:8080:8080 sessionmock
#   docker run --rm sessionmock contract --vendor segura --base-url https://pam.example ...

# Build stage: the Go toolchain of go.mod's go directive (1.26), no cgo, so
# the binary runs on an image without a C library.
ARG GO_VERSION=1.26
FROM golang:${GO_VERSION} AS build
WORKDIR /src
# Modules first: this layer is rebuilt only when go.mod or go.sum change.
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod go mod download
COPY . .
ARG VERSION=dev
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" \
        -o /out/sessionmock ./cmd/sessionmock

# Run stage: distroless static (CA certificates, time zones, /etc/passwd with
# the nonroot user, nothing else: no shell, no package manager).
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/sessionmock /sessionmock
# The nonroot user of the base image, by number: Kubernetes can only check
# runAsNonRoot against a numeric user.
USER 65532:65532
# Listen on every interface of the container. Set as a variable rather than
# a flag so that "sessionmock health", which reads the same settings, finds it.
ENV SESSIONMOCK_ADDR=0.0.0.0:8080
EXPOSE 8080
# No HEALTHCHECK: this image also runs "contract", which listens nowhere, and
# serve may be started on another address or with TLS. A health check belongs
# to whoever chooses the command: the compose file's mock service runs
# "/sessionmock health", Kubernetes probes GET /__mock/health, and
# "docker run --health-cmd '/sessionmock health' sessionmock" adds one by hand.
ENTRYPOINT ["/sessionmock"]
CMD ["serve"]
