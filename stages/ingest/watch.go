package ingest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// WatchConfig configures Watch.
type WatchConfig struct {
	Dir string
	// State is the file that remembers what was ingested (each file's
	// size, modification time and SHA-256), so a restart reads only what
	// is new or changed. Default: Dir/.cablewire-watch.json (a name the
	// watch, like a tree read, ignores).
	State string
	// Settle is how long a file must stay unchanged (size and modification
	// time) before it is read: a file still being written is not read half
	// way. Default 2 s.
	Settle time.Duration
	// Ingest publishes files and returns once the broker holds all of
	// them (ingest.RunWith on those paths). A failure is retried later;
	// files are remembered only after a success.
	Ingest func(ctx context.Context, paths []string) error
	Log    *slog.Logger
}

// DefaultSettle is WatchConfig.Settle's default.
const DefaultSettle = 2 * time.Second

// watchRetryMax bounds the wait before a failed file is tried again.
const watchRetryMax = time.Minute

// Watch ingests the files of the tree Dir as they appear or change, each
// content once, until ctx is done. It watches before it scans: a file
// written while the watch was down is found by the scan at start, and one
// written during the scan by the watch (both see it; the state makes it
// one read). A file is read once it has been unchanged for Settle; after
// that, a change to it is a new content and read again (the broker and the
// warehouse skip the cables it shares with the old). Names starting with
// "." or "_" are ignored (write to such a name and rename to publish a
// file atomically), as are FIFOs, devices, sockets and symlinks to
// directories. Removed files are forgotten by nothing: what was ingested
// stays ingested.
func Watch(ctx context.Context, cfg WatchConfig) error {
	if cfg.Settle <= 0 {
		cfg.Settle = DefaultSettle
	}
	if cfg.State == "" {
		cfg.State = filepath.Join(cfg.Dir, ".cablewire-watch.json")
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	st, err := os.Stat(cfg.Dir)
	if err != nil {
		return fmt.Errorf("--watch: %w", err)
	}
	if !st.IsDir() {
		return fmt.Errorf("--watch %s: not a directory", cfg.Dir)
	}
	w := &watch{cfg: cfg, pending: map[string]*pendingFile{}}
	if w.seen, err = loadWatchState(cfg.State); err != nil {
		return err
	}
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("--watch: %w", err)
	}
	defer fw.Close()
	w.fw = fw
	if err := w.scan(cfg.Dir); err != nil {
		return err
	}
	tick := time.NewTicker(max(cfg.Settle/4, 50*time.Millisecond))
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-fw.Events:
			if !ok {
				return nil
			}
			w.event(ev)
		case err, ok := <-fw.Errors:
			if !ok {
				return nil
			}
			// A lost event (queue overflow) may be a lost file: look at
			// everything again.
			cfg.Log.Warn("watch: rescanning", "dir", cfg.Dir, "err", err)
			if err := w.scan(cfg.Dir); err != nil {
				return err
			}
		case <-tick.C:
			if err := w.due(ctx); err != nil {
				return err
			}
		}
	}
}

type watch struct {
	cfg     WatchConfig
	fw      *fsnotify.Watcher
	seen    map[string]seenFile // by path relative to Dir
	pending map[string]*pendingFile
}

// seenFile is a file as it was when ingested.
type seenFile struct {
	Size    int64     `json:"size"`
	ModTime time.Time `json:"mtime"`
	SHA256  string    `json:"sha256"`
}

// pendingFile is a file waiting to settle: read at due if it is still
// size and modTime then.
type pendingFile struct {
	due     time.Time
	size    int64
	modTime time.Time
	fails   int
}

// ignored reports whether the watch leaves path alone: a name (at any level
// below Dir) starting with "." or "_", or the state file.
func (w *watch) ignored(path string) bool {
	if path == w.cfg.State || path == w.cfg.State+".tmp" {
		return true
	}
	rel, err := filepath.Rel(w.cfg.Dir, path)
	if err != nil || rel == "." {
		return err != nil
	}
	for _, part := range strings.Split(rel, string(filepath.Separator)) {
		if strings.HasPrefix(part, ".") || strings.HasPrefix(part, "_") {
			return true
		}
	}
	return false
}

// scan watches dir and every directory below it, then marks every file in
// them pending.
func (w *watch) scan(dir string) error {
	return filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if path == dir {
				return fmt.Errorf("--watch: %w", err)
			}
			w.cfg.Log.Warn("watch: not read", "path", path, "err", err)
			return nil
		}
		if path != dir && w.ignored(path) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if err := w.fw.Add(path); err != nil {
				return fmt.Errorf("--watch %s: %w", path, err)
			}
			return nil
		}
		if d.Type().IsRegular() {
			w.arm(path)
		}
		return nil
	})
}

