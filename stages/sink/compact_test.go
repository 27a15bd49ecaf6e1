package sink

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
	"github.com/parquet-go/parquet-go"

	"github.com/cablewire/cablewire/schemas"
)

// smallFilesWarehouse commits cables cables over months partitions, a few
// per commit, so that each partition holds many small files per table.
func smallFilesWarehouse(t *testing.T, dir string, cables, months, perCommit, bodyBytes int) {
	t.Helper()
	r := rand.New(rand.NewPCG(3, 3))
	s := openSink(t, Config{Dir: dir, MaxRows: perCommit, MaxLag: -1, Now: time.Now})
	for i := range cables {
		at := time.Date(2008, time.Month(1+i%months), 1+r.IntN(27), r.IntN(24), 0, 0, 0, time.UTC)
		c := synthCable(r, fmt.Sprintf("08C%05d", i), at, bodyBytes)
		c.References = []string{fmt.Sprintf("07C%05d", i/2)}
		addWait(t, s, cableMsg(t, c, uint64(i+1)))
	}
	flush(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}

// globRows reads a table as a reader that globs the directories does
// (arrow-go, independent of the writer): one "ref_id/version" per row,
// sorted, and the files it read. An error is returned, not fatal, so that
// a reader loop can report it.
func globRows(dir, table string) ([]string, []string, error) {
	files, err := filepath.Glob(filepath.Join(dir, table, "year=*", "month=*", "[^_]*.parquet"))
	if err != nil {
		return nil, nil, err
	}
	var out []string
	for _, f := range files {
		rows, err := readRefVersions(f)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", f, err)
		}
		out = append(out, rows...)
	}
	slices.Sort(out)
	return out, files, nil
}

func readRefVersions(path string) ([]string, error) {
	rdr, err := file.OpenParquetFile(path, false)
	if err != nil {
		return nil, err
	}
	defer rdr.Close()
	fr, err := pqarrow.NewFileReader(rdr, pqarrow.ArrowReadProperties{BatchSize: 4096}, memory.DefaultAllocator)
	if err != nil {
		return nil, err
	}
	tbl, err := fr.ReadTable(context.Background())
	if err != nil {
		return nil, err
	}
	defer tbl.Release()
	sc := tbl.Schema()
	ri, vi := sc.FieldIndices("ref_id"), sc.FieldIndices("version")
	if len(ri) != 1 || len(vi) != 1 {
		return nil, fmt.Errorf("no ref_id or version")
	}
	var out []string
	rc, vc := tbl.Column(ri[0]).Data().Chunks(), tbl.Column(vi[0]).Data().Chunks()
	for k := range rc {
		refs := rc[k].(*array.String)
		vers := vc[k].(*array.Int32)
		for i := range refs.Len() {
			out = append(out, fmt.Sprintf("%s/%d", refs.Value(i), vers.Value(i)))
		}
	}
	return out, nil
}

// allRows is globRows of every table.
func allRows(t *testing.T, dir string) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, table := range tableNames {
		rows, _, err := globRows(dir, table)
		if err != nil {
			t.Fatal(err)
		}
		out[table] = rows
	}
	return out
}

func sameRows(t *testing.T, got, want map[string][]string) {
	t.Helper()
	for _, table := range tableNames {
		if !slices.Equal(got[table], want[table]) {
			t.Errorf("%s: %d rows, want %d (every row exactly once)", table, len(got[table]), len(want[table]))
		}
	}
}

// filesPerPartition counts the committed files of each table partition.
func filesPerPartition(t *testing.T, dir string) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, table := range tableNames {
		parts, err := partitionsOf(dir, table)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range parts {
			fs, err := committedFiles(filepath.Join(dir, table, p))
			if err != nil {
				t.Fatal(err)
			}
			out[table+"/"+p] = len(fs)
		}
	}
	return out
}

