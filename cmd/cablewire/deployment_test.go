package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/cablewire/cablewire/pipeline"
	"github.com/cablewire/cablewire/pipeline/pipelinetest"
	"github.com/cablewire/cablewire/schemas"
	"github.com/cablewire/cablewire/stages"
)

// deployment is cablewire as a cluster runs it: three nats-server
// processes and each stage as its own `cablewire` process (the binary
// built once per test run), every worker with its own /metrics.
type deployment struct {
	t        testing.TB
	bin      string
	nats     *pipelinetest.NATSCluster
	wh       string
	pipeline string
}

// stageProc is one cablewire process of a deployment, restartable with
// the same command line.
type stageProc struct {
	name    string
	args    []string
	metrics string // host:port of /metrics, /healthz, /readyz
	cmd     *pipelinetest.Command
}

func newDeployment(t testing.TB) *deployment {
	t.Helper()
	bin := pipelinetest.BuildBinary(t, ".")
	d := &deployment{t: t, bin: bin, nats: pipelinetest.StartNATSCluster(t, 3), wh: t.TempDir(), pipeline: schemas.DefaultPipeline}
	// The streams are ingest's (or an operator's) to make; workers only
	// bind them and are not ready before. The tests start the workers
	// first and measure from ingest's start, so the streams are made here.
	nc, err := nats.Connect(d.nats.URLs())
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	js, _ := jetstream.New(nc)
	// A cluster just formed may not place three replicas yet ("no
	// suitable peers"): try until it does.
	pipelinetest.Eventually(t, time.Minute, "the streams placed on the cluster", func() bool {
		for _, s := range stages.Streams(schemas.Topology{Pipeline: d.pipeline}, 3) {
			if err := pipeline.EnsureStream(context.Background(), js, s); err != nil {
				return false
			}
		}
		return true
	})
	return d
}

// worker starts `cablewire worker STAGE` against natsURL (the whole
// cluster when ""), with --replicas 3, the deployment's warehouse and a
// /metrics address of its own; extra flags follow.
func (d *deployment) worker(name, stage, natsURL string, extra ...string) *stageProc {
	d.t.Helper()
	if natsURL == "" {
		natsURL = d.nats.URLs()
	}
	addr := fmt.Sprintf("127.0.0.1:%d", pipelinetest.FreePorts(d.t, 1)[0])
	args := append([]string{"worker", stage, "--nats", natsURL, "--replicas", "3", "--pipeline", d.pipeline,
		"--warehouse", d.wh, "--metrics", addr, "--workers", "2", "--log-level", "info"}, extra...)
	p := &stageProc{name: name, args: args, metrics: addr}
	p.start(d)
	return p
}

func (p *stageProc) start(d *deployment) {
	p.cmd = pipelinetest.StartCommand(d.t, p.name, d.bin, p.args)
}

// restart starts the process again with its command line (after it was
// killed or stopped) and waits until it is ready.
func (p *stageProc) restart(d *deployment) {
	d.t.Helper()
	p.start(d)
	p.waitReady(d.t)
}

// waitReady waits for /readyz to answer 200.
func (p *stageProc) waitReady(t testing.TB) {
	t.Helper()
	pipelinetest.Eventually(t, time.Minute, p.name+" ready", func() bool {
		if p.cmd.Exited() {
			t.Fatalf("%s exited:\n%s", p.name, p.cmd.Output())
		}
		resp, err := http.Get("http://" + p.metrics + "/readyz")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	})
}

// stop sends SIGTERM (a drain) and returns the exit status.
func (p *stageProc) stop(t testing.TB) int {
	t.Helper()
	p.cmd.Signal(syscall.SIGTERM)
	code, err := p.cmd.Wait(2 * time.Minute)
	if err != nil {
		t.Fatalf("%v\n%s", err, p.cmd.Output())
	}
	return code
}

// metric is the value of a counter or gauge (a histogram's count) on the
// process's /metrics whose labels include labels, summed over series; 0
// when absent.
func (p *stageProc) metric(t testing.TB, name string, labels ...string) float64 {
	t.Helper()
	resp, err := http.Get("http://" + p.metrics + "/metrics")
	if err != nil {
		return 0
	}
	defer resp.Body.Close()
	parser := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := parser.TextToMetricFamilies(resp.Body)
	if err != nil {
		t.Fatalf("%s /metrics: %v", p.name, err)
	}
	sum := 0.0
	for _, m := range fams[name].GetMetric() {
		if !labelsMatch(m, labels) {
			continue
		}
		switch {
		case m.GetCounter() != nil:
			sum += m.GetCounter().GetValue()
		case m.GetGauge() != nil:
			sum += m.GetGauge().GetValue()
		case m.GetHistogram() != nil:
			sum += float64(m.GetHistogram().GetSampleCount())
		}
	}
	return sum
}

func labelsMatch(m *dto.Metric, kv []string) bool {
	for i := 0; i+1 < len(kv); i += 2 {
		if !hasLabel(m, kv[i], kv[i+1]) {
			return false
		}
	}
	return true
}

