package pipeline_test

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/cablewire/cablewire/pipeline"
)

// Chain runs stages one after the other in one worker: each output is the
// next stage's input, handed over in memory (Value) rather than through a
// stream. An error names the stage it came from, so the runner
// dead-letters the input under that stage.
func ExampleChain() {
	upper := pipeline.HandlerFunc(func(ctx context.Context, m *pipeline.Message) ([]*pipeline.Message, error) {
		return []*pipeline.Message{{ID: "upper:" + m.ID, Value: strings.ToUpper(string(m.Data))}}, nil
	})
	exclaim := pipeline.HandlerFunc(func(ctx context.Context, m *pipeline.Message) ([]*pipeline.Message, error) {
		s, _ := m.Value.(string)
		if s == "" {
			return nil, pipeline.Permanent(errors.New("nothing to say"))
		}
		return []*pipeline.Message{{ID: "exclaim:" + m.ID, Data: []byte(s + "!")}}, nil
	})
	chain := pipeline.Chain(pipeline.Link{Stage: "upper", Handler: upper}, pipeline.Link{Stage: "exclaim", Handler: exclaim})

	outs, _ := chain.Handle(context.Background(), &pipeline.Message{ID: "1", Data: []byte("hello")})
	fmt.Println(outs[0].ID, string(outs[0].Data))
	_, err := chain.Handle(context.Background(), &pipeline.Message{ID: "2"})
	var se *pipeline.StageError
	fmt.Println(errors.As(err, &se), se.Stage, pipeline.IsPermanent(err))
	// Output:
	// exclaim:upper:1 HELLO!
	// true exclaim true
}
