package pipeline

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// Publisher publishes messages asynchronously with their de-duplication
// ids, keeping a bounded window in flight. Wait returns once every publish
// is acknowledged by the broker.
type Publisher struct {
	js      jetstream.JetStream
	window  chan struct{}
	pending chan pubWait
	done    chan struct{}
	err     atomic.Pointer[error]

	published  atomic.Int64 // stored as new
	duplicates atomic.Int64 // dropped by the broker as already seen
}

type pubWait struct {
	fut jetstream.PubAckFuture
	m   *Message
}

// NewPublisher starts a publisher with at most window publishes in flight.
func NewPublisher(js jetstream.JetStream, window int) *Publisher {
	p := &Publisher{
		js:      js,
		window:  make(chan struct{}, window),
		pending: make(chan pubWait, window),
		done:    make(chan struct{}),
	}
	go p.collect()
	return p
}

// Publish queues m. It blocks while the window is full, and fails once an
// earlier publish has failed (the caller should stop and report).
func (p *Publisher) Publish(ctx context.Context, m *Message) error {
	if e := p.err.Load(); e != nil {
		return *e
	}
	select {
	case p.window <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	fut, err := publishAsync(p.js, m)
	if err != nil {
		<-p.window
		return err
	}
	p.pending <- pubWait{fut, m}
	return nil
}

// publishAsync retries while the client's own async window is stalled: a
// full window is back-pressure, not failure.
func publishAsync(js jetstream.JetStream, m *Message) (jetstream.PubAckFuture, error) {
	nm := toNats(m)
	for attempt := 0; ; attempt++ {
		fut, err := js.PublishMsgAsync(nm, jetstream.WithMsgID(m.ID), jetstream.WithStallWait(5*time.Second))
		if errors.Is(err, jetstream.ErrTooManyStalledMsgs) && attempt < 60 {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("publish %s: %w", m.Subject, err)
		}
		return fut, nil
	}
}

func (p *Publisher) collect() {
	defer close(p.done)
	for w := range p.pending {
		fut := w.fut
	wait:
		select {
		case ack := <-fut.Ok():
			if ack.Duplicate {
				p.duplicates.Add(1)
			} else {
				p.published.Add(1)
			}
		case err := <-fut.Err():
			if IsFull(err) {
				// The stream is at its limit: wait for the consumers to make
				// room, then publish again. The full window stalls Publish.
				time.Sleep(fullRetry)
				if fut, err = publishAsync(p.js, w.m); err == nil {
					goto wait
				}
			}
			if IsStorageFull(err) {
				err = fmt.Errorf("%s: %w", storageFullHint, err)
			}
			err = fmt.Errorf("publish %s (id %s): %w", w.m.Subject, w.m.ID, err)
			p.err.CompareAndSwap(nil, &err)
		}
		<-p.window
	}
}

// fullRetry is how long a publisher waits before retrying into a full
// stream.
const fullRetry = 25 * time.Millisecond

// IsFull reports whether err is a stream refusing a message because it is
// at its MaxMsgs or MaxBytes limit (DiscardNew): back-pressure, not failure.
//
// The broker says so with its typed store-failed error (10077), whose
// description is the store's own error: the server's ErrMaxMsgs or
// ErrMaxBytes, compared as values of the server module we build against
// rather than as literals. Any other store failure (a full disk) is not
// back-pressure.
func IsFull(err error) bool {
	var api *jetstream.APIError
	if !errors.As(err, &api) || api.ErrorCode != storeFailed {
		return false
	}
	return api.Description == server.ErrMaxMsgs.Error() || api.Description == server.ErrMaxBytes.Error()
}

// storeFailed is the broker's "store failed" error code, from the server
// module's own table.
var storeFailed = jetstream.ErrorCode(server.ApiErrors[server.JSStreamStoreFailedF].ErrCode)

// Wait closes the publisher and waits for every acknowledgement. It returns
// the first publish error.
func (p *Publisher) Wait() error {
	close(p.pending)
	<-p.done
	if e := p.err.Load(); e != nil {
		return *e
	}
	return nil
}

// Published counts messages the broker stored as new.
func (p *Publisher) Published() int64 { return p.published.Load() }

// Duplicates counts messages the broker dropped as duplicates.
func (p *Publisher) Duplicates() int64 { return p.duplicates.Load() }

// publishAll publishes ms and waits for all acks: a stage's outputs must be
// stored before its input is acked.
func publishAll(ctx context.Context, js jetstream.JetStream, ms []*Message, timeout time.Duration, touch func()) error {
	futs, err := publishStart(js, ms)
	if err != nil {
		return err
	}
	return awaitAcks(ctx, js, ms, futs, timeout, touch)
}

// publishStart sends ms without waiting for the broker's acks.
func publishStart(js jetstream.JetStream, ms []*Message) ([]jetstream.PubAckFuture, error) {
	futs := make([]jetstream.PubAckFuture, 0, len(ms))
	for _, m := range ms {
		fut, err := publishAsync(js, m)
		if err != nil {
			return nil, err
		}
		futs = append(futs, fut)
	}
	return futs, nil
}

// awaitAcks waits for the acks of ms, sent as futs. While the downstream
// stream is full it keeps retrying (back-pressure), calling touch now and
// then so the input is not redelivered meanwhile; only ctx ends that wait.
func awaitAcks(ctx context.Context, js jetstream.JetStream, ms []*Message, futs []jetstream.PubAckFuture, timeout time.Duration, touch func()) error {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	lastTouch := time.Now()
	for i := 0; i < len(futs); i++ {
		select {
		case <-futs[i].Ok():
		case err := <-futs[i].Err():
			if !IsFull(err) {
				return fmt.Errorf("publish %s: %w", ms[i].Subject, err)
			}
			if touch != nil && time.Since(lastTouch) > 5*time.Second {
				touch()
				lastTouch = time.Now()
			}
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(fullRetry):
			}
			fut, err := publishAsync(js, ms[i])
			if err != nil {
				return err
			}
			futs[i] = fut
			deadline.Reset(timeout)
			i-- // wait for this one again
		case <-deadline.C:
			return fmt.Errorf("publish %s: %w", ms[i].Subject, context.DeadlineExceeded)
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

func toNats(m *Message) *nats.Msg {
	m.Encode()
	nm := nats.NewMsg(m.Subject)
	for k, v := range m.Header {
		if k == HeaderMsgID {
			continue // set by WithMsgID
		}
		nm.Header[k] = v
	}
	nm.Data = m.Data
	return nm
}

func fromNats(js jetstream.JetStream, jm jetstream.Msg) *Message {
	m := &Message{Subject: jm.Subject(), Data: jm.Data(), Header: Header(jm.Headers()), raw: newAckHandle(js, jm)}
	if m.Header == nil {
		m.Header = Header{}
	}
	m.ID = m.Header.Get(HeaderMsgID)
	if md, err := jm.Metadata(); err == nil {
		m.Stream, m.Seq, m.Delivered = md.Stream, md.Sequence.Stream, int(md.NumDelivered)
	}
	return m
}

// Outcome is what the broker said of one message of PublishEach.
type Outcome struct {
	Duplicate bool  // the broker already held a message with this id
	Err       error // not stored; IsFull(Err) when its stream is full
}

// ErrNotSent is the outcome of a message PublishEach did not send,
// because an earlier one could not be.
var ErrNotSent = errors.New("not sent")

// PublishEach sends ms at once and waits for the broker's answer to each,
// without retrying a full stream: a caller that answers someone (an HTTP
// client) says which were stored, which were duplicates, and which must
// be sent again later.
func PublishEach(ctx context.Context, js jetstream.JetStream, ms []*Message) []Outcome {
	out := make([]Outcome, len(ms))
	futs := make([]jetstream.PubAckFuture, len(ms))
	for i, m := range ms {
		f, err := publishAsync(js, m)
		if err != nil {
			out[i].Err = err
			for j := i + 1; j < len(ms); j++ {
				out[j].Err = ErrNotSent
			}
			break
		}
		futs[i] = f
	}
	for i, f := range futs {
		if f == nil {
			continue
		}
		select {
		case ack := <-f.Ok():
			out[i].Duplicate = ack.Duplicate
		case err := <-f.Err():
			out[i].Err = err
		case <-ctx.Done():
			out[i].Err = ctx.Err()
		}
	}
	return out
}
