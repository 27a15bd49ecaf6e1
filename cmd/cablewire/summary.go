package main

import (
	"fmt"
	"io"
	"time"

	"github.com/cablewire/cablewire/pipeline"
	"github.com/cablewire/cablewire/stages"
	"github.com/cablewire/cablewire/stages/ingest"
	"github.com/cablewire/cablewire/stages/sink"
)

type summary struct {
	started     time.Time
	ingest      ingest.Stats
	stages      []*pipeline.StageStats
	sink        *sink.Sink
	elapsed     time.Duration
	warehouse   string
	interrupted bool
	follow      bool
	// Set by the command for the JSON summary.
	command    string
	exitStatus int
	err        string
}

// loadCounts is every count the summary prints, in one place for the text
// and the JSON forms.
type loadCounts struct {
	Read                int64 `json:"read"`
	Published           int64 `json:"published"`
	DuplicatesBroker    int64 `json:"duplicates_broker"`
	DuplicatesWarehouse int64 `json:"duplicates_warehouse"`
	Parsed              int64 `json:"parsed"`
	DeadLettered        int64 `json:"dead_lettered"`
	// Incremental loads: new cables, changed ones written as a new version,
	// and unchanged ones (already in the warehouse). New and changed count
	// what this load wrote, including what a killed earlier load had
	// queued on the same broker.
	New       int64 `json:"new"`
	Changed   int64 `json:"changed"`
	Unchanged int64 `json:"unchanged"`
	// Resumed counts records not read again: checkpoints say an earlier
	// load committed them (they count as unchanged too).
	Resumed    int64 `json:"resumed"`
	Unreadable int64 `json:"unreadable"`
	Skipped    int64 `json:"skipped"`
}

func (s summary) counts() loadCounts {
	c := loadCounts{
		Read: s.ingest.Read, Published: s.ingest.Published, DuplicatesBroker: s.ingest.Duplicates,
		DeadLettered: s.ingest.DeadLettered, Unreadable: s.ingest.Unreadable, Skipped: int64(len(s.ingest.Skipped)),
	}
	for _, st := range s.stages {
		if st.Name == stages.Parse || st.Name == stages.ParseEnrich {
			c.Parsed += st.Acked.Load()
		}
		c.DeadLettered += st.DeadLettered.Load()
	}
	if s.sink != nil {
		c.DuplicatesWarehouse = s.sink.Stats.Duplicates.Load()
		c.Changed = s.sink.Stats.Versions.Load()
		c.New = s.sink.Stats.Cables.Load() - c.Changed
	}
	// Unchanged: what was read (or resumed past) and neither written nor
	// dead-lettered. Not broker + warehouse duplicates: after a crash, a
	// broker duplicate may be a message the killed load queued, written by
	// this one (and counted as new).
	c.Resumed = s.ingest.Resumed
	c.Unchanged = max(0, c.Read+c.Resumed-c.DeadLettered-c.New-c.Changed)
	return c
}

func writeSummary(w io.Writer, s summary) {
	switch {
	case s.follow:
		fmt.Fprintln(w, "stopped: drained; what was committed is acked, the rest stays queued for the next run")
	case s.interrupted:
		fmt.Fprintln(w, "interrupted: drained; what was committed is acked, the rest stays queued for the next run")
	}
	c := s.counts()
	fmt.Fprintf(w, "cables read          %d\n", c.Read)
	if c.Resumed > 0 {
		fmt.Fprintf(w, "resumed              %d records not read again (committed by an earlier load: checkpoint)\n", c.Resumed)
	}
	fmt.Fprintf(w, "published            %d\n", c.Published)
	fmt.Fprintf(w, "duplicates skipped   %d (already loaded: %d by the broker, %d by the warehouse)\n",
		c.DuplicatesBroker+c.DuplicatesWarehouse, c.DuplicatesBroker, c.DuplicatesWarehouse)
	fmt.Fprintf(w, "parsed               %d\n", c.Parsed)
	if s.sink != nil {
		fmt.Fprintf(w, "loaded               %d new, %d changed (new versions), %d unchanged\n", c.New, c.Changed, c.Unchanged)
	}
	fmt.Fprintf(w, "dead-lettered        %d\n", c.DeadLettered)
	for _, r := range pipeline.SortReasons(s.ingest.Reasons) {
		fmt.Fprintf(w, "  %-12s %6d  %s\n", "ingest", r.Count, r.Reason)
	}
	for _, st := range s.stages {
		for _, r := range st.Reasons() {
			fmt.Fprintf(w, "  %-12s %6d  %s\n", st.Name, r.Count, r.Reason)
		}
	}
	if c.Unreadable > 0 {
		fmt.Fprintf(w, "unreadable           %d\n", c.Unreadable)
		for _, p := range s.ingest.UnreadablePaths {
			fmt.Fprintf(w, "  %s\n", p)
		}
	}
	if c.Skipped > 0 {
		fmt.Fprintf(w, "skipped              %d\n", c.Skipped)
		for _, sk := range s.ingest.Skipped {
			fmt.Fprintf(w, "  %s: %s\n", sk.Path, sk.Reason)
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
