// Package iceberg mirrors the warehouse's commit log into Apache Iceberg
// tables (github.com/apache/iceberg-go), one per warehouse table, so that
// engines that want a catalog (Trino, Spark, PyIceberg, DuckDB's iceberg
// extension) read the same Parquet files the Hive directories hold, at a
// consistent snapshot.
//
// Contract:
//   - The sink's commit log (_cablewire/commits/) is the source of truth;
//     Iceberg follows it. A snapshot is committed only after the warehouse
//     commit it mirrors (its commit point passed, its files in place), and
//     it references the files where they are: nothing is rewritten or
//     copied.
//   - Every snapshot's summary names the commit records it mirrors
//     (cablewire.commit-ids) and their stream sequences
//     (cablewire.stream-seqs). A Tables that opens (a restarted sink, a
//     compaction) reads the log, finds the records no snapshot names (a
//     crash between the warehouse commit and the Iceberg one), and finishes
//     them. A file already in the current snapshot is never added again.
//   - A sink's commit becomes an append snapshot; a compaction's, one
//     overwrite (replace) snapshot that removes the files it merged and
//     adds the merged ones, so a reader of a snapshot never sees a row
//     twice or misses one.
//   - A commit that loses a race in the catalog (another writer committed
//     first) is retried from a refreshed table, recomputed from the log.
//     Syncers on one warehouse serialize on _cablewire/iceberg/sync.lock.
//
// Tables are partitioned by month(created), the same partitions as the Hive
// directories (year=YYYY/month=MM); every column has a field id (the files
// themselves carry none, so the table's schema.name-mapping.default maps
// names to ids); the warehouse schema version is the table property
// cablewire.schema-version.
package iceberg
