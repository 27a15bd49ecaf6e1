package sink

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/cablewire/cablewire/schemas"
)

// Cables arriving in random order within a month come out sorted by
// created in every table, across row groups, the files' metadata declares
// it, and the sorted runs lived on disk under _cablewire/tmp/ until the
// commit removed them.
func TestFilesSortedByCreated(t *testing.T) {
	dir := t.TempDir()
	s := openSink(t, Config{Dir: dir, RowGroupRows: 10, Now: newClock().Now})
	r := rand.New(rand.NewPCG(1, 2))
	const n = 95
	for i := range n {
		// Whole minutes: many cables share a created time, so the tie
		// breakers are exercised too.
		at := time.Date(2009, 3, 1, 0, r.IntN(20), 0, 0, time.UTC)
		add(t, s, cableMsg(t, synthCable(r, fmt.Sprintf("09PARIS%03d", i), at, 1000), uint64(i+1)))
		if i == 50 {
			// Out of order, the tables with several row groups' worth of
			// rows (synthCable has one recipient, no references) have
			// spilled: the rows they had written and a run.
			for _, table := range []string{schemas.TableCables, schemas.TableParagraphs, schemas.TableEntities} {
				runs, _ := filepath.Glob(filepath.Join(dir, tmpDir, "_*-"+table+"-*.sort"))
				if len(runs) < 2 {
					t.Fatalf("after 51 cables, %s has %d sorted runs on disk, want 2 or more: %v", table, len(runs), runs)
				}
			}
		}
	}
	if res := flush(t, s); len(res.Committed) != n {
		t.Fatalf("flush committed %d, want %d", len(res.Committed), n)
	}
	if left := tmpFiles(t, dir); len(left) != 0 {
		t.Errorf("left behind: %v", left)
	}
	recs := records(t, dir)
	if len(recs) != 1 || len(recs[0].Files) != 4 { // synthCable has recipients, no references
		t.Fatalf("records %+v", recs)
	}
	for _, f := range recs[0].Files {
		checkFileSorted(t, dir, f)
	}
}

// checkFileSorted wants f's rows sorted by its table's key and its row
// groups to declare it.
func checkFileSorted(t *testing.T, dir string, f FileRecord) {
	t.Helper()
	path := filepath.Join(dir, f.Path)
	checkSortingMetadata(t, path, f.Rows)
	switch f.Table {
	case schemas.TableCables:
		checkSorted(t, f.Path, readRows[schemas.CableRow](t, path), func(a, b schemas.CableRow) int {
			return cmpKeys(a.Created, b.Created, a.RefID, b.RefID, 0, 0)
		})
	case schemas.TableParagraphs:
		checkSorted(t, f.Path, readRows[schemas.ParagraphRow](t, path), func(a, b schemas.ParagraphRow) int {
			return cmpKeys(a.Created, b.Created, a.RefID, b.RefID, a.N, b.N)
		})
	case schemas.TableEntities:
		checkSorted(t, f.Path, readRows[schemas.EntityRow](t, path), func(a, b schemas.EntityRow) int {
			return cmpKeys(a.Created, b.Created, a.RefID, b.RefID, a.Paragraph*1e6+a.Start, b.Paragraph*1e6+b.Start)
		})
	case schemas.TableRecipients:
		checkSorted(t, f.Path, readRows[schemas.RecipientRow](t, path), func(a, b schemas.RecipientRow) int {
			return cmpKeys(a.Created, b.Created, a.RefID, b.RefID, a.N, b.N)
		})
	}
}

