package enrich

import (
	"context"
	"fmt"

	"github.com/cablewire/cablewire/pipeline"
	"github.com/cablewire/cablewire/schemas"
)

// Stage is the enrich stage's pipeline handler: a parsed cable in (a value
// when chained after parse, else decoded), the same cable with its
// entities and countries out, on the subject the runner gives it
// (RunnerConfig.Output). An undecodable input is permanent.
func Stage() pipeline.Handler {
	return pipeline.Typed("enriched", decodeCable, func(_ context.Context, c *schemas.Cable, _ pipeline.Header) (*schemas.Cable, pipeline.Header, error) {
		Enrich(c)
		h := pipeline.Header(c.Headers())
		h.Set(HeaderEntities, fmt.Sprint(len(c.Entities)))
		return c, h, nil
	})
}

func decodeCable(data []byte, h pipeline.Header) (*schemas.Cable, error) {
	c, err := schemas.DecodeCable(data, h.Get(schemas.HeaderContentType))
	return &c, err
}

// HeaderEntities carries the number of entities found, for counting
// without decoding.
const HeaderEntities = "Cablewire-Entities"
