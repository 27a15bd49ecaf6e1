package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/cablewire/cablewire/pipeline"
	"github.com/cablewire/cablewire/schemas"
)

func init() {
	register("dlq", "list dead letters, or replay them into the pipeline (dlq [--stage S] [--replay])", runDLQ)
}

// runDLQ lists the dead-letter stream: where each message failed, why, and
// what it was. With --replay it publishes each listed message back to the
// subject it failed on (with a new message id, so the broker does not drop
// it as a duplicate) and deletes it from the dead letters.
func runDLQ(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var (
		c         common
		stage     string
		replay    bool
		warehouse string
	)
	fs := newFlagSet("dlq", stderr, "[--nats URL | --data DIR] [--stage parse|enrich|sink|ingest] [--replay]")
	c.register(fs)
	fs.StringVar(&stage, "stage", "", "only the dead letters of this stage")
	fs.BoolVar(&replay, "replay", false, "publish the dead letters back to where they failed, and remove them")
	fs.StringVar(&warehouse, "warehouse", "", "the pipeline of this warehouse's run (instead of --pipeline)")
	if _, err := parseInterspersed(fs, args); err != nil {
		return err
	}
	conn, err := c.dial(ctx, "dlq")
	if err != nil {
		return err
	}
	defer conn.Close()
	topo, err := c.deadLetterTopology(ctx, conn.JS, warehouse)
	if err != nil {
		return err
	}
	s, err := conn.JS.Stream(ctx, topo.Stream(schemas.KindDLQ))
	if err != nil {
		return fmt.Errorf("pipeline %s: %w", topo.Pipeline, err)
	}
	info, err := s.Info(ctx)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SEQ\tSTAGE\tDELIVERIES\tSOURCE\tERROR")
	replayed := 0
	for seq := info.State.FirstSeq; seq <= info.State.LastSeq && seq > 0; seq++ {
		m, err := s.GetMsg(ctx, seq)
		if errors.Is(err, jetstream.ErrMsgNotFound) {
			continue // deleted (replayed) earlier
		}
		if err != nil {
			return err
		}
		st := m.Header.Get(pipeline.HeaderDLQStage)
		if stage != "" && st != stage {
			continue
		}
		src := m.Header.Get(schemas.HeaderSource)
		reason := strings.ReplaceAll(m.Header.Get(pipeline.HeaderDLQError), "\n", " ")
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", seq, st, m.Header.Get(pipeline.HeaderDLQDeliveries), src, reason)
		if !replay {
			continue
		}
		subject := m.Header.Get(pipeline.HeaderDLQSubject)
		if subject == "" {
			// Ingest's own dead letters (unreadable, too large) have no
			// message to replay: load the file again instead.
			fmt.Fprintf(stderr, "dlq: %d: nothing to replay (read %s again)\n", seq, src)
			continue
		}
		nm := nats.NewMsg(subject)
		for k, v := range m.Header {
			if !strings.HasPrefix(k, "Cablewire-Dlq-") && k != pipeline.HeaderMsgID {
				nm.Header[k] = v
			}
		}
		nm.Data = m.Data
		id := "replay:" + strconv.FormatUint(seq, 10) + ":" + m.Header.Get(pipeline.HeaderMsgID)
		if _, err := conn.JS.PublishMsg(ctx, nm, jetstream.WithMsgID(id)); err != nil {
			return fmt.Errorf("replay %d: %w", seq, err)
		}
		if err := s.DeleteMsg(ctx, seq); err != nil {
			return fmt.Errorf("replay %d: published, but not removed from the dead letters: %w", seq, err)
		}
		replayed++
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if replay {
		fmt.Fprintf(stdout, "replayed %d\n", replayed)
	}
	return nil
}

// deadLetterTopology is the pipeline whose dead letters dlq shows:
// --pipeline, else the pipeline of --warehouse, else the only pipeline on
// the broker that has a dead-letter stream.
func (c *common) deadLetterTopology(ctx context.Context, js jetstream.JetStream, warehouse string) (schemas.Topology, error) {
	if c.pipeline != "" {
		return c.topology("")
	}
	if warehouse != "" {
		if _, err := os.Stat(warehouse); err != nil {
			return schemas.Topology{}, fmt.Errorf("--warehouse: %w", err)
		}
		t, _, err := c.warehouseTopology(warehouse)
		return t, err
	}
	var found []string
	names := js.StreamNames(ctx)
	for n := range names.Name() {
		p, ok := strings.CutPrefix(n, "CABLEWIRE_")
		if p, ok2 := strings.CutSuffix(p, "_DLQ"); ok && ok2 {
			found = append(found, p)
		}
	}
	if err := names.Err(); err != nil {
		return schemas.Topology{}, err
	}
	switch len(found) {
	case 1:
		return c.topology(found[0])
	case 0:
		return schemas.Topology{}, errors.New("no pipeline on this broker has dead letters")
	}
	return schemas.Topology{}, fmt.Errorf("%w: several pipelines on this broker (%s): name one with --pipeline or --warehouse", errUsage, strings.Join(found, ", "))
}
