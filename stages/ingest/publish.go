package ingest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strconv"
	"sync"
	"time"

	"github.com/cablewire/cablewire/pipeline"
	"github.com/cablewire/cablewire/schemas"
)

// MaxHeaderBytes bounds a raw message's headers (reference id hint, source,
// message id). The broker refuses headers over 64 KB; no real cable comes
// near this bound, and staying well under it leaves room for what later
// stages add. A document over it is dead-lettered at ingest.
const MaxHeaderBytes = 16 << 10

// ErrOversize is the reason for a document the broker would refuse: over
// its max payload, or with headers over MaxHeaderBytes. It is permanent:
// publishing again cannot succeed.
// It is a kind of ErrTooLarge.
var ErrOversize = fmt.Errorf("%w for the broker", schemas.ErrTooLarge)

// Stats counts what Run did.
type Stats struct {
	Read         int64 // documents read
	Published    int64 // stored as new by the broker
	Duplicates   int64 // dropped by the broker as already loaded
	DeadLettered int64 // could not be published (unreadable, too large)
	Reasons      map[string]int64
	Sources      []*SourceStats // as resolved, with their byte and document counts
	// Unreadable counts files, members and streams that could not be read
	// (also dead-lettered); UnreadablePaths names the first of them.
	Unreadable      int64
	UnreadablePaths []string
	Skipped         []Skip // tree entries not read (FIFOs, devices, ...)
	// Resumed counts records not read again: an earlier load of the same
	// source had them committed (Checkpoints).
	Resumed int64
}

// Skip is an input entry that was not read, and why.
type Skip struct {
	Path, Reason string
}

// Options configures RunWith.
type Options struct {
	Live  *Live
	Stdin io.Reader // read for "-"; nil means os.Stdin
	// MaxPayload is the broker's max payload (the server's, read at
	// connect); a document whose message would exceed it is dead-lettered
	// here, naming its file and record, instead of failing the publisher.
	// 0: no check.
	MaxPayload int64
	// Checkpoints, when set, resumes csv and JSON-lines files from their
	// checkpoints and tags their records (HeaderRecord) for Finished.
	Checkpoints *Checkpoints
}

// Route is where ingest publishes: the pipeline's raw subject, its
// dead letters, and the warehouse the cables are meant for, when known.
type Route struct {
	Subject     string // the raw stream's subject
	DeadLetters string // ingest's dead-letter subject
	// Warehouse is the identity of the warehouse being loaded, or empty.
	// It goes in a header (a sink refuses cables meant for another
	// warehouse) and into the message id, so the broker's duplicate window
	// never keeps a cable from a warehouse that does not hold it.
	Warehouse string
}

// Run reads paths and publishes every document to rt.Subject through pub,
// and what cannot be published to rt.DeadLetters through dlq. It waits
// for every broker ack before returning.
func Run(ctx context.Context, pub, dlq *pipeline.Publisher, rt Route, paths []string) (Stats, error) {
	return RunWith(ctx, pub, dlq, rt, paths, Options{})
}

// maxNamed bounds UnreadablePaths and Skipped.
const maxNamed = 100

// RunWith is Run with options. Paths are resolved first: a missing path
// fails (ErrSource, naming it) before anything is published.
func RunWith(ctx context.Context, pub, dlq *pipeline.Publisher, rt Route, paths []string, o Options) (Stats, error) {
	st := Stats{Reasons: map[string]int64{}}
	srcs, err := Resolve(paths)
	if err != nil {
		errors.Join(pub.Wait(), dlq.Wait())
		return st, err
	}
	st.Sources = srcs
	if o.Live != nil {
		var total int64
		for _, s := range srcs {
			if s.Size == 0 && (s.Kind == KindStdin || s.Kind == KindStream) {
				total = -1 // unknown
			}
			if total >= 0 {
				total += s.Size
			}
		}
		o.Live.Total.Store(max(total, 0))
		o.Live.pub.Store(pub)
	}
	var mu sync.Mutex
	rd := &Reader{Live: o.Live, OnSkip: func(path, reason string) {
		mu.Lock()
		defer mu.Unlock()
		if len(st.Skipped) < maxNamed {
			st.Skipped = append(st.Skipped, Skip{path, reason})
		}
	}}
	rd.Stdin = o.Stdin
	rd.Checkpoints = o.Checkpoints
	// Records dead-lettered here are finished once the dead letters are
	// stored (after dlq.Wait): the csv reader resumes at a row start after
	// each of them, so a checkpoint past one lands on a row boundary.
	var deadRecords []string
	visit := func(doc schemas.Document, bad error) error {
		st.Read++
		if bad == nil {
			bad = rt.checkSize(doc, o.MaxPayload)
		}
		var record string
		if rd.rec != nil {
			record = rd.rec.t.add(o.Checkpoints, rd.rec.n, rd.rec.end, rd.rec.line)
		}
		if bad != nil {
			if record != "" && (errors.Is(bad, ErrTooLarge) || errors.Is(bad, ErrCSV)) {
				deadRecords = append(deadRecords, record)
			}
			if errors.Is(bad, ErrUnreadable) {
				st.Unreadable++
				if len(st.UnreadablePaths) < maxNamed {
					st.UnreadablePaths = append(st.UnreadablePaths, doc.Source)
				}
			}
			st.DeadLettered++
			if o.Live != nil {
				o.Live.DeadLettered.Add(1)
			}
			st.Reasons[reason(bad)]++
			return dlq.Publish(ctx, rt.DeadLetter(doc, bad))
		}
		m := rt.Message(doc)
		if record != "" {
			m.Header.Set(HeaderRecord, record)
		}
		return pub.Publish(ctx, m)
	}
	for _, s := range srcs {
		if err = rd.ReadSource(ctx, s, visit); err != nil {
			break
		}
	}
	if o.Live != nil {
		o.Live.ReadDone.Store(true)
	}
	werr := errors.Join(pub.Wait(), dlq.Wait())
	if werr == nil {
		for _, r := range deadRecords {
			o.Checkpoints.Finished(r)
		}
	}
	st.Published, st.Duplicates, st.Resumed = pub.Published(), pub.Duplicates(), rd.resumed
	if err != nil {
		return st, fmt.Errorf("ingest: %w", err)
	}
	if werr != nil {
		return st, fmt.Errorf("ingest: %w", werr)
	}
	return st, nil
}

