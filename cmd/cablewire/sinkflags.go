package main

import (
	"flag"

	"github.com/cablewire/cablewire/stages/sink"
)

func sinkFlags(fs *flag.FlagSet, sc *sink.Config) {
	fs.Int64Var(&sc.TargetBytes, "file-bytes", 128<<20, "sink: commit a partition's files at about this size")
	fs.IntVar(&sc.MaxRows, "file-rows", 50_000, "sink: commit a partition's files at this many cables")
	fs.DurationVar(&sc.MaxAge, "file-age", 30e9, "sink: commit a partition's files at this age")
	fs.IntVar(&sc.MaxOpen, "open-partitions", 8, "sink: partitions open at once")
	fs.DurationVar(&sc.CatchUpEvery, "catch-up", 10e9, "sink: read other sinks' commit records into the index this often (several sinks on one warehouse)")
	fs.IntVar(&sc.MaxLag, "file-lag", 2000, "sink: commit a partition's files once this many cables went to other partitions since its last (-1: never)")
	fs.BoolVar(&sc.Compact, "compact", true, "sink: merge a partition's small files in the background (--compact=false: never; see cablewire compact)")
	fs.StringVar(&sc.Compression, "compression", "zstd", "sink: page codec of the files, zstd or snappy (for readers without zstd)")
	addCatalogFlags(fs, sc)
}
