package main

import (
	"context"
	"path/filepath"

	"github.com/cablewire/cablewire/pipeline"
)

// connect opens the broker the flags name and ensures the streams.
func (c *common) connect(ctx context.Context, name string) (*pipeline.Conn, error) {
	conn, err := pipeline.Connect(ctx, pipeline.ConnConfig{
		URL:  c.natsURL,
		Name: "cablewire-" + name,
		Embedded: pipeline.EmbeddedConfig{
			StoreDir: filepath.Clean(c.data),
			Listen:   c.listen,
		},
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
