package main

// THIRD_PARTY_NOTICES.md lists the licenses of the Go packages linked into
// this binary, read from the module cache by go-licenses (pinned here).
//go:generate sh -c "go run github.com/google/go-licenses@v1.6.0 report . --ignore github.com/diplograph/diplograph --template ../../docs/third_party.tpl --logtostderr=false --stderrthreshold=ERROR --log_file=/dev/null > ../../THIRD_PARTY_NOTICES.md.tmp && mv ../../THIRD_PARTY_NOTICES.md.tmp ../../THIRD_PARTY_NOTICES.md"
