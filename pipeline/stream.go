package pipeline

import (
	"context"
	"errors"
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

// ErrStreamMissing is BindOrCreateStream's answer, when it may not create
// a stream, for a stream that does not exist yet: worth waiting for (Retry)
// while a process allowed to create it starts.
var ErrStreamMissing = errors.New("does not exist yet")

// BindOrCreateStream makes sure stream s is there for a process to use.
// With create it creates the stream or updates it to s (EnsureStream).
// Without, it only looks the stream up ($JS.API.STREAM.INFO), so that a
// user without the stream-create API can run once the streams exist; a
// missing stream is ErrStreamMissing, never created.
func BindOrCreateStream(ctx context.Context, js jetstream.JetStream, s StreamSpec, create bool) error {
	if create {
		return EnsureStream(ctx, js, s)
	}
	if _, err := js.Stream(ctx, s.Name); err != nil {
		if errors.Is(err, jetstream.ErrStreamNotFound) {
			return fmt.Errorf("stream %s %w: waiting for a process allowed to create streams (ingest, serve or run)", s.Name, ErrStreamMissing)
		}
		return fmt.Errorf("stream %s: %w", s.Name, err)
	}
	return nil
}
