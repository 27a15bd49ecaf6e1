package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/cablewire/cablewire/pipeline/pipelinetest"
	"github.com/cablewire/cablewire/schemas"
	"github.com/cablewire/cablewire/stages/synth"
)

// The tests here run cablewire as a cluster deployment does: three real
// nats-server processes on loopback, `ingest --replicas 3`, two
// `worker parse+enrich` and two `worker sink` processes on one warehouse
// directory, and break something under load. Each ends with every cable
// exactly once, counted by DuckDB and compared with a clean single-process
// run of the same input, and logs how long the fault held the load up
// (the longest time without a commit, from the commit log). They build
// the binary and run for a minute or so each: skipped under -short.

// faultSinkArgs make the sinks commit every 2 s, so that the commit log
// measures stalls to about that.
var faultSinkArgs = []string{"--file-age", "2s"}

func clusterTest(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("slow: a three-node cluster and five cablewire processes (-short)")
	}
	pipelinetest.ServerBinary(t)
}

// warehouseContent is what DuckDB finds in a warehouse, independent of
// how the cables got there: row counts, distinct cables, and a digest of
// every cable's counts and of every entity mention (a sum of row hashes:
// independent of order, and changed by a row missing or written twice).
const warehouseContent = `SELECT
  (SELECT count(*) FROM cables) AS cables,
  (SELECT count(DISTINCT ref_id) FROM cables) AS distinct_cables,
  (SELECT count(*) FROM entities) AS entities,
  (SELECT sum(entity_count) FROM cables) AS entity_count,
  (SELECT count(*) FROM paragraphs) AS paragraphs,
  (SELECT sum(hash(ref_id, version, paragraph_count, entity_count)) FROM cables) AS cables_digest,
  (SELECT sum(hash(ref_id, paragraph, type, canonical)) FROM entities) AS entities_digest`

// checkLikeCleanRun checks wh holds every wanted cable exactly once (read
// with arrow-go, against the generator), then loads in with a
// single-process `run` into a warehouse of its own and requires DuckDB to
// count every cable once and as many entity rows as the cables say, and
// to find the same content (each cable's counts, every entity mention) in
// both.
func checkLikeCleanRun(t *testing.T, wh, in string, want map[string]expected) {
	t.Helper()
	began := time.Now()
	checkExactlyOnce(t, wh, want)
	clean := t.TempDir()
	if code, out, errs := runCLI(context.Background(), "run", "--input", in, "--warehouse", clean, "--data", t.TempDir(), "--progress", "none"); code != 0 {
		t.Fatalf("clean run: exit %d\n%s\n%s", code, out, errs)
	}
	ran := time.Now()
	got, ref := duckdb(t, wh, warehouseContent), duckdb(t, clean, warehouseContent)
	var cables, distinct, ents, entCount int
	if lines := strings.Split(strings.TrimSpace(got), "\n"); len(lines) != 2 {
		t.Fatalf("DuckDB: %q", got)
	} else if _, err := fmt.Sscanf(strings.ReplaceAll(lines[1], ",", " "), "%d %d %d %d", &cables, &distinct, &ents, &entCount); err != nil {
		t.Fatalf("DuckDB: %q: %v", got, err)
	}
	if cables != len(want) || distinct != len(want) || ents != entCount || ents == 0 {
		t.Errorf("DuckDB: %d cable rows, %d distinct, want %d; %d entity rows, the cables say %d", cables, distinct, len(want), ents, entCount)
	}
	if got != ref {
		t.Errorf("DuckDB over the cluster's warehouse:\n%s\nover a clean run of the same input:\n%s", got, ref)
	}
	t.Logf("DuckDB: %s (check %v, of which the clean run %v)", strings.ReplaceAll(strings.TrimSpace(got), "\n", " | "),
		time.Since(began).Round(100*time.Millisecond), ran.Sub(began).Round(100*time.Millisecond))
}

// stopAll drains every process with SIGTERM and requires exit 0.
func stopAll(t *testing.T, procs ...*stageProc) {
	t.Helper()
	for _, p := range procs {
		if code := p.stop(t); code != 0 {
			t.Errorf("%s: exit %d after SIGTERM, want 0\n%s", p.name, code, tail(p.cmd.Output(), 3000))
		}
	}
}

