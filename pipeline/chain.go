package pipeline

import (
	"context"
	"errors"
)

// Link is one stage of a Chain: its name and its handler.
type Link struct {
	Stage   string
	Handler Handler
}

// Chain runs stages one after the other in the same worker: every output
// of a stage is the next stage's input, handed over in the process instead
// of through a stream (operator chaining). A chain of parse and enrich
// saves a stream's store, delivery, ack and delete for every cable; each
// stage still runs as its own process against its own stream wherever it
// is deployed alone.
//
// The last stage's outputs are the chain's. An error is wrapped in a
// StageError naming the stage that returned it, so the runner dead-letters
// the chain's input under that stage (and its dead-letter subject), as if
// the stage had run alone; a retry runs the whole chain again.
func Chain(links ...Link) Handler {
	return HandlerFunc(func(ctx context.Context, m *Message) ([]*Message, error) {
		in := []*Message{m}
		for _, l := range links {
			var out []*Message
			for _, x := range in {
				o, err := l.Handler.Handle(ctx, x)
				if err != nil {
					return nil, &StageError{Stage: l.Stage, Err: err}
				}
				out = append(out, o...)
			}
			in = out
		}
		return in, nil
	})
}

// StageError is an error of one stage of a Chain.
type StageError struct {
	Stage string
	Err   error
}

func (e *StageError) Error() string { return e.Stage + ": " + e.Err.Error() }
func (e *StageError) Unwrap() error { return e.Err }

// stageOf names the stage an error came from, the chain's link or else the
// runner's own, and returns the stage's own error.
func stageOf(err error, runner string) (string, error) {
	var se *StageError
	if errors.As(err, &se) {
		return se.Stage, se.Err
	}
	return runner, err
}
