package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/cablewire/cablewire/stages/sink"
	"github.com/cablewire/cablewire/stages/sink/iceberg"
)

func init() {
	register("compact", "merge each partition's small files (compact --warehouse DIR [--table T] [--partition year=YYYY/month=MM])", runCompact)
}

// runCompact compacts the warehouse once, beside any sinks running on it:
// the swaps take the warehouse's commit lock, and readers that glob the
// partitions' directories never see a row twice (stages/sink/compact.go).
func runCompact(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("compact", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg := sink.CompactConfig{}
	fs.StringVar(&cfg.Dir, "warehouse", "warehouse", "the warehouse directory")
	fs.StringVar(&cfg.Table, "table", "", "compact this table only (cables, paragraphs, entities, recipients, cable_references)")
	fs.StringVar(&cfg.Partition, "partition", "", "compact this partition only (year=YYYY/month=MM)")
	fs.Int64Var(&cfg.TargetBytes, "target-bytes", 128<<20, "size of the merged files; files of half this or more are left alone")
	fs.IntVar(&cfg.MinFiles, "min-files", 1, "compact a partition's table once it has this many small files (1: also rewrite a lone file the sink wrote, denser)")
	fs.DurationVar(&cfg.Grace, "grace", 5*time.Minute, "keep a replaced generation of a partition this long for readers with its files open")
	fs.StringVar(&cfg.Compression, "compression", "zstd", "page codec of the merged files: zstd or snappy")
	var cat iceberg.Config
	fs.StringVar(&cat.Catalog, "catalog", iceberg.KindSQL, "Iceberg catalog of the warehouse's tables (sql, rest or none; as run's): each swap commits an overwrite snapshot")
	fs.StringVar(&cat.URI, "catalog-uri", "", "the catalog: a SQLite file (default W/"+iceberg.DefaultSQLite+"), postgres://USER@HOST:PORT/DB, or the REST catalog's URL")
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return err
		}
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected arguments %q", errUsage, fs.Args())
	}
	if _, ok, _ := sink.ParseS3URL(cfg.Dir); ok {
		return fmt.Errorf("compaction of an S3 warehouse is not supported (no rename on S3 to swap a partition with): %s", cfg.Dir)
	}
	cat.Warehouse = cfg.Dir
	tabs, err := iceberg.Open(ctx, cat, nil)
	if err != nil {
		return err
	}
	if tabs != nil {
		cfg.Catalog = tabs
	}
	start := time.Now()
	st, err := sink.Compact(ctx, cfg)
	if cerr := tabs.Close(context.Background()); err == nil && cerr != nil {
		err = fmt.Errorf("compacted, but the Iceberg snapshot is not committed yet (the next sync commits it): %w", cerr)
	}
	if err != nil {
		return err
	}
	el := time.Since(start)
	fmt.Fprintf(stdout, "compacted %d table partitions: %d files (%.1f MB) into %d (%.1f MB), %d rows, %s\n",
		st.Partitions, st.FilesIn, float64(st.BytesIn)/1e6, st.FilesOut, float64(st.BytesOut)/1e6, st.Rows, el.Round(time.Millisecond))
	return nil
}
