package pipeline

import (
	"context"
	"fmt"
	"time"
)

// Timeout bounds a Handle call: stage code stuck on a pathological input
// must not take a worker forever. The abandoned call's goroutine is left
// to finish on its own; the message fails permanently with the reason
// (dead-lettered). If ctx itself ends first (a drain that ran out of
// time), the error is ctx's: retried later, not the input's fault.
func Timeout(stage string, d time.Duration) Middleware {
	return func(h Handler) Handler {
		return HandlerFunc(func(ctx context.Context, m *Message) ([]*Message, error) {
			type result struct {
				outs []*Message
				err  error
			}
			hctx, cancel := context.WithTimeout(ctx, d)
			defer cancel()
			done := make(chan result, 1)
			go func() {
				outs, err := h.Handle(hctx, m)
				done <- result{outs, err}
			}()
			select {
			case res := <-done:
				return res.outs, res.err
			case <-hctx.Done():
				if ctx.Err() != nil {
					return nil, ctx.Err()
				}
				return nil, Permanent(fmt.Errorf("%s: gave up after %v (input may be pathological)", stage, d))
			}
		})
	}
}
