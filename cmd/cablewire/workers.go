package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"

	"github.com/cablewire/cablewire/pipeline"
	"github.com/cablewire/cablewire/schemas"
	"github.com/cablewire/cablewire/stages"
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

// declaration is the topology the options run.
func (o workerOptions) declaration() pipeline.Topology {
	return stages.Topology(o.topo, stages.Options{Workers: o.workers, Sink: o.sink})
}

// workers is the stages a process runs (pipeline.Running), and its sink
// when it runs one.
type workers struct {
	*pipeline.Running
	sink *sink.Sink
	// closeCatalog stops the sink's Iceberg tables, after the sink has
	// closed (a last sync).
	closeCatalog func() error
}

// startWorkers runs the named stages of o's topology until ctx is
// cancelled; then wait drains them.
func startWorkers(ctx context.Context, conn *pipeline.Conn, names []string, o workerOptions) (*workers, error) {
	closeCatalog := func() error { return nil }
	if slices.Contains(names, stages.Sink) {
		var err error
		if closeCatalog, err = openSinkCatalog(ctx, &o.sink, o.log()); err != nil {
			return nil, err
		}
	}
	run, err := pipeline.Start(ctx, conn, o.declaration(), names, pipeline.RunOptions{
		Workers: o.workers, Logger: o.logger, Metrics: o.metrics,
		OnAck: func(stage string, m *pipeline.Message) {
			if stage == stages.Sink && o.onFinished != nil {
				o.onFinished(m)
			}
			if f := o.onAck[stage]; f != nil {
				f(m)
			}
		},
		OnDeadLetter: func(_ string, m *pipeline.Message) {
			if o.onFinished != nil {
				o.onFinished(m)
			}
		},
	})
	if err != nil {
		closeCatalog()
		if errors.Is(err, pipeline.ErrUnknownStage) {
			return nil, fmt.Errorf("%w: %v", errUsage, err)
		}
		return nil, err
	}
	w := &workers{Running: run, closeCatalog: closeCatalog}
	if c, ok := run.Committer(stages.Sink); ok {
		w.sink = c.(*sink.Sink)
	}
	return w, nil
}

// wait waits for the stages to drain (the sink closes), then stops the
// Iceberg tables.
func (w *workers) wait() error { return errors.Join(w.Wait(), w.closeCatalog()) }

func (o workerOptions) log() *slog.Logger {
	if o.logger == nil {
		return slog.Default()
	}
	return o.logger
}
