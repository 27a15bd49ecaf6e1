package main

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/cablewire/cablewire/pipeline/pipelinetest"
)

// The processes of a deployment start in any order: two parse+enrich
// workers, two sinks on one warehouse and ingest, all started before their
// three-node cluster exists, wait for it (a worker's /readyz says so
// meanwhile) instead of exiting, and the load ends with every cable
// exactly once.
func TestWorkersStartBeforeTheirCluster(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: a cluster and five processes (-short)")
	}
	ports := pipelinetest.FreePorts(t, 3)
	urls := pipelinetest.URLs(ports)
	in, wh := t.TempDir(), t.TempDir()
	want := generate(t, in, 300, 81)
	metrics := fmt.Sprintf("127.0.0.1:%d", pipelinetest.FreePorts(t, 1)[0])

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var wg sync.WaitGroup
	codes := make([]int, 5)
	outs := make([]string, 5)
	start := func(i int, args ...string) {
		wg.Go(func() {
			var out, errs string
			codes[i], out, errs = runCLI(ctx, args...)
			outs[i] = out + errs
		})
	}
	common := []string{"--nats", urls, "--replicas", "3", "--warehouse", wh}
	start(0, append([]string{"worker", "parse+enrich", "--metrics", metrics}, common...)...)
	start(1, append([]string{"worker", "parse+enrich"}, common...)...)
	start(2, append([]string{"worker", "sink", "--file-age", "2s"}, common...)...)
	start(3, append([]string{"worker", "sink", "--file-age", "2s"}, common...)...) // the same limits: they share one consumer
	ingested := make(chan int, 1)
	go func() {
		code, out, errs := runCLI(context.Background(), "ingest", "--nats", urls, "--replicas", "3", in)
		if code != 0 {
			t.Errorf("ingest: exit %d\n%s\n%s", code, out, errs)
		}
		ingested <- code
	}()

	readyz := func() int {
		resp, err := http.Get("http://" + metrics + "/readyz")
		if err != nil {
			return 0
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	pipelinetest.Eventually(t, 30*time.Second, "a waiting worker's /readyz to answer 503", func() bool {
		return readyz() == http.StatusServiceUnavailable
	})
	time.Sleep(time.Second) // let every process meet the missing broker
	pipelinetest.StartClusterAt(t, ports)

	<-ingested
	pipelinetest.Eventually(t, 2*time.Minute, "every cable committed", func() bool {
		return commitsCables(wh) >= len(want)
	})
	if code := readyz(); code != http.StatusOK {
		t.Errorf("/readyz of a running worker: %d", code)
	}
	cancel()
	wg.Wait()
	for i, c := range codes[:4] {
		if c != 0 {
			t.Errorf("worker %d: exit %d\n%s", i, c, outs[i])
		}
	}
	checkExactlyOnce(t, wh, want)
	checkEntitiesOnce(t, wh)
}
