package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// HeaderRecord names a record of a checkpointed source on its messages:
// "SOURCEID/N", N the record's index in the source. Stages carry it to
// their outputs, so the process that runs the sink can tell ingest which
// records are committed (Checkpoints.Finished).
const HeaderRecord = "Cablewire-Record"

// Checkpoint is how far a load of one source got: the source's identity
// (path, size, modification time, a hash of its first megabyte) and the
// byte offset and record count up to which every record is committed to
// the warehouse or dead-lettered. A source whose identity changed starts
// over.
type Checkpoint struct {
	Path     string    `json:"path"`
	Size     int64     `json:"size"`
	ModTime  time.Time `json:"mtime"`
	HeadHash string    `json:"head_sha256"` // of the first MiB
	Offset   int64     `json:"offset"`      // bytes: every record before is committed
	Records  int64     `json:"records"`     // records before Offset
	Line     int       `json:"line"`        // the line Offset starts on (csv)
	Complete bool      `json:"complete"`    // read to its end and all of it committed
	Updated  time.Time `json:"updated"`
}

func (c Checkpoint) sameSource(o Checkpoint) bool {
	return c.Path == o.Path && c.Size == o.Size && c.ModTime.Equal(o.ModTime) && c.HeadHash == o.HeadHash
}

func (c Checkpoint) id() string {
	sum := sha256.Sum256(fmt.Appendf(nil, "%s\x00%d\x00%d\x00%s", c.Path, c.Size, c.ModTime.UnixNano(), c.HeadHash))
	return hex.EncodeToString(sum[:8])
}

// Checkpoints keeps the checkpoints of a warehouse's loads, one JSON file
// a source under Dir (the warehouse's _cablewire/loads: a checkpoint
// speaks of what that warehouse holds, so it lives with it).
//
// Only whole regular files read as csv rows or JSON lines are
// checkpointed; trees of one-cable files and archives are read again on a
// rerun (the broker's and the warehouse's de-duplication skip what is
// there).
type Checkpoints struct {
	Dir string

	mu       sync.Mutex
	trackers map[string]*tracker // by source id
}

// NewCheckpoints keeps checkpoints under dir.
func NewCheckpoints(dir string) *Checkpoints {
	return &Checkpoints{Dir: dir, trackers: map[string]*tracker{}}
}

// tracker follows the records of one source read in this process: which
// are finished (committed or dead-lettered), so that the checkpoint only
// moves past a contiguous prefix of finished records.
type tracker struct {
	cp    Checkpoint // what is on disk, or about to be
	id    string
	first int64   // record index of ends[0]
	ends  []int64 // end offset of each record from first on
	lines []int   // line after each record
	done  []bool
	water int64 // records [0, water) are finished
	eof   bool  // the source was read to its end
	dirty bool
}

// begin returns where to start reading path: the offset, line and record
// index a checkpoint of the same source allows, or the start.
func (cs *Checkpoints) begin(path string, f *os.File) (*tracker, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	head := sha256.New()
	if _, err := io.Copy(head, io.NewSectionReader(f, 0, 1<<20)); err != nil {
		return nil, err
	}
	cur := Checkpoint{Path: abs, Size: fi.Size(), ModTime: fi.ModTime().UTC(), HeadHash: hex.EncodeToString(head.Sum(nil)), Line: 1}
	t := &tracker{cp: cur, id: cur.id()}
	if old, err := cs.load(abs); err == nil && old.sameSource(cur) {
		t.cp = old
	}
	t.first, t.water = t.cp.Records, t.cp.Records
	cs.mu.Lock()
	cs.trackers[t.id] = t
	cs.mu.Unlock()
	return t, nil
}

func (cs *Checkpoints) file(abs string) string {
	sum := sha256.Sum256([]byte(abs))
	return filepath.Join(cs.Dir, hex.EncodeToString(sum[:12])+".json")
}

