package iceberg

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"

	ice "github.com/apache/iceberg-go"
	"github.com/apache/iceberg-go/table"

	"github.com/cablewire/cablewire/stages/sink"
)

// maxPerSnapshot bounds the commit records one snapshot mirrors (its
// summary names them all).
const maxPerSnapshot = 200

// beforeCommit, in tests, runs between loading a table and committing to
// it: where another writer's commit makes ours lose the race.
var beforeCommit func(table string)

// maxAttempts bounds the retries of a commit that lost a race.
const maxAttempts = 20

// Sync mirrors every commit record of the log that no snapshot names yet
// (and whose files are in place) into the tables. It is idempotent, and
// safe beside other syncers of the same warehouse (they take turns on a
// lock file) and other writers of the catalog (a lost race is retried
// from a refreshed table).
func (t *Tables) Sync(ctx context.Context) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if err := t.connect(ctx); err != nil {
		return err
	}
	unlock, err := t.lockSync()
	if err != nil {
		return err
	}
	defer unlock()
	ids, err := sink.CommitIDs(t.cfg.Warehouse)
	if errors.Is(err, os.ErrNotExist) {
		return nil // a warehouse no sink has opened yet
	}
	if err != nil {
		return fmt.Errorf("iceberg: commit log: %w", err)
	}
	var fresh []string
	for _, id := range ids {
		if !t.applied[id] {
			fresh = append(fresh, id)
		}
	}
	if len(fresh) == 0 {
		return nil
	}
	named := map[string]map[string]bool{}
	for _, name := range tableNames {
		tbl, err := t.cat.LoadTable(ctx, t.Ident(name))
		if err != nil {
			return fmt.Errorf("iceberg: load %s: %w", name, err)
		}
		named[name] = summaryIDs(tbl)
	}
	pending := map[string][]*sink.Record{} // by table
	var open []string                      // records some table still lacks
	for _, id := range fresh {
		if allNamed(named, id) {
			t.applied[id] = true
			continue
		}
		rec, err := sink.ReadCommit(t.cfg.Warehouse, id)
		if err != nil {
			return fmt.Errorf("iceberg: %w", err)
		}
		need := false
		for _, name := range tablesOf(rec) {
			if !named[name][id] {
				pending[name] = append(pending[name], rec)
				need = true
			}
		}
		if need {
			open = append(open, id)
		} else {
			t.applied[id] = true
		}
	}
	deferred := map[string]bool{}
	var errs []error
	for _, name := range tableNames {
		recs := pending[name]
		for len(recs) > 0 {
			n := min(len(recs), maxPerSnapshot)
			d, err := t.syncTable(ctx, name, recs[:n])
			if err != nil {
				errs = append(errs, err)
				for _, r := range recs {
					deferred[r.ID] = true
				}
				break
			}
			for _, id := range d {
				deferred[id] = true
			}
			recs = recs[n:]
		}
	}
	for _, id := range open {
		if !deferred[id] {
			t.applied[id] = true
		}
	}
	return errors.Join(errs...)
}

// allNamed reports whether every table's snapshots name id, the mark of a
// sink record mirrored whole; a compaction's record touches one table,
// so it is done once any names it.
func allNamed(named map[string]map[string]bool, id string) bool {
	n := 0
	for _, ids := range named {
		if ids[id] {
			n++
		}
	}
	if strings.HasPrefix(id, sink.KindCompact+"-") {
		return n > 0
	}
	return n == len(named)
}

// tablesOf lists the tables a record has files in.
func tablesOf(rec *sink.Record) []string {
	var out []string
	for _, f := range rec.Files {
		if !slices.Contains(out, f.Table) {
			out = append(out, f.Table)
		}
	}
	return out
}

