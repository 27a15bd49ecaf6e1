package pipeline_test

import (
	"context"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/cablewire/cablewire/pipeline"
)

// Messages still stored below the consumer's ack floor (after a crash,
// the consumer's acks saved and the work queue's removals lost) are done
// work: the backlog counts them as orphans, not as stored, and WaitEmpty
// returns and purges them instead of waiting for ever. A limits stream
// keeps acked messages, which makes such a state without a crash.
func TestWaitEmptyPurgesOrphans(t *testing.T) {
	js := startJS(t)
	ctx := context.Background()
	if err := pipeline.EnsureStream(ctx, js, pipeline.StreamSpec{Name: "KEEP", Subjects: []string{"keep"}}); err != nil {
		t.Fatal(err)
	}
	cons, err := pipeline.EnsureConsumer(ctx, js, pipeline.ConsumerSpec{Stream: "KEEP", Durable: "d", AckWait: 5 * time.Second, MaxAckPending: 100})
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if _, err := js.Publish(ctx, "keep", []byte("x")); err != nil {
			t.Fatal(err)
		}
	}
	b, err := pipeline.BacklogOf(ctx, js, "KEEP", "d")
	if err != nil || b.Stored != 3 || b.Orphans != 0 || b.Empty() {
		t.Fatalf("before: %+v %v, want 3 stored", b, err)
	}
	// Two of three acked: the third is still work, so nothing is an orphan.
	batch, err := cons.Fetch(2, jetstream.FetchMaxWait(time.Second))
	if err != nil {
		t.Fatal(err)
	}
	for m := range batch.Messages() {
		if err := m.DoubleAck(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if b, _ = pipeline.BacklogOf(ctx, js, "KEEP", "d"); b.Stored != 3 || b.Empty() {
		t.Fatalf("one left: %+v, want not empty", b)
	}
	batch, _ = cons.Fetch(1, jetstream.FetchMaxWait(time.Second))
	for m := range batch.Messages() {
		if err := m.DoubleAck(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if b, _ = pipeline.BacklogOf(ctx, js, "KEEP", "d"); b.Stored != 0 || b.Orphans != 3 || !b.Empty() {
		t.Fatalf("all acked: %+v, want 3 orphans, empty", b)
	}
	wctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := pipeline.WaitEmpty(wctx, js, "KEEP", "d", 10*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	s, _ := js.Stream(ctx, "KEEP")
	if si, _ := s.Info(ctx); si.State.Msgs != 0 {
		t.Errorf("%d messages left after WaitEmpty, want the orphans purged", si.State.Msgs)
	}
}
