package pipeline_test

import (
	"context"
	"testing"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/cablewire/cablewire/pipeline"
)

// A work queue at its message limit refuses with the broker's typed
// store-failed error, which IsFull tells from other failures, and the
// Publisher waits until there is room instead of failing.
func TestFullStreamIsBackPressure(t *testing.T) {
	js := startJS(t)
	ctx := context.Background()
	if err := pipeline.EnsureStream(ctx, js, pipeline.StreamSpec{Name: "Q", Subjects: []string{"q"}, WorkQueue: true, MaxMsgs: 2}); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if _, err := js.Publish(ctx, "q", []byte("x")); err != nil {
			t.Fatal(err)
		}
	}
	_, err := js.Publish(ctx, "q", []byte("x"))
	if err == nil || !pipeline.IsFull(err) {
		t.Fatalf("publish into a full work queue: %v, want IsFull", err)
	}
	if pipeline.IsFull(jetstream.ErrStreamNotFound) || pipeline.IsFull(nil) {
		t.Error("IsFull holds for errors that are not a full stream")
	}

	// The publisher waits for room: a consumer taking the messages makes it.
	pub := pipeline.NewPublisher(js, 8)
	for i := range 3 {
		if err := pub.Publish(ctx, &pipeline.Message{ID: string(rune('a' + i)), Subject: "q", Data: []byte("y")}); err != nil {
			t.Fatal(err)
		}
	}
	cons, err := js.CreateOrUpdateConsumer(ctx, "Q", jetstream.ConsumerConfig{Durable: "c", AckPolicy: jetstream.AckExplicitPolicy})
	if err != nil {
		t.Fatal(err)
	}
	acked := 0
	done := make(chan error, 1)
	go func() { done <- pub.Wait() }()
	for acked < 5 {
		b, err := cons.Fetch(1)
		if err != nil {
			t.Fatal(err)
		}
		for m := range b.Messages() {
			m.Ack()
			acked++
		}
	}
	if err := <-done; err != nil {
		t.Fatalf("publisher: %v", err)
	}
	if pub.Published() != 3 {
		t.Errorf("published %d, want 3", pub.Published())
	}
}
