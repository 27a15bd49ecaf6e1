package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/cablewire/cablewire/pipeline"
	"github.com/cablewire/cablewire/schemas"
	"github.com/cablewire/cablewire/stages/ingest"
	"github.com/cablewire/cablewire/stages/sink"
)

func init() {
	register("run", "ingest, parse, enrich and commit to the warehouse, in one process", runRun)
}

func runRun(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var (
		c         common
		inputs    listFlag
		warehouse string
		follow    bool
		sc        sink.Config
	)
	fs := newFlagSet("run", stderr, "--input PATH... --warehouse DIR [flags]")
	c.register(fs)
	fs.Var(&inputs, "input", "file or directory of cables (repeatable; more may follow the flags)")
	fs.StringVar(&warehouse, "warehouse", "./warehouse", "warehouse directory (Parquet tables)")
	fs.BoolVar(&follow, "follow", false, "keep the workers running for new input after ingesting")
	chain := chainFlag(fs)
	sinkFlags(fs, &sc)
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile to this file")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if *cpuprofile != "" {
		stop, err := startCPUProfile(*cpuprofile)
		if err != nil {
			return err
		}
		defer stop()
	}
	inputs = append(inputs, pos...)
	if len(inputs) == 0 && !follow {
		return fmt.Errorf("%w: no --input", errUsage)
	}
	sc.Dir = warehouse
	log := c.logger(stderr)

	topo, id, err := c.warehouseTopology(warehouse)
	if err != nil {
		return err
	}
	conn, err := c.connect(ctx, "run", topo)
	if err != nil {
		return err
	}
	defer conn.Close()
	if u := conn.ClientURL(); u != "" {
		fmt.Fprintf(stderr, "cablewire: embedded NATS listening at %s\n", u)
	}
	res, err := execute(ctx, conn, runOptions{
		inputs: inputs, follow: follow, chain: *chain, stderr: stderr, warehouse: id.ID,
		workers: workerOptions{topo: topo, workers: c.workers, sink: sc, logger: log},
	})
	if err != nil {
		return err
	}
	res.warehouse = warehouse
	writeSummary(stdout, res)
	return nil
}

// runOptions is what execute runs.
type runOptions struct {
	inputs []string
	follow bool
	chain  bool // parse and enrich in one worker (pipeline.Chain)
	// warehouse is the identity of the warehouse loaded, carried by every
	// cable ingested (ingest.Route.Warehouse); empty for none.
	warehouse string
	workers   workerOptions
	stderr    io.Writer
}

// execute runs ingest and every stage in this process on conn. In bulk
// mode it returns once everything ingested is committed or dead-lettered;
// with follow, when ctx is cancelled. Cancelling ctx drains.
func execute(ctx context.Context, conn *pipeline.Conn, o runOptions) (summary, error) {
	start := time.Now()
	wctx, stopWorkers := context.WithCancel(context.WithoutCancel(ctx))
	defer stopWorkers()
	// Chained, parse and enrich run in one worker and the parsed stream
	// stays empty; an enrich worker still drains what an unchained run
	// left there.
	stages := []string{stageParse.name, stageEnrich.name, stageSink.name}
	if o.chain {
		stages[0] = stageChain.name
	}
	ws, err := startWorkers(wctx, conn, stages, o.workers)
	if err != nil {
		return summary{}, err
	}
	// A signal drains: workers stop fetching, finish and commit what they
	// have, and ack it.
	stopOnSignal := context.AfterFunc(ctx, stopWorkers)
	defer stopOnSignal()

	if o.workers.logger.Enabled(ctx, slog.LevelInfo) {
		go reportProgress(wctx, conn.JS, o.workers.topo, o.workers.logger, ws)
	}

	var ist ingest.Stats
	var runErr error
	if len(o.inputs) > 0 {
		pub := pipeline.NewPublisher(conn.JS, 1024)
		dlq := pipeline.NewPublisher(conn.JS, 64)
		ist, runErr = ingest.Run(ctx, pub, dlq, ingestRoute(o.workers.topo, o.warehouse), o.inputs)
	}
	interrupted := ctx.Err() != nil
	if runErr != nil && !interrupted {
		stopWorkers()
		return summary{}, errors.Join(runErr, ws.wait())
	}
	switch {
	case interrupted:
	case o.follow:
		fmt.Fprintf(o.stderr, "cablewire: ingested %d documents; following (Ctrl-C to stop)\n", ist.Read)
		<-ctx.Done()
	default:
		if err := waitCommitted(ctx, conn.JS, o.workers.topo, ws); err != nil && ctx.Err() == nil {
			stopWorkers()
			return summary{}, errors.Join(err, ws.wait())
		}
	}
	interrupted = ctx.Err() != nil
	stopWorkers()
	if err := ws.wait(); err != nil {
		return summary{}, err
	}
	return summary{ingest: ist, stages: ws.stats(), sink: ws.sink, elapsed: time.Since(start), interrupted: interrupted, follow: o.follow}, nil
}

// chainFlag registers --chain, on by default: in one process, a stream
// between parse and enrich only costs (a store, a delivery, an ack and a
// delete for every cable, and the encoding both ways).
func chainFlag(fs *flag.FlagSet) *bool {
	return fs.Bool("chain", true, "run parse and enrich in one worker, without the parsed stream between them")
}

// reportProgress logs each stage's backlog every few seconds (info level),
// so an operator sees where work is waiting.
func reportProgress(ctx context.Context, js jetstream.JetStream, topo schemas.Topology, log *slog.Logger, ws *workers) {
	t := time.NewTicker(progressEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		attrs := []any{}
		for _, st := range []stage{stageParse, stageEnrich, stageSink} {
			b, err := pipeline.BacklogOf(ctx, js, st.stream(topo), st.durable)
			if err != nil {
				continue
			}
			attrs = append(attrs, st.name, fmt.Sprintf("stored=%d pending=%d unacked=%d", b.Stored, b.Pending, b.AckPending))
		}
		if ws.sink != nil {
			attrs = append(attrs, "committed", ws.sink.Stats.Cables.Load())
		}
		log.Info("progress", attrs...)
	}
}

var progressEvery = 1 * time.Second

// waitCommitted returns once everything ingested has been committed to the
// warehouse or dead-lettered. Stages are checked in pipeline order: once a
// work-queue stream is empty with no upstream work left, nothing more can
// arrive in it.
func waitCommitted(ctx context.Context, js jetstream.JetStream, t schemas.Topology, ws *workers) error {
	const every = 50 * time.Millisecond
	for _, st := range []stage{stageParse, stageEnrich} {
		if err := pipeline.WaitEmpty(ctx, js, st.stream(t), st.durable, every); err != nil {
			return err
		}
	}
	sinkRunner := ws.runners["sink"]
	for {
		b, err := pipeline.BacklogOf(ctx, js, stageSink.stream(t), stageSink.durable)
		if err == nil && b.Empty() {
			return pipeline.PurgeOrphans(ctx, js, stageSink.stream(t), b)
		}
		if err == nil && b.Pending == 0 {
			// Everything is delivered: commit the open files now rather
			// than at their age limit.
			if err := sinkRunner.Flush(ctx); err != nil {
				return err
			}
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(every):
		}
	}
}

// ingestRoute is where ingest publishes in t, for the warehouse with
// identity warehouse (or none).
func ingestRoute(t schemas.Topology, warehouse string) ingest.Route {
	return ingest.Route{Subject: t.Subject(schemas.KindRaw), DeadLetters: t.DeadLetterSubject("ingest"), Warehouse: warehouse}
}
