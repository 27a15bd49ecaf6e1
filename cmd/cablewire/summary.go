package main

import (
	"fmt"
	"io"
	"time"

	"github.com/cablewire/cablewire/pipeline"
	"github.com/cablewire/cablewire/stages/ingest"
	"github.com/cablewire/cablewire/stages/sink"
)

type summary struct {
	ingest      ingest.Stats
	stages      []*pipeline.StageStats
	sink        *sink.Sink
	elapsed     time.Duration
	warehouse   string
	interrupted bool
	follow      bool
}

func writeSummary(w io.Writer, s summary) {
	switch {
	case s.follow:
		fmt.Fprintln(w, "stopped: drained; what was committed is acked, the rest stays queued for the next run")
	case s.interrupted:
		fmt.Fprintln(w, "interrupted: drained; what was committed is acked, the rest stays queued for the next run")
	}
	var parsed, dead int64
	dead = s.ingest.DeadLettered
	for _, st := range s.stages {
		if st.Name == stageParse.name || st.Name == stageChain.name {
			parsed += st.Acked.Load()
		}
		dead += st.DeadLettered.Load()
	}
	fmt.Fprintf(w, "cables read          %d\n", s.ingest.Read)
	fmt.Fprintf(w, "published            %d\n", s.ingest.Published)
	dupSink := int64(0)
	if s.sink != nil {
		dupSink = s.sink.Stats.Duplicates.Load()
	}
	fmt.Fprintf(w, "duplicates skipped   %d (already loaded: %d by the broker, %d by the warehouse)\n",
		s.ingest.Duplicates+dupSink, s.ingest.Duplicates, dupSink)
	fmt.Fprintf(w, "parsed               %d\n", parsed)
	fmt.Fprintf(w, "dead-lettered        %d\n", dead)
	for _, r := range pipeline.SortReasons(s.ingest.Reasons) {
		fmt.Fprintf(w, "  %-12s %6d  %s\n", "ingest", r.Count, r.Reason)
	}
	for _, st := range s.stages {
		for _, r := range st.Reasons() {
			fmt.Fprintf(w, "  %-12s %6d  %s\n", st.Name, r.Count, r.Reason)
		}
	}
	if s.sink != nil {
		st := &s.sink.Stats
		fmt.Fprintf(w, "entities found       %d\n", st.Entities.Load())
		fmt.Fprintf(w, "rows written         cables %d, paragraphs %d, entities %d\n",
			st.Cables.Load(), st.Paragraphs.Load(), st.Entities.Load())
		fmt.Fprintf(w, "files written        %d (%d commits, %.1f MB) in %s\n",
			st.Files.Load(), st.Commits.Load(), float64(st.Bytes.Load())/1e6, s.warehouse)
		fmt.Fprintf(w, "files merged         %d (rows out of time order, sorted through runs)\n", st.Merged.Load())
		if n := st.Compacted.Load(); n > 0 {
			fmt.Fprintf(w, "files compacted      %d (small files merged in the background)\n", n)
		}
		if err := s.sink.CompactionErr(); err != nil {
			fmt.Fprintf(w, "compaction failed    %v\n", err)
		}
	}
	secs := s.elapsed.Seconds()
	fmt.Fprintf(w, "elapsed              %s\n", s.elapsed.Round(time.Millisecond))
	if secs > 0 && !s.follow {
		fmt.Fprintf(w, "throughput           %.0f cables/s\n", float64(s.ingest.Read)/secs)
	}
}
