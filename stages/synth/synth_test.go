package synth

import (
	"crypto/sha256"
	"math"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// sampleCount cables are generated once and summarized for the shape tests.
const sampleCount = 20000

type sample struct {
	years   map[int]int
	levels  [3]int
	sizes   []int
	big     int // bodies over 65,536 characters
	dupRefs []string
	cables  int
}

var (
	sampleOnce sync.Once
	theSample  sample
)

func getSample(t testing.TB) *sample {
	if testing.Short() {
		t.Skip("shape sample skipped in -short mode")
	}
	sampleOnce.Do(func() {
		s := sample{years: map[int]int{}}
		seen := make(map[string]bool, sampleCount)
		g := New(Options{Count: sampleCount, Seed: 42})
		for {
			c, ok := g.Next()
			if !ok {
				break
			}
			s.cables++
			s.years[c.Created.Year()]++
			for _, m := range classMix {
				if m.csv == c.Classification {
					s.levels[m.level]++
				}
			}
			s.sizes = append(s.sizes, len(c.Text))
			if len(c.Body) > 65536 {
				s.big++
			}
			if seen[c.RefID] {
				s.dupRefs = append(s.dupRefs, c.RefID)
			}
			seen[c.RefID] = true
		}
		sort.Ints(s.sizes)
		theSample = s
	})
	return &theSample
}

func digest(opts Options) [32]byte {
	h := sha256.New()
	g := New(opts)
	for {
		c, ok := g.Next()
		if !ok {
			break
		}
		h.Write([]byte(c.RefID))
		h.Write([]byte(c.Classification))
		h.Write([]byte(c.Text))
	}
	var out [32]byte
	copy(out[:], h.Sum(nil))
	return out
}

func TestDeterministic(t *testing.T) {
	a := digest(Options{Count: 400, Seed: 7})
	b := digest(Options{Count: 400, Seed: 7})
	if a != b {
		t.Fatal("same seed and count gave different output")
	}
	if c := digest(Options{Count: 400, Seed: 8}); c == a {
		t.Fatal("different seeds gave the same output")
	}
}

func TestYears(t *testing.T) {
	s := getSample(t)
	if s.cables != sampleCount {
		t.Fatalf("got %d cables, want %d", s.cables, sampleCount)
	}
	want := apportion(sampleCount, yearCounts[:])
	for i, w := range want {
		if got := s.years[firstYear+i]; got != w {
			t.Errorf("year %d: %d cables, want %d", firstYear+i, got, w)
		}
	}
	// Proportions against the full corpus, for the big years.
	for _, y := range []int{2003, 2006, 2009, 2010} {
		full := float64(yearCounts[y-firstYear]) / FullCount
		got := float64(s.years[y]) / sampleCount
		if math.Abs(got-full) > 0.001 {
			t.Errorf("year %d: share %.4f, full corpus %.4f", y, got, full)
		}
	}
	pre := 0
	for y := firstYear; y < 2000; y++ {
		pre += s.years[y]
	}
	if wantPre := float64(sampleCount) * 1037 / FullCount; math.Abs(float64(pre)-wantPre) > 2 {
		t.Errorf("before 2000: %d cables, want about %.0f", pre, wantPre)
	}
}

func TestClassificationMix(t *testing.T) {
	s := getSample(t)
	full := [3]float64{133887, 101748, 15652}
	for l, n := range s.levels {
		got := float64(n) / sampleCount
		want := full[l] / FullCount
		if math.Abs(got-want) > 0.012 {
			t.Errorf("level %s: share %.4f, want %.4f±0.012", classWords[l], got, want)
		}
	}
}

func TestSizes(t *testing.T) {
	s := getSample(t)
	median := s.sizes[len(s.sizes)/2]
	if median < 5000 || median > 5600 {
		t.Errorf("median cable size %d bytes, want about 5,300", median)
	}
	// The full count must come to the release's 1.65 GB: a mean of 6.6 KB.
	total := 0
	for _, n := range s.sizes {
		total += n
	}
	if mean := total / len(s.sizes); mean < 6200 || mean > 7000 {
		t.Errorf("mean cable size %d bytes, want about 6,570 (1.65 GB over %d cables)", mean, FullCount)
	}
	// At full scale the tail should hold some hundreds of bodies over
	// 65,536 characters: between 0.02% and 0.4% of cables.
	rate := float64(s.big) / sampleCount
	if s.big == 0 || rate > 0.004 || rate < 0.0002 {
		t.Errorf("%d bodies over 65,536 chars in %d (%.3f%%), want 0.02%%-0.4%%", s.big, sampleCount, 100*rate)
	}
	t.Logf("median %d B, p90 %d B, max %d B, %d bodies > 64 KiB (≈%.0f at full scale)",
		median, s.sizes[len(s.sizes)*9/10], s.sizes[len(s.sizes)-1], s.big, rate*FullCount)
}

func TestUniqueRefIDs(t *testing.T) {
	s := getSample(t)
	if len(s.dupRefs) > 0 {
		t.Fatalf("%d duplicate reference ids, e.g. %v", len(s.dupRefs), s.dupRefs[:min(5, len(s.dupRefs))])
	}
}

// firstCables returns the first n cables of a full-scale run: the oldest,
// since cables come out in date order.
func firstCables(n int) []Cable {
	g := New(Options{Count: FullCount, Seed: 3})
	out := make([]Cable, 0, n)
	for len(out) < n {
		c, ok := g.Next()
		if !ok {
			break
		}
		out = append(out, c)
	}
	return out
}

func TestOldCablesAllCaps(t *testing.T) {
	old := 0
	for _, c := range firstCables(1037) {
		if c.Created.Year() >= 1995 {
			continue
		}
		old++
		if strings.ToUpper(c.Text) != c.Text {
			t.Fatalf("%s (%d) is not all capitals:\n%s", c.RefID, c.Created.Year(), c.Text[:min(600, len(c.Text))])
		}
	}
	if old < 500 {
		t.Fatalf("only %d cables before 1995", old)
	}
}

var eoRe = regexp.MustCompile(`(?m)^(E\.?O\.? \d+[^\n]*)$`)

func TestEOVariantsByEra(t *testing.T) {
	var lines []string
	for _, c := range firstCables(1037 + 432 + 878 + 2570) {
		lines = append(lines, eoRe.FindString(c.Body))
	}
	g := New(Options{Count: 4000, Seed: 3})
	for {
		c, ok := g.Next()
		if !ok {
			break
		}
		lines = append(lines, eoRe.FindString(c.Body))
	}
	all := strings.Join(lines, "\n")
	for _, v := range []string{
		"E.O. 11652: GDS", "E.O. 11652: N/A", "E.O. 12065: GDS ", "E.O. 12356: DECL: OADR",
		"E.O. 12356: N/A", "E.O. 12958: N/A", "E.O. 12958: DECL: ", "EO 12958 DECL: ",
		"E.O. 13526: DECL: ", "E.O. 13526: N/A",
	} {
		if !strings.Contains(all, v) {
			t.Errorf("no E.O. line %q", v)
		}
	}
	for i, l := range lines {
		if l == "" {
			t.Fatalf("cable %d has no E.O. line", i)
		}
	}
}

var dtgRe = regexp.MustCompile(`(?m)^[ZOPR] (?:[ZOPR] )?(\d{6})Z ([A-Z]{3}) (\d{2})$`)

func TestStructure(t *testing.T) {
	g := New(Options{Count: 3000, Seed: 5})
	var classifiedBy, multi, refs, redacted, summary int
	for {
		c, ok := g.Next()
		if !ok {
			break
		}
		if c.Text != c.Header+"\n"+c.Body {
			t.Fatalf("%s: Text is not Header+\\n+Body", c.RefID)
		}
		if !strings.HasSuffix(c.Header, "\n") || !strings.HasSuffix(c.Body, "\n") {
			t.Fatalf("%s: header or body does not end in a newline", c.RefID)
		}
		m := dtgRe.FindStringSubmatch(c.Header)
		if m == nil {
			t.Fatalf("%s: no date-time group in header:\n%s", c.RefID, c.Header)
		}
		if want := strings.ToUpper(c.Created.Format("021504 Jan 06")); m[1]+" "+m[2]+" "+m[3] != want {
			t.Fatalf("%s: DTG %q, created %s", c.RefID, m[0], c.Created)
		}
		first := c.Body[:strings.IndexByte(c.Body, '\n')]
		station := strings.TrimRight(c.RefID[2:], "0123456789")
		if !strings.Contains(strings.ReplaceAll(first, " ", ""), station) {
			t.Fatalf("%s: classification line %q lacks the station", c.RefID, first)
		}
		for _, k := range []string{"\nTAGS: ", "\nSUBJ"} {
			if !strings.Contains(c.Body, k) {
				t.Fatalf("%s: no %q", c.RefID, k)
			}
		}
		if strings.Contains(c.Body, "lassified By: ") || strings.Contains(c.Body, "CLASSIFIED BY: ") {
			classifiedBy++
		}
		if strings.Contains(first, "SECTION ") {
			multi++
		}
		if len(c.References) > 0 {
			refs++
			if !strings.Contains(c.Body, "\nREF: ") {
				t.Fatalf("%s: references without REF block", c.RefID)
			}
		}
		if strings.Contains(c.Body, "XXXXXXXXXXXX") {
			redacted++
		}
		if strings.Contains(c.Body, "Summary: ") || strings.Contains(c.Body, "SUMMARY: ") {
			summary++
		}
	}
	t.Logf("of 3000: %d Classified By, %d multi-section, %d with REF, %d redacted, %d with summary",
		classifiedBy, multi, refs, redacted, summary)
	// Sections split cables over 14 KB: about 7% at the default size.
	if classifiedBy < 900 || multi < 150 || refs < 900 || redacted < 30 || summary < 1000 {
		t.Error("a structural feature is rarer than expected")
	}
}

func TestPageLines(t *testing.T) {
	g := New(Options{Count: 2000, Seed: 9})
	re := regexp.MustCompile(`(?m)^[A-Z ]+ \d{8} 002 OF 0\d\d$`)
	for {
		c, ok := g.Next()
		if !ok {
			break
		}
		if c.Created.Year() >= 2003 && strings.Contains(c.Body[:120], "SECTION 01 OF ") {
			if !re.MatchString(c.Body) {
				t.Fatalf("%s: multi-section cable without page line", c.RefID)
			}
			return
		}
	}
	t.Fatal("no multi-section cable")
}

func TestCreatedInOrderAndRange(t *testing.T) {
	g := New(Options{Count: 5000, Seed: 1})
	var prev time.Time
	for {
		c, ok := g.Next()
		if !ok {
			break
		}
		if c.Created.Before(prev) {
			t.Fatalf("%s: created %s before previous %s", c.RefID, c.Created, prev)
		}
		if c.Created.Year() < 1966 || c.Created.After(time.Date(2010, 3, 1, 0, 0, 0, 0, time.UTC)) {
			t.Fatalf("%s: created %s out of range", c.RefID, c.Created)
		}
		prev = c.Created
	}
}

// TestBoundedMemory checks that Next allocates a handful of objects per
// cable (its strings), not more as the run goes on.
func TestBoundedMemory(t *testing.T) {
	g := New(Options{Count: 20000, Seed: 1})
	for i := 0; i < 2000; i++ { // into the 2000s; warm the buffers
		g.Next()
	}
	allocs := testing.AllocsPerRun(500, func() { g.Next() })
	if allocs > 12 {
		t.Fatalf("%.1f allocations per cable, want at most 12", allocs)
	}
	t.Logf("%.1f allocations per cable", allocs)
}

func TestUpper(t *testing.T) {
	for _, s := range []string{"", "a", "abc xyz", "The Quick {brown} fox` jumps over @[lazy] dog 0123456789 az AZ `{", "XXXXXXXXXXXX and xxxxxxxx!"} {
		b := []byte(s)
		upper(b)
		if string(b) != strings.ToUpper(s) {
			t.Errorf("upper(%q) = %q", s, b)
		}
	}
}

// BenchmarkGenerate runs over the corpus shape (all eras, sizes and
// classifications, as a 10,000-cable run has them); MB/s is of cable text.
func BenchmarkGenerate(b *testing.B) {
	const n = 10000
	g := New(Options{Count: n, Seed: 1})
	var total int64
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c, ok := g.Next()
		if !ok {
			g = New(Options{Count: n, Seed: int64(i)})
			c, _ = g.Next()
		}
		total += int64(len(c.Text))
	}
	b.SetBytes(total / int64(b.N))
}
