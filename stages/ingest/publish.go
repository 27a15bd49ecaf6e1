package ingest

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strconv"
	"time"

	"github.com/cablewire/cablewire/pipeline"
	"github.com/cablewire/cablewire/schemas"
)

// Stats counts what Run did.
type Stats struct {
	Read         int64 // documents read
	Published    int64 // stored as new by the broker
	Duplicates   int64 // dropped by the broker as already loaded
	DeadLettered int64 // could not be published (unreadable, too large)
	Reasons      map[string]int64
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
	st := Stats{Reasons: map[string]int64{}}
	err := Read(ctx, paths, func(doc schemas.Document, bad error) error {
		st.Read++
		if bad != nil {
			st.DeadLettered++
			st.Reasons[reason(bad)]++
			return dlq.Publish(ctx, rt.DeadLetter(doc, bad))
		}
		return pub.Publish(ctx, rt.Message(doc))
	})
	werr := errors.Join(pub.Wait(), dlq.Wait())
	st.Published, st.Duplicates = pub.Published(), pub.Duplicates()
	if err != nil {
		return st, fmt.Errorf("ingest: %w", err)
	}
	if werr != nil {
		return st, fmt.Errorf("ingest: %w", werr)
	}
	return st, nil
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
func (rt Route) DeadLetter(doc schemas.Document, cause error) *pipeline.Message {
	h := pipeline.Header{}
	h.Set(schemas.HeaderRef, doc.RefID)
	h.Set(schemas.HeaderSource, doc.Source)
	h.Set(pipeline.HeaderDLQStage, "ingest")
	h.Set(pipeline.HeaderDLQError, reason(cause))
	h.Set(pipeline.HeaderDLQDeliveries, "0")
	return &pipeline.Message{
		ID:      "dlq:ingest:" + doc.Source,
		Subject: rt.DeadLetters,
		Header:  h,
	}
}

// reason is the error without the path the OS may put in it, so reasons
// group in the summary.
func reason(err error) string {
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		return pe.Op + ": " + pe.Err.Error()
	}
	return err.Error()
}