// A compaction merges each partition's small files into one, sorted by
// created, with statistics, page index and bloom filters; its commit
// record names what it replaced; and neither the index nor a roll-forward
// from the whole log brings the replaced files back.
func TestCompactMergesSmallFiles(t *testing.T) {
	dir := t.TempDir()
	smallFilesWarehouse(t, dir, 120, 3, 8, 800)
	before := allRows(t, dir)
	for k, n := range filesPerPartition(t, dir) {
		if n < 5 {
			t.Fatalf("%s holds %d files before compaction: the test needs small files", k, n)
		}
	}
	later := time.Now().Add(time.Hour)
	st, err := Compact(t.Context(), CompactConfig{Dir: dir, Now: func() time.Time { return later.Add(-time.Hour) }})
	if err != nil {
		t.Fatal(err)
	}
	if st.Partitions != 15 || st.FilesOut != 15 {
		t.Errorf("stats %+v: want 15 table partitions, each into one file", st)
	}
	sameRows(t, allRows(t, dir), before)
	for k, n := range filesPerPartition(t, dir) {
		if n != 1 {
			t.Errorf("%s holds %d files after compaction, want 1", k, n)
		}
	}
	var compacts []*Record
	for _, r := range records(t, dir) {
		if r.Kind == KindCompact {
			compacts = append(compacts, r)
		}
	}
	if len(compacts) != 15 {
		t.Fatalf("%d compaction records, want 15", len(compacts))
	}
	for _, r := range compacts {
		if len(r.Replaces) < 5 || len(r.Cables) != 0 {
			t.Errorf("record %s replaces %d files, names %d cables", r.ID, len(r.Replaces), len(r.Cables))
		}
		for _, p := range r.Replaces {
			if _, err := os.Stat(filepath.Join(dir, p)); !os.IsNotExist(err) {
				t.Errorf("replaced %s still in place", p)
			}
		}
		checkCompactedFile(t, filepath.Join(dir, r.Files[0].Path), r.Files[0].Table)
	}

	// A sink rebuilding its index from the whole log rolls every record
	// forward: the replaced files stay gone, and committed cables are
	// still known.
	os.RemoveAll(filepath.Join(dir, sinksDir))
	os.MkdirAll(filepath.Join(dir, sinksDir), 0o755)
	s := openSink(t, Config{Dir: dir, Now: time.Now})
	sameRows(t, allRows(t, dir), before)
	r := rand.New(rand.NewPCG(3, 3))
	c := synthCable(r, "08C00007", time.Date(2008, 2, 3, 0, 0, 0, 0, time.UTC), 800)
	add(t, s, cableMsg(t, c, 1000))
	if s.Stats.Duplicates.Load() != 1 {
		t.Errorf("a committed cable, loaded again after compaction, is not recognised")
	}

	// Past the grace period the old generations go.
	if _, err := Compact(t.Context(), CompactConfig{Dir: dir, Now: func() time.Time { return later }}); err != nil {
		t.Fatal(err)
	}
	if ents, _ := os.ReadDir(filepath.Join(dir, compactDir)); len(ents) != 0 {
		t.Errorf("%d staging directories left past the grace period", len(ents))
	}
}

