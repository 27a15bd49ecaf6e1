package sink

import (
	"fmt"
	"time"
)

// Config sets the warehouse directory and when files close.
type Config struct {
	// Dir is the warehouse directory; with S3 set, it is the sink's local
	// working directory instead (temporary files, its index and instance
	// lock), and the warehouse is the bucket.
	Dir string
	// S3, when set, puts the warehouse at s3://bucket/prefix (s3store.go).
	S3 *S3Location
	// A partition's files are committed when the first of these is reached.
	//
	// TargetBytes is checked after each cable against an estimate of the
	// partition's files: the compressed bytes already encoded (row groups
	// written, or sorted runs spilled, which the final merge rewrites at
	// about the same size) plus, for rows still buffered in memory, their
	// strings uncompressed and a fixed allowance per row. The buffered part is an
	// upper bound, so files come out at most about TargetBytes, and short
	// of it by at most what zstd saves on one row group per table.
	TargetBytes int64         // estimated bytes of the partition's files (default 128 MB)
	MaxRows     int           // cables in the partition's files (default 50,000)
	MaxAge      time.Duration // since the partition was opened (default 1 minute)
	// MaxLag commits a partition once this many cables have gone to other
	// partitions since its last one: the stream has moved on, as a load in
	// time order moves from month to month, and holding the partition's
	// rows and messages until MaxAge or MaxOpen only costs memory and
	// latency (default 2,000; negative: never).
	MaxLag int
	// MaxOpen bounds the partitions open at once; opening one more commits
	// the oldest (default 8).
	MaxOpen int
	// CatchUpEvery is how often a running sink reads the commit log for
	// records other sinks on the same directory wrote, so that their
	// cables are found in its index (default 10 s). It is not what keeps
	// two sinks from committing a cable twice (the reconcile at each
	// commit is): a longer one costs only more rewrites when sinks are
	// given the same cables, and fewer listings of the log.
	CatchUpEvery time.Duration
	// RowGroupRows is the row group size of the cables files (default
	// 1,000); the paragraphs and entities files' row groups hold 8 and 16
	// times as many rows. A table's rows are sorted and written (or
	// spilled as a run) a row group at a time, once a row group and a half
	// is buffered. Memory is about MaxOpen times that per table, plus, for
	// files whose rows came out of order, the merge at commit, which reads
	// one page per column of every run at once.
	RowGroupRows int
	// MaxRuns commits a partition once any of its files has written this
	// many row groups (or spilled this many sorted runs), so a merge's
	// memory is bounded whatever MaxRows and TargetBytes allow (default 16).
	MaxRuns int
	// StreamEpoch identifies the input stream's incarnation (its creation
	// time); commit records carry it with their stream sequences, which
	// restart at 1 in a re-created stream.
	StreamEpoch string
	Now         func() time.Time // clock; time.Now by default
	// Compression is the files' page codec: "zstd" (default) or "snappy",
	// for readers without zstd.
	Compression string
	// Compact runs a background compaction of the partitions the sink
	// commits to (see compact.go); CompactConfig's zero values are its
	// defaults, but MinFiles, which is 4 unless set.
	Compact     bool
	CompactWith CompactConfig
	// Catalog, when set, is told of each commit once its files are in
	// place, and of the background compaction's (catalog.go).
	Catalog Catalog

	unsorted bool // write rows in arrival order (benchmarks measure the sort's cost)
}

func (c *Config) defaults() error {
	if c.TargetBytes <= 0 {
		c.TargetBytes = 128 << 20
	}
	if c.MaxRuns <= 0 {
		c.MaxRuns = 16
	}
	if c.MaxRows <= 0 {
		c.MaxRows = 50_000
	}
	if c.MaxAge <= 0 {
		c.MaxAge = time.Minute
	}
	if c.MaxLag == 0 {
		c.MaxLag = 2000
	}
	if c.CatchUpEvery <= 0 {
		c.CatchUpEvery = catchUpEvery
	}
	if c.MaxOpen <= 0 {
		c.MaxOpen = 8
	}
	if c.RowGroupRows <= 0 {
		c.RowGroupRows = defaultRowGroupRows
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Dir == "" {
		return fmt.Errorf("sink: no warehouse directory")
	}
	if _, err := codecFor(c.Compression, false); err != nil {
		return err
	}
	return nil
}

// MaxHeld is the most messages a Sink with this config holds unacked (its
// open partitions and the one being committed): the consumer's
// MaxAckPending must exceed it, or delivery silently stalls.
func (c Config) MaxHeld() int {
	c.defaults()
	return (c.MaxOpen + 1) * min(c.MaxRows, c.MaxRuns*c.RowGroupRows)
}
