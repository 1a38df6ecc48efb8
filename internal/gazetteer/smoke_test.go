package gazetteer

import "testing"

func TestDefaultLoads(t *testing.T) {
	g, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"Turkey", "Türkiye", "Ankara", "Turkic Council", "us", "US", "it", "IT"} {
		n, ok := g.Resolve(f)
		t.Logf("%q -> %+v %v", f, n, ok)
	}
}
