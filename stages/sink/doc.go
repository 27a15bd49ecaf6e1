// Package sink writes enriched cables into the warehouse: Hive-partitioned
// Parquet tables (cables, paragraphs, entities, and the flat recipients and
// cable_references) under year=YYYY/month=MM/, committed exactly once.
//
// The Sink is a pipeline.Committer: it holds each message until the files
// holding its rows are committed, then hands it back to be acked. A commit:
//  1. the partition's files, written under _cablewire/tmp/ with names
//     readers skip (_NAME.parquet.tmp), are closed and fsynced;
//     then, holding the warehouse's commit lock (_cablewire/commit.lock,
//     an flock shared by every sink on the directory, in any process)
//     until step 3 is done, the commit is reconciled with the records
//     its index had not taken in when the partition opened: cables
//     another sink committed are dropped from the files (their messages
//     are acked with this commit), and a changed cable whose version
//     another sink took gets the next free one (reconcile.go);
//  2. a commit record (files, rows, stream sequences, cables with their
//     content hash and version, schema version) is written atomically to
//     _cablewire/commits/ — this is the commit point;
//  3. the files are renamed into place and their directories fsynced;
//  4. the record's cables are added to the index;
//  5. the messages are handed back for acking — once step 2 is done, even if
//     a later step fails: the commit has happened, and the next catch-up
//     finishes it.
//
// The index — each committed (reference id, content hash) with its version
// — is a bbolt file under _cablewire/sinks/, derived from the commit log:
// on Open (and every few seconds, to see what other sinks on the same
// directory committed) every record it has not applied is rolled forward
// (its files renamed into place) and applied. A restarted sink adopts the
// index a dead or closed instance left, so it reads only the newer records;
// a lost or unreadable index is rebuilt from the log. Memory therefore does
// not grow with the warehouse. Temporary files of dead writers are removed
// on Open.
//
// A message whose (reference id, content hash) is committed — a redelivery
// whose ack was lost in a crash, or the same cable loaded again later, past
// the broker's duplicate window — is acked without being written again; a
// changed cable under a known reference id is written as a new version.
//
// Within each file rows are sorted by created (then reference id, version,
// and paragraph or position), as the files' metadata declares: each row
// group's worth of rows is sorted in memory and, while cables arrive in
// time order (a bulk load; a little reordering is absorbed), written to the
// file as a row group. Once rows arrive that sort before ones written, the
// file so far and each later row group become runs in _cablewire/tmp/,
// merged into the file when it closes.
//
// Only commits change a partition's directory, under the commit lock
// (_cablewire/commit.lock): a sink's step 3, a roll-forward's renames, and
// a compaction's swap. Compaction (compact.go) merges a partition's small
// files into files of about the target size and commits a record of kind
// KindCompact naming the files it replaces, then exchanges the partition's
// directory with a staging one in a single rename, so that a listing of
// the partition sees one generation whole. Such a record adds no cable to
// the index; a roll-forward renames only temporary files still present,
// so a replaced file never comes back.
//
// A Catalog (catalog.go; Iceberg's is stages/sink/iceberg) is told of a
// sink's commit after step 4 and of a compaction's after its swap; it
// mirrors the log, which stays the truth, and finds what it was not told
// (a crash in between) by reading the log itself.
//
// One goroutine calls Add, Tick and Flush (the runtime's contract). Several
// Sink processes may share a warehouse directory: each holds a lock on its
// own instance file, and only the temporary files of unlocked instances are
// removed; no two commit the same cable, by the reconciliation of step 1.
//
// A cable whose Cablewire-Warehouse header names another warehouse than
// this one (WarehouseIdentity) is refused, permanently.
package sink
