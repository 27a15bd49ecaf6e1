package main

import (
	"context"
	"errors"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cablewire/cablewire/pipeline"
	"github.com/cablewire/cablewire/schemas"
	"github.com/cablewire/cablewire/stages/enrich"
	"github.com/cablewire/cablewire/stages/ingest"
	"github.com/cablewire/cablewire/stages/parse"
	"github.com/cablewire/cablewire/stages/sink"
)

var errEnough = errors.New("enough")

// measureStagesAlone runs each stage's handler, as the runtime calls it
// (codec included) but without JetStream, over n documents of inputs after
// the first skip: parse and enrich on every core, the sink on one
// goroutine (its contract). The slowest of these bounds what the pipeline
// can do.
func measureStagesAlone(ctx context.Context, inputs []string, skip, n int, dir string) ([]benchAlone, error) {
	var raw []*pipeline.Message
	err := ingest.Read(ctx, inputs, func(doc schemas.Document, bad error) error {
		if bad == nil && skip > 0 {
			skip--
			return nil
		}
		if bad == nil {
			m := ingest.Message(doc)
			m.Seq = uint64(len(raw) + 1)
			raw = append(raw, m)
		}
		if len(raw) >= n {
			return errEnough
		}
		return nil
	})
	if err != nil && !errors.Is(err, errEnough) {
		return nil, err
	}
	parsed, parseRate := runAlone(ctx, parse.Stage(), raw)
	enriched, enrichRate := runAlone(ctx, enrich.Stage(), parsed)
	s, err := sink.Open(sink.Config{Dir: dir})
	if err != nil {
		return nil, err
	}
	defer s.Close()
	start := time.Now()
	for i, m := range enriched {
		m.Stream, m.Seq = "BENCH", uint64(i+1)
		res, err := s.Add(ctx, m)
		if err = errors.Join(err, res.Err); err != nil {
			return nil, err
		}
	}
	if res, err := s.Flush(ctx); err != nil || res.Err != nil {
		return nil, errors.Join(err, res.Err)
	}
	sinkRate := float64(len(enriched)) / time.Since(start).Seconds()
	return []benchAlone{{"parse", parseRate}, {"enrich", enrichRate}, {"sink", sinkRate}}, nil
}

// runAlone calls h on every message with one goroutine per core and
// returns the outputs and the rate.
func runAlone(ctx context.Context, h pipeline.Handler, in []*pipeline.Message) ([]*pipeline.Message, float64) {
	out := make([]*pipeline.Message, len(in))
	var next atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(in) {
					return
				}
				if o, err := h.Handle(ctx, in[i]); err == nil && len(o) == 1 {
					out[i] = o[0]
				}
			}
		})
	}
	wg.Wait()
	rate := float64(len(in)) / time.Since(start).Seconds()
	kept := out[:0]
	for _, m := range out {
		if m != nil {
			kept = append(kept, m)
		}
	}
	return kept, rate
}
