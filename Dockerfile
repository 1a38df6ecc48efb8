# syntax=docker/dockerfile:1
# diplograph as a static binary on a distroless base. Neo4j is another
# service (docker-compose.yml), reached through NEO4J_URI.

FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /diplograph ./cmd/diplograph

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /diplograph /diplograph
ENV DIPLOGRAPH_ADDR=:8080
EXPOSE 8080
USER nonroot:nonroot
ENTRYPOINT ["/diplograph"]
CMD ["serve"]
