package main

import (
	"cmp"
	"context"
	"fmt"
	"os"
	"path"
	"path/filepath"

	"github.com/cablewire/cablewire/pipeline"
	"github.com/cablewire/cablewire/schemas"
	"github.com/cablewire/cablewire/stages"
	"github.com/cablewire/cablewire/stages/sink"
)

// connect opens the broker the flags name and ensures t's streams. An
// external broker that is down, a cluster without a leader and streams
// being made by another process are waited for (pipeline.Retry), so the
// processes of a deployment start in any order; the embedded server's
// errors are final.
func (c *common) connect(ctx context.Context, name string, t schemas.Topology) (*pipeline.Conn, error) {
	decl := stages.Topology(t, stages.Options{Replicas: c.replicas})
	return c.connectWith(ctx, name, func(ctx context.Context, cn *pipeline.Conn) error {
		return decl.EnsureStreams(ctx, cn)
	})
}

// connectBound is connect for the workers of the named stages: on an
// external broker they create no stream, they bind those they use and wait
// while one does not exist yet (ingest, serve or run creates them,
// pipeline.Topology.BindStreams), so their users need no stream-create
// permission. On the embedded server no other process could make the
// streams: they are ensured as connect does.
func (c *common) connectBound(ctx context.Context, name string, t schemas.Topology, names []string) (*pipeline.Conn, error) {
	if c.url() == "" {
		return c.connect(ctx, name, t)
	}
	decl := stages.Topology(t, stages.Options{Replicas: c.replicas})
	if _, err := decl.Resolve(names); err != nil {
		return nil, fmt.Errorf("%w: %v", errUsage, err)
	}
	return c.connectWith(ctx, name, func(ctx context.Context, cn *pipeline.Conn) error {
		return decl.BindStreams(ctx, cn, names)
	})
}

func (c *common) connectWith(ctx context.Context, name string, streams func(context.Context, *pipeline.Conn) error) (*pipeline.Conn, error) {
	var conn *pipeline.Conn
	attempt := func(ctx context.Context) error {
		cn, err := c.dial(ctx, name)
		if err != nil {
			return err
		}
		if err := streams(ctx, cn); err != nil {
			cn.Close()
			return err
		}
		conn = cn
		return nil
	}
	if c.url() == "" {
		return conn, attempt(ctx)
	}
	return conn, pipeline.Retry(ctx, c.log(), "nats "+name, attempt)
}

// url is the broker's URL: --nats, else $CABLEWIRE_NATS (read here, not
// as the flag's default, which -h would print with any password in it).
func (c *common) url() string { return cmp.Or(c.natsURL, os.Getenv("CABLEWIRE_NATS")) }

// dial opens the broker the flags name.
func (c *common) dial(ctx context.Context, name string) (*pipeline.Conn, error) {
	c.applyMemoryLimit()
	auth, err := c.auth.auth()
	if err != nil {
		return nil, pipeline.Permanent(err) // a missing secret file: waiting will not help
	}
	embedded := pipeline.EmbeddedConfig{StoreDir: filepath.Clean(c.data), Listen: c.listen}
	if err := c.auth.embedded(&embedded); err != nil {
		return nil, err
	}
	conn, err := pipeline.Connect(ctx, pipeline.ConnConfig{
		URL: c.url(), Auth: auth, Name: "cablewire-" + name, Embedded: embedded,
	})
	if err != nil {
		return nil, err
	}
	return conn, nil
}

// topology is the pipeline --pipeline names, or else the one named
// fallback.
func (c *common) topology(fallback string) (schemas.Topology, error) {
	name := c.pipeline
	if name == "" {
		name = fallback
	}
	t, err := schemas.NewTopology(name)
	if err != nil {
		return t, fmt.Errorf("%w: --pipeline: %v", errUsage, err)
	}
	return t, nil
}

// warehouseTopology is the pipeline of a command that owns the whole
// pipeline of one warehouse (run): --pipeline, or else a name derived
// from the warehouse's identity, made now if the warehouse is new. Two
// such commands on one broker with different warehouses never share a
// stream, a consumer or a duplicate window.
func (c *common) warehouseTopology(warehouse string) (schemas.Topology, sink.Identity, error) {
	if loc, ok, err := c.s3.location(warehouse); ok {
		if err != nil {
			return schemas.Topology{}, sink.Identity{}, err
		}
		id, err := sink.S3Identity(loc)
		if err != nil {
			return schemas.Topology{}, id, err
		}
		t, err := c.topology(schemas.PipelineFor(path.Base("/"+loc.Bucket+"/"+loc.Prefix), id.ID))
		return t, id, err
	}
	id, err := sink.WarehouseIdentity(warehouse)
	if err != nil {
		return schemas.Topology{}, id, err
	}
	abs, err := filepath.Abs(warehouse)
	if err != nil {
		abs = warehouse
	}
	t, err := c.topology(schemas.PipelineFor(filepath.Base(abs), id.ID))
	return t, id, err
}
