package schemas

import "time"

// Streams, subjects and durable consumers: the pipeline's topology, in one
// place. Every stream but the dead letters is a work queue: a message is
// deleted once the next stage has acked it, so disk use is bounded by the
// work not yet done.
const (
	StreamRaw       = "CABLES_RAW"
	SubjectRaw      = "cables.raw"
	StreamParsed    = "CABLES_PARSED"
	SubjectParsed   = "cables.parsed"
	StreamEnriched  = "CABLES_ENRICHED"
	SubjectEnriched = "cables.enriched"
	StreamDLQ       = "CABLES_DLQ"
	SubjectDLQ      = "cables.dlq.>" // cables.dlq.<stage>

	ConsumerParse  = "parse"
	ConsumerEnrich = "enrich"
	ConsumerSink   = "sink"
)

// DeadLetterSubject is where stage's failures go.
func DeadLetterSubject(stage string) string { return "cables.dlq." + stage }

// Limits of the topology.
const (
	// DuplicateWindow is how long the broker remembers Nats-Msg-Id values.
	// A day covers a nightly reload; it costs about 250 bytes of server
	// memory per id held (about 63 MB for the full 251,287-cable corpus).
	// Reloads past the window are caught by the sink's committed index.
	DuplicateWindow = 24 * time.Hour
	// StageDuplicateWindow is the parsed and enriched streams' window,
	// JetStream's default. Their message ids derive from the input's, so a
	// stage republishes an id only when its input is redelivered after the
	// outputs were stored, usually within AckWait. A day's window held every
	// id of a bulk load twice more in server memory (2 x 63 MB on the full
	// corpus, growing with it, and scanned by every garbage collection); a
	// republish after a longer outage costs repeated work, and the sink's
	// index keeps it out of the warehouse.
	StageDuplicateWindow = 2 * time.Minute
	// StreamMaxBytes caps each work-queue stream; publishers then wait
	// (DiscardNew) instead of the broker dropping data.
	StreamMaxBytes = 8 << 30
	// StreamBacklog caps the messages waiting in the raw and parsed work
	// queues. A full stream refuses new messages (DiscardNew) and the
	// publishers wait: ingest cannot run ahead of the stages, and JetStream
	// holds at most this much unprocessed work per stream.
	StreamBacklog = 20_000
	// EnrichedBacklog caps the enriched queue. It is larger because the sink
	// holds messages unacked until their files commit: it must exceed what
	// the sink may hold (checked at start), or the pipeline would wait on
	// file age alone.
	EnrichedBacklog = 200_000
	// DLQMaxAge keeps dead letters for operators to inspect and replay.
	DLQMaxAge = 30 * 24 * time.Hour
	// MaxDeliver is how many times a message is tried before it is
	// dead-lettered.
	MaxDeliver = 5
)

// Backoff is the delay before each redelivery after a transient error.
var Backoff = []time.Duration{time.Second, 5 * time.Second, 30 * time.Second, 2 * time.Minute}
