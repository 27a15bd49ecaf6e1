package pipeline

import (
	"context"
	"fmt"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// StreamSpec declares a stream. WorkQueue streams delete a message once it
// is acked, which bounds disk use to the work not yet done.
type StreamSpec struct {
	Name       string
	Subjects   []string
	WorkQueue  bool
	MaxBytes   int64         // 0: unlimited
	MaxMsgs    int64         // 0: unlimited; when full, publishers wait (back-pressure)
	MaxAge     time.Duration // 0: unlimited
	Duplicates time.Duration // Nats-Msg-Id window; 0: server default (2m)
	Replicas   int           // 0 or 1 for a single server; 3 for a cluster
}

// EnsureStream creates the stream or updates it to spec. It is idempotent.
func EnsureStream(ctx context.Context, js jetstream.JetStream, s StreamSpec) error {
	cfg := jetstream.StreamConfig{
		Name:       s.Name,
		Subjects:   s.Subjects,
		Storage:    jetstream.FileStorage,
		Retention:  jetstream.LimitsPolicy,
		Discard:    jetstream.DiscardNew, // back-pressure rather than silent loss
		MaxBytes:   nonZero64(s.MaxBytes, -1),
		MaxMsgs:    nonZero64(s.MaxMsgs, -1),
		MaxAge:     s.MaxAge,
		Duplicates: s.Duplicates,
		Replicas:   max(s.Replicas, 1),
		MaxMsgSize: MaxPayload,
	}
	if s.WorkQueue {
		cfg.Retention = jetstream.WorkQueuePolicy
	}
	if _, err := js.CreateOrUpdateStream(ctx, cfg); err != nil {
		return fmt.Errorf("stream %s: %w", s.Name, err)
	}
	return nil
}

func nonZero64(v, def int64) int64 {
	if v == 0 {
		return def
	}
	return v
}
