package main

import (
	"context"
	"os"
	"testing"

	"github.com/cablewire/cablewire/pipeline"
	"github.com/cablewire/cablewire/schemas"
	"github.com/cablewire/cablewire/stages/enrich"
	"github.com/cablewire/cablewire/stages/ingest"
	"github.com/cablewire/cablewire/stages/parse"
	"github.com/cablewire/cablewire/stages/synth"
)

// The generated corpus the benchmarks run on is as dense in entities as
// the real one, as the enrich stage counts them: mentions per 1,000 body
// words within 15% of ../shared/corpus's. (It was a third denser before
// the generator's sentences that name nobody.)
func TestGeneratedEntityDensity(t *testing.T) {
	if _, err := os.Stat(corpusDir); err != nil {
		t.Skipf("shared corpus not found at %s (it lives beside the repository): %v", corpusDir, err)
	}
	gen := t.TempDir()
	if _, err := synth.WriteTree(context.Background(), synth.New(synth.Options{Count: 1500, Seed: 11}), gen); err != nil {
		t.Fatal(err)
	}
	real, fake := entityDensity(t, corpusDir), entityDensity(t, gen)
	t.Logf("entity mentions per 1,000 body words: corpus %.1f, generated %.1f", real, fake)
	if fake < real*0.85 || fake > real*1.15 {
		t.Errorf("generated cables have %.1f entity mentions per 1,000 words, the corpus %.1f", fake, real)
	}
}

// entityDensity parses and enriches every cable under dir with the stages'
// handlers and returns entity mentions per 1,000 body words.
func entityDensity(t *testing.T, dir string) float64 {
	t.Helper()
	ctx := context.Background()
	var raw []*pipeline.Message
	err := ingest.Read(ctx, []string{dir}, func(doc schemas.Document, bad error) error {
		if bad == nil {
			raw = append(raw, (ingest.Route{}).Message(doc))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	parsed, _ := runAlone(ctx, "parse", parse.Stage(), raw)
	enriched, _ := runAlone(ctx, "enrich", enrich.Stage(), parsed)
	var words, mentions int
	for _, m := range enriched {
		c, err := schemas.DecodeCable(m.Data, m.Header.Get(schemas.HeaderContentType))
		if err != nil {
			t.Fatal(err)
		}
		words += c.WordCount
		mentions += len(c.Entities)
	}
	if words == 0 {
		t.Fatalf("no words in %s", dir)
	}
	return 1000 * float64(mentions) / float64(words)
}
