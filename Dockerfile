# Multi-stage build of the kgql API. The seed data is embedded in the binary,
# so the runtime image needs only the binary. TestDockerBuildContext runs this
# build stage's RUN commands on the context .dockerignore leaves.
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
# In a container kgql listens on every interface (its default is 127.0.0.1);
# publish the port on 127.0.0.1 of the host unless it is meant to be public.
ENV KGQL_ADDR=0.0.0.0:8080
# The operator's listener (/metrics, /readyz with its reason, profiles):
# never publish it beyond the host's loopback or a private network.
ENV KGQL_ADMIN_ADDR=0.0.0.0:8081
EXPOSE 8080 8081
# Serves; docker-compose.yml loads the seed once beforehand (its load service)
# and checks /readyz with busybox's wget.
CMD ["kgql"]
