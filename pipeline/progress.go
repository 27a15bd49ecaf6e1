package pipeline

import (
	"context"
	"fmt"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// Backlog is what is left of a stage's input.
type Backlog struct {
	Stored     uint64 // messages in the stream (work-queue: not yet acked)
	Pending    uint64 // not yet delivered to the consumer
	AckPending int    // delivered, not yet acked
}

// Empty reports whether nothing is left.
func (b Backlog) Empty() bool { return b.Stored == 0 && b.Pending == 0 && b.AckPending == 0 }

// BacklogOf reads stream's and its durable consumer's state.
func BacklogOf(ctx context.Context, js jetstream.JetStream, stream, durable string) (Backlog, error) {
	s, err := js.Stream(ctx, stream)
	if err != nil {
		return Backlog{}, fmt.Errorf("stream %s: %w", stream, err)
	}
	si, err := s.Info(ctx)
	if err != nil {
		return Backlog{}, fmt.Errorf("stream %s: %w", stream, err)
	}
	c, err := s.Consumer(ctx, durable)
	if err != nil {
		return Backlog{}, fmt.Errorf("consumer %s/%s: %w", stream, durable, err)
	}
	ci, err := c.Info(ctx)
	if err != nil {
		return Backlog{}, fmt.Errorf("consumer %s/%s: %w", stream, durable, err)
	}
	return Backlog{Stored: si.State.Msgs, Pending: ci.NumPending, AckPending: ci.NumAckPending}, nil
}

// WaitEmpty polls until the backlog of stream/durable is empty, or ctx ends.
// A failed poll (a busy broker timing out) is retried, not returned.
func WaitEmpty(ctx context.Context, js jetstream.JetStream, stream, durable string, every time.Duration) error {
	for {
		b, err := BacklogOf(ctx, js, stream, durable)
		if err == nil && b.Empty() {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(every):
		}
	}
}