// event handles one notification: a new directory is watched and scanned
// (files made in it before its watch was added are found so), a new or
// written file (re)starts its wait.
func (w *watch) event(ev fsnotify.Event) {
	if w.ignored(ev.Name) {
		return
	}
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		delete(w.pending, ev.Name) // a rename's new name comes as a Create
		return
	}
	fi, err := os.Lstat(ev.Name)
	if err != nil {
		return // gone already
	}
	switch {
	case fi.IsDir() && ev.Has(fsnotify.Create):
		if err := w.scan(ev.Name); err != nil {
			w.cfg.Log.Warn("watch: not watched", "dir", ev.Name, "err", err)
		}
	case fi.Mode().IsRegular():
		w.arm(ev.Name)
	}
}

// arm starts (again) path's wait to settle.
func (w *watch) arm(path string) {
	fi, err := os.Stat(path)
	if err != nil || !fi.Mode().IsRegular() {
		return
	}
	p := w.pending[path]
	if p == nil {
		p = &pendingFile{}
		w.pending[path] = p
	}
	p.due, p.size, p.modTime = time.Now().Add(w.cfg.Settle), fi.Size(), fi.ModTime()
}

// due reads the pending files that have settled, in path order, up to
// watchBatch at a time.
func (w *watch) due(ctx context.Context) error {
	now := time.Now()
	var ready []string
	for path, p := range w.pending {
		if !now.Before(p.due) {
			ready = append(ready, path)
		}
	}
	sort.Strings(ready)
	var batch []string
	news := map[string]seenFile{}
	for _, path := range ready {
		p := w.pending[path]
		fi, err := os.Stat(path)
		if err != nil {
			delete(w.pending, path)
			continue
		}
		if fi.Size() != p.size || !fi.ModTime().Equal(p.modTime) {
			w.arm(path) // still being written
			continue
		}
		rel, err := filepath.Rel(w.cfg.Dir, path)
		if err != nil {
			delete(w.pending, path)
			continue
		}
		old, known := w.seen[rel]
		if known && old.Size == fi.Size() && old.ModTime.Equal(fi.ModTime()) {
			delete(w.pending, path)
			continue
		}
		sum, err := fileSHA256(path)
		if err != nil {
			w.cfg.Log.Warn("watch: not read", "path", path, "err", err)
			delete(w.pending, path)
			continue
		}
		seen := seenFile{Size: fi.Size(), ModTime: fi.ModTime(), SHA256: sum}
		if known && old.SHA256 == sum {
			w.seen[rel] = seen // touched, not changed
			delete(w.pending, path)
			continue
		}
		batch, news[path] = append(batch, path), seen
		if len(batch) == watchBatch {
			break
		}
	}
	if len(batch) > 0 {
		if err := w.cfg.Ingest(ctx, batch); err != nil {
			if ctx.Err() != nil {
				return nil
			}
			for _, path := range batch {
				p := w.pending[path]
				p.fails++
				p.due = time.Now().Add(min(w.cfg.Settle<<min(p.fails, 10), watchRetryMax))
			}
			w.cfg.Log.Warn("watch: ingest failed, retrying", "files", len(batch), "first", batch[0], "err", err)
			return nil
		}
		for _, path := range batch {
			rel, _ := filepath.Rel(w.cfg.Dir, path)
			w.seen[rel] = news[path]
			delete(w.pending, path)
		}
	}
	if len(ready) == 0 {
		return nil
	}
	return saveWatchState(w.cfg.State, w.seen)
}

// watchBatch bounds the files of one Ingest call.
const watchBatch = 1000

func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// watchState is the state file's content.
type watchState struct {
	Format string              `json:"format"` // "cablewire.watch-state"
	Files  map[string]seenFile `json:"files"`
}

func loadWatchState(path string) (map[string]seenFile, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return map[string]seenFile{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("watch state: %w", err)
	}
	var s watchState
	if err := json.Unmarshal(b, &s); err != nil || s.Format != "cablewire.watch-state" {
		return nil, fmt.Errorf("watch state %s: not a watch state file (%v): move it away to read every file again", path, err)
	}
	if s.Files == nil {
		s.Files = map[string]seenFile{}
	}
	return s.Files, nil
}

// saveWatchState writes the state atomically (a temporary file renamed
// over it), so a crash leaves the old state or the new one.
func saveWatchState(path string, files map[string]seenFile) error {
	b, err := json.Marshal(watchState{Format: "cablewire.watch-state", Files: files})
	if err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return fmt.Errorf("watch state: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("watch state: %w", err)
	}
	return nil
}
