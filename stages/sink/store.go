package sink

import (
	"errors"
	"os"
	"path/filepath"
)

// store is where a warehouse's committed state lives: its commit log and
// its published files. The sink writes and closes every file in its local
// directory (Config.Dir) either way; a store makes a closed file durable
// where any sink can finish its commit (stage), writes the commit record
// (commit: the commit point) and puts the files where readers find them
// (publish). localStore is the warehouse directory itself; s3Store is a
// bucket and prefix (s3store.go).
type store interface {
	// lock serializes commit points: held from the reconcile to the
	// publish. The S3 store has none to take: its commit is a conditional
	// write, and a commit that loses it reconciles again (errSlotTaken).
	lock() (unlock func(), err error)
	// recordIDs lists the commit records, oldest first; dead tells which
	// instances are gone, whose half-written records may be removed.
	recordIDs(dead func(instance string) bool) ([]string, error)
	readRecord(id string) (*Record, error)
	// stage makes the closed temporary files durable where any sink can
	// publish them (a no-op on a local directory: they are there).
	stage(files []FileRecord) error
	// commit writes rec: the commit point. It may set rec.ID to the
	// name the record is listed under. errSlotTaken: another sink
	// committed first; reconcile with its record and commit again.
	commit(rec *Record) error
	// publish puts a committed record's files in place; files already
	// there are left as they are, and a file neither staged nor in place
	// (published and since compacted away) is skipped.
	publish(files []FileRecord) error
	// rollForward finishes the publish of a record whose writer may have
	// died after its commit point.
	rollForward(r *Record) error
	// unstage removes the staged and temporary files of a commit that did
	// not happen.
	unstage(files []FileRecord)
}

// errSlotTaken is a commit that lost the race for its place in the log.
var errSlotTaken = errors.New("another sink committed first")

// errCommitUncertain is a commit record's write that failed without an
// answer saying it was not done: its staged files are kept (a record that
// lands names them; unnamed, they are removed as abandoned later).
var errCommitUncertain = errors.New("commit record's write not confirmed")

// localStore is a warehouse directory (the package doc's protocol).
type localStore struct{ dir string }

func (l localStore) lock() (func(), error) { return lockCommits(l.dir) }

func (l localStore) recordIDs(dead func(string) bool) ([]string, error) {
	return recordIDs(l.dir, dead)
}

func (l localStore) readRecord(id string) (*Record, error) { return readRecord(l.dir, id) }

func (l localStore) stage([]FileRecord) error { return nil }

func (l localStore) commit(rec *Record) error { return writeRecord(l.dir, rec) }

func (l localStore) publish(files []FileRecord) error { return publishFiles(l.dir, files) }

func (l localStore) rollForward(r *Record) error { return rollForward(l.dir, r) }

func (l localStore) unstage(files []FileRecord) { removeTemps(l.dir, files) }

// removeTemps removes the local temporary files of a commit that did not
// happen.
func removeTemps(dir string, files []FileRecord) {
	for _, f := range files {
		os.Remove(filepath.Join(dir, f.Temp))
	}
}
