package main

import (
	"context"
	"testing"

	"github.com/cablewire/cablewire/pipeline"
	"github.com/cablewire/cablewire/schemas"
	"github.com/cablewire/cablewire/stages/enrich"
	"github.com/cablewire/cablewire/stages/ingest"
	"github.com/cablewire/cablewire/stages/parse"
)

// Chained, parse hands enrich the cable itself: nothing is encoded or
// decoded between them, and the chain's output is encoded once, by the
// runtime, when it is published.
func TestChainPassesTheCableInMemory(t *testing.T) {
	dir := t.TempDir()
	generate(t, dir, 3, 95)
	chain := pipeline.Chain(pipeline.Link{Stage: "parse", Handler: parse.Stage()}, pipeline.Link{Stage: "enrich", Handler: enrich.Stage()})
	n := 0
	err := ingest.Read(context.Background(), []string{dir}, func(doc schemas.Document, bad error) error {
		if bad != nil {
			return bad
		}
		outs, err := chain.Handle(context.Background(), (ingest.Route{}).Message(doc))
		if err != nil {
			return err
		}
		if len(outs) != 1 {
			t.Fatalf("%d outputs", len(outs))
		}
		o := outs[0]
		c, ok := o.Value.(*schemas.Cable)
		if !ok || o.Data != nil {
			t.Fatalf("chain output: value %T, %d bytes encoded; want the cable, not encoded", o.Value, len(o.Data))
		}
		if c.RefID == "" || len(c.Entities) == 0 {
			t.Errorf("chained cable %q has %d entities", c.RefID, len(c.Entities))
		}
		o.Encode() // as the runtime does when it publishes
		got, err := schemas.DecodeCable(o.Data, o.Header.Get(schemas.HeaderContentType))
		if err != nil || got.RefID != c.RefID || len(got.Entities) != len(c.Entities) {
			t.Errorf("encoded once at the boundary: %v, %q with %d entities", err, got.RefID, len(got.Entities))
		}
		n++
		return nil
	})
	if err != nil || n != 3 {
		t.Fatalf("%d cables: %v", n, err)
	}
}
