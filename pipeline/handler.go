package pipeline

import (
	"context"
	"errors"
	"time"
)

// Handler is a one-message stage (parse, enrich). It returns the messages
// to publish downstream; nil error means the runtime publishes them and acks
// the input. It must not keep m after returning.
type Handler interface {
	Handle(ctx context.Context, m *Message) ([]*Message, error)
}

// HandlerFunc adapts a function to Handler.
type HandlerFunc func(ctx context.Context, m *Message) ([]*Message, error)

// Handle calls f.
func (f HandlerFunc) Handle(ctx context.Context, m *Message) ([]*Message, error) { return f(ctx, m) }

// Committer is a stage that holds messages until it has durably committed
// what they carry (the sink). Calls are made from one goroutine.
type Committer interface {
	// Add takes m. An error means m was not taken: the runtime retries it or
	// dead-letters it. The Result may hand back messages committed now,
	// including earlier ones.
	Add(ctx context.Context, m *Message) (Result, error)
	// Tick commits what is due at now (age rotation). It is called on a
	// wall-clock ticker, so a quiet stream still commits on time.
	Tick(ctx context.Context, now time.Time) (Result, error)
	// Flush commits everything held. It is called on drain and when asked to
	// (bulk mode's end).
	Flush(ctx context.Context) (Result, error)
}

// Result is what a Committer hands back: messages to ack, and messages it
// gave up on (a failed commit), to be retried. Err says what failed, for
// the log: a commit finished in the background fails apart from the call
// that hands it back, whose own error is about its own message.
type Result struct {
	Committed []*Message
	Failed    []*Message
	Err       error
}

// Merge appends o's messages to r's, and joins the errors.
func (r *Result) Merge(o Result) {
	r.Committed = append(r.Committed, o.Committed...)
	r.Failed = append(r.Failed, o.Failed...)
	r.Err = errors.Join(r.Err, o.Err)
}
