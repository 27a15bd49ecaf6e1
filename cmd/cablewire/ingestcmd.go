package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/cablewire/cablewire/pipeline"
	"github.com/cablewire/cablewire/schemas"
	"github.com/cablewire/cablewire/stages"
	"github.com/cablewire/cablewire/stages/ingest"
)

func init() {
	register("ingest", "publish cables from files to the raw stream (--nats URL PATH...)", runIngest)
}

func runIngest(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var (
		c                  common
		watchDir, stateArg string
		settle             time.Duration
	)
	fs := newFlagSet("ingest", stderr, "[--nats URL] PATH... | --watch DIR")
	c.register(fs)
	fs.StringVar(&watchDir, "watch", "", "ingest the files of this directory tree as they appear or change, each once, until SIGINT/SIGTERM")
	fs.StringVar(&stateArg, "watch-state", "", "with --watch: the file remembering what was ingested (default DIR/.cablewire-watch.json)")
	fs.DurationVar(&settle, "watch-settle", ingest.DefaultSettle, "with --watch: read a file once it has been unchanged this long")
	paths, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if (len(paths) == 0) == (watchDir == "") {
		return fmt.Errorf("%w: give PATHs or --watch DIR", errUsage)
	}
	topo, err := c.topology(schemas.DefaultPipeline)
	if err != nil {
		return err
	}
	c.logger(stderr)
	start := time.Now()
	conn, err := c.connect(ctx, "ingest", topo)
	if err != nil {
		return err
	}
	defer conn.Close()
	if watchDir != "" {
		return watchIngest(ctx, conn, topo, ingest.WatchConfig{Dir: watchDir, State: stateArg, Settle: settle, Log: c.log()}, stdout)
	}
	// The broker's max payload, read from the server: a record over it is
	// dead-lettered by name instead of failing the publisher.
	st, err := ingest.RunWith(ctx, pipeline.NewPublisher(conn.JS, 1024), pipeline.NewPublisher(conn.JS, 64), stages.Route(topo, ""), paths,
		ingest.Options{MaxPayload: conn.NC.MaxPayload()})
	fmt.Fprintf(stdout, "read %d, published %d, duplicates %d, dead-lettered %d in %s\n",
		st.Read, st.Published, st.Duplicates, st.DeadLettered, time.Since(start).Round(time.Millisecond))
	if ctx.Err() != nil {
		return nil // interrupted: what was acked by the broker stays published
	}
	return err
}

// watchIngest runs ingest.Watch, publishing each batch of settled files as
// `ingest PATH...` would and printing its counts.
func watchIngest(ctx context.Context, conn *pipeline.Conn, topo schemas.Topology, cfg ingest.WatchConfig, stdout io.Writer) error {
	fmt.Fprintf(stdout, "watching %s; SIGINT/SIGTERM stops\n", cfg.Dir)
	cfg.Ingest = func(ctx context.Context, paths []string) error {
		start := time.Now()
		st, err := ingestInto(ctx, conn, stages.Route(topo, ""), paths, ingest.Options{})
		if err != nil {
			return err
		}
		printIngest(stdout, strings.Join(paths, " ")+": ", st, start)
		return nil
	}
	return ingest.Watch(ctx, cfg)
}

// ingestInto publishes paths into route on conn: a window of 1,024
// documents in flight, 64 dead letters, and the broker's max payload read
// from the server, so a record over it is dead-lettered by name instead of
// failing the publisher.
func ingestInto(ctx context.Context, conn *pipeline.Conn, route ingest.Route, paths []string, o ingest.Options) (ingest.Stats, error) {
	o.MaxPayload = conn.NC.MaxPayload()
	return ingest.RunWith(ctx, pipeline.NewPublisher(conn.JS, 1024), pipeline.NewPublisher(conn.JS, 64), route, paths, o)
}

// printIngest prints what one ingest did.
func printIngest(w io.Writer, prefix string, st ingest.Stats, start time.Time) {
	fmt.Fprintf(w, "%sread %d, published %d, duplicates %d, dead-lettered %d in %s\n",
		prefix, st.Read, st.Published, st.Duplicates, st.DeadLettered, time.Since(start).Round(time.Millisecond))
}