// stages starts the usual processes: workers `worker parse+enrich` and
// sinks `worker sink`, sinks with sinkArgs, and waits until all are ready.
func (d *deployment) stages(workers, sinks int, sinkArgs ...string) (pe, sk []*stageProc) {
	d.t.Helper()
	for i := range workers {
		pe = append(pe, d.worker(fmt.Sprintf("parse+enrich %d", i+1), "parse+enrich", ""))
	}
	for i := range sinks {
		sk = append(sk, d.worker(fmt.Sprintf("sink %d", i+1), "sink", "", sinkArgs...))
	}
	for _, p := range append(slices.Clone(pe), sk...) {
		p.waitReady(d.t)
	}
	return pe, sk
}

// ingest starts `cablewire ingest --replicas 3` of dir.
func (d *deployment) ingest(dir string) *pipelinetest.Command {
	return pipelinetest.StartCommand(d.t, "ingest", d.bin, []string{"ingest", "--nats", d.nats.URLs(), "--replicas", "3", "--pipeline", d.pipeline, "--log-level", "info", dir})
}

// waitIngested waits for ingest to exit 0.
func waitIngested(t testing.TB, ing *pipelinetest.Command, within time.Duration) {
	t.Helper()
	code, err := ing.Wait(within)
	if err != nil || code != 0 {
		t.Fatalf("ingest: exit %d, %v\n%s", code, err, ing.Output())
	}
}

// waitCommitted waits until the commit log names n cables, failing with
// the processes' logs if it does not within the deadline.
func (d *deployment) waitCommitted(n int, within time.Duration, procs ...*stageProc) {
	d.t.Helper()
	deadline := time.Now().Add(within)
	for commitsCables(d.wh) < n {
		if time.Now().After(deadline) {
			var logs strings.Builder
			for _, p := range procs {
				fmt.Fprintf(&logs, "--- %s\n%s\n", p.name, tail(p.cmd.Output(), 3000))
			}
			d.t.Fatalf("after %v: %d of %d cables committed\n%s", within, commitsCables(d.wh), n, logs.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// waitAcked waits until the broker holds nothing for p's consumer: no
// message pending and none delivered but unacked (p's /metrics asks the
// broker at each scrape).
func (p *stageProc) waitAcked(t testing.TB, within time.Duration) {
	t.Helper()
	pipelinetest.Eventually(t, within, p.name+"'s consumer acked to the end", func() bool {
		return p.metric(t, "cablewire_consumer_pending") == 0 && p.metric(t, "cablewire_consumer_ack_pending") == 0 &&
			p.metric(t, "cablewire_consumer_max_ack_pending") > 0 // scraped, not absent
	})
}

// streamLeader is the node that leads the pipeline's stream of kind.
func (d *deployment) streamLeader(kind string) int {
	d.t.Helper()
	nc, err := nats.Connect(d.nats.URLs())
	if err != nil {
		d.t.Fatal(err)
	}
	defer nc.Close()
	js, err := jetstream.New(nc)
	if err != nil {
		d.t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	s, err := js.Stream(ctx, schemas.Topology{Pipeline: d.pipeline}.Stream(kind))
	if err != nil {
		d.t.Fatal(err)
	}
	info := s.CachedInfo()
	if info.Cluster == nil || d.nats.Index(info.Cluster.Leader) < 0 {
		d.t.Fatalf("stream %s: no leader among the nodes (%+v)", info.Config.Name, info.Cluster)
	}
	return d.nats.Index(info.Cluster.Leader)
}

// commitTimes are the times of the warehouse's cable commits (not
// compactions), in order.
func commitTimes(t testing.TB, wh string) []time.Time {
	t.Helper()
	dir := filepath.Join(wh, "_cablewire", "commits")
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []time.Time
	for _, e := range ents {
		if !strings.HasSuffix(e.Name(), ".json") || strings.HasPrefix(e.Name(), "_") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		var rec struct {
			Kind   string            `json:"kind"`
			Time   time.Time         `json:"time"`
			Cables []json.RawMessage `json:"cables"`
		}
		if err := json.Unmarshal(b, &rec); err != nil {
			t.Fatalf("%s: %v", e.Name(), err)
		}
		if len(rec.Cables) > 0 {
			out = append(out, rec.Time)
		}
	}
	slices.SortFunc(out, func(a, b time.Time) int { return a.Compare(b) })
	return out
}

// stall is the longest time without a commit from the fault until the
// last commit: how long the fault held the load up, read from the commit
// log.
func stall(t testing.TB, wh string, fault time.Time) time.Duration {
	t.Helper()
	prev, longest := fault, time.Duration(0)
	for _, c := range commitTimes(t, wh) {
		if c.Before(fault) {
			continue
		}
		longest = max(longest, c.Sub(prev))
		prev = c
	}
	return longest
}

// loadTime is the span from the ingest's start to the last commit.
func loadTime(t testing.TB, wh string, start time.Time) time.Duration {
	ts := commitTimes(t, wh)
	if len(ts) == 0 {
		return 0
	}
	return ts[len(ts)-1].Sub(start)
}

func tail(s string, n int) string {
	if len(s) > n {
		return "..." + s[len(s)-n:]
	}
	return s
}
