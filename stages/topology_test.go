package stages_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cablewire/cablewire/pipeline"
	"github.com/cablewire/cablewire/pipeline/pipelinetest"
	"github.com/cablewire/cablewire/schemas"
	"github.com/cablewire/cablewire/stages"
)

// counted is a cable whose encodings are counted.
type counted struct {
	*schemas.Cable
	n *atomic.Int64
}

func (c counted) AppendBinary(dst []byte) []byte { c.n.Add(1); return c.Cable.AppendBinary(dst) }

// Chained, parse hands enrich the cable as a value (never encoded), and
// the runtime encodes each enriched cable once, when it leaves for the
// broker: one encoding per cable between ingest and the sink.
func TestChainedCableIsEncodedOnce(t *testing.T) {
	_, url := pipelinetest.StartJetStream(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	conn, err := pipeline.Connect(ctx, pipeline.ConnConfig{URL: url, Name: "test"})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	topo := schemas.Topology{Pipeline: "t"}
	decl := stages.Topology(topo, stages.Options{})
	if err := decl.EnsureStreams(ctx, conn); err != nil {
		t.Fatal(err)
	}
	parse, _ := decl.Stage(stages.Parse)
	enrich, _ := decl.Stage(stages.Enrich)
	var encoded, decodedBetween atomic.Int64
	enrichIn := pipeline.HandlerFunc(func(ctx context.Context, m *pipeline.Message) ([]*pipeline.Message, error) {
		if m.Data != nil || m.Value == nil {
			decodedBetween.Add(1)
		}
		outs, err := enrich.Handler.Handle(ctx, m)
		for _, o := range outs {
			o.Value = counted{o.Value.(*schemas.Cable), &encoded}
		}
		return outs, err
	})
	chain := pipeline.Chain(pipeline.Link{Stage: stages.Parse, Handler: parse.Handler}, pipeline.Link{Stage: stages.Enrich, Handler: enrichIn})

	const n = 20
	pub := pipeline.NewPublisher(conn.JS, 64)
	for i := range n {
		rec := schemas.SourceRecord{ID: int64(i + 1), Date: "05/04/2009 10:00", RefID: fmt.Sprintf("09PARIS%d", 100+i), Origin: "Embassy Paris",
			Classification: "CONFIDENTIAL", Body: "SUBJECT: FRANCE AND NATO\n\n1. (C) Ambassador Charles Rivkin met Prime Minister Francois Fillon in Paris.\n"}
		doc := schemas.Document{RefID: rec.RefID, Format: schemas.FormatRecord, Source: "t.csv", Hash: fmt.Sprint(i), Body: rec.AppendBinary(nil)}
		if err := pub.Publish(ctx, &pipeline.Message{ID: doc.RefID, Subject: topo.Subject(schemas.KindRaw), Header: doc.Headers(), Data: doc.Body}); err != nil {
			t.Fatal(err)
		}
	}
	if err := pub.Wait(); err != nil {
		t.Fatal(err)
	}
	cons, err := pipeline.EnsureConsumer(ctx, conn.JS, parse.Consumer)
	if err != nil {
		t.Fatal(err)
	}
	r := pipeline.NewRunner(conn.JS, cons, pipeline.RunnerConfig{Name: stages.ParseEnrich, Output: enrich.Output, DeadLetterSubject: decl.DeadLetterSubject})
	rctx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- r.Run(rctx, chain) }()
	pipelinetest.Eventually(t, 30*time.Second, "every cable enriched", func() bool { return r.Stats().Acked.Load() == n })
	stop()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if got := decodedBetween.Load(); got != 0 {
		t.Errorf("%d cables reached enrich encoded, want none (handed over as values)", got)
	}
	if got := encoded.Load(); got != n {
		t.Errorf("%d encodings for %d cables, want one each", got, n)
	}
	s, err := conn.JS.Stream(ctx, topo.Stream(schemas.KindEnriched))
	if err != nil {
		t.Fatal(err)
	}
	m, err := s.GetMsg(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	c, err := schemas.DecodeCable(m.Data, m.Header.Get(schemas.HeaderContentType))
	if err != nil || c.RefID == "" || len(c.Entities) == 0 {
		t.Fatalf("enriched message: %v, cable %q with %d entities", err, c.RefID, len(c.Entities))
	}
}
