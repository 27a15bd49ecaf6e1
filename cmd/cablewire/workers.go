package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/cablewire/cablewire/pipeline"
	"github.com/cablewire/cablewire/schemas"
	"github.com/cablewire/cablewire/stages/enrich"
	"github.com/cablewire/cablewire/stages/ingest"
	"github.com/cablewire/cablewire/stages/parse"
	"github.com/cablewire/cablewire/stages/sink"
)

// workerOptions configures the stages a process runs.
type workerOptions struct {
	topo    schemas.Topology
	workers int
	sink    sink.Config
	logger  *slog.Logger
	onAck   map[string]func(*pipeline.Message) // by stage, for measurement
	// onFinished is told of every message a stage finished for good: acked
	// by the sink (committed, or already in the warehouse) or dead-lettered
	// by any stage (resume checkpoints).
	onFinished func(*pipeline.Message)
	metrics    *pipeline.Metrics // where the stages are exported, or nil
}

// workers is a set of running stage runners. Cancel the context given to
// startWorkers, then call wait: the runners drain and the sink closes.
type workers struct {
	runners map[string]*pipeline.Runner
	sink    *sink.Sink
	wg      sync.WaitGroup
	mu      sync.Mutex
	errs    []error
}

// startWorkers ensures the consumers of the named stages and runs them
// until ctx is cancelled.
func startWorkers(ctx context.Context, conn *pipeline.Conn, names []string, o workerOptions) (*workers, error) {
	w := &workers{runners: map[string]*pipeline.Runner{}}
	for _, name := range names {
		var st stage
		var sc *sink.Config
		// Each fetch is a round trip to the server, and under load one took
		// milliseconds: batches of 2 per worker held parse to ~700 cables/s
		// with its workers idle nine tenths of the time.
		prefetch := max(64, 2*o.workers)
		switch name {
		case "parse":
			st = stageParse
		case stageChain.name:
			st = stageChain
		case "enrich":
			st = stageEnrich
		case "sink":
			st, sc = stageSink, &o.sink
			prefetch = 256
		default:
			return nil, fmt.Errorf("%w: unknown stage %q (parse, enrich, parse+enrich or sink)", errUsage, name)
		}
		// In a cluster just formed, or with another process making the
		// same consumer, this may fail for a while: wait.
		var cons jetstream.Consumer
		err := pipeline.Retry(ctx, o.log(), "consumer "+st.durable, func(ctx context.Context) error {
			var err error
			cons, err = pipeline.EnsureConsumer(ctx, conn.JS, consumerSpec(o.topo, st, prefetch, sc))
			return err
		})
		if err != nil {
			return nil, err
		}
		cfg := pipeline.RunnerConfig{
			Name: st.name, Output: st.output(o.topo), DeadLetterSubject: o.topo.DeadLetterSubject,
			MaxDeliver: schemas.MaxDeliver, Backoff: schemas.Backoff,
			Workers: o.workers, Prefetch: prefetch, Logger: o.logger,
			InProgressEvery: sinkTouchEvery,
			Propagate:       []string{schemas.HeaderIngested, schemas.HeaderWarehouse, ingest.HeaderRecord},
			OnAck:           o.onAck[name],
			OnDeadLetter:    o.onFinished,
		}
		if name == "sink" && o.onFinished != nil {
			measure := cfg.OnAck
			cfg.OnAck = func(m *pipeline.Message) {
				o.onFinished(m)
				if measure != nil {
					measure(m)
				}
			}
		}
		r := pipeline.NewRunner(conn.JS, cons, cfg)
		w.runners[name] = r
		if o.metrics != nil {
			o.metrics.AddStage(r.Stats(), cons)
		}
		switch name {
		case "parse":
			w.goRun(func() error { return r.Run(ctx, parse.Stage()) })
		case stageChain.name:
			h := pipeline.Chain(pipeline.Link{Stage: "parse", Handler: parse.Stage()}, pipeline.Link{Stage: "enrich", Handler: enrich.Stage()})
			w.goRun(func() error { return r.Run(ctx, h) })
		case "enrich":
			w.goRun(func() error { return r.Run(ctx, enrich.Stage()) })
		case "sink":
			if err := checkSinkConsumer(ctx, cons, o.sink, sinkTouchEvery); err != nil {
				return nil, err
			}
			epoch, err := streamEpoch(ctx, conn.JS, st.stream(o.topo))
			if err != nil {
				return nil, err
			}
			sc := o.sink
			sc.StreamEpoch = epoch
			closeCatalog, err := openSinkCatalog(ctx, &sc, o.log())
			if err != nil {
				return nil, err
			}
			s, err := sink.Open(sc)
			if err != nil {
				closeCatalog()
				return nil, err
			}
			w.sink = s
			if o.metrics != nil {
				if err := o.metrics.Register(s.Collectors()...); err != nil {
					s.Close()
					closeCatalog()
					return nil, err
				}
			}
			w.goRun(func() error {
				err := r.RunCommitter(ctx, s)
				return errors.Join(err, s.Close(), closeCatalog())
			})
		}
	}
	return w, nil
}

func (o workerOptions) log() *slog.Logger {
	if o.logger == nil {
		return slog.Default()
	}
	return o.logger
}

func (w *workers) goRun(f func() error) {
	w.wg.Go(func() {
		if err := f(); err != nil {
			w.mu.Lock()
			w.errs = append(w.errs, err)
			w.mu.Unlock()
		}
	})
}

// wait waits for every runner to return (after its context is cancelled).
func (w *workers) wait() error {
	w.wg.Wait()
	return errors.Join(w.errs...)
}

func (w *workers) stats() []*pipeline.StageStats {
	var out []*pipeline.StageStats
	for _, n := range []string{"parse", stageChain.name, "enrich", "sink"} {
		if r := w.runners[n]; r != nil {
			out = append(out, r.Stats())
		}
	}
	return out
}
