package sink

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"

	"github.com/parquet-go/parquet-go"

	"github.com/cablewire/cablewire/schemas"
)

// tableFile is one table's Parquet file of an open partition, written
// under a temporary name that readers skip.
//
// Rows are sorted by the table's sort key within the file. The sorting
// writer (sortedWriter) sorts each row group's worth of rows in
// memory and spills it as a compressed run to tmpDir; Close merges the
// runs into the file. So memory holds one row group per table file, and
// the file's bytes exist only as runs until it is closed.
type tableFile[T any] struct {
	table, temp, final string // relative to the warehouse dir
	f                  *os.File
	bw                 *bufio.Writer
	cw                 countingWriter
	w                  rowWriter[T]
	spill              *spillPool
	rowSize            func(*T) int
	rows               int64
	leaves             int   // leaf columns of T
	runs               int   // row groups (or sorted runs) encoded so far
	groupRows          int   // rows per row group (and per sorted run)
	buffered           int   // rows not yet encoded
	bufferedBytes      int64 // rowSize of those rows
}

// rowWriter is what parquet-go's GenericWriter and SortingWriter, and
// sortedWriter, share.
type rowWriter[T any] interface {
	Write([]T) (int, error)
	Flush() error
	Close() error
}

// useSortedWriter writes sorted tables with sortedWriter; tests and
// benchmarks turn it off to compare with parquet-go's SortingWriter.
var useSortedWriter = true

// tableSpec is how one table is written.
type tableSpec[T any] struct {
	name    string
	key     *sortKey[T] // nil: rows in arrival order
	rowSize func(*T) int
	rows    int // per row group
}

func openTable[T any](dir, part, base string, spec tableSpec[T]) (*tableFile[T], error) {
	rel := filepath.Join(spec.name, part)
	if err := os.MkdirAll(filepath.Join(dir, rel), 0o755); err != nil {
		return nil, err
	}
	t := &tableFile[T]{
		table:     spec.name,
		temp:      filepath.Join(rel, "_"+base+".parquet.tmp"),
		final:     filepath.Join(rel, base+".parquet"),
		rowSize:   spec.rowSize,
		groupRows: spec.rows,
		leaves:    len(parquet.SchemaOf(new(T)).Columns()),
	}
	f, err := os.OpenFile(filepath.Join(dir, t.temp), os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return nil, err
	}
	t.f = f
	// Sorted, the file is written only at close, by the merge: a large
	// buffer would sit idle in every open file until then.
	t.bw = bufio.NewWriterSize(f, 256<<10)
	t.cw.w = t.bw
	opts := []parquet.WriterOption{
		parquet.Compression(zstdCodec),
		parquet.MaxRowsPerRowGroup(int64(spec.rows)),
		parquet.KeyValueMetadata(schemas.MetaSchemaVersion, strconv.Itoa(schemas.TableVersion)),
		parquet.CreatedBy("cablewire", "", ""),
		// No buffer inside the writers: the file's bufio and the runs'
		// spillFile buffer instead, after counting, so that the size
		// estimate is not up to 32 KB behind per table.
		parquet.WriteBufferSize(-1),
	}
	if spec.key == nil {
		t.w = parquet.NewGenericWriter[T](&t.cw, opts...)
		return t, nil
	}
	// The runs are named after this file ("_part-<time>-<instance>-<n>-
	// <table>-*.sort") so that recovery can attribute them to an instance.
	t.spill = newSpillPool(filepath.Join(dir, tmpDir), "_"+base+"-"+spec.name+"-*.sort")
	sortCols := spec.key.sorting()
	sorting := parquet.SortingWriterConfig(parquet.SortingColumns(sortCols...))
	// write flushes a run every spec.rows rows; the writers' own threshold
	// is set above that so they only spill early when one cable brings
	// more rows than a run holds.
	if useSortedWriter {
		runOpts := []parquet.WriterOption{
			parquet.Compression(zstdCodec),
			parquet.CreatedBy("cablewire", "", ""),
			parquet.WriteBufferSize(-1),
			sorting,
		}
		t.w = newSortedWriter[T](&t.cw, 2*spec.rows, *spec.key, sortCols, t.spill, append(opts, sorting), runOpts)
		return t, nil
	}
	opts = append(opts, parquet.SortingWriterConfig(
		parquet.SortingColumns(sortCols...),
		parquet.SortingBuffers(t.spill),
	))
	t.w = parquet.NewSortingWriter[T](&t.cw, int64(2*spec.rows), opts...)
	return t, nil
}

