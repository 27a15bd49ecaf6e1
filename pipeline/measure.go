package pipeline

import (
	"context"
	"time"
)

// Measure counts every call of a stage in s: one delivery received, its
// time in stage code, and its latency (once Metrics exports the stage).
// The runner puts it outermost on every handler, so the time counted
// includes the other middleware's; a committer's Add is counted the same
// way.
func Measure(s *StageStats) Middleware {
	return func(h Handler) Handler {
		return HandlerFunc(func(ctx context.Context, m *Message) ([]*Message, error) {
			defer s.call()()
			return h.Handle(ctx, m)
		})
	}
}

// call counts a delivery received and returns the func that ends its
// call's measurement.
func (s *StageStats) call() func() {
	s.Received.Add(1)
	start := time.Now()
	return func() { s.handled(time.Since(start)) }
}
