package pipeline

import (
	"context"
	"strconv"
	"time"
)

// Headers set on a dead-lettered message, besides the original ones.
const (
	HeaderDLQStage      = "Cablewire-Dlq-Stage"
	HeaderDLQError      = "Cablewire-Dlq-Error"
	HeaderDLQDeliveries = "Cablewire-Dlq-Deliveries"
	HeaderDLQSubject    = "Cablewire-Dlq-Subject"
	HeaderDLQStream     = "Cablewire-Dlq-Stream"
	HeaderDLQSeq        = "Cablewire-Dlq-Seq"
)

// maxReasonLen keeps a header line reasonable for errors that quote input.
const maxReasonLen = 1024

// deadLetter publishes m to the failed stage's dead-letter subject with
// headers naming the stage, the error and the delivery count, and waits for the broker's ack. Its id is
// derived from m's, so dead-lettering twice stores one message.
func (r *Runner) deadLetter(ctx context.Context, m *Message, cause error) error {
	stage, cause := stageOf(cause, r.cfg.Name)
	reason := cause.Error()
	if len(reason) > maxReasonLen {
		reason = reason[:maxReasonLen]
	}
	h := Header{}
	for k, v := range m.Header {
		h[k] = v
	}
	h.Set(HeaderDLQStage, stage)
	h.Set(HeaderDLQError, reason)
	h.Set(HeaderDLQDeliveries, strconv.Itoa(m.Delivered))
	h.Set(HeaderDLQSubject, m.Subject)
	h.Set(HeaderDLQStream, m.Stream)
	h.Set(HeaderDLQSeq, strconv.FormatUint(m.Seq, 10))
	id := m.ID
	if id == "" {
		id = m.Stream + ":" + strconv.FormatUint(m.Seq, 10)
	}
	dl := &Message{ID: "dlq:" + stage + ":" + id, Subject: r.cfg.DeadLetterSubject(stage), Header: h, Data: m.Data}
	if err := publishAll(ctx, r.js, []*Message{dl}, 30*time.Second, nil); err != nil {
		return err
	}
	if stage != r.cfg.Name {
		reason = stage + ": " + reason // one of a chain's stages
	}
	r.cfg.Stats.deadLetter(reason)
	return nil
}
