package main

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cablewire/cablewire/pipeline/pipelinetest"
)

// TestSeparateWorkers runs each stage as its own worker, two parse workers
// among them, the way a deployment scales them, with ingest as a separate
// command: the warehouse ends with every cable exactly once.
func TestSeparateWorkers(t *testing.T) {
	_, url := pipelinetest.StartJetStream(t)
	in, wh := t.TempDir(), t.TempDir()
	want := generate(t, in, 400, 41)

	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	codes := make([]int, 4)
	for i, args := range [][]string{
		{"worker", "parse", "--nats", url},
		{"worker", "parse", "--nats", url},
		{"worker", "enrich", "--nats", url},
		{"worker", "sink", "--nats", url, "--warehouse", wh, "--file-age", "500ms"},
	} {
		wg.Go(func() { codes[i], _, _ = runCLI(ctx, args...) })
	}
	// The workers create the streams; ingest also ensures them, so the
	// order does not matter.
	code, out, errs := runCLI(context.Background(), "ingest", "--nats", url, in)
	if code != 0 {
		t.Fatalf("ingest: exit %d\n%s\n%s", code, out, errs)
	}
	if !strings.Contains(out, "published 400") {
		t.Errorf("ingest: %s", out)
	}
	pipelinetest.Eventually(t, 2*time.Minute, "400 cables committed", func() bool {
		return commitsCables(wh) == len(want)
	})
	cancel() // SIGTERM-like drain of every worker
	wg.Wait()
	for i, c := range codes {
		if c != 0 {
			t.Errorf("worker %d exited %d after a drain, want 0", i, c)
		}
	}
	checkExactlyOnce(t, wh, want)
}

// commitsCables counts the cables named by the warehouse's commit records.
func commitsCables(wh string) int {
	n := 0
	for _, r := range readRecordsForTest(wh) {
		n += r
	}
	return n
}