// checkCompactedFile checks the reader aids and the sort order of a merged
// file.
func checkCompactedFile(t *testing.T, path, table string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, _ := f.Stat()
	pf, err := parquet.OpenFile(f, st.Size())
	if err != nil {
		t.Fatal(err)
	}
	ref, _ := pf.Schema().Lookup("ref_id")
	created, _ := pf.Schema().Lookup("created")
	for _, rg := range pf.RowGroups() {
		if len(rg.SortingColumns()) == 0 || rg.SortingColumns()[0].Path()[0] != "created" {
			t.Errorf("%s: row group sorted by %v, want created first", path, rg.SortingColumns())
		}
		cc := rg.ColumnChunks()[ref.ColumnIndex]
		if cc.BloomFilter() == nil {
			t.Errorf("%s: no bloom filter on ref_id", path)
		}
		if _, err := cc.ColumnIndex(); err != nil {
			t.Errorf("%s: no column index on ref_id: %v", path, err)
		}
		if _, err := cc.OffsetIndex(); err != nil {
			t.Errorf("%s: no offset index on ref_id: %v", path, err)
		}
	}
	if table == schemas.TableEntities {
		can, _ := pf.Schema().Lookup("canonical")
		if pf.RowGroups()[0].ColumnChunks()[can.ColumnIndex].BloomFilter() == nil {
			t.Errorf("%s: no bloom filter on canonical", path)
		}
	}
	// created never decreases across the file's rows.
	var last int64
	for _, rg := range pf.RowGroups() {
		pages := rg.ColumnChunks()[created.ColumnIndex].Pages()
		for {
			p, err := pages.ReadPage()
			if err != nil {
				break
			}
			vals := make([]parquet.Value, p.NumValues())
			n, _ := p.Values().ReadValues(vals)
			for _, v := range vals[:n] {
				if v.Int64() < last {
					t.Fatalf("%s: created goes back in time", path)
				}
				last = v.Int64()
			}
		}
		pages.Close()
	}
}

// A compactor that died after its commit record but before its swap is
// rolled forward by the next sink; one that died before its record leaves
// a staging directory the next compaction removes.
func TestCompactionCrashIsFinished(t *testing.T) {
	dir := t.TempDir()
	smallFilesWarehouse(t, dir, 40, 1, 8, 400)
	before := allRows(t, dir)

	_, err := Compact(t.Context(), CompactConfig{Dir: dir, Table: schemas.TableCables, abortAt: "committed"})
	if err != errAborted {
		t.Fatalf("compaction: %v, want the test's abort", err)
	}
	sameRows(t, allRows(t, dir), before) // committed, not swapped: the old files still serve
	if n := filesPerPartition(t, dir)["cables/year=2008/month=01"]; n < 5 {
		t.Fatalf("swapped before the roll-forward: %d files", n)
	}
	openSink(t, Config{Dir: dir, Now: time.Now}).Close()
	if n := filesPerPartition(t, dir)["cables/year=2008/month=01"]; n != 1 {
		t.Errorf("after a sink's catch-up the partition holds %d cables files, want the merged one", n)
	}
	sameRows(t, allRows(t, dir), before)

	_, err = Compact(t.Context(), CompactConfig{Dir: dir, Table: schemas.TableEntities, abortAt: "written"})
	if err != errAborted {
		t.Fatalf("compaction: %v, want the test's abort", err)
	}
	later := time.Now().Add(time.Hour)
	if _, err := Compact(t.Context(), CompactConfig{Dir: dir, Now: func() time.Time { return later }}); err != nil {
		t.Fatal(err)
	}
	// Its own replaced generation stays for the grace period; the next
	// compaction after it removes it.
	later = later.Add(time.Hour)
	if _, err := Compact(t.Context(), CompactConfig{Dir: dir, Now: func() time.Time { return later }}); err != nil {
		t.Fatal(err)
	}
	if ents, _ := os.ReadDir(filepath.Join(dir, compactDir)); len(ents) != 0 {
		for _, e := range ents {
			sub, _ := os.ReadDir(filepath.Join(dir, compactDir, e.Name()))
			_, rerr := readRecord(dir, e.Name())
			t.Logf("%s: %d entries, record: %v", e.Name(), len(sub), rerr)
		}
		t.Errorf("staging directories left: %v", ents)
	}
	sameRows(t, allRows(t, dir), before)
}

