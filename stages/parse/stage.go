package parse

import (
	"context"

	"github.com/cablewire/cablewire/pipeline"
	"github.com/cablewire/cablewire/schemas"
)

// Stage is the parse stage's pipeline handler: a raw document in, a parsed
// cable (schemas' binary encoding) out, on the subject the runner gives
// it (RunnerConfig.Output). Every parse error is permanent
// (parsing is deterministic; a retry cannot cure it), so a malformed cable
// goes to the dead letters with the reason.
func Stage() pipeline.Handler {
	return pipeline.HandlerFunc(func(ctx context.Context, m *pipeline.Message) ([]*pipeline.Message, error) {
		c, err := Parse(schemas.DocumentOf(m.Header, m.Data))
		if err != nil {
			return nil, pipeline.Permanent(err)
		}
		// The cable travels as a value: chained, enrich takes it as it is;
		// alone, the runtime encodes it when it publishes.
		return []*pipeline.Message{{ID: "parsed:" + m.ID, Header: c.Headers(), Value: &c}}, nil
	})
}
