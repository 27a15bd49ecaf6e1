package sink

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// Lookup finds a committed cable's version and the files that hold its
// rows, before and after a compaction merged those files, and nothing for
// a cable or a warehouse that is not there.
func TestLookupFindsTheFilesOfACommittedCable(t *testing.T) {
	dir := t.TempDir()
	smallFilesWarehouse(t, dir, 60, 2, 8, 400)
	holds := func(stage string, ref string) []string {
		t.Helper()
		got, err := Lookup(dir, ref)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || got[0].Version != 1 || got[0].Commit == "" || got[0].Partition == "" || got[0].Hash == "" {
			t.Fatalf("%s: %+v, want one version", stage, got)
		}
		var inCables bool
		for _, f := range got[0].Files {
			rows, err := readRefVersions(filepath.Join(dir, f))
			if err != nil {
				t.Fatalf("%s: %s: %v", stage, f, err)
			}
			if strings.HasPrefix(f, "cables/") {
				inCables = slices.Contains(rows, ref+"/1")
			}
		}
		if !inCables {
			t.Errorf("%s: no file of the cables table in %q holds %s", stage, got[0].Files, ref)
		}
		return got[0].Files
	}
	before := holds("committed", "08C00007")
	later := time.Now().Add(time.Hour)
	if _, err := Compact(t.Context(), CompactConfig{Dir: dir, Now: func() time.Time { return later.Add(-time.Hour) }}); err != nil {
		t.Fatal(err)
	}
	if after := holds("compacted", "08C00007"); slices.Equal(after, before) {
		t.Errorf("after the compaction, the same files %q", after)
	}

	for _, tc := range []struct{ dir, ref string }{{dir, "08C99999"}, {filepath.Join(dir, "none"), "08C00007"}} {
		if got, err := Lookup(tc.dir, tc.ref); err != nil || len(got) != 0 {
			t.Errorf("Lookup(%s, %s) = %+v, %v; want nothing", tc.dir, tc.ref, got, err)
		}
	}
}
