package sink

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// rollForward finishes a committed record whose writer may have died
// before putting its files in place: a sink's record has its files renamed
// into place, a compaction's its partition swapped (see compact.go). The
// commit lock is taken only when there is something to do, so that the
// change to a partition's directory cannot interleave with a compaction's
// swap of it.
func rollForward(dir string, r *Record) error {
	if r.Kind == KindCompact {
		return rollForwardCompaction(dir, r)
	}
	pending := false
	for _, f := range r.Files {
		if _, err := os.Stat(filepath.Join(dir, f.Temp)); err == nil {
			pending = true
			break
		}
	}
	if !pending {
		return nil // in place, or since compacted away: never resurrected
	}
	unlock, err := lockCommits(dir)
	if err != nil {
		return err
	}
	defer unlock()
	// Not-exist: the writer, alive, renamed it meanwhile.
	if err := publishFiles(dir, r.Files); err != nil && !os.IsNotExist(err) {
		return err
	}
	return nil
}

// lockInstance names this sink instance and holds an exclusive lock on its
// file for as long as the sink is open, so that other instances can tell a
// live writer's temporary files from a dead one's.
func (s *Sink) lockInstance() error {
	inst, f, err := lockNewInstance(s.cfg.Dir)
	if err != nil {
		return fmt.Errorf("sink: %w", err)
	}
	s.instance, s.lock = inst, f
	return nil
}

// lockNewInstance names a new instance (a sink or a compactor) and locks
// its file; closing the file releases it.
func lockNewInstance(dir string) (string, *os.File, error) {
	var b [4]byte
	rand.Read(b[:])
	inst := hex.EncodeToString(b[:])
	path := filepath.Join(dir, sinksDir, inst+".lock")
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return "", nil, fmt.Errorf("lock: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return "", nil, fmt.Errorf("lock: %w", err)
	}
	return inst, f, nil
}

func (s *Sink) unlock() error {
	if s.lock == nil {
		return nil
	}
	name := s.lock.Name()
	err := s.lock.Close() // releases the flock
	os.Remove(name)
	s.lock = nil
	return err
}

// alive reports whether the instance's lock is held by a running sink.
func alive(dir, instance string) bool {
	path := filepath.Join(dir, sinksDir, instance+".lock")
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return false
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		return true
	}
	syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	os.Remove(path)
	return false
}

// dead reports whether an instance other than this one has no live sink.
// Answers are cached for the sink's life: a dead instance stays dead.
func (s *Sink) dead(inst string) bool {
	d, ok := s.deadCache[inst]
	if !ok {
		d = inst != s.instance && !alive(s.cfg.Dir, inst)
		s.deadCache[inst] = d
	}
	return d
}

// deadInstances lists the instances whose lock file in dir is there but
// not held: sinks that died on this host. Taken before anything removes
// a dead instance's lock file, for the S3 store, whose staged objects name
// their writer but have no lock beside them.
func deadInstances(dir string) map[string]bool {
	out := map[string]bool{}
	names, _ := filepath.Glob(filepath.Join(dir, sinksDir, "*.lock"))
	for _, n := range names {
		f, err := os.OpenFile(n, os.O_RDWR, 0)
		if err != nil {
			continue
		}
		if syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) == nil {
			out[strings.TrimSuffix(filepath.Base(n), ".lock")] = true
			syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		}
		f.Close()
	}
	return out
}

// applyBatch bounds the records applied to the index in one transaction.
const applyBatch = 256

// catchUp applies to the index every commit record it has not applied yet,
// first rolling the record's files forward (renaming them into place) in
// case its writer died between commit and rename. It returns the temporary
// files those records name. Records are read one at a time, so its memory
// does not depend on the size of the log.
func (s *Sink) catchUp() (map[string]bool, error) {
	ids, err := s.store.recordIDs(s.dead)
	if err != nil {
		return nil, err
	}
	done, err := s.idx.applied(ids)
	if err != nil {
		return nil, err
	}
	named := map[string]bool{}
	var batch []*Record
	for _, id := range ids {
		if done[id] || s.busy != nil && id == s.busy.p.base {
			continue // applied, or this sink's own commit in flight: finishCommit applies it
		}
		r, err := s.store.readRecord(id)
		if err != nil {
			return nil, err
		}
		for _, f := range r.Files {
			named[f.Temp] = true
		}
		if err := s.store.rollForward(r); err != nil {
			return nil, fmt.Errorf("roll forward %s: %w", r.ID, err)
		}
		if batch = append(batch, r); len(batch) == applyBatch {
			if err := s.idx.apply(batch); err != nil {
				return nil, err
			}
			batch = batch[:0]
		}
	}
	if err := s.idx.apply(batch); err != nil {
		return nil, err
	}
	s.known.add(ids...)
	return named, nil
}

// recover removes the temporary files of dead instances that no commit
// names (named: see catchUp), and their sorted runs: under tmpDir, and in
// the partitions' directories, where sinks before version 2 of the layout
// wrote them.
func (s *Sink) recover(named map[string]bool) error {
	if st, ok := s.store.(*s3Store); ok {
		if err := st.removeAbandoned(named, s.deadHere, s.cfg.Now()); err != nil {
			return err
		}
	}
	err := filepath.WalkDir(s.cfg.Dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if d.Name() == metaDir {
				return filepath.SkipDir
			}
			return nil
		}
		name := d.Name()
		if !strings.HasPrefix(name, "_") || !strings.HasSuffix(name, ".parquet.tmp") {
			return nil
		}
		rel, _ := filepath.Rel(s.cfg.Dir, path)
		if named[rel] || !s.dead(instanceOf(name)) {
			return nil
		}
		return os.Remove(path)
	})
	if err != nil {
		return err
	}
	// A dead writer's sorted runs are never named by a commit.
	return cleanTmp(s.cfg.Dir, named, s.dead)
}

// instanceOf reads the instance from "_part-<time>-<instance>-<n>.parquet.tmp"
// or a run's "_part-<time>-<instance>-<n>-<table>-<random>.sort".
func instanceOf(name string) string {
	parts := strings.Split(strings.TrimPrefix(name, "_"), "-")
	if len(parts) < 4 {
		return ""
	}
	return parts[2]
}