// Cables arriving in time order, with a little reordering, are written
// straight into the files as sorted row groups: no run is ever spilled.
// One cable far behind the others turns what was written into a run, and
// the files still come out sorted, with every row.
func TestInOrderFilesNeedNoRuns(t *testing.T) {
	for _, late := range []bool{false, true} {
		t.Run(fmt.Sprintf("late=%v", late), func(t *testing.T) {
			dir := t.TempDir()
			s := openSink(t, Config{Dir: dir, RowGroupRows: 10, Now: newClock().Now})
			r := rand.New(rand.NewPCG(5, 6))
			const n = 95
			for i := range n {
				// Neighbours swapped: within what a flush holds back.
				m := i ^ 1
				if late && i == 70 {
					m = 3
				}
				at := time.Date(2009, 3, 1, 0, m, 0, 0, time.UTC)
				add(t, s, cableMsg(t, synthCable(r, fmt.Sprintf("09PARIS%03d", i), at, 1000), uint64(i+1)))
				runs, _ := filepath.Glob(filepath.Join(dir, tmpDir, "_*.sort"))
				if spilled := len(runs) > 0; spilled != (late && i >= 70) {
					t.Fatalf("after cable %d, sorted runs on disk: %v", i, runs)
				}
			}
			if res := flush(t, s); len(res.Committed) != n {
				t.Fatalf("flush committed %d, want %d", len(res.Committed), n)
			}
			if left := tmpFiles(t, dir); len(left) != 0 {
				t.Errorf("left behind: %v", left)
			}
			recs := records(t, dir)
			if len(recs) != 1 {
				t.Fatalf("records %+v", recs)
			}
			for _, f := range recs[0].Files {
				if f.Table == schemas.TableCables && f.Rows != n {
					t.Errorf("%s: %d rows, want %d", f.Path, f.Rows, n)
				}
				checkFileSorted(t, dir, f)
			}
			// The late cable's tables were merged, each counted once.
			if got := s.Stats.Merged.Load(); (got > 0) != late || got > s.Stats.Files.Load() {
				t.Errorf("%d of %d files merged (late cable: %v)", got, s.Stats.Files.Load(), late)
			}
		})
	}
}

func cmpKeys(ta, tb time.Time, ra, rb string, na, nb int32) int {
	if c := ta.Compare(tb); c != 0 {
		return c
	}
	if ra != rb {
		if ra < rb {
			return -1
		}
		return 1
	}
	return int(na - nb)
}

func checkSorted[T any](t *testing.T, name string, rows []T, cmp func(a, b T) int) {
	t.Helper()
	if !slices.IsSortedFunc(rows, cmp) {
		t.Errorf("%s: %d rows not sorted", name, len(rows))
	}
}

// checkSortingMetadata wants several row groups, each declaring created
// ascending as its first sorting column.
func checkSortingMetadata(t *testing.T, path string, rows int64) {
	t.Helper()
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	st, _ := fh.Stat()
	f, err := parquet.OpenFile(fh, st.Size())
	if err != nil {
		t.Fatal(err)
	}
	if f.NumRows() != rows {
		t.Errorf("%s: %d rows, record says %d", path, f.NumRows(), rows)
	}
	rgs := f.Metadata().RowGroups
	if len(rgs) < 2 {
		t.Errorf("%s: %d row group(s); the test wants rows merged across several", path, len(rgs))
	}
	leaves := f.Schema().Columns()
	for i, rg := range rgs {
		if len(rg.SortingColumns) == 0 {
			t.Errorf("%s: row group %d declares no sorting columns", path, i)
			continue
		}
		sc := rg.SortingColumns[0]
		if got := leaves[sc.ColumnIdx]; !slices.Equal(got, []string{"created"}) || sc.Descending {
			t.Errorf("%s: row group %d sorted first by %v (descending %v), want created ascending", path, i, got, sc.Descending)
		}
	}
}

// Closing the sink with a partition open removes its temporary files and
// its sorted runs.
func TestCloseRemovesRuns(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(Config{Dir: dir, RowGroupRows: 2, Now: newClock().Now})
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(3, 4))
	for i := range 5 {
		add(t, s, cableMsg(t, synthCable(r, fmt.Sprintf("R%d", i), time.Date(2009, 3, 1, i, 0, 0, 0, time.UTC), 500), uint64(i+1)))
	}
	if len(tmpFiles(t, dir)) < 4 {
		t.Fatalf("want temporary files and runs while open, have %v", tmpFiles(t, dir))
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if left := tmpFiles(t, dir); len(left) != 0 {
		t.Errorf("left behind: %v", left)
	}
}
