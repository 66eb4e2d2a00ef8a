# Multi-stage build of the kgql API. The seed data is embedded in the binary,
# so the runtime image needs only the binary (plus a shell for the compose command).
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/kgql ./cmd/kgql

FROM alpine:3.22
RUN adduser -D -H kgql
COPY --from=build /out/kgql /usr/local/bin/kgql
USER kgql
EXPOSE 8080
# Load (idempotent) into Neo4j, then serve. docker-compose.yml sets NEO4J_*.
CMD ["sh", "-c", "kgql load && exec kgql"]
