package main

import (
	"context"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/cablewire/cablewire/pipeline"
	"github.com/cablewire/cablewire/pipeline/pipelinetest"
	"github.com/cablewire/cablewire/schemas"
	"github.com/cablewire/cablewire/stages/sink"
)

// What a dead process fetched and never acked comes back at once after
// resetConsumers, not after the sink consumer's AckWait.
func TestResetConsumersRedeliversHeldAtOnce(t *testing.T) {
	_, url := pipelinetest.StartJetStream(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	connect := func() (*nats.Conn, jetstream.JetStream) {
		nc, err := nats.Connect(url)
		if err != nil {
			t.Fatal(err)
		}
		js, _ := jetstream.New(nc)
		return nc, js
	}
	nc, js := connect()
	topo, err := schemas.NewTopology(schemas.DefaultPipeline)
	if err != nil {
		t.Fatal(err)
	}
	if err := ensureStreams(ctx, js, topo, 1); err != nil {
		t.Fatal(err)
	}
	sc := sink.Config{}
	spec := consumerSpec(topo, stageSink, 256, &sc)
	if spec.AckWait < 30*time.Second {
		t.Fatalf("sink AckWait %v: the test needs one far longer than its fetches", spec.AckWait)
	}
	cons, err := pipeline.EnsureConsumer(ctx, js, spec)
	if err != nil {
		t.Fatal(err)
	}
	const n = 50
	for i := range n {
		if _, err := js.Publish(ctx, topo.Subject(schemas.KindEnriched), []byte{byte(i)}); err != nil {
			t.Fatal(err)
		}
	}
	// The "dead process": fetches everything, acks nothing, goes away.
	batch, err := cons.Fetch(n, jetstream.FetchMaxWait(5*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	held := 0
	for range batch.Messages() {
		held++
	}
	if held != n {
		t.Fatalf("fetched %d, want %d", held, n)
	}
	nc.Close()

	fetchAll := func(js jetstream.JetStream) int {
		cons, err := pipeline.EnsureConsumer(ctx, js, spec)
		if err != nil {
			t.Fatal(err)
		}
		b, err := cons.Fetch(n, jetstream.FetchMaxWait(2*time.Second))
		if err != nil {
			t.Fatal(err)
		}
		got := 0
		for m := range b.Messages() {
			m.Ack()
			got++
		}
		return got
	}
	// Without a reset, the held messages wait for AckWait.
	nc2, js2 := connect()
	defer nc2.Close()
	if got := fetchAll(js2); got != 0 {
		t.Fatalf("without a reset %d of the held messages came back within 2s; the test shows nothing", got)
	}
	// With one, they come back at once.
	if err := resetConsumers(ctx, js2, topo); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if got := fetchAll(js2); got != n {
		t.Fatalf("after the reset %d of %d held messages came back", got, n)
	}
	t.Logf("held messages back %v after the reset (AckWait %v)", time.Since(start).Round(time.Millisecond), spec.AckWait)
}
