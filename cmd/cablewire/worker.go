package main

import (
	"context"
	"fmt"
	"io"

	"github.com/cablewire/cablewire/pipeline"
	"github.com/cablewire/cablewire/schemas"
	"github.com/cablewire/cablewire/stages/sink"
)

func init() {
	register("worker", "run stages as workers over JetStream (worker parse|enrich|sink --nats URL)", runWorker)
}

func runWorker(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var (
		c         common
		warehouse string
		metrics   string
		sc        sink.Config
	)
	fs := newFlagSet("worker", stderr, "parse|enrich|parse+enrich|sink [...] [--nats URL] [--warehouse DIR]")
	c.register(fs)
	fs.StringVar(&warehouse, "warehouse", "./warehouse", "sink: warehouse directory")
	fs.StringVar(&metrics, "metrics", "", "serve /metrics, /healthz and /readyz on this host:port (a bare :PORT is loopback; 0.0.0.0:PORT every interface)")
	sinkFlags(fs, &sc)
	names, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(names) == 0 {
		return fmt.Errorf("%w: name a stage: parse, enrich, parse+enrich or sink", errUsage)
	}
	if err := c.s3.configure(warehouse, c.data, &sc); err != nil {
		return err
	}
	if metrics != "" {
		if metrics, err = pipeline.LoopbackDefault(metrics); err != nil {
			return fmt.Errorf("%w: --metrics: %v", errUsage, err)
		}
	}
	log := c.logger(stderr)
	h := pipeline.NewHealth("connecting to nats")
	if metrics != "" {
		stop, err := h.Serve(metrics)
		if err != nil {
			return err
		}
		defer stop()
		fmt.Fprintf(stderr, "cablewire: metrics at http://%s/metrics\n", metrics)
	}
	topo, err := c.topology(schemas.DefaultPipeline)
	if err != nil {
		return err
	}
	conn, err := c.connectBound(ctx, "worker", topo, names)
	if err != nil {
		if ctx.Err() != nil {
			return nil // stopped while waiting for the broker
		}
		return err
	}
	defer conn.Close()
	h.Connected(conn)
	h.NotReady("binding consumers")
	ws, err := startWorkers(ctx, conn, names, workerOptions{topo: topo, workers: c.workers, sink: sc, logger: log, metrics: h.Metrics()})
	if err != nil {
		if ctx.Err() != nil {
			return nil
		}
		return err
	}
	h.Ready()
	fmt.Fprintf(stderr, "cablewire: worker %v running; SIGINT/SIGTERM drains\n", names)
	<-ctx.Done()
	return ws.wait()
}
