package pipeline

import (
	"context"
	"fmt"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// Backlog is what is left of a stage's input.
type Backlog struct {
	Stored     uint64 // messages in the stream not yet acked by the consumer
	Pending    uint64 // not yet delivered to the consumer
	AckPending int    // delivered, not yet acked
	// Orphans are messages still stored although the consumer's ack floor
	// is past them: after a crash the consumer's ack can be saved and the
	// work queue's removal of the message lost. They are done work, and
	// never delivered again.
	Orphans  uint64
	ackFloor uint64
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
	b := Backlog{Stored: si.State.Msgs, Pending: ci.NumPending, AckPending: ci.NumAckPending, ackFloor: ci.AckFloor.Stream}
	if si.State.Msgs > 0 && si.State.LastSeq <= b.ackFloor {
		b.Stored, b.Orphans = 0, si.State.Msgs
	}
	return b, nil
}

// PurgeOrphans removes b's orphans from stream: they would hold disk and
// keep the stream from looking empty.
func PurgeOrphans(ctx context.Context, js jetstream.JetStream, stream string, b Backlog) error {
	if b.Orphans == 0 {
		return nil
	}
	s, err := js.Stream(ctx, stream)
	if err != nil {
		return fmt.Errorf("stream %s: %w", stream, err)
	}
	// Keeps every message above the ack floor.
	if err := s.Purge(ctx, jetstream.WithPurgeSequence(b.ackFloor+1)); err != nil {
		return fmt.Errorf("stream %s: purge acked messages: %w", stream, err)
	}
	return nil
}

// WaitEmpty polls until the backlog of stream/durable is empty, or ctx ends.
// A failed poll (a busy broker timing out) is retried, not returned.
func WaitEmpty(ctx context.Context, js jetstream.JetStream, stream, durable string, every time.Duration) error {
	return waitEmpty(ctx, js, stream, durable, every, nil)
}

// waitEmpty is WaitEmpty that calls delivered, when set, on every poll
// that finds everything delivered but not all of it acked.
func waitEmpty(ctx context.Context, js jetstream.JetStream, stream, durable string, every time.Duration, delivered func() error) error {
	for {
		b, err := BacklogOf(ctx, js, stream, durable)
		if err == nil && b.Empty() {
			return PurgeOrphans(ctx, js, stream, b)
		}
		if err == nil && delivered != nil && b.Pending == 0 {
			if err := delivered(); err != nil {
				return err
			}
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(every):
		}
	}
}
