// Package deploytest holds no code: its tests check that docker-compose.yml,
// the Dockerfile and .dockerignore agree with each other and with the module
// (the command path, the Go version, the settings other packages expect).
package deploytest
