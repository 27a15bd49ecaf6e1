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

// dlqHeaderPrefix starts every header a dead letter adds.
const dlqHeaderPrefix = "Cablewire-Dlq-"

// NewDeadLetter is the dead letter of m for stage, failed for reason, to
// publish on subject: m's headers and payload (so it can be replayed),
// and headers naming the stage, the reason, the delivery count and where
// m was. Its id derives from m's, so dead-lettering twice stores one
// message. Every dead letter is made here, the runner's and ingest's.
func NewDeadLetter(m *Message, stage, reason, subject string) *Message {
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
	if m.Subject != "" {
		h.Set(HeaderDLQSubject, m.Subject)
	}
	if m.Stream != "" {
		h.Set(HeaderDLQStream, m.Stream)
		h.Set(HeaderDLQSeq, strconv.FormatUint(m.Seq, 10))
	}
	id := m.ID
	if id == "" {
		id = m.Stream + ":" + strconv.FormatUint(m.Seq, 10)
	}
	return &Message{ID: "dlq:" + stage + ":" + id, Subject: subject, Header: h, Data: m.Data}
}

// deadLetter publishes m's dead letter to the failed stage's subject and
// waits for the broker's ack.
func (r *Runner) deadLetter(ctx context.Context, m *Message, cause error) error {
	stage, cause := stageOf(cause, r.cfg.Name)
	reason := cause.Error()
	if m.Data == nil && m.Stream != "" && m.Seq > 0 {
		// A committer drops the payload of a message it holds (the sink
		// keeps only the rows): the stream still has it, unacked, and a
		// dead letter must keep the whole input to be replayed.
		if s, err := r.js.Stream(ctx, m.Stream); err == nil {
			if sm, err := s.GetMsg(ctx, m.Seq); err == nil {
				m.Data = sm.Data
			}
		}
	}
	dl := NewDeadLetter(m, stage, reason, r.cfg.DeadLetterSubject(stage))
	if err := publishAll(ctx, r.js, []*Message{dl}, 30*time.Second, nil); err != nil {
		return err
	}
	reason = dl.Header.Get(HeaderDLQError)
	if stage != r.cfg.Name {
		reason = stage + ": " + reason // one of a chain's stages
	}
	r.cfg.Stats.deadLetter(reason)
	return nil
}
