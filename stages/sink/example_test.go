package sink_test

import (
	"context"
	"fmt"
	"os"
	"sort"
	"time"

	"github.com/cablewire/cablewire/pipeline"
	"github.com/cablewire/cablewire/schemas"
	"github.com/cablewire/cablewire/stages/sink"
)

// The sink holds a message until the files holding its rows are
// committed, then hands it back to be acked; the same cable again is
// acked at once, unwritten.
func ExampleSink() {
	dir, _ := os.MkdirTemp("", "warehouse")
	defer os.RemoveAll(dir)
	s, err := sink.Open(sink.Config{Dir: dir})
	if err != nil {
		panic(err)
	}
	defer s.Close()
	c := schemas.Cable{RefID: "09PARIS123", Created: time.Date(2009, 3, 4, 12, 0, 0, 0, time.UTC), ContentHash: "h1",
		Classification: "CONFIDENTIAL", Paragraphs: []schemas.Paragraph{{N: 1, Marking: "C", Text: "Text."}}}
	msg := func() *pipeline.Message {
		return &pipeline.Message{Header: pipeline.Header(c.Headers()), Data: c.AppendBinary(nil)}
	}
	ctx := context.Background()

	res, _ := s.Add(ctx, msg())
	fmt.Println("acked after Add:", len(res.Committed))
	res, _ = s.Flush(ctx)
	fmt.Println("acked after Flush:", len(res.Committed))
	res, _ = s.Add(ctx, msg())
	fmt.Println("the same cable again, acked at once:", len(res.Committed))

	var tables []string
	for _, t := range []string{schemas.TableCables, schemas.TableParagraphs} {
		if files, _ := os.ReadDir(dir + "/" + t + "/year=2009/month=03"); len(files) == 1 {
			tables = append(tables, t)
		}
	}
	sort.Strings(tables)
	fmt.Println("committed files:", tables)
	// Output:
	// acked after Add: 0
	// acked after Flush: 1
	// the same cable again, acked at once: 1
	// committed files: [cables paragraphs]
}