// A sink commits while compactions run on the same warehouse: the commit
// lock orders the swaps and the commits, and every row is there once.
func TestCompactionBesideASink(t *testing.T) {
	dir := t.TempDir()
	smallFilesWarehouse(t, dir, 40, 2, 8, 400)
	r := rand.New(rand.NewPCG(5, 5))
	s := openSink(t, Config{Dir: dir, MaxRows: 3, MaxLag: -1, Now: time.Now})
	done := make(chan error)
	go func() {
		var err error
		for range 20 {
			if _, err = Compact(context.Background(), CompactConfig{Dir: dir}); err != nil {
				break
			}
		}
		done <- err
	}()
	for i := range 60 {
		at := time.Date(2008, time.Month(1+i%2), 1+r.IntN(27), 0, 0, 0, 0, time.UTC)
		addWait(t, s, cableMsg(t, synthCable(r, fmt.Sprintf("08N%05d", i), at, 400), uint64(i+1)))
	}
	flush(t, s)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	rows, _, err := globRows(dir, schemas.TableCables)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 100 || len(slices.Compact(rows)) != 100 {
		t.Errorf("%d cables rows (%d distinct), want 100", len(rows), len(slices.Compact(slices.Clone(rows))))
	}
}

// A reader that globs the directories counts every table's rows in a loop
// while compactions run: it never sees a row twice or misses one.
func TestReadersDuringCompaction(t *testing.T) {
	dir := t.TempDir()
	smallFilesWarehouse(t, dir, 120, 3, 4, 400)
	before := allRows(t, dir)
	stop := make(chan struct{})
	errs := make(chan error, 1)
	reads := 0
	go func() {
		defer close(errs)
		for {
			select {
			case <-stop:
				return
			default:
			}
			for _, table := range tableNames {
				rows, files, err := globRows(dir, table)
				if err != nil {
					if strings.Contains(err.Error(), "no such file") {
						// Listed before a swap, opened after: the reader
						// sees an error, never a wrong count (see the
						// README); it reads again.
						continue
					}
					errs <- err
					return
				}
				if !slices.Equal(rows, before[table]) {
					errs <- fmt.Errorf("%s: a reader saw %d rows in %d files, want %d", table, len(rows), len(files), len(before[table]))
					return
				}
				reads++
			}
		}
	}()
	if _, err := Compact(t.Context(), CompactConfig{Dir: dir, TargetBytes: 64 << 10, MaxInputs: 4}); err != nil {
		t.Fatal(err)
	}
	close(stop)
	if err := <-errs; err != nil {
		t.Fatal(err)
	}
	if reads < 5 {
		t.Errorf("only %d reads ran during the compaction", reads)
	}
	sameRows(t, allRows(t, dir), before)
}

const compactChildEnv = "CABLEWIRE_COMPACT_CHILD"

// SIGKILL a compaction at random points, five times, then let one finish:
// every row is there exactly once, and nothing of the killed ones is left.
func TestCompactionSurvivesSIGKILL(t *testing.T) {
	if d := os.Getenv(compactChildEnv); d != "" {
		_, err := Compact(context.Background(), CompactConfig{Dir: d, TargetBytes: 256 << 10, MaxInputs: 3})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	if testing.Short() {
		t.Skip("kills compactions for a while")
	}
	dir := t.TempDir()
	smallFilesWarehouse(t, dir, 300, 3, 6, 1200)
	before := allRows(t, dir)
	r := rand.New(rand.NewPCG(9, 9))
	killed := 0
	for i := 0; killed < 5 && i < 20; i++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCompactionSurvivesSIGKILL$")
		cmd.Env = append(os.Environ(), compactChildEnv+"="+dir)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan error, 1)
		go func() { exited <- cmd.Wait() }()
		select {
		case err := <-exited:
			t.Logf("child %d finished before its kill: %v", i, err)
			if err != nil {
				t.Fatal(err)
			}
			continue
		case <-time.After(time.Duration(50+r.IntN(400)) * time.Millisecond):
		}
		cmd.Process.Signal(syscall.SIGKILL)
		<-exited
		killed++
		// Between kills a reader sees every row once.
		sameRows(t, allRows(t, dir), before)
	}
	if killed < 5 {
		t.Fatalf("only %d compactions killed", killed)
	}
	later := time.Now().Add(time.Hour)
	for range 2 { // the second removes the first's replaced generations
		if _, err := Compact(t.Context(), CompactConfig{Dir: dir, TargetBytes: 256 << 10, Now: func() time.Time { return later }}); err != nil {
			t.Fatal(err)
		}
		later = later.Add(time.Hour)
	}
	sameRows(t, allRows(t, dir), before)
	if ents, _ := os.ReadDir(filepath.Join(dir, compactDir)); len(ents) != 0 {
		t.Errorf("staging directories left: %d", len(ents))
	}
	if tmp := tmpFiles(t, dir); len(tmp) != 0 {
		t.Errorf("temporary files left: %v", tmp)
	}
	if ents, _ := os.ReadDir(filepath.Join(dir, tmpDir)); len(ents) != 0 {
		t.Errorf("files left in %s: %d", tmpDir, len(ents))
	}
}

