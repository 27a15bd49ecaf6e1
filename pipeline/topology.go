package pipeline

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// Topology is a pipeline declared whole: its streams, its stages in the
// order work flows through them, and where their failures go. The runtime
// runs it (Start): a process names the stages it runs, and everything
// else (streams, consumers, prefetch, AckWait, dead letters, completion,
// metrics) follows from the declaration, in this one place.
type Topology struct {
	Streams []StreamSpec
	// Stages in pipeline order: completion (Running.WaitCommitted) waits
	// on each in turn, since once a work queue is empty with nothing left
	// upstream, nothing more can arrive in it.
	Stages []Stage
	// DeadLetters is the stream of every stage's dead letters, and
	// DeadLetterSubject the subject of one stage's.
	DeadLetters       string
	DeadLetterSubject func(stage string) string
	// Propagate names headers copied from an input to its outputs (trace
	// and timing headers), unless the stage set them.
	Propagate []string
	// MaxDeliver is how many times a message is tried before it is
	// dead-lettered; Backoff the delay before each retry (the last
	// repeats).
	MaxDeliver int
	Backoff    []time.Duration
}

// Stage declares one stage: the consumer it reads, where its outputs go,
// and its code, a Handler or a Committer.
type Stage struct {
	Name string
	// Consumer is the stage's durable consumer on its input stream.
	Consumer ConsumerSpec
	// Output is the subject of the outputs that name none ("" for a
	// committer, which publishes nothing).
	Output string
	// Prefetch is how many messages are fetched at a time; the consumer's
	// MaxAckPending must leave room for them.
	Prefetch int
	// InProgressEvery is how often a committer's held messages are touched
	// (below the consumer's AckWait).
	InProgressEvery time.Duration
	// Handler is a one-message stage's code.
	Handler Handler
	// Open opens a committer stage once its consumer is bound; it may
	// refuse a consumer whose limits do not fit it.
	Open func(ctx context.Context, in Input) (Committer, error)
}

// Input is what a committer learns of its input when it opens.
type Input struct {
	// StreamCreated is when the input stream was made: a stream deleted
	// and made again restarts its sequences.
	StreamCreated time.Time
	Consumer      jetstream.ConsumerConfig
}

// ErrUnknownStage is returned for a stage name the topology does not
// declare.
var ErrUnknownStage = errors.New("unknown stage")

// Stage returns the stage named name. A name of stages joined by '+'
// ("parse+enrich") is those stages chained in one worker (Chain): the
// first one's consumer, the last one's output, and nothing on the streams
// between them.
func (t Topology) Stage(name string) (Stage, error) {
	parts := strings.Split(name, "+")
	var links []Link
	var first, last Stage
	for i, p := range parts {
		s, ok := t.stage(p)
		if !ok || s.Handler == nil && len(parts) > 1 {
			return Stage{}, fmt.Errorf("%w %q (%s)", ErrUnknownStage, name, strings.Join(t.Names(), ", "))
		}
		if i == 0 {
			first = s
		}
		last = s
		links = append(links, Link{Stage: s.Name, Handler: s.Handler})
	}
	if len(parts) == 1 {
		return first, nil
	}
	chained := first
	chained.Name, chained.Output, chained.Handler = name, last.Output, Chain(links...)
	return chained, nil
}

// Resolve resolves names (Stage), refusing the first unknown one.
func (t Topology) Resolve(names []string) ([]Stage, error) {
	out := make([]Stage, 0, len(names))
	for _, n := range names {
		st, err := t.Stage(n)
		if err != nil {
			return nil, err
		}
		out = append(out, st)
	}
	return out, nil
}

func (t Topology) stage(name string) (Stage, bool) {
	for _, s := range t.Stages {
		if s.Name == name {
			return s, true
		}
	}
	return Stage{}, false
}

// Names lists the stages, in pipeline order.
func (t Topology) Names() []string {
	out := make([]string, len(t.Stages))
	for i, s := range t.Stages {
		out[i] = s.Name
	}
	return out
}

// EnsureStreams creates or updates every stream; it is idempotent, so any
// process of a deployment may start first.
func (t Topology) EnsureStreams(ctx context.Context, c *Conn) error {
	for _, s := range t.Streams {
		if err := EnsureStream(ctx, c.JS, s); err != nil {
			return err
		}
	}
	return nil
}

// ResetConsumers deletes the stages' durable consumers, so Start makes
// them afresh. On a work queue a message stays stored until acked, so a
// new consumer delivers at once everything a killed process had fetched
// and not acked; the old consumer would hold it back until its AckWait
// expired. It is only safe when this process is the only consumer (an
// embedded server listening on nothing): another live worker's unacked
// messages would be delivered twice.
//
// Delivery counts start again with the new consumers: a message that
// killed the process (not a panic, which is dead-lettered) is retried
// MaxDeliver times per restart.
func (t Topology) ResetConsumers(ctx context.Context, c *Conn) error {
	for _, s := range t.Stages {
		err := c.JS.DeleteConsumer(ctx, s.Consumer.Stream, s.Consumer.Durable)
		if err != nil && !errors.Is(err, jetstream.ErrConsumerNotFound) && !errors.Is(err, jetstream.ErrStreamNotFound) {
			return fmt.Errorf("reset consumer %s/%s: %w", s.Consumer.Stream, s.Consumer.Durable, err)
		}
	}
	return nil
}

// StreamsOf is the streams the named stages use: their inputs, the
// streams of their output subjects, and the dead letters.
func (t Topology) StreamsOf(names []string) ([]StreamSpec, error) {
	sts, err := t.Resolve(names)
	if err != nil {
		return nil, err
	}
	used := map[string]bool{t.DeadLetters: true}
	for _, st := range sts {
		used[st.Consumer.Stream] = true
		for _, s := range t.Streams {
			if slices.Contains(s.Subjects, st.Output) {
				used[s.Name] = true
			}
		}
	}
	var out []StreamSpec
	for _, s := range t.Streams {
		if used[s.Name] {
			out = append(out, s)
		}
	}
	return out, nil
}

// BindStreams binds the streams the named stages use (StreamsOf),
// creating none: a missing one is ErrStreamMissing, worth waiting for
// (Retry) while a process allowed to create streams starts. So a worker's
// user needs no stream-create permission.
func (t Topology) BindStreams(ctx context.Context, c *Conn, names []string) error {
	specs, err := t.StreamsOf(names)
	if err != nil {
		return err
	}
	for _, s := range specs {
		if err := BindOrCreateStream(ctx, c.JS, s, false); err != nil {
			return err
		}
	}
	return nil
}

// StoredBytes is what the topology's streams hold on the broker now.
func (t Topology) StoredBytes(ctx context.Context, c *Conn) int64 {
	var total int64
	for _, spec := range t.Streams {
		s, err := c.JS.Stream(ctx, spec.Name)
		if err != nil {
			continue
		}
		if info, err := s.Info(ctx); err == nil {
			total += int64(info.State.Bytes)
		}
	}
	return total
}
