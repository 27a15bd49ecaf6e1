package enrich

import (
	"context"
	"fmt"

	"github.com/cablewire/cablewire/pipeline"
	"github.com/cablewire/cablewire/schemas"
)

// Stage is the enrich stage's pipeline handler: a parsed cable in, the
// same cable with its entities and countries out, on the subject the
// runner gives it (RunnerConfig.Output). An undecodable input is permanent.
func Stage() pipeline.Handler {
	return pipeline.HandlerFunc(func(ctx context.Context, m *pipeline.Message) ([]*pipeline.Message, error) {
		c, ok := m.Value.(*schemas.Cable) // chained after parse: no decoding
		if !ok {
			d, err := schemas.DecodeCable(m.Data, m.Header.Get(schemas.HeaderContentType))
			if err != nil {
				return nil, pipeline.Permanent(fmt.Errorf("enrich: undecodable cable: %w", err))
			}
			c = &d
		}
		Enrich(c)
		h := pipeline.Header(c.Headers())
		h.Set(HeaderEntities, fmt.Sprint(len(c.Entities)))
		return []*pipeline.Message{{ID: "enriched:" + m.ID, Header: h, Value: c}}, nil
	})
}

// HeaderEntities carries the number of entities found, for counting
// without decoding.
const HeaderEntities = "Cablewire-Entities"