func (t *tableFile[T]) write(rows []T) error {
	if len(rows) == 0 {
		return nil
	}
	if _, err := t.w.Write(rows); err != nil {
		return fmt.Errorf("%s: %w", t.table, err)
	}
	t.rows += int64(len(rows))
	t.buffered += len(rows)
	for i := range rows {
		t.bufferedBytes += int64(t.rowSize(&rows[i]))
	}
	if t.buffered >= t.groupRows {
		// A sorted run (or, unsorted, a row group) goes to disk now, so
		// that its bytes are counted and its rows leave memory.
		if err := t.w.Flush(); err != nil {
			return fmt.Errorf("%s: %w", t.table, err)
		}
		t.buffered, t.bufferedBytes = 0, 0
		t.runs++
	}
	return nil
}

// chunkMeta is the footer's share per column chunk: its metadata with
// statistics, and its column and offset index entries. Measured at about
// 140 to 300 bytes on the cablewire tables; none of it is written before
// the file closes.
const chunkMeta = 256

// size estimates the file's bytes: what is encoded so far (sorted runs, or
// row groups written to the file), the footer those row groups and the one
// still buffered will need, and a bound for the rows still buffered.
func (t *tableFile[T]) size() int64 {
	n := t.cw.n + int64((t.runs+1)*t.leaves*chunkMeta) + t.bufferedBytes
	if t.spill != nil {
		n += t.spill.n
	}
	return n
}

// close merges the runs, writes the footer and fsyncs the file.
func (t *tableFile[T]) close() (FileRecord, error) {
	err := t.w.Close()
	if t.spill != nil {
		t.spill.release() // after a failed merge; Close returned them otherwise
	}
	if err == nil {
		err = t.bw.Flush()
	}
	if err == nil {
		err = t.f.Sync()
	}
	if cerr := t.f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return FileRecord{}, fmt.Errorf("%s: %w", t.temp, err)
	}
	return FileRecord{Table: t.table, Path: t.final, Temp: t.temp, Rows: t.rows, Bytes: t.cw.n}, nil
}

// abort drops the temporary file and its runs.
func (t *tableFile[T]) abort(dir string) {
	t.f.Close()
	os.Remove(filepath.Join(dir, t.temp))
	if t.spill != nil {
		t.spill.release()
	}
}

type countingWriter struct {
	w interface{ Write([]byte) (int, error) }
	n int64
}

func (c *countingWriter) Write(b []byte) (int, error) {
	n, err := c.w.Write(b)
	c.n += int64(n)
	return n, err
}

// sortedWriter does what parquet-go's SortingWriter does, with the table's
// typed sort key (sortKey): each run's rows are sorted
// as structs and written to the spill file as a row group, and Close merges
// the runs into the output. It is cheaper than the SortingWriter, which
// deconstructs every row into parquet.Values, copies their bytes into its
// row buffer, sorts the rows with a comparator over values and turns them
// back into columns: here the structs, which reference the cables' strings
// without copying them, are sorted through an index and written a column at
// a time by GenericWriter.Write. The merge is the SortingWriter's.
type sortedWriter[T any] struct {
	key     sortKey[T]
	sorting []parquet.SortingColumn
	maxRows int // a run is spilled when this many rows are buffered
	rows    []T // buffered, in arrival order
	idx     []int32
	first   []int64 // key.first of rows
	pool    *spillPool
	spill   io.ReadWriteSeeker
	runs    *parquet.GenericWriter[T] // into spill, a row group per run
	runOpts []parquet.WriterOption
	out     *parquet.GenericWriter[T]
}

