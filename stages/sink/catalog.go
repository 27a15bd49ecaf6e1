package sink

import "slices"

// Catalog mirrors the warehouse's commits into a table catalog (Iceberg's:
// stages/sink/iceberg). The commit log stays the source of truth: a
// catalog is told of a commit only after its commit point has passed and
// its files are in place, and it must tolerate being told late, twice, or
// never (a crash between the two): it finds what it missed by reading the
// log itself (CommitIDs, ReadCommit).
//
// Committed must not block: the sink calls it on its own goroutine, and a
// compaction with the commit lock held.
type Catalog interface {
	Committed(rec *Record)
}

// notifyCatalog tells c of rec, if there is a catalog.
func notifyCatalog(c Catalog, rec *Record) {
	if c != nil && rec != nil {
		c.Committed(rec)
	}
}

// CommitIDs lists the ids of the warehouse's commit records, in id order
// (sink records "part-<time>-...", compactions "compact-<time>-..."). It
// removes nothing, unlike the sink's own listing.
func CommitIDs(dir string) ([]string, error) {
	ids, err := recordIDs(dir, func(string) bool { return false })
	return slices.Clip(ids), err
}

// ReadCommit reads one commit record of the warehouse.
func ReadCommit(dir, id string) (*Record, error) { return readRecord(dir, id) }
