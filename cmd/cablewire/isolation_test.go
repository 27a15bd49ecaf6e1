package main

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/cablewire/cablewire/pipeline"
	"github.com/cablewire/cablewire/pipeline/pipelinetest"
	"github.com/cablewire/cablewire/schemas"
	"github.com/cablewire/cablewire/stages/ingest"
)

// Two pipelines on one broker, each loading its own warehouse at the same
// time, end with exactly their own cables: each warehouse names streams
// and consumers of its own. A reload of the same cables through the same
// broker into a new, empty warehouse loads every one: the broker's
// duplicate window belongs to the warehouse it loaded.
func TestPipelinesOnOneBrokerKeepTheirCables(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: concurrent loads (-short)")
	}
	_, url := pipelinetest.StartJetStream(t)
	inA, inB := t.TempDir(), t.TempDir()
	whA, whB, whC := t.TempDir(), t.TempDir(), t.TempDir()
	wantA := generate(t, inA, 400, 61)
	wantB := generate(t, inB, 60, 62)

	var wg sync.WaitGroup
	for _, l := range []struct{ in, wh string }{{inA, whA}, {inB, whB}} {
		wg.Go(func() {
			if code, out, errs := runCLI(context.Background(), "run", "--nats", url, "--input", l.in, "--warehouse", l.wh); code != 0 {
				t.Errorf("run into %s: exit %d\n%s\n%s", l.wh, code, out, errs)
			}
		})
	}
	wg.Wait()
	checkExactlyOnce(t, whA, wantA)
	checkExactlyOnce(t, whB, wantB)

	if code, out, errs := runCLI(context.Background(), "run", "--nats", url, "--input", inA, "--warehouse", whC); code != 0 {
		t.Fatalf("reload into a new warehouse: exit %d\n%s\n%s", code, out, errs)
	}
	checkExactlyOnce(t, whC, wantA)
}

// A sink refuses, to the dead letters, cables whose warehouse identity is
// another's (a misconfigured deployment sharing a pipeline), and the dead
// letter still names the file the cable came from.
func TestSinkRefusesAnotherWarehousesCables(t *testing.T) {
	_, url := pipelinetest.StartJetStream(t)
	in, wh := t.TempDir(), t.TempDir()
	generate(t, in, 5, 63)
	topo := schemas.Topology{Pipeline: "shared"}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	nc, err := nats.Connect(url)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	js, _ := jetstream.New(nc)
	// The streams are ingest's to make; the workers bind them.
	if err := ensureStreams(ctx, js, topo, 1); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	wg.Go(func() {
		runCLI(ctx, "worker", "parse+enrich", "sink", "--nats", url, "--pipeline", topo.Pipeline, "--warehouse", wh, "--file-age", "1s")
	})
	pipelinetest.Eventually(t, 30*time.Second, "the pipeline's streams", func() bool {
		_, err := js.Stream(ctx, topo.Stream(schemas.KindDLQ))
		return err == nil
	})
	rt := ingestRoute(topo, "0123456789abcdef-someone-else")
	if _, err := ingest.Run(ctx, pipeline.NewPublisher(js, 64), pipeline.NewPublisher(js, 8), rt, []string{in}); err != nil {
		t.Fatal(err)
	}
	dlq, _ := js.Stream(ctx, topo.Stream(schemas.KindDLQ))
	pipelinetest.Eventually(t, time.Minute, "5 dead letters", func() bool {
		info, err := dlq.Info(ctx)
		return err == nil && info.State.Msgs == 5
	})
	for seq := uint64(1); seq <= 5; seq++ {
		m, err := dlq.GetMsg(ctx, seq)
		if err != nil {
			t.Fatal(err)
		}
		if st, why := m.Header.Get(pipeline.HeaderDLQStage), m.Header.Get(pipeline.HeaderDLQError); st != "sink" || !strings.Contains(why, "another warehouse") {
			t.Errorf("dead letter %d: stage %q, reason %q", seq, st, why)
		}
		if src := m.Header.Get(schemas.HeaderSource); !strings.HasPrefix(src, in) {
			t.Errorf("dead letter %d: source %q, want a file under %s", seq, src, in)
		}
	}
	if n := commitsCables(wh); n != 0 {
		t.Errorf("%d foreign cables committed", n)
	}
	cancel()
	wg.Wait()
}
