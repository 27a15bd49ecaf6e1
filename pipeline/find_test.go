package pipeline_test

import (
	"context"
	"testing"

	"github.com/nats-io/nats.go"

	"github.com/cablewire/cablewire/pipeline"
)

// FindNewest finds the newest message whose headers match in a work queue
// that a consumer is also reading, and nothing once that message is
// acked.
func TestFindNewestInAWorkQueue(t *testing.T) {
	js := startJS(t)
	ctx := context.Background()
	if err := pipeline.EnsureStream(ctx, js, pipeline.StreamSpec{Name: "W", Subjects: []string{"w"}, WorkQueue: true}); err != nil {
		t.Fatal(err)
	}
	cons, err := pipeline.EnsureConsumer(ctx, js, pipeline.ConsumerSpec{Stream: "W", Durable: "d", FilterSubject: "w"})
	if err != nil {
		t.Fatal(err)
	}
	for _, ref := range []string{"A", "B", "A", "C"} {
		m := nats.NewMsg("w")
		m.Header.Set("Ref", ref)
		if _, err := js.PublishMsg(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	is := func(ref string) func(pipeline.Header) bool {
		return func(h pipeline.Header) bool { return h.Get("Ref") == ref }
	}
	for _, tc := range []struct {
		ref   string
		found bool
		seq   uint64
	}{{"A", true, 3}, {"C", true, 4}, {"B", true, 2}, {"Z", false, 0}} {
		at, found, err := pipeline.FindNewest(ctx, js, "W", is(tc.ref))
		if err != nil || found != tc.found || at.Seq != tc.seq || (found && (at.Stream != "W" || at.Time.IsZero())) {
			t.Errorf("%s: %+v %v %v, want found %v at %d", tc.ref, at, found, err, tc.found, tc.seq)
		}
	}
	// Acked, B leaves the work queue.
	batch, err := cons.Fetch(2)
	if err != nil {
		t.Fatal(err)
	}
	for m := range batch.Messages() {
		if err := m.DoubleAck(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if at, found, err := pipeline.FindNewest(ctx, js, "W", is("B")); err != nil || found {
		t.Errorf("B after its ack: %+v %v %v", at, found, err)
	}
}
