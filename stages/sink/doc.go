// Package sink writes enriched cables into the warehouse: Hive-partitioned
// Parquet tables (cables, paragraphs, entities) under year=YYYY/month=MM/,
// committed exactly once.
//
// The Sink is a pipeline.Committer: it holds each message until the files
// holding its rows are committed, then hands it back to be acked. A commit:
//  1. the partition's files, written under names readers skip
//     (_NAME.parquet.tmp), are closed and fsynced;
//  2. a commit record (files, rows, stream sequences, cables with their
//     content hash and version, schema version) is written atomically to
//     _cablewire/commits/ — this is the commit point;
//  3. the files are renamed into place and their directories fsynced;
//  4. the messages are handed back for acking.
//
// On Open, records whose files were not yet renamed are rolled forward, and
// temporary files of dead writers are removed. A message whose stream
// sequence, or whose (reference id, content hash), is already committed is
// acked without being written again; a changed cable under a known reference
// id is written as a new version.
//
// Within each file rows are sorted by created (then reference id, version,
// and paragraph or position), as the files' metadata declares: each row
// group's worth of rows is sorted in memory and spilled as a run to
// _cablewire/tmp/, and the runs are merged into the file when it closes.
//
// One goroutine calls Add, Tick and Flush (the runtime's contract). Several
// Sink processes may share a warehouse directory: each holds a lock on its
// own instance file, and only the temporary files of unlocked instances are
// removed.
package sink