// A NATS node SIGKILLed in the middle of a 20,000-cable load (the leader
// of the raw stream, which ingest publishes to and parse reads), and
// restarted 5 s later: ingest and every worker ride it out, and the
// warehouse ends with every cable once.
func TestClusterNodeKilledMidLoad(t *testing.T) {
	clusterTest(t)
	const n = 20_000
	in := t.TempDir()
	want := generate(t, in, n, 171)
	d := newDeployment(t)
	pe, sk := d.stages(2, 2, faultSinkArgs...)
	procs := append(pe, sk...)

	start := time.Now()
	ing := d.ingest(in)
	d.waitCommitted(n/5, 3*time.Minute, procs...)
	victim := d.streamLeader(schemas.KindRaw)
	fault := time.Now()
	d.nats.Kill(victim)
	t.Logf("killed %s (leader of the raw stream) at %d cables committed", d.nats.Nodes[victim].Name, commitsCables(d.wh))
	time.Sleep(5 * time.Second)
	d.nats.Restart(victim)
	t.Logf("%s back and healthy %v after the kill", d.nats.Nodes[victim].Name, time.Since(fault).Round(time.Millisecond))

	waitIngested(t, ing, 3*time.Minute)
	d.waitCommitted(n, 4*time.Minute, procs...)
	sk[0].waitAcked(t, 3*time.Minute)
	t.Logf("node kill: stall %v (longest without a commit after it); last commit %v, every message acked %v after the ingest's start, %d cables",
		stall(t, d.wh, fault).Round(100*time.Millisecond), loadTime(t, d.wh, start).Round(100*time.Millisecond), time.Since(start).Round(100*time.Millisecond), n)
	stopAll(t, procs...)
	checkLikeCleanRun(t, d.wh, in, want)
}

// A parse+enrich worker and then a sink SIGKILLed at random points of a
// load and restarted at once: what they held comes back when its ack wait
// runs out (30 s for handlers, 45 s for the sink), and every cable is
// committed once.
func TestClusterWorkerAndSinkKilled(t *testing.T) {
	clusterTest(t)
	const n = 5_000
	in := t.TempDir()
	want := generate(t, in, n, 172)
	d := newDeployment(t)
	pe, sk := d.stages(2, 2, faultSinkArgs...)
	procs := append(pe, sk...)
	rng := rand.New(rand.NewPCG(17, uint64(time.Now().UnixNano())))

	start := time.Now()
	ing := d.ingest(in)
	var first time.Time
	for i, victim := range []*stageProc{pe[0], sk[0]} {
		d.waitCommitted((i+1)*n/6, 3*time.Minute, procs...)
		time.Sleep(time.Duration(rng.IntN(1500)) * time.Millisecond)
		if first.IsZero() {
			first = time.Now()
		}
		victim.cmd.Kill()
		t.Logf("SIGKILLed %s at %d cables committed", victim.name, commitsCables(d.wh))
		victim.restart(d)
	}
	waitIngested(t, ing, 3*time.Minute)
	d.waitCommitted(n, 4*time.Minute, procs...)
	sk[1].waitAcked(t, 3*time.Minute)
	t.Logf("worker and sink kill: stall %v (longest without a commit after the first kill); last commit %v, every message acked %v after the ingest's start, %d cables",
		stall(t, d.wh, first).Round(100*time.Millisecond), loadTime(t, d.wh, start).Round(100*time.Millisecond), time.Since(start).Round(100*time.Millisecond), n)
	stopAll(t, procs...)
	checkLikeCleanRun(t, d.wh, in, want)
}

// A rolling restart: each worker in turn gets SIGTERM, drains (what it
// holds finishes and is committed or acked), exits 0, and is started
// again before the next goes. Every cable is committed once.
func TestClusterRollingRestart(t *testing.T) {
	clusterTest(t)
	const n = 5_000
	in := t.TempDir()
	want := generate(t, in, n, 173)
	d := newDeployment(t)
	pe, sk := d.stages(2, 2, faultSinkArgs...)
	procs := append(pe, sk...)

	start := time.Now()
	ing := d.ingest(in)
	d.waitCommitted(n/10, 3*time.Minute, procs...)
	fault := time.Now()
	for _, p := range procs {
		at := commitsCables(d.wh)
		if code := p.stop(t); code != 0 {
			t.Errorf("%s: exit %d after SIGTERM, want 0 (a drain)\n%s", p.name, code, tail(p.cmd.Output(), 3000))
		}
		p.restart(d)
		t.Logf("restarted %s at %d cables committed", p.name, at)
	}
	if got := commitsCables(d.wh); got >= n {
		t.Logf("the load finished during the restarts (%d cables committed)", got)
	}
	waitIngested(t, ing, 3*time.Minute)
	d.waitCommitted(n, 4*time.Minute, procs...)
	sk[0].waitAcked(t, 3*time.Minute)
	t.Logf("rolling restart: stall %v (longest without a commit after the first SIGTERM); last commit %v, every message acked %v after the ingest's start, %d cables",
		stall(t, d.wh, fault).Round(100*time.Millisecond), loadTime(t, d.wh, start).Round(100*time.Millisecond), time.Since(start).Round(100*time.Millisecond), n)
	stopAll(t, procs...)
	checkLikeCleanRun(t, d.wh, in, want)
}