// A sink with Config.Compact merges the small files of the partitions it
// commits to in the background, while it goes on committing.
func TestBackgroundCompaction(t *testing.T) {
	defer func(d time.Duration) { compactEvery = d }(compactEvery)
	compactEvery = 50 * time.Millisecond
	dir := t.TempDir()
	r := rand.New(rand.NewPCG(4, 4))
	s := openSink(t, Config{Dir: dir, MaxRows: 2, MaxLag: -1, Now: time.Now, Compact: true, CompactWith: CompactConfig{MinFiles: 3}})
	for i := range 30 {
		at := time.Date(2008, 5, 1+i%27, 0, 0, 0, 0, time.UTC)
		addWait(t, s, cableMsg(t, synthCable(r, fmt.Sprintf("08B%05d", i), at, 300), uint64(i+1)))
	}
	flush(t, s)
	deadline := time.Now().Add(30 * time.Second)
	for s.Stats.Compacted.Load() == 0 || filesPerPartition(t, dir)["cables/year=2008/month=05"] >= 3 {
		if time.Now().After(deadline) {
			t.Fatalf("no background compaction: %d files compacted, %d cables files", s.Stats.Compacted.Load(), filesPerPartition(t, dir)["cables/year=2008/month=05"])
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := s.CompactionErr(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	rows, _, err := globRows(dir, schemas.TableCables)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 30 || len(slices.Compact(slices.Clone(rows))) != 30 {
		t.Errorf("%d cables rows after background compaction, want 30 once each", len(rows))
	}
}

// Config.Compression snappy writes snappy pages, which arrow-go reads
// back; an unknown codec is refused at Open.
func TestCompressionSnappy(t *testing.T) {
	dir := t.TempDir()
	r := rand.New(rand.NewPCG(6, 6))
	s := openSink(t, Config{Dir: dir, Compression: CompressionSnappy, Now: time.Now})
	for i := range 5 {
		add(t, s, cableMsg(t, synthCable(r, fmt.Sprintf("08S%05d", i), time.Date(2008, 5, 1+i, 0, 0, 0, 0, time.UTC), 300), uint64(i+1)))
	}
	flush(t, s)
	rows, files, err := globRows(dir, schemas.TableCables)
	if err != nil || len(rows) != 5 {
		t.Fatalf("arrow-go read %d rows: %v", len(rows), err)
	}
	rdr, err := file.OpenParquetFile(files[0], false)
	if err != nil {
		t.Fatal(err)
	}
	defer rdr.Close()
	cc, err := rdr.MetaData().RowGroup(0).ColumnChunk(0)
	if err != nil {
		t.Fatal(err)
	}
	if got := cc.Compression().String(); !strings.EqualFold(got, "snappy") {
		t.Errorf("codec %s, want snappy", got)
	}
	if _, err := Open(Config{Dir: t.TempDir(), Compression: "lz5"}); err == nil {
		t.Error("Open accepted compression lz5")
	}
}
