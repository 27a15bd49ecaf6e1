package sink

import (
	"errors"
	"os"
	"slices"
	"sort"
	"time"
)

// Committed is one committed version of a cable, as the warehouse's
// commit log records it.
type Committed struct {
	RefID     string    `json:"-"`
	Version   int32     `json:"version"`
	Hash      string    `json:"content_hash"`
	Commit    string    `json:"commit"` // the commit record's id (_cablewire/commits/ID.json)
	Time      time.Time `json:"time"`
	Partition string    `json:"partition"`
	// Files are the warehouse files (relative to its directory) that hold
	// the version's rows now: its commit's files, or the files a later
	// compaction merged them into.
	Files []string `json:"files"`
}

// Lookup reads the commit log of the warehouse in dir for the committed
// versions of the cable ref, by version; none (and no error) when the
// warehouse holds no such cable or does not exist. It is a reader: it takes
// no lock and changes nothing, so it may run beside the warehouse's sinks
// and compactions, and sees a commit once its record is in place (the
// commit point). It reads every record (one small JSON file per commit):
// its cost grows with the number of commits, not of cables.
func Lookup(dir, ref string) ([]Committed, error) {
	ids, err := recordIDs(dir, func(string) bool { return false })
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []Committed
	var compactions []*Record
	table := map[string]string{} // file path -> table, for the files out names
	for _, id := range ids {
		r, err := readRecord(dir, id)
		if errors.Is(err, os.ErrNotExist) {
			continue // removed meanwhile (a dead instance's leftover)
		}
		if err != nil {
			return nil, err
		}
		if r.Kind == KindCompact {
			compactions = append(compactions, &Record{ID: r.ID, Time: r.Time, Files: r.Files, Replaces: r.Replaces})
			continue
		}
		for _, c := range r.Cables {
			if c.RefID != ref {
				continue
			}
			cm := Committed{RefID: ref, Version: c.Version, Hash: c.Hash, Commit: r.ID, Time: r.Time, Partition: r.Partition}
			for _, f := range r.Files {
				cm.Files = append(cm.Files, f.Path)
				table[f.Path] = f.Table
			}
			out = append(out, cm)
		}
	}
	// Ids do not sort compactions among commits; a file is replaced only
	// after it exists, so applying them in time order follows each file
	// through every merge.
	sort.SliceStable(compactions, func(i, j int) bool { return compactions[i].Time.Before(compactions[j].Time) })
	for _, r := range compactions {
		for i := range out {
			out[i].Files = compacted(out[i].Files, r, table)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	return out, nil
}

// compacted is files after compaction r: a file r replaced gives way to
// r's new files of the same table.
func compacted(files []string, r *Record, table map[string]string) []string {
	var out []string
	for _, p := range files {
		if !slices.Contains(r.Replaces, p) {
			out = append(out, p)
			continue
		}
		for _, f := range r.Files {
			if f.Table == table[p] && !slices.Contains(out, f.Path) {
				out = append(out, f.Path)
				table[f.Path] = f.Table
			}
		}
	}
	return out
}
