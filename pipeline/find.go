package pipeline

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// Stored is where a message sits in a stream.
type Stored struct {
	Stream string    `json:"stream"`
	Seq    uint64    `json:"seq"`
	Time   time.Time `json:"time"` // when the broker stored it
}

// FindNewest looks through stream, newest message first, for one whose
// headers match, and reports where it is; found is false when none does.
// A work queue keeps only messages not yet acked, so a match is work still
// queued. A consumer cannot scan a work queue beside its own (the server
// allows one consumer per subject), so each message is read by sequence:
// one request per message newer than the match, bounded by the stream's
// message limit.
func FindNewest(ctx context.Context, js jetstream.JetStream, stream string, match func(Header) bool) (at Stored, found bool, err error) {
	s, err := js.Stream(ctx, stream)
	if err != nil {
		return at, false, fmt.Errorf("stream %s: %w", stream, err)
	}
	info, err := s.Info(ctx)
	if err != nil {
		return at, false, fmt.Errorf("stream %s: %w", stream, err)
	}
	if info.State.Msgs == 0 {
		return at, false, nil
	}
	for seq := info.State.LastSeq; seq >= info.State.FirstSeq && seq > 0; seq-- {
		m, err := s.GetMsg(ctx, seq)
		if errors.Is(err, jetstream.ErrMsgNotFound) {
			continue // acked meanwhile, or a gap
		}
		if err != nil {
			return at, false, fmt.Errorf("stream %s seq %d: %w", stream, seq, err)
		}
		if match(Header(m.Header)) {
			return Stored{Stream: stream, Seq: seq, Time: m.Time}, true, nil
		}
	}
	return at, false, nil
}
