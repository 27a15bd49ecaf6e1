package stages

import (
	"context"
	"fmt"
	"time"

	"github.com/cablewire/cablewire/pipeline"
	"github.com/cablewire/cablewire/schemas"
	"github.com/cablewire/cablewire/stages/enrich"
	"github.com/cablewire/cablewire/stages/ingest"
	"github.com/cablewire/cablewire/stages/parse"
	"github.com/cablewire/cablewire/stages/sink"
)

// Stage names, as a worker is told to run them ("parse+enrich" chains
// the two in one worker, see pipeline.Topology.Stage).
const (
	Parse       = "parse"
	Enrich      = "enrich"
	Sink        = "sink"
	ParseEnrich = Parse + "+" + Enrich
)

// Options is what a deployment chooses of the topology.
type Options struct {
	Replicas int // stream replicas: 1 for one server, 3 for a cluster
	Workers  int // concurrent Handle calls per handler stage
	// Sink configures the sink stage; its Dir is the warehouse.
	Sink sink.Config
}

// Consumer timing: a handler stage acks within seconds; the sink holds
// messages until a file commits and keeps them alive with in-progress acks.
// On an external broker a worker that dies leaves its messages unacked
// until AckWait expires (on the embedded one a restart recreates the
// consumers, pipeline.Topology.ResetConsumers): the sink's 45 s bounds that
// stall, at the cost of an in-progress ack for every held message every
// 15 s (three chances before the wait runs out).
const (
	handlerAckWait = 30 * time.Second
	sinkAckWait    = 45 * time.Second
	sinkTouchEvery = 15 * time.Second
	// Each fetch is a round trip to the server, and under load one took
	// milliseconds: batches of 2 per worker held parse to ~700 cables/s
	// with its workers idle nine tenths of the time.
	minHandlerPrefetch = 64
	sinkPrefetch       = 256
)

// Topology is cablewire's pipeline t, as the runtime runs it.
func Topology(t schemas.Topology, o Options) pipeline.Topology {
	prefetch := max(minHandlerPrefetch, 2*o.Workers)
	handler := func(name, in, out, durable string, h pipeline.Handler) pipeline.Stage {
		return pipeline.Stage{
			Name: name, Consumer: consumer(t, in, durable, handlerAckWait, 4*prefetch),
			Output: t.Subject(out), Prefetch: prefetch, Handler: h,
		}
	}
	sc := o.Sink
	// MaxAckPending must exceed what open files hold, or delivery stalls
	// silently with files that never fill.
	sinkStage := pipeline.Stage{
		Name: Sink, Consumer: consumer(t, schemas.KindEnriched, schemas.ConsumerSink, sinkAckWait, sc.MaxHeld()+2*sinkPrefetch),
		Prefetch: sinkPrefetch, InProgressEvery: sinkTouchEvery,
		Open: func(ctx context.Context, in pipeline.Input) (pipeline.Committer, error) {
			if err := checkSinkConsumer(in.Consumer.MaxAckPending, in.Consumer.AckWait, sc); err != nil {
				return nil, err
			}
			c := sc
			c.StreamEpoch = in.StreamCreated.UTC().Format(time.RFC3339Nano)
			return sink.Open(c)
		},
	}
	return pipeline.Topology{
		Streams: Streams(t, o.Replicas),
		Stages: []pipeline.Stage{
			handler(Parse, schemas.KindRaw, schemas.KindParsed, schemas.ConsumerParse, parse.Stage()),
			handler(Enrich, schemas.KindParsed, schemas.KindEnriched, schemas.ConsumerEnrich, enrich.Stage()),
			sinkStage,
		},
		DeadLetters:       t.Stream(schemas.KindDLQ),
		DeadLetterSubject: t.DeadLetterSubject,
		Propagate:         []string{schemas.HeaderIngested, schemas.HeaderWarehouse, ingest.HeaderRecord},
		MaxDeliver:        schemas.MaxDeliver,
		Backoff:           schemas.Backoff,
	}
}

// Streams is pipeline t's streams: three work queues bounded by messages
// (publishers wait when one is full) and the dead letters, kept for
// operators.
func Streams(t schemas.Topology, replicas int) []pipeline.StreamSpec {
	wq := func(kind string, backlog int64, dups time.Duration) pipeline.StreamSpec {
		return pipeline.StreamSpec{
			Name: t.Stream(kind), Subjects: []string{t.Subject(kind)}, WorkQueue: true, MaxMsgs: backlog,
			Duplicates: dups, Replicas: replicas,
		}
	}
	return []pipeline.StreamSpec{
		wq(schemas.KindRaw, schemas.StreamBacklog, schemas.DuplicateWindow),
		wq(schemas.KindParsed, schemas.StreamBacklog, schemas.StageDuplicateWindow),
		wq(schemas.KindEnriched, schemas.EnrichedBacklog, schemas.StageDuplicateWindow),
		{Name: t.Stream(schemas.KindDLQ), Subjects: []string{t.DeadLetterSubjects()}, MaxAge: schemas.DLQMaxAge,
			Duplicates: schemas.DuplicateWindow, Replicas: replicas},
	}
}

// consumer is the durable consumer of the stream of kind in t.
func consumer(t schemas.Topology, kind, durable string, ackWait time.Duration, maxAckPending int) pipeline.ConsumerSpec {
	return pipeline.ConsumerSpec{
		Stream: t.Stream(kind), Durable: durable, FilterSubject: t.Subject(kind),
		// No delivery limit on the broker: the runner dead-letters after
		// schemas.MaxDeliver failures of the input's own, and retries a
		// resource failure (a full disk) for as long as it lasts; a broker
		// limit would leave such a message stuck, never delivered again.
		AckWait: ackWait, MaxDeliver: -1, MaxAckPending: maxAckPending,
	}
}

// checkSinkConsumer verifies, at start, that the sink consumer's limits
// (as the broker has them: another process may have made it) fit the
// sink's: the failure would otherwise be a silent stall.
func checkSinkConsumer(maxAckPending int, ackWait time.Duration, sc sink.Config) error {
	if maxAckPending > 0 && maxAckPending <= sc.MaxHeld() {
		return fmt.Errorf("sink consumer MaxAckPending %d <= rows open files may hold (%d): delivery would stall", maxAckPending, sc.MaxHeld())
	}
	if sc.MaxHeld() >= schemas.EnrichedBacklog {
		return fmt.Errorf("the sink may hold %d messages, not below the enriched stream's limit %d: lower --open-partitions or --file-rows", sc.MaxHeld(), schemas.EnrichedBacklog)
	}
	if ackWait <= sinkTouchEvery {
		return fmt.Errorf("sink consumer AckWait %v <= in-progress interval %v", ackWait, sinkTouchEvery)
	}
	return nil
}

// Route is where ingest publishes in t, for the warehouse with identity
// warehouse (or none).
func Route(t schemas.Topology, warehouse string) ingest.Route {
	return ingest.Route{Subject: t.Subject(schemas.KindRaw), DeadLetters: t.DeadLetterSubject("ingest"), Warehouse: warehouse}
}
