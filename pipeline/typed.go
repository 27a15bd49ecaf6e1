package pipeline

import (
	"context"
	"fmt"
)

// Decoder reads a stage's input from the wire: its data and headers.
type Decoder[In any] func(data []byte, h Header) (In, error)

// TypedFunc is a typed one-in, one-out stage: it takes its input as a
// value and returns its output as one, with the output's headers.
type TypedFunc[In, Out any] func(ctx context.Context, in In, h Header) (Out, Header, error)

// Typed makes a Handler of a typed stage, with the codec at the runtime's
// boundary: the input is decoded only when it came from the broker (in a
// Chain the previous stage's output arrives as a value, already typed),
// and the output is handed on as a value (Message.Value), which the
// runtime encodes once, when it leaves for the broker (an Encoder). An
// input that does not decode is permanent: a retry cannot cure it. The
// output's id is idPrefix + ":" + the input's, so a redelivered input
// republishes nothing new.
func Typed[In, Out any](idPrefix string, decode Decoder[In], f TypedFunc[In, Out]) Handler {
	return HandlerFunc(func(ctx context.Context, m *Message) ([]*Message, error) {
		in, ok := m.Value.(In)
		if !ok {
			var err error
			if in, err = decode(m.Data, m.Header); err != nil {
				return nil, Permanent(fmt.Errorf("%s: undecodable input: %w", idPrefix, err))
			}
		}
		out, h, err := f(ctx, in, m.Header)
		if err != nil {
			return nil, err
		}
		return []*Message{{ID: idPrefix + ":" + m.ID, Header: h, Value: out}}, nil
	})
}
