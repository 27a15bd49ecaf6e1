package parse_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cablewire/cablewire/pipeline"
	"github.com/cablewire/cablewire/pipeline/pipelinetest"
	"github.com/cablewire/cablewire/schemas"
	"github.com/cablewire/cablewire/stages/parse"
)

// The parse stage keeps the handler contract (pipelinetest), on the
// golden fixtures as ingest publishes them and on a binary csv record.
func TestStageConformance(t *testing.T) {
	paths, _ := filepath.Glob("testdata/golden/*.txt")
	if len(paths) == 0 {
		t.Fatal("no golden fixtures")
	}
	var inputs []*pipeline.Message
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		doc := schemas.Document{Format: schemas.FormatText, Source: p, Hash: "h", Body: b}
		inputs = append(inputs, &pipeline.Message{ID: strings.TrimSuffix(filepath.Base(p), ".txt") + ":h", Header: doc.Headers(), Data: b})
	}
	rec := schemas.SourceRecord{ID: 1, Date: "05/04/2009 10:00", RefID: "09PARIS100", Classification: "CONFIDENTIAL", Origin: "Embassy Paris", Body: "SUBJECT: A TEST\n\n1. (C) Text.\n"}
	doc := schemas.Document{RefID: rec.RefID, Format: schemas.FormatRecord, Source: "x.csv:2", Hash: "h", Body: rec.AppendBinary(nil)}
	inputs = append(inputs, &pipeline.Message{ID: "09PARIS100:h", Header: doc.Headers(), Data: doc.Body})
	pipelinetest.HandlerConformance(t, parse.Stage(), inputs)
}
