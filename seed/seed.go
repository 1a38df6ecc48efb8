// Package seed holds diplograph's data: the seed corpus and the reference
// gazetteer (countries, organizations, regions, sectors, non-state actors),
// embedded in the binary so that it runs from any directory.
package seed

import "embed"

// FS holds corpus/ (texts loaded by `diplograph seed`) and gazetteer/
// (reference data read by the extractor and loaded as reference facts) and
// lexicon/ (the trigger words of the parser-backed relation rules).
//
//go:embed corpus gazetteer lexicon
var FS embed.FS
