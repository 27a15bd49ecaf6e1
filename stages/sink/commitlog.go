package sink

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// Paths under the warehouse directory.
const (
	metaDir    = "_cablewire"
	commitsDir = "_cablewire/commits"
	sinksDir   = "_cablewire/sinks"
)

// Record is one commit: the files it put in place and what they hold.
// A sink's record (Kind "") adds files and cables; a compaction's
// (KindCompact) adds merged files, replaces the files Replaces names, and
// adds no cable.
type Record struct {
	ID            string        `json:"id"`
	Base          string        `json:"base,omitempty"` // on S3, the writer's name for the commit (ID is its slot in the log)
	Kind          string        `json:"kind,omitempty"`
	Time          time.Time     `json:"time"`
	SchemaVersion int           `json:"schema_version"`
	Instance      string        `json:"instance"`
	Partition     string        `json:"partition"`
	Files         []FileRecord  `json:"files"`
	Stream        string        `json:"stream"`
	StreamEpoch   string        `json:"stream_epoch,omitempty"`
	Seqs          [][2]uint64   `json:"seqs"` // inclusive ranges of stream sequences
	Cables        []CableRecord `json:"cables"`
	Replaces      []string      `json:"replaces,omitempty"` // paths, relative to the warehouse
}

// FileRecord is one Parquet file of a commit; paths are relative to the
// warehouse directory.
type FileRecord struct {
	Table string `json:"table"`
	Path  string `json:"path"`
	Temp  string `json:"temp"`
	Rows  int64  `json:"rows"`
	Bytes int64  `json:"bytes"`

	merged bool // its rows came out of order and were merged from runs (Stats)
}

// CableRecord names one cable version written by a commit.
type CableRecord struct {
	RefID   string `json:"r"`
	Hash    string `json:"h"`
	Version int32  `json:"v"`
}

// ranges compresses sorted-or-not sequences into inclusive ranges.
func ranges(seqs []uint64) [][2]uint64 {
	s := append([]uint64(nil), seqs...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	var out [][2]uint64
	for _, q := range s {
		if n := len(out); n > 0 && (q == out[n-1][1] || q == out[n-1][1]+1) {
			out[n-1][1] = q
			continue
		}
		out = append(out, [2]uint64{q, q})
	}
	return out
}

// writeRecord writes rec atomically: temp file, fsync, rename, fsync dir.
// When it returns nil the commit has happened.
func writeRecord(dir string, rec *Record) error {
	b, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	cdir := filepath.Join(dir, commitsDir)
	final := filepath.Join(cdir, rec.ID+".json")
	tmp := filepath.Join(cdir, "_"+rec.ID+".json.tmp")
	if err := writeSynced(tmp, b); err != nil {
		return fmt.Errorf("commit record: %w", err)
	}
	if err := os.Rename(tmp, final); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("commit record: %w", err)
	}
	return syncDir(cdir)
}

// recordIDs lists the ids of the commit records, oldest first. A record
// left half-written ("_<id>.json.tmp") by a dead instance is removed: it
// never committed.
func recordIDs(dir string, dead func(instance string) bool) ([]string, error) {
	cdir := filepath.Join(dir, commitsDir)
	ents, err := os.ReadDir(cdir)
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, e := range ents {
		name := e.Name()
		if strings.HasPrefix(name, "_") {
			if dead(instanceOf(name)) {
				os.Remove(filepath.Join(cdir, name))
			}
			continue
		}
		if id, ok := strings.CutSuffix(name, ".json"); ok {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	return ids, nil
}

// readRecord reads one commit record.
func readRecord(dir, id string) (*Record, error) {
	b, err := os.ReadFile(filepath.Join(dir, commitsDir, id+".json"))
	if err != nil {
		return nil, err
	}
	var r Record
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, fmt.Errorf("commit record %s: %w", id, err)
	}
	return &r, nil
}

func writeSynced(path string, b []byte) error {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
