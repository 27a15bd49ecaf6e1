package enrich_test

import (
	"testing"

	"github.com/cablewire/cablewire/pipeline"
	"github.com/cablewire/cablewire/pipeline/pipelinetest"
	"github.com/cablewire/cablewire/schemas"
	"github.com/cablewire/cablewire/stages/enrich"
)

// The enrich stage keeps the handler contract (pipelinetest), on parsed
// cables as they arrive from the parsed stream.
func TestStageConformance(t *testing.T) {
	var inputs []*pipeline.Message
	for i, body := range []string{
		"1. (C) Ambassador Charles Rivkin met Prime Minister Francois Fillon in Paris on May 4.",
		"1. (S) The IAEA Director General said Iran's Ministry of Foreign Affairs would answer.",
		"1. (U) NO NAMES HERE, ONLY CAPITALS AND THE GOB.",
	} {
		c := schemas.Cable{RefID: "09PARIS10" + string(rune('0'+i)), Origin: "Embassy Paris", Body: body,
			Paragraphs: []schemas.Paragraph{{N: 1, Marking: "C", Text: body[7:]}}}
		h := pipeline.Header(c.Headers())
		inputs = append(inputs, &pipeline.Message{ID: "parsed:" + c.RefID, Header: h, Data: c.AppendBinary(nil)})
	}
	pipelinetest.HandlerConformance(t, enrich.Stage(), inputs)
}
