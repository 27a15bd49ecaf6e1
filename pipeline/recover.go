package pipeline

import (
	"context"
	"fmt"
)

// Recover turns a panic in stage code into a permanent error, so one bad
// input is dead-lettered with the reason instead of stopping the pipeline.
func Recover() Middleware {
	return func(h Handler) Handler {
		return HandlerFunc(func(ctx context.Context, m *Message) (outs []*Message, err error) {
			defer func() {
				if p := recover(); p != nil {
					outs, err = nil, Permanent(fmt.Errorf("panic in stage: %v", p))
				}
			}()
			return h.Handle(ctx, m)
		})
	}
}