// The reconcile rule across processes: sink A commits cables but its acks
// never reach the broker (its connection goes through a proxy that drops
// what A sends from then on), so they are redelivered, after the ack wait,
// to sink B. Both sinks read other sinks' commit records into their
// indexes only every hour (--catch-up 1h), so B's index does not know what
// A committed: B's commit must find A's records under the commit lock and
// drop those cables (cablewire_sink_duplicates_total{found="reconcile"}),
// and the warehouse has each once.
func TestClusterRedeliveryToAnotherSinkIsNotWrittenTwice(t *testing.T) {
	clusterTest(t)
	const n = 3_000
	in := t.TempDir()
	want := generate(t, in, n, 174)
	d := newDeployment(t)
	sinkArgs := append([]string{"--catch-up", "1h"}, faultSinkArgs...)
	pe := d.worker("parse+enrich", "parse+enrich", "")
	b := d.worker("sink B", "sink", "", sinkArgs...)
	proxy := pipelinetest.StartProxy(t, strings.TrimPrefix(d.nats.Nodes[0].URL(), "nats://"))
	a := d.worker("sink A", "sink", "nats://"+proxy.Addr, sinkArgs...)
	procs := []*stageProc{pe, b, a}
	for _, p := range procs {
		p.waitReady(t)
	}

	start := time.Now()
	ing := d.ingest(in)
	pipelinetest.Eventually(t, 2*time.Minute, "sink A holding cables", func() bool {
		return a.metric(t, "cablewire_stage_received_total", "stage", "sink") >= 100
	})
	proxy.Mute()
	fault := time.Now()
	commitsBefore := a.metric(t, "cablewire_sink_commit_seconds")
	pipelinetest.Eventually(t, time.Minute, "sink A committing with its acks lost", func() bool {
		return a.metric(t, "cablewire_sink_commit_seconds") > commitsBefore
	})
	waitIngested(t, ing, 3*time.Minute)
	d.waitCommitted(n, 4*time.Minute, procs...)
	// A's commits name every cable by now; the broker still holds A's
	// unacked messages until they are redelivered to B and acked by it.
	b.waitAcked(t, 3*time.Minute)
	acked := time.Since(start)
	reconciled := b.metric(t, "cablewire_sink_duplicates_total", "found", "reconcile")
	indexed := b.metric(t, "cablewire_sink_duplicates_total", "found", "index")
	t.Logf("sink B: %v cables A had committed dropped at commit (reconcile), %v found in its index after that; stall %v; last commit %v, every message acked %v after the ingest's start",
		reconciled, indexed, stall(t, d.wh, fault).Round(100*time.Millisecond), loadTime(t, d.wh, start).Round(100*time.Millisecond), acked.Round(100*time.Millisecond))
	if reconciled == 0 {
		t.Errorf("sink B dropped nothing at commit: the redeliveries of A's committed cables did not meet the reconcile rule")
	}
	a.cmd.Kill() // its connection is broken for good
	stopAll(t, pe, b)
	checkLikeCleanRun(t, d.wh, in, want)
}

// BenchmarkClusterSinks loads the same 10,000 cables through the cluster
// deployment (three nats-server processes, R3 streams, two parse+enrich
// workers) with one and with two sinks on one warehouse, and reports
// cables/s from the ingest's start to the last commit. Each iteration
// uses a pipeline (streams) and a warehouse of its own on the same
// cluster. Run with -benchtime 1x:
//
//	go test ./cmd/cablewire/ -run '^$' -bench ClusterSinks -benchtime 1x -count 3
func BenchmarkClusterSinks(b *testing.B) {
	pipelinetest.ServerBinary(b)
	const n = 10_000
	in := b.TempDir()
	if _, err := synth.WriteTree(context.Background(), synth.New(synth.Options{Count: n, Seed: 175}), in); err != nil {
		b.Fatal(err)
	}
	for _, sinks := range []int{1, 2} {
		b.Run(fmt.Sprintf("sinks=%d", sinks), func(b *testing.B) {
			d := newDeployment(b)
			var total time.Duration
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				d.pipeline = fmt.Sprintf("bench%d", i)
				d.wh = b.TempDir()
				pe, sk := d.stages(2, sinks, "--file-age", "5s")
				b.StartTimer()
				start := time.Now()
				ing := d.ingest(in)
				waitIngested(b, ing, 5*time.Minute)
				d.waitCommitted(n, 5*time.Minute, append(pe, sk...)...)
				total += time.Since(start)
				b.StopTimer()
				for _, p := range append(pe, sk...) {
					p.stop(b)
				}
			}
			b.ReportMetric(float64(n*b.N)/total.Seconds(), "cables/s")
		})
	}
}
