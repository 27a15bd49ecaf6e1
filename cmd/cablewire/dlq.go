package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"github.com/cablewire/cablewire/pipeline"
	"github.com/cablewire/cablewire/schemas"
	"github.com/cablewire/cablewire/stages/sink"
)

func init() {
	register("dlq", "list dead letters; show, replay or purge them (dlq [--stage S] [--show SEQ | --replay | --purge])", runDLQ)
}

// runDLQ lists the pipeline's dead letters: where each message failed,
// why, and what it was. --show prints one whole; --replay sends each
// listed one back to the subject it failed on and removes it; --purge
// removes them (pipeline.DeadLetters does each).
func runDLQ(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var (
		c             common
		stage         string
		show          uint64
		replay, purge bool
		warehouse     string
	)
	fs := newFlagSet("dlq", stderr, "[--nats URL | --data DIR] [--pipeline P | --warehouse W] [--stage parse|enrich|sink|ingest] [--show SEQ | --replay | --purge]")
	c.register(fs)
	fs.StringVar(&stage, "stage", "", "only the dead letters of this stage")
	fs.Uint64Var(&show, "show", 0, "print the dead letter with this sequence: headers and payload")
	fs.BoolVar(&replay, "replay", false, "publish the dead letters back to where they failed, and remove them")
	fs.BoolVar(&purge, "purge", false, "remove the dead letters (of --stage, or all)")
	fs.StringVar(&warehouse, "warehouse", "", "the pipeline of this warehouse's run (instead of --pipeline)")
	if _, err := parseInterspersed(fs, args); err != nil {
		return err
	}
	if replay && purge || show > 0 && (replay || purge) {
		return fmt.Errorf("%w: --show, --replay and --purge exclude each other", errUsage)
	}
	conn, err := c.dial(ctx, "dlq")
	if err != nil {
		return err
	}
	defer conn.Close()
	topo, err := c.deadLetterTopology(ctx, conn, warehouse)
	if err != nil {
		return err
	}
	dls, err := pipeline.OpenDeadLetters(ctx, conn.JS, topo.Stream(schemas.KindDLQ))
	if err != nil {
		return err
	}
	switch {
	case show > 0:
		dl, err := dls.Get(ctx, show)
		if err != nil {
			return fmt.Errorf("dead letter %d: %w", show, err)
		}
		return writeDeadLetter(stdout, dl)
	case purge:
		n, err := dls.Purge(ctx, stage)
		fmt.Fprintf(stdout, "purged %d\n", n)
		return err
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SEQ\tSTAGE\tDELIVERIES\tSOURCE\tERROR")
	replayed := 0
	for dl, err := range dls.List(ctx, stage) {
		if err != nil {
			return err
		}
		src := dl.Header.Get(schemas.HeaderSource)
		fmt.Fprintf(tw, "%d\t%s\t%d\t%s\t%s\n", dl.Seq, dl.Stage, dl.Deliveries, src, strings.ReplaceAll(dl.Error, "\n", " "))
		if !replay {
			continue
		}
		switch err := dls.Replay(ctx, dl); {
		case errors.Is(err, pipeline.ErrNothingToReplay):
			// Ingest's own dead letters (unreadable, too large) have no
			// message to replay: load the file again instead.
			fmt.Fprintf(stderr, "dlq: %d: nothing to replay (read %s again)\n", dl.Seq, src)
		case err != nil:
			return err
		default:
			replayed++
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if replay {
		fmt.Fprintf(stdout, "replayed %d\n", replayed)
	}
	return nil
}

// writeDeadLetter prints one dead letter whole: where and why it failed,
// its headers, and its payload (text as it is; binary as its size).
func writeDeadLetter(w io.Writer, dl pipeline.DeadLetter) error {
	fmt.Fprintf(w, "seq:        %d\ntime:       %s\nstage:      %s\nerror:      %s\ndeliveries: %d\nsubject:    %s\n",
		dl.Seq, dl.Time.UTC().Format(time.RFC3339), dl.Stage, dl.Error, dl.Deliveries, dl.Subject)
	keys := slices.Sorted(maps.Keys(dl.Header))
	for _, k := range keys {
		fmt.Fprintf(w, "header:     %s: %s\n", k, strings.Join(dl.Header[k], ", "))
	}
	var rec schemas.SourceRecord
	if dl.Header.Get(schemas.HeaderFormat) == schemas.FormatRecord && rec.UnmarshalBinary(dl.Data) == nil {
		// A csv row in its binary form: shown as the JSON record it is.
		j, _ := json.MarshalIndent(rec, "", "  ")
		_, err := fmt.Fprintf(w, "payload:    %d bytes (csv row)\n\n%s\n", len(dl.Data), j)
		return err
	}
	if utf8.Valid(dl.Data) && dl.Header.Get(schemas.HeaderContentType) != schemas.ContentType {
		_, err := fmt.Fprintf(w, "payload:    %d bytes\n\n%s\n", len(dl.Data), dl.Data)
		return err
	}
	_, err := fmt.Fprintf(w, "payload:    %d bytes (binary)\n", len(dl.Data))
	return err
}

// deadLetterTopology is the pipeline whose dead letters dlq shows:
// --pipeline, else the pipeline of --warehouse, else the only pipeline on
// the broker that has a dead-letter stream.
func (c *common) deadLetterTopology(ctx context.Context, conn *pipeline.Conn, warehouse string) (schemas.Topology, error) {
	if c.pipeline != "" {
		return c.topology("")
	}
	if warehouse != "" {
		if _, s3, _ := sink.ParseS3URL(warehouse); !s3 {
			if _, err := os.Stat(warehouse); err != nil {
				return schemas.Topology{}, fmt.Errorf("--warehouse: %w", err)
			}
		}
		t, _, err := c.warehouseTopology(warehouse)
		return t, err
	}
	names, err := conn.StreamNames(ctx)
	if err != nil {
		return schemas.Topology{}, err
	}
	var found []string
	for _, n := range names {
		if p, ok := schemas.PipelineOfStream(n, schemas.KindDLQ); ok {
			found = append(found, p)
		}
	}
	switch len(found) {
	case 1:
		return c.topology(found[0])
	case 0:
		return schemas.Topology{}, errors.New("no pipeline on this broker has dead letters")
	}
	return schemas.Topology{}, fmt.Errorf("%w: several pipelines on this broker (%s): name one with --pipeline or --warehouse", errUsage, strings.Join(found, ", "))
}
