package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cablewire/cablewire/pipeline/pipelinetest"
	"github.com/cablewire/cablewire/schemas"
	"github.com/cablewire/cablewire/stages/ingest"
	"github.com/cablewire/cablewire/stages/parse"
)

// TestRunCorpus runs the whole pipeline over the shared development corpus
// and accounts for every cable: in the warehouse exactly once, with the
// reference id its page or file is named after and the creation time and
// classification the parser reads, or dead-lettered with a reason in the
// summary.
func TestRunCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("slow (a whole load): left out of go test -short")
	}
	if _, err := os.Stat(corpusDir); err != nil {
		t.Skipf("shared corpus not found at %s (it lives beside the repository): %v", corpusDir, err)
	}
	want := map[string]expected{}
	docs := 0
	err := ingest.Read(context.Background(), []string{corpusDir}, func(doc schemas.Document, bad error) error {
		docs++
		if bad != nil {
			t.Errorf("%s: %v", doc.Source, bad)
			return nil
		}
		c, err := parse.Parse(doc)
		if err != nil {
			t.Errorf("%s: %v", doc.Source, err)
			return nil
		}
		if strings.Contains(doc.Source, "cablegate") {
			if stem := strings.TrimSuffix(filepath.Base(doc.Source), ".html"); c.RefID != stem {
				t.Errorf("%s: ref id %s, page is named %s", doc.Source, c.RefID, stem)
			}
		}
		want[c.RefID] = expected{c.Created.UTC(), c.Classification}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	_, url := pipelinetest.StartJetStream(t)
	wh := t.TempDir()
	code, out, errs := runCLI(context.Background(), "run", "--nats", url, "--input", corpusDir, "--warehouse", wh)
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errs)
	}
	t.Logf("summary:\n%s", out)
	if !strings.Contains(out, "dead-lettered        0") {
		t.Errorf("the corpus has no malformed cable, but:\n%s", out)
	}
	checkExactlyOnce(t, wh, want)
	t.Logf("%d documents, %d distinct cables", docs, len(want))
}