func newSortedWriter[T any](out io.Writer, maxRows int, key sortKey[T], sorting []parquet.SortingColumn, pool *spillPool, outOpts, runOpts []parquet.WriterOption) *sortedWriter[T] {
	return &sortedWriter[T]{
		key: key, sorting: sorting, maxRows: maxRows, pool: pool, runOpts: runOpts,
		out: parquet.NewGenericWriter[T](out, outOpts...),
	}
}

func (w *sortedWriter[T]) Write(rows []T) (int, error) {
	w.rows = append(w.rows, rows...)
	if len(w.rows) >= w.maxRows {
		if err := w.Flush(); err != nil {
			return len(rows), err
		}
	}
	return len(rows), nil
}

// Flush sorts the buffered rows and spills them as a run.
func (w *sortedWriter[T]) Flush() error {
	if len(w.rows) == 0 {
		return nil
	}
	// Sort an index rather than the structs (up to hundreds of bytes
	// each), by the first key, held alongside, then by the comparator;
	// then move each struct once into its place.
	idx, first := w.idx[:0], w.first[:0]
	for i := range w.rows {
		idx = append(idx, int32(i))
		first = append(first, w.key.first(&w.rows[i]))
	}
	slices.SortFunc(idx, func(i, j int32) int {
		if c := cmp.Compare(first[i], first[j]); c != 0 {
			return c
		}
		return w.key.cmp(&w.rows[i], &w.rows[j])
	})
	permute(w.rows, idx)
	w.idx, w.first = idx[:0], first[:0]
	if w.runs == nil {
		w.spill = w.pool.GetBuffer()
		w.runs = parquet.NewGenericWriter[T](w.spill, w.runOpts...)
	}
	_, err := w.runs.Write(w.rows)
	if err == nil {
		err = w.runs.Flush()
	}
	clear(w.rows) // drop the references to the rows' strings
	w.rows = w.rows[:0]
	return err
}

// permute puts rows in the order idx lists them (rows[k] becomes the old
// rows[idx[k]]), following the permutation's cycles; idx is clobbered.
func permute[T any](rows []T, idx []int32) {
	for start := range idx {
		if int(idx[start]) == start {
			continue
		}
		tmp := rows[start]
		k := start
		for {
			j := int(idx[k])
			idx[k] = int32(k)
			if j == start {
				rows[k] = tmp
				break
			}
			rows[k] = rows[j]
			k = j
		}
	}
}

// Close merges the runs into the output and closes it.
func (w *sortedWriter[T]) Close() error {
	if err := w.Flush(); err != nil {
		return err
	}
	if w.runs == nil {
		return w.out.Close()
	}
	defer func() {
		w.pool.PutBuffer(w.spill)
		w.spill, w.runs = nil, nil
	}()
	if err := w.runs.Close(); err != nil {
		return err
	}
	size, err := w.spill.Seek(0, io.SeekCurrent)
	if err != nil {
		return err
	}
	ra, ok := w.spill.(io.ReaderAt)
	if !ok {
		return fmt.Errorf("sorted runs in a %T, not an io.ReaderAt", w.spill)
	}
	f, err := parquet.OpenFile(ra, size, &parquet.FileConfig{
		SkipPageIndex:    true,
		SkipBloomFilters: true,
		ReadBufferSize:   4096,
	})
	if err != nil {
		return err
	}
	m, err := parquet.MergeRowGroups(f.RowGroups(), &parquet.RowGroupConfig{
		Schema:  w.out.Schema(),
		Sorting: parquet.SortingConfig{SortingColumns: w.sorting},
	})
	if err != nil {
		return err
	}
	if _, err := w.out.WriteRowGroup(m); err != nil {
		return err
	}
	if err := w.out.Flush(); err != nil {
		return err
	}
	return w.out.Close()
}
