package pipeline_test

import (
	"context"
	"fmt"
	"time"

	"github.com/cablewire/cablewire/pipeline"
)

// The runner wraps every stage's handler in Timeout(Recover(h)): a panic
// and a stuck call both become permanent errors, which it dead-letters.
func ExampleUse() {
	panics := pipeline.HandlerFunc(func(ctx context.Context, m *pipeline.Message) ([]*pipeline.Message, error) {
		panic("bad input")
	})
	stuck := pipeline.HandlerFunc(func(ctx context.Context, m *pipeline.Message) ([]*pipeline.Message, error) {
		<-ctx.Done()
		time.Sleep(time.Millisecond)
		return nil, nil
	})
	for _, h := range []pipeline.Handler{panics, stuck} {
		h = pipeline.Use(h, pipeline.Timeout("parse", 10*time.Millisecond), pipeline.Recover())
		_, err := h.Handle(context.Background(), &pipeline.Message{})
		fmt.Printf("%v (permanent: %v)\n", err, pipeline.IsPermanent(err))
	}
	// Output:
	// panic in stage: bad input (permanent: true)
	// parse: gave up after 10ms (input may be pathological) (permanent: true)
}
