package source_test

import (
	"bytes"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/diplograph/diplograph/internal/source"
)

// bombPDF is a one-page PDF whose content stream is n bytes of text
// operators compressed to a small fraction of that.
func bombPDF(t testing.TB, n int) []byte {
	t.Helper()
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	op := []byte("BT /F1 12 Tf 10 10 Td (boom) Tj ET\n")
	for w := 0; w < n; w += len(op) {
		zw.Write(op)
	}
	zw.Close()
	var b bytes.Buffer
	var offs []int
	obj := func(s string) {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(offs), s)
	}
	b.WriteString("%PDF-1.4\n")
	obj("<< /Type /Catalog /Pages 2 0 R >>")
	obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
	obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>")
	offs = append(offs, b.Len())
	fmt.Fprintf(&b, "4 0 obj\n<< /Length %d /Filter /FlateDecode >>\nstream\n", z.Len())
	b.Write(z.Bytes())
	b.WriteString("\nendstream\nendobj\n")
	obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offs)+1, xref)
	return b.Bytes()
}

func TestPDFBomb(t *testing.T) {
	bomb := bombPDF(t, 128<<20) // 128 MB of operators in well under 1 MB
	if len(bomb) > 4<<20 {
		t.Fatalf("the bomb is %d bytes", len(bomb))
	}
	// Refused at the inflated-size budget...
	start := time.Now()
	_, err := source.Parse(context.Background(), bomb, "bomb.pdf", "", "", source.Limits{})
	if !errors.Is(err, source.ErrTooLarge) {
		t.Fatalf("a PDF bomb: %v", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("refused after %s", d)
	}
	// ...or, within a larger budget, at the time limit.
	_, err = source.Parse(context.Background(), bomb, "bomb.pdf", "", "", source.Limits{MaxInflated: 1 << 40, PDFTimeout: 300 * time.Millisecond})
	if !errors.Is(err, source.ErrTimeout) {
		t.Fatalf("a PDF bomb within the budget: %v", err)
	}
}

// TestFiftyPages: a 50-page PDF adds well under a second to extraction.
func TestFiftyPages(t *testing.T) {
	paras := make([]string, 0, 100)
	for len(paras) < 100 {
		paras = append(paras, article...)
	}
	pdf := articlePDF(t, paras[:100], 2)
	start := time.Now()
	d, err := source.Parse(context.Background(), pdf, "p.pdf", "", "", source.Limits{})
	if err != nil || d.Pages != 50 {
		t.Fatalf("%v, %d pages", err, d.Pages)
	}
	if took := time.Since(start); took > time.Second {
		t.Errorf("50 pages took %s", took)
	}
}

func BenchmarkHTML(b *testing.B) {
	page := newsPage()
	b.SetBytes(int64(len(page)))
	ctx := context.Background()
	for b.Loop() {
		if _, err := source.Parse(ctx, page, "p.html", "", "", source.Limits{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}

func BenchmarkPDF(b *testing.B) {
	paras := make([]string, 0, 100)
	for len(paras) < 100 {
		paras = append(paras, article...)
	}
	pdf := articlePDF(b, paras[:100], 2) // 50 pages
	b.SetBytes(int64(len(pdf)))
	ctx := context.Background()
	for b.Loop() {
		if _, err := source.Parse(ctx, pdf, "p.pdf", "", "", source.Limits{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(50*b.N)/b.Elapsed().Seconds(), "pages/s")
}
