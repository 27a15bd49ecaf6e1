package enrich

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/cablewire/cablewire/schemas"
	"golang.org/x/text/encoding/charmap"
)

// corpusCables builds cables from shared/corpus/plusd (cp1252 text), with a
// throwaway paragraph splitter (blank lines): enough text for a benchmark.
// Without shared/, it makes text of its own.
func corpusCables(tb testing.TB) ([]schemas.Cable, int) {
	var cables []schemas.Cable
	words := 0
	dir := filepath.Join("..", "..", "..", "shared", "corpus", "plusd")
	if d := os.Getenv("CABLEWIRE_SHARED"); d != "" {
		dir = filepath.Join(d, "corpus", "plusd")
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		b, _ = charmap.Windows1252.NewDecoder().Bytes(b)
		b = bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))
		var c schemas.Cable
		c.Tags = []string{"PREL", "RS"}
		for i, p := range strings.Split(string(b), "\n\n") {
			if p = strings.TrimSpace(p); p != "" {
				c.Paragraphs = append(c.Paragraphs, schemas.Paragraph{N: i, Text: p})
				words += len(strings.Fields(p))
			}
		}
		cables = append(cables, c)
	}
	if len(cables) == 0 {
		for i := 0; i < 200; i++ {
			t := fmt.Sprintf("%d. (C) President Putin told FM Lavrov in Moscow that the GOR and the Collective Security "+
				"Treaty Organization (CSTO) would meet in Dushanbe. Ukraine's Yushchenko and Saakashvili of Georgia "+
				"disagreed, said MFA CIS First Department Director Vladimir Kudryavtsev. XXXXXXXXXXXX noted that "+
				"the Embassy and Kudryavtsev discussed Kazakhstan, the CSTO and NATO.", i)
			cables = append(cables, schemas.Cable{Tags: []string{"RS"}, Paragraphs: []schemas.Paragraph{{N: 1, Text: t}}})
			words += len(strings.Fields(t))
		}
	}
	return cables, words
}

// BenchmarkEnrich reports words per second on one core.
func BenchmarkEnrich(b *testing.B) {
	cables, words := corpusCables(b)
	getLexicon()
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		for j := range cables {
			c := cables[j]
			c.Entities = nil
			Enrich(&c)
		}
	}
	b.ReportMetric(float64(words)*float64(b.N)/time.Since(start).Seconds(), "words/s")
}

// TestListLoad: the compiled lists load in under 200 MB (their load time is
// BenchmarkListLoad's: speed is measured in benchmarks, not asserted).
func TestListLoad(t *testing.T) {
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	x := loadLexicon()
	took := time.Since(start)
	runtime.GC()
	runtime.ReadMemStats(&after)
	heap := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	t.Logf("lists loaded in %v, heap %.1f MB, %d phrases, %d words, %d first names", took, float64(heap)/1e6, len(x.phrases), len(x.words), len(x.firstNames))
	if heap > 200<<20 {
		t.Errorf("lists take %d bytes", heap)
	}
	runtime.KeepAlive(x)
}

func BenchmarkListLoad(b *testing.B) {
	for i := 0; i < b.N; i++ {
		loadLexicon()
	}
}

func FuzzEnrich(f *testing.F) {
	for _, s := range []string{
		"President Putin met FM Lavrov in Moscow.", "The Collective Security Treaty Organization (CSTO)", "(S//REL NATO) XXXXXXXXXXXX",
		"U.S.-based Seoul-Tokyo al-Attas O'Gara Sana\u2019a", "GOR USG MFA Embassy Post", "MR. X. Y. (", "A.B.C.D.", "\xff\xfe(\u2019s)",
		"MOSCOW 00004849 002 OF 003\nSTATE FOR EUR/RUS", "Minister of Finance Kudrin of the of the", "- - ( ) ) (",
	} {
		f.Add(s, "RS")
	}
	f.Fuzz(func(t *testing.T, text, tag string) {
		c := &schemas.Cable{Tags: []string{tag}, Summary: text, Paragraphs: []schemas.Paragraph{{N: 1, Text: text}, {N: 2, Text: strings.ToUpper(text)}}}
		Enrich(c)
		for _, e := range c.Entities {
			var src string
			switch e.Paragraph {
			case 1, -1:
				src = text
			case 2:
				src = strings.ToUpper(text)
			}
			if e.Start < 0 || e.End > len(src) || e.Start >= e.End || src[e.Start:e.End] != e.Text {
				t.Fatalf("bad span %+v in %q", e, src)
			}
		}
	})
}
