package main

import (
	"context"
	"fmt"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/cablewire/cablewire/pipeline"
	"github.com/cablewire/cablewire/schemas"
	"github.com/cablewire/cablewire/stages/sink"
)

// streams is the pipeline's streams, from schemas' topology.
func streams(t schemas.Topology, replicas int) []pipeline.StreamSpec {
	wq := func(name, subject string, backlog int64, dups time.Duration) pipeline.StreamSpec {
		return pipeline.StreamSpec{
			Name: name, Subjects: []string{subject}, WorkQueue: true, MaxMsgs: backlog,
			Duplicates: dups, Replicas: replicas,
		}
	}
	return []pipeline.StreamSpec{
		wq(t.Stream(schemas.KindRaw), t.Subject(schemas.KindRaw), schemas.StreamBacklog, schemas.DuplicateWindow),
		wq(t.Stream(schemas.KindParsed), t.Subject(schemas.KindParsed), schemas.StreamBacklog, schemas.StageDuplicateWindow),
		wq(t.Stream(schemas.KindEnriched), t.Subject(schemas.KindEnriched), schemas.EnrichedBacklog, schemas.StageDuplicateWindow),
		{Name: t.Stream(schemas.KindDLQ), Subjects: []string{t.DeadLetterSubjects()}, MaxAge: schemas.DLQMaxAge,
			Duplicates: schemas.DuplicateWindow, Replicas: replicas},
	}
}

// stage names a worker stage, its consumer, and the kinds of stream
// (schemas.KindRaw, ...) it reads and writes; a Topology turns kinds into
// the pipeline's names.
type stage struct {
	name, in, out, durable string
}

var (
	stageParse = stage{"parse", schemas.KindRaw, schemas.KindParsed, schemas.ConsumerParse}
	// stageChain is parse and enrich chained in one worker (pipeline.Chain):
	// parse's consumer on the raw stream, enrich's output on the enriched
	// one, nothing on the parsed stream between them.
	stageChain  = stage{"parse+enrich", schemas.KindRaw, schemas.KindEnriched, schemas.ConsumerParse}
	stageEnrich = stage{"enrich", schemas.KindParsed, schemas.KindEnriched, schemas.ConsumerEnrich}
	stageSink   = stage{"sink", schemas.KindEnriched, "", schemas.ConsumerSink}
)

// stream is the stream s reads in t.
func (s stage) stream(t schemas.Topology) string { return t.Stream(s.in) }

// output is the subject s writes in t ("" for the sink).
func (s stage) output(t schemas.Topology) string {
	if s.out == "" {
		return ""
	}
	return t.Subject(s.out)
}

// Consumer timing: a handler stage acks within seconds; the sink holds
// messages until a file commits and keeps them alive with in-progress acks.
// On an external broker a worker that dies leaves its messages unacked
// until AckWait expires (on the embedded one a restart recreates the
// consumers, resetConsumers): the sink's 45 s bounds that stall, at the cost
// of an in-progress ack for every held message every 15 s (three chances
// before the wait runs out).
const (
	handlerAckWait = 30 * time.Second
	sinkAckWait    = 45 * time.Second
	sinkTouchEvery = 15 * time.Second
)

func consumerSpec(t schemas.Topology, s stage, prefetch int, sc *sink.Config) pipeline.ConsumerSpec {
	spec := pipeline.ConsumerSpec{
		Stream: s.stream(t), Durable: s.durable, FilterSubject: t.Subject(s.in),
		// No delivery limit on the broker: the runner dead-letters after
		// schemas.MaxDeliver failures of the input's own, and retries a
		// resource failure (a full disk) for as long as it lasts; a broker
		// limit would leave such a message stuck, never delivered again.
		AckWait: handlerAckWait, MaxDeliver: -1, MaxAckPending: 4 * prefetch,
	}
	if sc != nil {
		// MaxAckPending must exceed what open files hold, or delivery stalls
		// silently with files that never fill.
		spec.AckWait = sinkAckWait
		spec.MaxAckPending = sc.MaxHeld() + 2*prefetch
	}
	return spec
}

// ensureStreams creates or updates every stream; it is idempotent.
func ensureStreams(ctx context.Context, js jetstream.JetStream, t schemas.Topology, replicas int) error {
	for _, s := range streams(t, replicas) {
		if err := pipeline.EnsureStream(ctx, js, s); err != nil {
			return err
		}
	}
	return nil
}

// uses is the streams s reads and writes in t, its dead letters' included.
func (s stage) uses(t schemas.Topology) []string {
	names := []string{t.Stream(s.in)}
	if s.out != "" {
		names = append(names, t.Stream(s.out))
	}
	return append(names, t.Stream(schemas.KindDLQ))
}

// bindStreams binds the streams the stages sts use, creating none
// (pipeline.BindOrCreateStream): a missing one is waited for.
func bindStreams(ctx context.Context, js jetstream.JetStream, t schemas.Topology, replicas int, sts []stage) error {
	used := map[string]bool{}
	for _, st := range sts {
		for _, name := range st.uses(t) {
			used[name] = true
		}
	}
	for _, s := range streams(t, replicas) {
		if !used[s.Name] {
			continue
		}
		if err := pipeline.BindOrCreateStream(ctx, js, s, false); err != nil {
			return err
		}
	}
	return nil
}

// checkSinkConsumer verifies, at start, that the sink consumer's limits fit
// the sink's: the failure would otherwise be a silent stall.
func checkSinkConsumer(ctx context.Context, cons jetstream.Consumer, sc sink.Config, touch time.Duration) error {
	info, err := cons.Info(ctx)
	if err != nil {
		return err
	}
	if mp := info.Config.MaxAckPending; mp > 0 && mp <= sc.MaxHeld() {
		return fmt.Errorf("sink consumer MaxAckPending %d <= rows open files may hold (%d): delivery would stall", mp, sc.MaxHeld())
	}
	if sc.MaxHeld() >= schemas.EnrichedBacklog {
		return fmt.Errorf("the sink may hold %d messages, not below the enriched stream's limit %d: lower --open-partitions or --file-rows", sc.MaxHeld(), schemas.EnrichedBacklog)
	}
	if info.Config.AckWait <= touch {
		return fmt.Errorf("sink consumer AckWait %v <= in-progress interval %v", info.Config.AckWait, touch)
	}
	return nil
}

func streamEpoch(ctx context.Context, js jetstream.JetStream, name string) (string, error) {
	s, err := js.Stream(ctx, name)
	if err != nil {
		return "", err
	}
	info, err := s.Info(ctx)
	if err != nil {
		return "", err
	}
	return info.Created.UTC().Format(time.RFC3339Nano), nil
}
