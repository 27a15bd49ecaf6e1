package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/cablewire/cablewire/pipeline"
	"github.com/cablewire/cablewire/pipeline/pipelinetest"
	"github.com/cablewire/cablewire/schemas"
	"github.com/cablewire/cablewire/stages/sink"
	"github.com/cablewire/cablewire/stages/synth"
)

// corpusDir is the shared development corpus, beside the repository.
const corpusDir = "../../../shared/corpus"

// expected is what a test knows of a cable independently of the pipeline.
type expected struct {
	created        time.Time
	classification string
}

// generate writes n synthetic cables under dir and returns what the
// generator says each one is.
func generate(t *testing.T, dir string, n int, seed int64) map[string]expected {
	t.Helper()
	if _, err := synth.WriteTree(context.Background(), synth.New(synth.Options{Count: n, Seed: seed}), dir); err != nil {
		t.Fatal(err)
	}
	want := map[string]expected{}
	g := synth.New(synth.Options{Count: n, Seed: seed})
	for c, ok := g.Next(); ok; c, ok = g.Next() {
		cls, _, _ := strings.Cut(c.Classification, "//")
		want[c.RefID] = expected{c.Created.UTC(), cls}
	}
	return want
}

// runTopology is the pipeline a run into warehouse wh uses by default.
func runTopology(t *testing.T, wh string) schemas.Topology {
	t.Helper()
	id, err := sink.WarehouseIdentity(wh)
	if err != nil {
		t.Fatal(err)
	}
	return schemas.Topology{Pipeline: schemas.PipelineFor(filepath.Base(wh), id.ID)}
}

// runCLI runs a cablewire command in-process and returns its exit status
// and output.
func runCLI(ctx context.Context, args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := runCommand(ctx, args, &out, &errb)
	return code, out.String(), errb.String()
}

// checkExactlyOnce asserts every wanted cable is in the warehouse exactly
// once, with its creation time and classification, and nothing else is.
func checkExactlyOnce(t *testing.T, warehouse string, want map[string]expected) {
	t.Helper()
	rows := readCables(t, warehouse)
	seen := map[string]int{}
	for _, r := range rows {
		seen[r.RefID]++
		w, ok := want[r.RefID]
		if !ok {
			t.Errorf("unexpected cable %s in %s", r.RefID, r.Path)
			continue
		}
		if !r.Created.Equal(w.created) {
			t.Errorf("%s: created %v, want %v", r.RefID, r.Created, w.created)
		}
		if r.Classification != w.classification {
			t.Errorf("%s: classification %q, want %q", r.RefID, r.Classification, w.classification)
		}
		y, m := r.Created.Year(), int(r.Created.Month())
		if !strings.Contains(r.Path, fmt.Sprintf("year=%04d/month=%02d", y, m)) {
			t.Errorf("%s: created %v but in partition %s", r.RefID, r.Created, r.Path)
		}
	}
	for ref := range want {
		if seen[ref] != 1 {
			t.Errorf("%s: %d times in the warehouse, want exactly once", ref, seen[ref])
		}
	}
	if len(rows) != len(want) {
		t.Errorf("%d rows, want %d", len(rows), len(want))
	}
}

func TestRunGeneratedCablesExactlyOnce(t *testing.T) {
	_, url := pipelinetest.StartJetStream(t)
	in, wh := t.TempDir(), t.TempDir()
	want := generate(t, in, 300, 11)
	ctx := context.Background()

	code, out, errs := runCLI(ctx, "run", "--nats", url, "--input", in, "--warehouse", wh)
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errs)
	}
	checkExactlyOnce(t, wh, want)
	if !strings.Contains(out, "cables read          300") || !strings.Contains(out, "parsed               300") {
		t.Errorf("summary:\n%s", out)
	}
	if n := countRows(t, wh, "entities"); n == 0 {
		t.Error("no entity rows")
	}
	if n := countRows(t, wh, "paragraphs"); n == 0 {
		t.Error("no paragraph rows")
	}

	// The same load again: the broker drops every document as a duplicate,
	// and the warehouse is unchanged.
	code, out, errs = runCLI(ctx, "run", "--nats", url, "--input", in, "--warehouse", wh)
	if code != 0 {
		t.Fatalf("second run: exit %d\n%s\n%s", code, out, errs)
	}
	if !strings.Contains(out, "duplicates skipped   300") {
		t.Errorf("second run summary:\n%s", out)
	}
	checkExactlyOnce(t, wh, want)
}

