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
// on Open (and every Config.CatchUpEvery, 10 s by default, to see what
// other sinks on the same directory committed) every record it has not
// applied is rolled forward (its files renamed into place) and applied. A restarted sink adopts the
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
// # On S3
//
// A warehouse at s3://bucket/prefix (Config.S3; the store interface in
// store.go, s3store.go) has the same layout under the prefix, and no
// rename, no flock and no fsync of a directory. The sink still writes and
// closes every file in its local directory (Config.Dir: temporary files,
// sorted runs, its index and instance lock); only the committed state is
// in the bucket. A commit:
//  1. the closed files are uploaded under their temporary names,
//     _cablewire/tmp/_NAME.parquet.tmp, which no glob of the tables
//     reaches ("staged");
//  2. the commit is reconciled, as on a directory, with every record in
//     the log it has not read;
//  3. the commit record is written to _cablewire/commits/N.json, N the
//     slot after the highest the sink has listed (twenty digits, so the
//     keys list in order), with If-None-Match: * — this is the commit
//     point. The server writes a key conditionally only if no object is
//     there, atomically (versitygw's POSIX backend checks the condition
//     and links the object under one lock per key), so of two sinks
//     taking slot N exactly one wins. The loser is told 412, reads the
//     winner's record (step 2 again: its cables are dropped, a version
//     it took is shifted) and tries N+1. This is the rule that keeps two
//     sinks from committing the same cable, on one host or several: every
//     commit is checked against every record before its slot, and no
//     lock or lease can go stale when a sink dies. A 412 on a slot that
//     holds this commit's own record (a retried request whose first try
//     was written) is taken as the commit;
//  4. each staged object is copied (server side) to its final key and the
//     staged one deleted;
//  5. and 6. as steps 4 and 5 on a directory.
//
// A crash before step 3 leaves staged objects no record names: the next
// sink to open on the same local directory removes those of instances that
// died there (their lock files unheld), and any sink removes those older
// than an hour (stagedMaxAge) — a commit that takes longer than that from
// staging to its record would lose its files. A crash after step 3 leaves
// a record whose files are staged: every sink's catch-up copies them into
// place (rollForward), as on a directory it renames them. A glob reader of
// the tables mid-commit sees some of the commit's files (each object whole:
// a copy is atomic per object) and never a staged or uncommitted one; as
// on a directory, the tables of one commit appear one by one.
//
// The log on S3 is append-only: no record is ever removed, so a sink lists
// only the keys after the last it saw. Compaction (which swaps a
// partition's directory in one rename) is not done on S3: Config.Compact is
// ignored and `cablewire compact` refuses an s3:// warehouse.
//
// A cable whose Cablewire-Warehouse header names another warehouse than
// this one (WarehouseIdentity) is refused, permanently.
package sink
