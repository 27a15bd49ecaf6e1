package main

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/cablewire/cablewire/pipeline/pipelinetest"
)

// A worker's /metrics, read with the Prometheus text parser, has each
// stage's counters and handler latency, its consumer's lag and ack pending
// against MaxAckPending, the sink's commit latency and file sizes, and the
// Go runtime and process metrics.
func TestWorkerMetrics(t *testing.T) {
	_, url := pipelinetest.StartJetStream(t)
	in, wh := t.TempDir(), t.TempDir()
	want := generate(t, in, 60, 91)
	addr := fmt.Sprintf("127.0.0.1:%d", pipelinetest.FreePorts(t, 1)[0])

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var wg sync.WaitGroup
	wg.Go(func() {
		if code, out, errs := runCLI(ctx, "worker", "parse+enrich", "sink", "--nats", url, "--warehouse", wh, "--file-age", "1s", "--metrics", addr); code != 0 {
			t.Errorf("worker: exit %d\n%s\n%s", code, out, errs)
		}
	})
	if code, out, errs := runCLI(context.Background(), "ingest", "--nats", url, in); code != 0 {
		t.Fatalf("ingest: exit %d\n%s\n%s", code, out, errs)
	}
	pipelinetest.Eventually(t, time.Minute, "every cable committed", func() bool { return commitsCables(wh) >= len(want) })

	resp, err := http.Get("http://" + addr + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	parser := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := parser.TextToMetricFamilies(resp.Body)
	if err != nil {
		t.Fatalf("not Prometheus text: %v", err)
	}
	value := func(name, stage string) (float64, bool) {
		f := fams[name]
		if f == nil {
			return 0, false
		}
		for _, m := range f.GetMetric() {
			if stage != "" && !hasLabel(m, "stage", stage) {
				continue
			}
			switch {
			case m.GetCounter() != nil:
				return m.GetCounter().GetValue(), true
			case m.GetGauge() != nil:
				return m.GetGauge().GetValue(), true
			case m.GetHistogram() != nil:
				return float64(m.GetHistogram().GetSampleCount()), true
			}
		}
		return 0, false
	}
	for _, c := range []struct {
		name, stage string
		min         float64
	}{
		{"cablewire_stage_acked_total", "parse+enrich", 60},
		{"cablewire_stage_received_total", "sink", 60},
		{"cablewire_stage_acked_total", "sink", 60},
		{"cablewire_stage_retried_total", "sink", 0},
		{"cablewire_stage_dead_lettered_total", "sink", 0},
		{"cablewire_stage_busy_seconds_total", "sink", 0},
		{"cablewire_stage_handle_seconds", "parse+enrich", 60},
		{"cablewire_consumer_pending", "sink", 0},
		{"cablewire_consumer_ack_pending", "sink", 0},
		{"cablewire_consumer_max_ack_pending", "sink", 1000},
		{"cablewire_sink_commit_seconds", "", 1},
		{"cablewire_sink_file_bytes", "", 5},
		{"go_goroutines", "", 1},
		{"process_cpu_seconds_total", "", 0},
	} {
		v, ok := value(c.name, c.stage)
		if !ok || v < c.min {
			t.Errorf("%s{stage=%q} = %v (present %v), want >= %v", c.name, c.stage, v, ok, c.min)
		}
	}
	cancel()
	wg.Wait()
}

func hasLabel(m *dto.Metric, name, value string) bool {
	for _, l := range m.GetLabel() {
		if l.GetName() == name && l.GetValue() == value {
			return true
		}
	}
	return false
}
