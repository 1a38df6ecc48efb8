package extract

import (
	"strings"
	"testing"
)

// TestPathological: inputs built to make rules recurse or loop must finish
// (go test's timeout catches a hang).
func TestPathological(t *testing.T) {
	x := defaultExtractor(t)
	tests := []struct{ name, in string }{
		{"nested such as", "Kazakhstan cooperates with " + strings.Repeat("observer states such as ", 300) + "Iran."},
		{"long list", "Kazakhstan cooperates with " + strings.Repeat("Iran, ", 400) + "and Qatar."},
		{"many commas", strings.Repeat("Kazakhstan, ", 500) + "signed."},
		{"apposition chains", strings.Repeat("Iran, as one of the members, ", 200) + "joined the SCO."},
		{"many processes", strings.Repeat("Kazakhstan hosted the Astana Peace Process and ", 200) + "talks."},
		{"headings only", strings.Repeat("Kazakhstan Iran Qatar\n", 5000)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkInvariants(t, x, tc.in)
		})
	}
}