// summaryIDs is the set of commit records the table's snapshots name.
func summaryIDs(tbl *table.Table) map[string]bool {
	ids := map[string]bool{}
	for _, s := range tbl.Metadata().Snapshots() {
		if s.Summary == nil {
			continue
		}
		for _, id := range strings.Split(s.Summary.Properties[SummaryCommitIDs], ",") {
			if id != "" {
				ids[id] = true
			}
		}
	}
	return ids
}

// fileSet is a table's current data files as of one metadata file.
type fileSet struct {
	loc   string
	files map[string]bool
}

// filesAt is the table's current data files: remembered from the last
// sync while no other writer committed since (the metadata location is
// the same), else read from the manifests. Reading them on every sync
// would cost a read of every manifest per commit.
func (t *Tables) filesAt(ctx context.Context, name string, tbl *table.Table) (map[string]bool, error) {
	if fs, ok := t.files[name]; ok && fs.loc == tbl.MetadataLocation() {
		return fs.files, nil
	}
	delete(t.files, name)
	cur, err := currentFiles(ctx, tbl)
	if err != nil {
		return nil, err
	}
	t.files[name] = fileSet{loc: tbl.MetadataLocation(), files: cur}
	return cur, nil
}

// currentFiles is the set of data file paths in the table's current
// snapshot.
func currentFiles(ctx context.Context, tbl *table.Table) (map[string]bool, error) {
	out := map[string]bool{}
	snap := tbl.CurrentSnapshot()
	if snap == nil {
		return out, nil
	}
	fs, err := tbl.FS(ctx)
	if err != nil {
		return nil, err
	}
	mans, err := snap.Manifests(fs)
	if err != nil {
		return nil, err
	}
	for _, m := range mans {
		if m.ManifestContent() != ice.ManifestContentData {
			continue
		}
		ents, err := m.FetchEntries(fs, true)
		if err != nil {
			return nil, err
		}
		for _, e := range ents {
			out[e.DataFile().FilePath()] = true
		}
	}
	return out, nil
}

// syncTable mirrors recs' files of one table: the sink records' as one
// append snapshot, then the compactions' as one overwrite snapshot. It
// returns the records left for a later sync: a sink record whose files
// are not yet renamed into place, a compaction not yet swapped in.
func (t *Tables) syncTable(ctx context.Context, name string, recs []*sink.Record) (deferred []string, err error) {
	for attempt := 1; ; attempt++ {
		deferred, err = t.trySyncTable(ctx, name, recs)
		if err == nil || !lostRace(err) || attempt == maxAttempts {
			if err != nil {
				err = fmt.Errorf("iceberg: commit %s: %w", name, err)
			}
			return deferred, err
		}
		// Another writer committed first: reload the table and recompute.
	}
}

// lostRace reports whether a commit failed because another writer
// committed first, so that nothing was committed and a retry from a
// refreshed table is safe: iceberg-go's ErrCommitFailed, or a requirement
// (the branch's snapshot) that the catalog found changed, which the SQL
// catalog reports without that error.
func lostRace(err error) bool {
	return errors.Is(err, table.ErrCommitFailed) || strings.Contains(err.Error(), "requirement failed:")
}