func TestRunBadInputIsDeadLettered(t *testing.T) {
	_, url := pipelinetest.StartJetStream(t)
	in, wh := t.TempDir(), t.TempDir()
	want := generate(t, filepath.Join(in, "good"), 5, 3)
	bad := filepath.Join(in, "bad")
	os.MkdirAll(bad, 0o755)
	os.WriteFile(filepath.Join(bad, "empty.txt"), nil, 0o644)
	bin := make([]byte, 4096)
	for i := range bin {
		bin[i] = byte(i * 7919 % 251)
	}
	os.WriteFile(filepath.Join(bad, "binary.dat"), bin, 0o644)
	os.WriteFile(filepath.Join(bad, "page.html"), []byte("<html><head><title>Not a cable</title></head><body><p>Hello</p></body></html>"), 0o644)

	code, out, errs := runCLI(context.Background(), "run", "--nats", url, "--input", in, "--warehouse", wh)
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errs)
	}
	checkExactlyOnce(t, wh, want)
	if !strings.Contains(out, "dead-lettered        3") {
		t.Errorf("summary does not count 3 dead letters:\n%s", out)
	}

	// Each bad file is in the dead-letter stream with its reason.
	nc, err := nats.Connect(url)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	js, _ := jetstream.New(nc)
	topo := runTopology(t, wh)
	s, err := js.Stream(context.Background(), topo.Stream(schemas.KindDLQ))
	if err != nil {
		t.Fatal(err)
	}
	reasons := map[string]string{}
	for seq := uint64(1); seq <= 3; seq++ {
		m, err := s.GetMsg(context.Background(), seq)
		if err != nil {
			t.Fatalf("dead letter %d: %v", seq, err)
		}
		src := filepath.Base(m.Header.Get(schemas.HeaderSource))
		reasons[src] = m.Header.Get(pipeline.HeaderDLQError)
		if m.Header.Get(pipeline.HeaderDLQStage) != "parse" {
			t.Errorf("%s: stage %q", src, m.Header.Get(pipeline.HeaderDLQStage))
		}
		if m.Header.Get(pipeline.HeaderDLQDeliveries) == "" {
			t.Errorf("%s: no delivery count", src)
		}
	}
	for _, f := range []string{"empty.txt", "binary.dat", "page.html"} {
		r, ok := reasons[f]
		if !ok || !strings.Contains(r, "not a cable") {
			t.Errorf("%s: reason %q", f, r)
		}
		if !strings.Contains(out, r) {
			t.Errorf("summary does not show reason %q:\n%s", r, out)
		}
	}

	// Operators list them, and replay them into the pipeline.
	code, out, errs = runCLI(context.Background(), "dlq", "--nats", url, "--stage", "parse")
	if code != 0 || strings.Count(out, "not a cable") != 3 || !strings.Contains(out, "binary.dat") {
		t.Fatalf("dlq: exit %d\n%s\n%s", code, out, errs)
	}
	code, out, errs = runCLI(context.Background(), "dlq", "--nats", url, "--show", "1")
	if code != 0 || !strings.Contains(out, "stage:      parse") || !strings.Contains(out, "not a cable") || !strings.Contains(out, "payload:") {
		t.Fatalf("dlq --show 1: exit %d\n%s\n%s", code, out, errs)
	}
	code, out, errs = runCLI(context.Background(), "dlq", "--nats", url, "--replay")
	if code != 0 || !strings.Contains(out, "replayed 3") {
		t.Fatalf("dlq --replay: exit %d\n%s\n%s", code, out, errs)
	}
	if info, err := s.Info(context.Background()); err != nil || info.State.Msgs != 0 {
		t.Errorf("dead letters left after replay: %+v %v", info.State, err)
	}
	raw, _ := js.Stream(context.Background(), topo.Stream(schemas.KindRaw))
	if info, err := raw.Info(context.Background()); err != nil || info.State.Msgs != 3 {
		t.Errorf("raw stream after replay: %+v %v, want the 3 documents back", info.State, err)
	}
}

// TestRunOnThreeNodeCluster runs the pipeline against an external
// three-node cluster with replicated streams, as a deployment would.
func TestRunOnThreeNodeCluster(t *testing.T) {
	_, urls := pipelinetest.StartCluster(t, 3)
	in, wh := t.TempDir(), t.TempDir()
	want := generate(t, in, 100, 5)
	code, out, errs := runCLI(context.Background(), "run", "--nats", urls, "--replicas", "3", "--input", in, "--warehouse", wh)
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errs)
	}
	checkExactlyOnce(t, wh, want)
}
