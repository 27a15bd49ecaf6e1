package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/cablewire/cablewire/pipeline"
	"github.com/cablewire/cablewire/pipeline/pipelinetest"
	"github.com/cablewire/cablewire/schemas"
	"github.com/cablewire/cablewire/stages"
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

// A chained run (parse and enrich in one worker, the default) still drains
// what an unchained parse worker left on the parsed stream, and a parse
// worker and a chained one can share the raw stream's consumer.
func TestChainedRunDrainsParsedStream(t *testing.T) {
	_, url := pipelinetest.StartJetStream(t)
	inA, inB, wh := t.TempDir(), t.TempDir(), t.TempDir()
	want := generate(t, inA, 120, 51)
	for ref, e := range generate(t, inB, 80, 52) {
		want[ref] = e
	}

	// A's cables parsed, not enriched: they wait on the parsed stream.
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Go(func() { runCLI(ctx, "worker", "parse", "--nats", url) })
	if code, out, errs := runCLI(context.Background(), "ingest", "--nats", url, inA); code != 0 {
		t.Fatalf("ingest: exit %d\n%s\n%s", code, out, errs)
	}
	nc, err := nats.Connect(url)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	js, _ := jetstream.New(nc)
	pipelinetest.Eventually(t, time.Minute, "A parsed", func() bool {
		s, err := js.Stream(context.Background(), schemas.Topology{Pipeline: schemas.DefaultPipeline}.Stream(schemas.KindParsed))
		if err != nil {
			return false
		}
		info, err := s.Info(context.Background())
		return err == nil && info.State.Msgs == 120
	})
	cancel()
	wg.Wait()

	code, out, errs := runCLI(context.Background(), "run", "--nats", url, "--pipeline", schemas.DefaultPipeline, "--input", inB, "--warehouse", wh)
	if code != 0 {
		t.Fatalf("run: exit %d\n%s\n%s", code, out, errs)
	}
	checkExactlyOnce(t, wh, want)
	if !strings.Contains(out, "parsed               80") {
		t.Errorf("summary, want 80 parsed by the chained worker:\n%s", out)
	}
}

// makeStreams creates the streams of pipeline name on js, as ingest, serve
// or run would: workers only bind them, and wait until they exist.
func makeStreams(t testing.TB, js jetstream.JetStream, name string, replicas ...int) {
	t.Helper()
	r := 1
	if len(replicas) > 0 {
		r = replicas[0]
	}
	for _, s := range stages.Streams(schemas.Topology{Pipeline: name}, r) {
		if err := pipeline.EnsureStream(context.Background(), js, s); err != nil {
			t.Fatal(err)
		}
	}
}

// inPlace reports whether wh's commit records name n cables and their
// files are in place: the record is the commit point, and the files are
// renamed from their temporary names just after it, so a reader that
// looks between the two misses some.
func inPlace(wh string, n int) bool {
	if commitsCables(wh) != n {
		return false
	}
	pending := false
	filepath.WalkDir(wh, func(path string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(path, ".parquet.tmp") {
			pending = true
		}
		return nil
	})
	return !pending
}