func (t *Tables) trySyncTable(ctx context.Context, name string, recs []*sink.Record) ([]string, error) {
	tbl, err := t.cat.LoadTable(ctx, t.Ident(name))
	if err != nil {
		return nil, err
	}
	named := summaryIDs(tbl)
	cur, err := t.filesAt(ctx, name, tbl)
	if err != nil {
		return nil, err
	}
	var (
		deferred             []string
		appends, compactions []*sink.Record
		adds, cadds, dels    []string
	)
	for _, rec := range recs {
		if named[rec.ID] {
			continue // committed by another syncer meanwhile
		}
		files, ready := t.filesOf(rec, name)
		if !ready {
			deferred = append(deferred, rec.ID)
			continue
		}
		if rec.Kind == sink.KindCompact {
			compactions = append(compactions, rec)
			for _, f := range files {
				if !cur[f] && !slices.Contains(cadds, f) {
					cadds = append(cadds, f)
				}
			}
			for _, r := range rec.Replaces {
				if p := t.abs(r); cur[p] && !slices.Contains(dels, p) {
					dels = append(dels, p)
				}
			}
			continue
		}
		appends = append(appends, rec)
		for _, f := range files {
			if !cur[f] {
				adds = append(adds, f)
			}
		}
	}
	if beforeCommit != nil {
		beforeCommit(name)
	}
	if len(adds) > 0 {
		tx := tbl.NewTransaction()
		// Duplicates are checked above, against the current snapshot's
		// files: iceberg-go's own check would read every manifest again.
		if err := tx.AddFiles(ctx, adds, summary(appends), true); err != nil {
			return nil, err
		}
		if tbl, err = tx.Commit(ctx); err != nil {
			return nil, err
		}
		for _, f := range adds {
			cur[f] = true
		}
		t.files[name] = fileSet{loc: tbl.MetadataLocation(), files: cur}
	}
	if len(cadds) > 0 || len(dels) > 0 {
		tx := tbl.NewTransaction()
		if len(dels) == 0 {
			err = tx.AddFiles(ctx, cadds, summary(compactions), false)
		} else {
			err = tx.ReplaceDataFiles(ctx, dels, cadds, summary(compactions))
		}
		if err != nil {
			return nil, err
		}
		if tbl, err = tx.Commit(ctx); err != nil {
			return nil, err
		}
		for _, f := range dels {
			delete(cur, f)
		}
		for _, f := range cadds {
			cur[f] = true
		}
		t.files[name] = fileSet{loc: tbl.MetadataLocation(), files: cur}
	}
	return deferred, nil
}

// filesOf is the absolute paths of rec's files of the table that are in
// place. ready is false while a file is still at its temporary path (a
// sink's rename or a compaction's swap not yet done); a file at neither
// path was compacted away since, and is left out.
func (t *Tables) filesOf(rec *sink.Record, name string) (files []string, ready bool) {
	for _, f := range rec.Files {
		if f.Table != name {
			continue
		}
		p := t.abs(f.Path)
		if _, err := os.Stat(p); err == nil {
			files = append(files, p)
			continue
		}
		if f.Temp != "" {
			if _, err := os.Stat(t.abs(f.Temp)); err == nil {
				return nil, false
			}
		}
	}
	return files, true
}

func (t *Tables) abs(rel string) string { return filepath.Join(t.cfg.Warehouse, rel) }

// summary is the snapshot summary naming recs and their stream sequences.
func summary(recs []*sink.Record) ice.Properties {
	ids := make([]string, len(recs))
	var seqs []string
	for i, r := range recs {
		ids[i] = r.ID
		if len(r.Seqs) == 0 {
			continue
		}
		var b strings.Builder
		b.WriteString(r.Stream)
		if r.StreamEpoch != "" {
			b.WriteString("@" + r.StreamEpoch)
		}
		b.WriteByte(':')
		for j, s := range r.Seqs {
			if j > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, "%d-%d", s[0], s[1])
		}
		seqs = append(seqs, b.String())
	}
	p := ice.Properties{SummaryCommitIDs: strings.Join(ids, ",")}
	if len(seqs) > 0 {
		p[SummaryStreamSeqs] = strings.Join(seqs, ";")
	}
	return p
}

// lockSync takes the warehouse's sync lock (an flock), so that syncers
// of one warehouse never race each other in the catalog.
func (t *Tables) lockSync() (func(), error) {
	dir := filepath.Join(t.cfg.Warehouse, "_cablewire", "iceberg")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("iceberg: %w", err)
	}
	f, err := os.OpenFile(filepath.Join(dir, "sync.lock"), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("iceberg: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return nil, fmt.Errorf("iceberg: lock: %w", err)
	}
	return func() { f.Close() }, nil
}
