package schemas

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Topology names one pipeline's streams and subjects. Every name carries
// the pipeline's name, so several pipelines share one broker without
// taking each other's messages or each other's duplicate windows: two
// loads into two warehouses through one broker once shared the consumer
// "sink" and swapped cables.
//
// Streams are CABLEWIRE_<pipeline>_RAW, _PARSED, _ENRICHED and _DLQ, on
// subjects cablewire.<pipeline>.raw, .parsed, .enriched and
// .dlq.<stage>. Durable consumers (ConsumerParse, ...) live inside their
// stream, so they need no prefix.
type Topology struct {
	Pipeline string
}

// Stream kinds, the last part of each subject.
const (
	KindRaw      = "raw"
	KindParsed   = "parsed"
	KindEnriched = "enriched"
	KindDLQ      = "dlq"
)

// DefaultPipeline is the pipeline of commands that run one stage against
// an external broker (worker, ingest) when --pipeline is not given, so
// that a deployment's processes agree without configuration.
const DefaultPipeline = "main"

// NewTopology validates name (letters, digits, '-' and '_', at most 64:
// a stream name and one subject token) and returns its topology.
func NewTopology(name string) (Topology, error) {
	if err := ValidPipelineName(name); err != nil {
		return Topology{}, err
	}
	return Topology{Pipeline: name}, nil
}

// ErrPipelineName is returned for a name that cannot be a stream name.
var ErrPipelineName = errors.New("pipeline name")

// ValidPipelineName reports whether name can name a pipeline.
func ValidPipelineName(name string) error {
	if name == "" || len(name) > 64 {
		return fmt.Errorf("%w %q: 1 to 64 characters", ErrPipelineName, name)
	}
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return fmt.Errorf("%w %q: only letters, digits, '-' and '_'", ErrPipelineName, name)
		}
	}
	return nil
}

// PipelineFor derives a pipeline name from a warehouse: its directory's
// base name, for people, and the first 8 characters of its identity, so
// that a warehouse deleted and made again at the same path gets streams
// (and duplicate windows) of its own.
func PipelineFor(warehouseBase, warehouseID string) string {
	var b strings.Builder
	for _, r := range warehouseBase {
		if b.Len() >= 40 {
			break
		}
		switch {
		case r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	if b.Len() == 0 {
		b.WriteString("warehouse")
	}
	id := warehouseID
	if len(id) > 8 {
		id = id[:8]
	}
	return b.String() + "-" + id
}

// Stream is the name of the stream of kind.
func (t Topology) Stream(kind string) string {
	return "CABLEWIRE_" + t.Pipeline + "_" + strings.ToUpper(kind)
}

// PipelineOfStream is the pipeline whose stream of kind is named name, if
// it is one.
func PipelineOfStream(name, kind string) (string, bool) {
	p, ok := strings.CutPrefix(name, "CABLEWIRE_")
	p, ok2 := strings.CutSuffix(p, "_"+strings.ToUpper(kind))
	return p, ok && ok2 && p != ""
}

// Subject is the subject of the stream of kind.
func (t Topology) Subject(kind string) string {
	return "cablewire." + t.Pipeline + "." + kind
}

// DeadLetterSubject is where stage's failures go.
func (t Topology) DeadLetterSubject(stage string) string {
	return t.Subject(KindDLQ) + "." + stage
}

// DeadLetterSubjects is the dead-letter stream's subject filter.
func (t Topology) DeadLetterSubjects() string { return t.Subject(KindDLQ) + ".>" }

// Durable consumers, one per stage, inside the stream they read.
const (
	ConsumerParse  = "parse"
	ConsumerEnrich = "enrich"
	ConsumerSink   = "sink"
)

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
	// Work queues have no byte limit: JetStream reserves a stream's
	// MaxBytes against the server's store when the stream is made, so at
	// 8 GiB each three pipelines on one broker (nine queues) failed with
	// "insufficient storage resources". StreamBacklog and EnrichedBacklog
	// bound them by messages instead.
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