func (cs *Checkpoints) load(abs string) (Checkpoint, error) {
	var c Checkpoint
	b, err := os.ReadFile(cs.file(abs))
	if err != nil {
		return c, err
	}
	return c, json.Unmarshal(b, &c)
}

// Load returns the stored checkpoint of path, if any.
func (cs *Checkpoints) Load(path string) (Checkpoint, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return Checkpoint{}, err
	}
	return cs.load(abs)
}

// add registers record n (read now, ending at end, the next line after it)
// before it is published; it returns the record's header value.
func (t *tracker) add(cs *Checkpoints, n, end int64, line int) string {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	if n != t.first+int64(len(t.ends)) {
		panic(fmt.Sprintf("ingest: checkpoint record %d out of order (want %d)", n, t.first+int64(len(t.ends))))
	}
	t.ends = append(t.ends, end)
	t.lines = append(t.lines, line)
	t.done = append(t.done, false)
	return t.id + "/" + strconv.FormatInt(n, 10)
}

// Finished marks the record a HeaderRecord value names as committed or
// dead-lettered. Unknown values (another process's, or none) are ignored.
func (cs *Checkpoints) Finished(record string) {
	if cs == nil || record == "" {
		return
	}
	id, ns, ok := strings.Cut(record, "/")
	if !ok {
		return
	}
	n, err := strconv.ParseInt(ns, 10, 64)
	if err != nil {
		return
	}
	cs.mu.Lock()
	defer cs.mu.Unlock()
	t := cs.trackers[id]
	if t == nil || n < t.first || n >= t.first+int64(len(t.ends)) {
		return
	}
	t.done[n-t.first] = true
	for t.water < t.first+int64(len(t.done)) && t.done[t.water-t.first] {
		i := t.water - t.first
		t.cp.Offset, t.cp.Line = t.ends[i], t.lines[i]
		t.water++
		t.cp.Records = t.water
		t.dirty = true
	}
	// Drop the finished prefix now and then, so memory follows the records
	// in flight, not the size of the file.
	if k := t.water - t.first; k > 4096 && k > int64(len(t.done))/2 {
		t.ends, t.lines, t.done = append([]int64(nil), t.ends[k:]...), append([]int(nil), t.lines[k:]...), append([]bool(nil), t.done[k:]...)
		t.first = t.water
	}
}

// finished reports that the source was read to its end.
func (t *tracker) readToEnd(cs *Checkpoints) {
	cs.mu.Lock()
	t.eof = true
	cs.mu.Unlock()
}

// Save writes every checkpoint that moved. complete says the load has
// finished: every record published is committed or dead-lettered, so a
// source read to its end is complete.
func (cs *Checkpoints) Save(complete bool) error {
	if cs == nil {
		return nil
	}
	cs.mu.Lock()
	var todo []Checkpoint
	for _, t := range cs.trackers {
		if complete && t.eof && !t.cp.Complete {
			t.cp.Offset, t.cp.Records, t.cp.Complete, t.dirty = t.cp.Size, t.first+int64(len(t.ends)), true, true
			if n := len(t.lines); n > 0 {
				t.cp.Line = t.lines[n-1]
			}
		}
		if t.dirty {
			t.dirty = false
			t.cp.Updated = time.Now().UTC()
			todo = append(todo, t.cp)
		}
	}
	cs.mu.Unlock()
	if len(todo) == 0 {
		return nil
	}
	if err := os.MkdirAll(cs.Dir, 0o755); err != nil {
		return fmt.Errorf("checkpoint: %w", err)
	}
	var errs []error
	for _, c := range todo {
		b, _ := json.MarshalIndent(c, "", "  ")
		p := cs.file(c.Path)
		tmp := p + ".tmp"
		if err := os.WriteFile(tmp, b, 0o644); err != nil {
			errs = append(errs, err)
			continue
		}
		errs = append(errs, os.Rename(tmp, p))
	}
	return errors.Join(errs...)
}
