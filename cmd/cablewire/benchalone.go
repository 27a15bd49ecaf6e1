package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
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

// aloneRounds is how many times the parse, enrich and sink measurements
// run; the best round counts. A few seconds each, they are otherwise at the
// mercy of whatever else the machine does meanwhile, and the ratios built
// on them with them. Ingest is measured once, as it reads the sample:
// another round would read the input up to the sample again.
const aloneRounds = 2

// measureStagesAlone runs each stage's work, as the runtime calls it (codec
// included) but without JetStream, over n documents of inputs after the
// first skip: ingest reading and encoding them (one goroutine, as it runs),
// parse and enrich on every core, the sink on one goroutine (its contract,
// with its background commits). The slowest of these bounds what the
// pipeline can do; their CPU per cable, summed, bounds what it can do on
// shared cores.
func measureStagesAlone(ctx context.Context, inputs []string, skip, n int, dir string) ([]benchAlone, error) {
	raw, ingestAlone, err := readAlone(ctx, inputs, skip, n)
	if err != nil {
		return nil, err
	}
	var best []benchAlone
	for round := range aloneRounds {
		as, err := handleAlone(ctx, raw, filepath.Join(dir, fmt.Sprint(round)))
		if err != nil {
			return nil, err
		}
		if best == nil {
			best = as
			continue
		}
		for i, a := range as {
			best[i].CablesPerSec = max(best[i].CablesPerSec, a.CablesPerSec)
			best[i].CPUPerCable = min(best[i].CPUPerCable, a.CPUPerCable)
		}
	}
	return append([]benchAlone{ingestAlone}, best...), nil
}

// readAlone reads n documents after the first skip into raw messages,
// timing the reading of those n.
func readAlone(ctx context.Context, inputs []string, skip, n int) ([]*pipeline.Message, benchAlone, error) {
	var raw []*pipeline.Message
	var run aloneRun
	err := ingest.Read(ctx, inputs, func(doc schemas.Document, bad error) error {
		if bad == nil && skip > 0 {
			skip--
			return nil
		}
		if len(raw) == 0 {
			run = startAlone() // after the first document's read: n-1 are timed
		}
		if bad == nil {
			m := (ingest.Route{}).Message(doc)
			m.Seq = uint64(len(raw) + 1)
			raw = append(raw, m)
		}
		if len(raw) >= n {
			return errEnough
		}
		return nil
	})
	if err != nil && !errors.Is(err, errEnough) {
		return nil, benchAlone{}, err
	}
	return raw, run.done("ingest", max(0, len(raw)-1)), nil
}

// handleAlone runs parse, enrich and the sink in turn over raw, the sink
// into a warehouse at dir.
func handleAlone(ctx context.Context, raw []*pipeline.Message, dir string) ([]benchAlone, error) {
	parsed, parseAlone := runAlone(ctx, "parse", parse.Stage(), raw)
	enriched, enrichAlone := runAlone(ctx, "enrich", enrich.Stage(), parsed)
	s, err := sink.Open(sink.Config{Dir: dir})
	if err != nil {
		return nil, err
	}
	defer s.Close()
	sinkRun := startAlone()
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
	return []benchAlone{parseAlone, enrichAlone, sinkRun.done("sink", len(enriched))}, nil
}

// aloneRun is a stage-alone measurement under way: wall and process CPU
// time since its start.
type aloneRun struct {
	start time.Time
	cpu   time.Duration
}

func startAlone() aloneRun { return aloneRun{time.Now(), cpuTime()} }

func (r aloneRun) done(name string, cables int) benchAlone {
	a := benchAlone{Name: name}
	if cables > 0 {
		a.CablesPerSec = float64(cables) / time.Since(r.start).Seconds()
		a.CPUPerCable = (cpuTime() - r.cpu).Seconds() * 1e6 / float64(cables)
	}
	return a
}

// runAlone calls h on every message with one goroutine per core and
// returns the outputs and the measurement.
func runAlone(ctx context.Context, name string, h pipeline.Handler, in []*pipeline.Message) ([]*pipeline.Message, benchAlone) {
	out := make([]*pipeline.Message, len(in))
	var next atomic.Int64
	var wg sync.WaitGroup
	run := startAlone()
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(in) {
					return
				}
				if o, err := h.Handle(ctx, in[i]); err == nil && len(o) == 1 {
					// As deployed alone: the output is encoded for the
					// broker, and the next stage decodes it.
					o[0].Encode()
					o[0].Value = nil
					out[i] = o[0]
				}
			}
		})
	}
	wg.Wait()
	a := run.done(name, len(in))
	kept := out[:0]
	for _, m := range out {
		if m != nil {
			kept = append(kept, m)
		}
	}
	return kept, a
}
