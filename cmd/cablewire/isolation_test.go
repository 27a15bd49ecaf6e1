package main

import (
	"context"
	"sync"
	"testing"

	"github.com/cablewire/cablewire/pipeline/pipelinetest"
)

// Two pipelines on one broker, each loading its own warehouse at the same
// time, end with exactly their own cables: each warehouse names streams
// and consumers of its own. A reload of the same cables through the same
// broker into a new, empty warehouse loads every one: the broker's
// duplicate window belongs to the warehouse it loaded.
func TestPipelinesOnOneBrokerKeepTheirCables(t *testing.T) {
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
