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

// lockInstance names this sink instance and holds an exclusive lock on its
// file for as long as the sink is open, so that other instances can tell a
// live writer's temporary files from a dead one's.
func (s *Sink) lockInstance() error {
	var b [4]byte
	rand.Read(b[:])
	s.instance = hex.EncodeToString(b[:])
	path := filepath.Join(s.cfg.Dir, sinksDir, s.instance+".lock")
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return fmt.Errorf("sink: lock: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return fmt.Errorf("sink: lock: %w", err)
	}
	s.lock = f
	return nil
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

// recover rolls committed-but-unrenamed files forward and removes the
// temporary files of dead instances that no commit names, and their sorted
// runs.
func (s *Sink) recover(recs []*Record) error {
	named := map[string]bool{}
	for _, r := range recs {
		for _, f := range r.Files {
			named[f.Temp] = true
		}
		if err := publishFiles(s.cfg.Dir, r.Files); err != nil && !os.IsNotExist(err) {
			return fmt.Errorf("roll forward %s: %w", r.ID, err)
		}
	}
	deadCache := map[string]bool{}
	dead := func(inst string) bool {
		d, ok := deadCache[inst]
		if !ok {
			d = inst != s.instance && !alive(s.cfg.Dir, inst)
			deadCache[inst] = d
		}
		return d
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
		if named[rel] || !dead(instanceOf(name)) {
			return nil
		}
		return os.Remove(path)
	})
	if err != nil {
		return err
	}
	// A dead writer's sorted runs are never named by a commit.
	return cleanTmp(s.cfg.Dir, dead)
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