// checkSize refuses a document the broker would refuse.
func (rt Route) checkSize(doc schemas.Document, maxPayload int64) error {
	m := rt.Message(doc)
	h := headerBytes(m)
	if h > MaxHeaderBytes {
		return fmt.Errorf("%w: headers of %d bytes (reference id or source), over %d", ErrOversize, h, MaxHeaderBytes)
	}
	if maxPayload > 0 && int64(h+len(m.Data)) > maxPayload {
		return fmt.Errorf("%w: %d bytes, over the broker's max payload of %d", ErrOversize, h+len(m.Data), maxPayload)
	}
	return nil
}

// headerBytes is the size of m's headers on the wire (NATS/1.0 block).
func headerBytes(m *pipeline.Message) int {
	n := len("NATS/1.0\r\n\r\n") + len(pipeline.HeaderMsgID) + 4 + len(m.ID)
	for k, vs := range m.Header {
		for _, v := range vs {
			n += len(k) + 4 + len(v)
		}
	}
	return n
}

// MsgID is the stable de-duplication id: the warehouse (when known),
// reference id and content hash.
func (rt Route) MsgID(doc schemas.Document) string {
	ref := doc.RefID
	if ref == "" {
		ref = "-"
	}
	if rt.Warehouse != "" {
		return rt.Warehouse + ":" + ref + ":" + doc.Hash
	}
	return ref + ":" + doc.Hash
}

// Message is doc as a raw-stream message.
func (rt Route) Message(doc schemas.Document) *pipeline.Message {
	h := pipeline.Header(doc.Headers())
	h.Set(schemas.HeaderIngested, strconv.FormatInt(time.Now().UnixNano(), 10))
	if rt.Warehouse != "" {
		h.Set(schemas.HeaderWarehouse, rt.Warehouse)
	}
	return &pipeline.Message{ID: rt.MsgID(doc), Subject: rt.Subject, Header: h, Data: doc.Body}
}

// DeadLetter is the dead-letter message for a document that could not be
// read or published; it names the source so nothing is silently lost.
// Header values are clipped, so that a document refused for its headers
// can still be dead-lettered.
func (rt Route) DeadLetter(doc schemas.Document, cause error) *pipeline.Message {
	// What could not be read has no message to keep: the dead letter is
	// the document's reference and source, built like every stage's.
	in := &pipeline.Message{ID: doc.Source, Header: pipeline.Header{}}
	if len(in.ID) > 500 {
		sum := sha256.Sum256([]byte(doc.Source))
		in.ID = hex.EncodeToString(sum[:16])
	}
	in.Header.Set(schemas.HeaderRef, clip(doc.RefID))
	in.Header.Set(schemas.HeaderSource, clip(doc.Source))
	return pipeline.NewDeadLetter(in, "ingest", clip(reason(cause)), rt.DeadLetters)
}

// clip bounds a header value; what is cut is said.
func clip(s string) string {
	const limit = 1024
	if len(s) <= limit {
		return s
	}
	return s[:limit] + fmt.Sprintf("... (%d bytes)", len(s))
}

// reason is the error without the path the OS may put in it, so reasons
// group in the summary.
func reason(err error) string {
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		return pe.Op + ": " + pe.Err.Error()
	}
	return err.Error()
}
