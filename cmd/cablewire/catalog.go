package main

import (
	"context"
	"flag"
	"log/slog"

	"github.com/cablewire/cablewire/stages/sink"
	"github.com/cablewire/cablewire/stages/sink/iceberg"
)

// catalogFlags holds the Iceberg catalog flags of a sink (--catalog,
// --catalog-uri) in the sink's Config until the sink opens, when
// openSinkCatalog puts the opened tables in its place. Until then it is
// told of nothing.
type catalogFlags struct{ cfg iceberg.Config }

func (*catalogFlags) Committed(*sink.Record) {}

// addCatalogFlags registers the catalog flags on fs, into sc.Catalog.
func addCatalogFlags(fs *flag.FlagSet, sc *sink.Config) {
	cf := &catalogFlags{}
	sc.Catalog = cf
	fs.StringVar(&cf.cfg.Catalog, "catalog", iceberg.KindSQL, "sink: Iceberg catalog of the warehouse's tables: sql (SQLite under the warehouse, or PostgreSQL with --catalog-uri), rest, or none")
	fs.StringVar(&cf.cfg.URI, "catalog-uri", "", "sink: the catalog: a SQLite file (default W/"+iceberg.DefaultSQLite+"), postgres://USER@HOST:PORT/DB, or the REST catalog's URL")
}

// openSinkCatalog starts the Iceberg tables sc's flags name (they mirror
// what a crash left first) and puts them in sc.Catalog; close stops them
// after the sink has closed, after a last sync. With --catalog none,
// sc.Catalog is nil.
func openSinkCatalog(ctx context.Context, sc *sink.Config, log *slog.Logger) (close func() error, err error) {
	cf, ok := sc.Catalog.(*catalogFlags)
	if !ok {
		return func() error { return nil }, nil
	}
	sc.Catalog = nil
	if sc.S3 != nil {
		// Iceberg tables are kept for a warehouse in a directory only: on
		// S3, sc.Dir is the sink's local work directory, not the tables'.
		if cf.cfg.Catalog != iceberg.KindNone {
			log.Info("iceberg: no tables for an S3 warehouse (not supported yet); the Hive files are the warehouse")
		}
		return func() error { return nil }, nil
	}
	cfg := cf.cfg
	cfg.Warehouse = sc.Dir
	// In the background: a catalog that is down, or the warehouse's disk
	// full, must not stop the sink; the commit log keeps what the tables
	// have yet to mirror, and the next sync (or the next sink) does it.
	tabs, err := iceberg.OpenBackground(cfg, log)
	if err != nil || tabs == nil {
		return func() error { return nil }, err
	}
	tabs.Start()
	sc.Catalog = tabs
	return func() error {
		if err := tabs.Close(context.Background()); err != nil {
			log.Warn("iceberg: the tables are behind the warehouse; the next sink or compact finishes them", "err", err)
		}
		return nil
	}, nil
}
