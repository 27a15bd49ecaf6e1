package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"time"

	"github.com/cablewire/cablewire/pipeline"
	"github.com/cablewire/cablewire/stages"
	"github.com/cablewire/cablewire/stages/ingest"
)

// runOptions is what execute runs.
type runOptions struct {
	inputs  []string
	follow  bool
	chain   bool // parse and enrich in one worker (pipeline.Chain)
	workers workerOptions
	stderr  io.Writer
	stdin   io.Reader // for "-"; nil: os.Stdin
	// progress is the resolved --progress mode; "" reports nothing.
	progress string
	// soleConsumer says no other process can reach the broker (the
	// embedded server, not listening): the durable consumers are recreated
	// at start, so what a killed process held is delivered again at once
	// instead of after AckWait.
	soleConsumer bool
	live         *ingest.Live
	// checkpoints, when set, resumes csv and JSON-lines sources from what
	// the warehouse already committed, and records how far this load got.
	checkpoints *ingest.Checkpoints
	// warehouse is the identity of the warehouse loaded, carried by every
	// cable ingested (ingest.Route.Warehouse); empty for none.
	warehouse string
}

// execute runs ingest and every stage in this process on conn. In bulk
// mode it returns once everything ingested is committed or dead-lettered;
// with follow, when ctx is cancelled. Cancelling ctx drains.
func execute(ctx context.Context, conn *pipeline.Conn, o runOptions) (summary, error) {
	start := time.Now()
	// A full disk under the embedded store stops JetStream: end the load
	// with that reason rather than wait for it forever.
	ctx, stopWatch := conn.WatchStore(ctx)
	defer stopWatch()
	wctx, stopWorkers := context.WithCancel(context.WithoutCancel(ctx))
	defer stopWorkers()
	// Chained, parse and enrich run in one worker and the parsed stream
	// stays empty; an enrich worker still drains what an unchained run
	// left there.
	names := []string{stages.Parse, stages.Enrich, stages.Sink}
	if o.chain {
		names[0] = stages.ParseEnrich
	}
	if o.soleConsumer {
		// No other process can hold messages: what a killed run had
		// fetched is delivered again at once, not after AckWait.
		if err := o.workers.declaration().ResetConsumers(ctx, conn); err != nil {
			return summary{}, err
		}
	}
	cps := o.checkpoints
	if cps != nil {
		o.workers.onFinished = func(m *pipeline.Message) { cps.Finished(m.Header.Get(ingest.HeaderRecord)) }
		stopSaving := saveCheckpoints(cps, o.stderr)
		defer stopSaving()
	}
	ws, err := startWorkers(wctx, conn, names, o.workers)
	if err != nil {
		return summary{}, err
	}
	// A signal drains: workers stop fetching, finish and commit what they
	// have, and ack it.
	stopOnSignal := context.AfterFunc(ctx, stopWorkers)
	defer stopOnSignal()

	if o.workers.logger.Enabled(ctx, slog.LevelInfo) {
		go reportProgress(wctx, o.workers.logger, ws)
	}

	live := o.live
	if live == nil {
		live = &ingest.Live{}
	}
	stopProgress := func() {}
	if o.progress != "" && len(o.inputs) > 0 {
		stopProgress = startProgress(o.progress, o.stderr, live, func() (int64, int64) {
			var committed, dead int64
			if ws.sink != nil {
				committed = ws.sink.Stats.Cables.Load() + ws.sink.Stats.Duplicates.Load()
			}
			for _, st := range ws.Stats() {
				dead += st.DeadLettered.Load()
			}
			return committed + live.Duplicates(), dead + live.DeadLettered.Load()
		})
	}
	defer stopProgress()

	var ist ingest.Stats
	var runErr error
	if len(o.inputs) > 0 {
		ist, runErr = ingestInto(ctx, conn, stages.Route(o.workers.topo, o.warehouse), o.inputs, ingest.Options{
			Live: live, Stdin: o.stdin, Checkpoints: cps,
		})
	}
	if err := context.Cause(ctx); errors.Is(err, pipeline.ErrStoreFull) {
		stopWorkers()
		return summary{}, errors.Join(err, ws.wait())
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
		if err := ws.WaitCommitted(ctx); err != nil && ctx.Err() == nil {
			stopWorkers()
			return summary{}, errors.Join(err, ws.wait())
		}
		if ctx.Err() == nil && runErr == nil {
			// Everything published is committed or dead-lettered: a source
			// read to its end is complete.
			if err := cps.Save(true); err != nil {
				fmt.Fprintf(o.stderr, "cablewire: checkpoint: %v\n", err)
			}
		}
	}
	if err := context.Cause(ctx); errors.Is(err, pipeline.ErrStoreFull) {
		stopWorkers()
		return summary{}, errors.Join(err, ws.wait())
	}
	interrupted = ctx.Err() != nil
	stopProgress()
	stopWorkers()
	if err := ws.wait(); err != nil {
		return summary{}, err
	}
	return summary{started: start, ingest: ist, stages: ws.Stats(), sink: ws.sink, elapsed: time.Since(start), interrupted: interrupted, follow: o.follow}, nil
}

// saveCheckpoints writes the checkpoints that moved every second until
// stopped, and once more then (the workers have drained by then: what they
// committed is in).
func saveCheckpoints(cps *ingest.Checkpoints, stderr io.Writer) func() {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
			}
			if err := cps.Save(false); err != nil {
				fmt.Fprintf(stderr, "cablewire: checkpoint: %v\n", err)
			}
		}
	})
	return func() {
		close(done)
		wg.Wait()
		if err := cps.Save(false); err != nil {
			fmt.Fprintf(stderr, "cablewire: checkpoint: %v\n", err)
		}
	}
}

// chainFlag registers --chain, on by default: in one process, a stream
// between parse and enrich only costs (a store, a delivery, an ack and a
// delete for every cable, and the encoding both ways).
func chainFlag(fs *flag.FlagSet) *bool {
	return fs.Bool("chain", true, "run parse and enrich in one worker, without the parsed stream between them")
}

// reportProgress logs each stage's backlog every few seconds (info level),
// so an operator sees where work is waiting.
func reportProgress(ctx context.Context, log *slog.Logger, ws *workers) {
	t := time.NewTicker(progressEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		attrs := []any{}
		for _, b := range ws.Backlogs(ctx) {
			attrs = append(attrs, b.Stage, fmt.Sprintf("stored=%d pending=%d unacked=%d", b.Stored, b.Pending, b.AckPending))
		}
		if ws.sink != nil {
			attrs = append(attrs, "committed", ws.sink.Stats.Cables.Load())
		}
		log.Info("progress", attrs...)
	}
}

var progressEvery = 1 * time.Second
