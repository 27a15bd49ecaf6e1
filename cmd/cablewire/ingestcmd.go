package main

import (
	"context"
	"fmt"
	"io"
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
	var c common
	fs := newFlagSet("ingest", stderr, "[--nats URL] PATH...")
	c.register(fs)
	paths, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return fmt.Errorf("%w: no PATH", errUsage)
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
