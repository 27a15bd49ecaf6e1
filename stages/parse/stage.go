package parse

import (
	"context"

	"github.com/cablewire/cablewire/pipeline"
	"github.com/cablewire/cablewire/schemas"
)

// Stage is the parse stage's pipeline handler: a raw document in, a parsed
// cable out (a value: chained, enrich takes it as it is; alone, the
// runtime encodes it when it publishes), on the subject the runner gives
// it (RunnerConfig.Output). Every parse error is permanent (parsing is
// deterministic; a retry cannot cure it), so a malformed cable goes to the
// dead letters with the reason.
func Stage() pipeline.Handler {
	return pipeline.Typed("parsed", decodeDocument, func(_ context.Context, doc schemas.Document, _ pipeline.Header) (*schemas.Cable, pipeline.Header, error) {
		c, err := Parse(doc)
		if err != nil {
			return nil, nil, pipeline.Permanent(err)
		}
		return &c, c.Headers(), nil
	})
}

// decodeDocument reads a raw message: the document's fields are headers,
// its body the data.
func decodeDocument(data []byte, h pipeline.Header) (schemas.Document, error) {
	return schemas.DocumentOf(h, data), nil
}
