package parse

import (
	"context"

	"github.com/cablewire/cablewire/pipeline"
	"github.com/cablewire/cablewire/schemas"
)

// Stage is the parse stage's pipeline handler: a raw document in, a parsed
// cable (schemas' binary encoding) out on schemas.SubjectParsed. Every parse error is permanent
// (parsing is deterministic; a retry cannot cure it), so a malformed cable
// goes to the dead letters with the reason.
func Stage() pipeline.Handler {
	return pipeline.HandlerFunc(func(ctx context.Context, m *pipeline.Message) ([]*pipeline.Message, error) {
		doc := schemas.Document{
			RefID:  m.Header.Get(schemas.HeaderRef),
			Format: m.Header.Get(schemas.HeaderFormat),
			Source: m.Header.Get(schemas.HeaderSource),
			Hash:   m.Header.Get(schemas.HeaderHash),
			Body:   m.Data,
		}
		c, err := Parse(doc)
		if err != nil {
			return nil, pipeline.Permanent(err)
		}
		b := c.AppendBinary(make([]byte, 0, 2*len(m.Data)))
		h := pipeline.Header{}
		h.Set(schemas.HeaderContentType, schemas.ContentType)
		h.Set(schemas.HeaderRef, c.RefID)
		h.Set(schemas.HeaderHash, c.ContentHash)
		return []*pipeline.Message{{ID: "parsed:" + m.ID, Subject: schemas.SubjectParsed, Header: h, Data: b}}, nil
	})
}
