package sink

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"sync"

	"github.com/parquet-go/parquet-go"

	"github.com/cablewire/cablewire/schemas"
)

// tableFile is one table's Parquet file of an open partition, written
// under a temporary name that readers skip.
//
// Rows are sorted by the table's sort key within the file. The sorting
// writer (sortedWriter) sorts each row group's worth of rows in memory and
// writes it to the file while rows arrive in order; once one arrives out
// of order, what the file holds becomes a run under tmpDir, later row
// groups are spilled there as runs too, and Close merges the runs into the
// file. So memory holds about one row group per table file.
type tableFile[T any] struct {
	dir                string
	table, temp, final string // relative to dir
	f                  *os.File
	bw                 *bufio.Writer
	cw                 countingWriter
	w                  rowWriter[T]
	sorted             *sortedWriter[T] // w, when the table is sorted
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
	// compression is Config.Compression.
	compression string
}

func openTable[T any](dir, part, base string, spec tableSpec[T]) (*tableFile[T], error) {
	rel := filepath.Join(spec.name, part)
	if err := os.MkdirAll(filepath.Join(dir, rel), 0o755); err != nil {
		return nil, err
	}
	t := &tableFile[T]{
		dir:   dir,
		table: spec.name,
		// Outside the partition's directory, so that nothing but a
		// commit (under the commit lock) changes what a directory holds:
		// compaction swaps a partition's directory whole (see compact.go).
		temp:      filepath.Join(tmpDir, "_"+base+"-"+spec.name+".parquet.tmp"),
		final:     filepath.Join(rel, base+".parquet"),
		rowSize:   spec.rowSize,
		groupRows: spec.rows,
		leaves:    len(parquet.SchemaOf(new(T)).Columns()),
	}
	// Readable: rows arriving out of order make the file a run to merge.
	f, err := os.OpenFile(filepath.Join(dir, t.temp), os.O_CREATE|os.O_EXCL|os.O_RDWR, 0o644)
	if err != nil {
		return nil, err
	}
	t.f = f
	t.bw = bufio.NewWriterSize(f, 256<<10)
	t.cw.w = t.bw
	opts := append(fileOptions(spec.name, spec.compression, false),
		parquet.MaxRowsPerRowGroup(int64(spec.rows)),
		parquet.KeyValueMetadata(schemas.MetaSchemaVersion, strconv.Itoa(schemas.TableVersion)),
		// No buffer inside the writers: the file's bufio and the runs'
		// spillFile buffer instead, after counting, so that the size
		// estimate is not up to 32 KB behind per table.
		parquet.WriteBufferSize(-1),
	)
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
		t.sorted = newSortedWriter[T](&t.cw, 2*spec.rows, *spec.key, sortCols, t.spill, append(opts, sorting), runOpts)
		t.sorted.hold = spec.rows / 2
		t.sorted.restart = t.restart
		t.w = t.sorted
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
	hold := 0
	if t.sorted != nil {
		hold = t.sorted.hold
	}
	if t.buffered >= t.groupRows+hold {
		// A row group (or a sorted run) goes to disk now, so that its
		// bytes are counted and its rows leave memory; the sorted writer
		// keeps the last rows back.
		if err := t.w.Flush(); err != nil {
			return fmt.Errorf("%s: %w", t.table, err)
		}
		t.buffered, t.bufferedBytes = 0, 0
		if t.sorted != nil {
			t.buffered = len(t.sorted.rows)
			for i := range t.sorted.rows {
				t.bufferedBytes += int64(t.rowSize(&t.sorted.rows[i]))
			}
		}
		t.runs++
	}
	return nil
}

// restart is called by the sorted writer when rows arrive that sort
// before rows it has written: the file written so far (closed by the
// writer) becomes a sorted run, and the file starts afresh at its
// temporary name, to receive the merge. It returns the run and where to
// write.
func (t *tableFile[T]) restart() (io.ReaderAt, int64, io.Writer, error) {
	if err := t.bw.Flush(); err != nil {
		return nil, 0, nil, err
	}
	path := filepath.Join(t.dir, t.temp)
	run, err := t.spill.adopt(t.f, path, t.cw.n)
	if err != nil {
		return nil, 0, nil, err
	}
	size := t.cw.n
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_RDWR, 0o644)
	if err != nil {
		return nil, 0, nil, err
	}
	t.f = f
	t.bw.Reset(f)
	t.cw.n = 0
	return run, size, &t.cw, nil
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
	merged := t.sorted != nil && !t.sorted.inOrder()
	return FileRecord{Table: t.table, Path: t.final, Temp: t.temp, Rows: t.rows, Bytes: t.cw.n, merged: merged}, nil
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
// typed sort key (sortKey), and without its spilling while rows arrive in
// order, as they do in a bulk load in time order.
//
// Each flush sorts the buffered rows as structs, through an index. While
// every row sorts after the rows already written, the flush writes all but
// the last hold rows (which absorb a little reordering) to the output as a
// row group, and Close writes the rest: the file is sorted and no row is
// encoded twice. The first row to sort before one already written makes
// the output written so far a run (restart), and from then on each flush
// spills its rows as a run; Close merges the runs into a fresh output with
// parquet-go's merge.
//
// Rows are cheaper as structs than in the SortingWriter, which
// deconstructs every row into parquet.Values, copies their bytes into its
// row buffer, sorts the rows with a comparator over values and turns them
// back into columns: here the structs reference the cables' strings
// without copying them and GenericWriter.Write encodes a column at a time.
type sortedWriter[T any] struct {
	key     sortKey[T]
	sorting []parquet.SortingColumn
	maxRows int // rows are flushed when this many are buffered
	hold    int // rows a flush keeps back while rows arrive in order
	*sortBuf[T]

	// In order (no prefix yet), last is the last row written, if wrote.
	wrote   bool
	last    T
	restart func() (run io.ReaderAt, size int64, out io.Writer, err error)

	pool    *spillPool
	prefix  *parquet.File             // the output up to the first row out of order; nil while in order
	spill   io.ReadWriteSeeker        // the runs spilled since
	runs    *parquet.GenericWriter[T] // into spill, a row group per run
	runOpts []parquet.WriterOption
	outOpts []parquet.WriterOption
	out     *parquet.GenericWriter[T]
}

func newSortedWriter[T any](out io.Writer, maxRows int, key sortKey[T], sorting []parquet.SortingColumn, pool *spillPool, outOpts, runOpts []parquet.WriterOption) *sortedWriter[T] {
	return &sortedWriter[T]{
		key: key, sorting: sorting, maxRows: maxRows, pool: pool, runOpts: runOpts, outOpts: outOpts,
		out: parquet.NewGenericWriter[T](out, outOpts...),
	}
}

func (w *sortedWriter[T]) Write(rows []T) (int, error) {
	if w.sortBuf == nil {
		w.sortBuf = getSortBuf[T]()
	}
	w.rows = append(w.rows, rows...)
	if len(w.rows) >= w.maxRows {
		if err := w.Flush(); err != nil {
			return len(rows), err
		}
	}
	return len(rows), nil
}

// Flush writes the buffered rows but the held ones to the output, or
// spills them as a run.
func (w *sortedWriter[T]) Flush() error { return w.flush(w.hold) }

func (w *sortedWriter[T]) flush(keep int) error {
	if w.sortBuf == nil || len(w.rows) == 0 {
		return nil
	}
	w.sort()
	if w.inOrder() && w.wrote && w.key.cmp(&w.rows[0], &w.last) < 0 {
		if err := w.demote(); err != nil {
			return err
		}
	}
	if w.inOrder() {
		n := len(w.rows) - min(keep, len(w.rows))
		if n == 0 {
			return nil
		}
		_, err := w.out.Write(w.rows[:n])
		if err == nil {
			err = w.out.Flush()
		}
		w.last, w.wrote = w.rows[n-1], true
		m := copy(w.rows, w.rows[n:])
		clear(w.rows[m:]) // drop the references to the rows' strings
		w.rows = w.rows[:m]
		return err
	}
	if w.runs == nil {
		w.spill = w.pool.GetBuffer()
		w.runs = parquet.NewGenericWriter[T](w.spill, w.runOpts...)
	}
	_, err := w.runs.Write(w.rows)
	if err == nil {
		err = w.runs.Flush()
	}
	clear(w.rows)
	w.rows = w.rows[:0]
	return err
}

// sortBuf is a sorted writer's buffers: rows, in arrival order after the
// held ones, and the index and first keys that sort them.
type sortBuf[T any] struct {
	rows  []T
	idx   []int32
	first []int64
}

// sortBufs keeps a few sortBufs per row type between files: grown to a row
// group and a half of rows (megabytes for entities), they would otherwise
// be grown again in every file. A sync.Pool would not do: near the memory
// limit it is emptied by every collection, which is then several a second.
var sortBufs sync.Map // reflect.Type → *freeBufs

// maxFreeSortBufs is how many sortBufs of a type are kept: a commit's worth
// of files closes one of each at a time, and the next partition takes it.
const maxFreeSortBufs = 2

type freeBufs struct {
	mu   sync.Mutex
	bufs []any
}

func freeSortBufs[T any]() *freeBufs {
	t := reflect.TypeFor[T]()
	if f, ok := sortBufs.Load(t); ok {
		return f.(*freeBufs)
	}
	f, _ := sortBufs.LoadOrStore(t, &freeBufs{})
	return f.(*freeBufs)
}

func getSortBuf[T any]() *sortBuf[T] {
	f := freeSortBufs[T]()
	f.mu.Lock()
	defer f.mu.Unlock()
	if n := len(f.bufs); n > 0 {
		b := f.bufs[n-1].(*sortBuf[T])
		f.bufs[n-1] = nil
		f.bufs = f.bufs[:n-1]
		return b
	}
	return new(sortBuf[T])
}

// putSortBuf keeps b, whose rows must be cleared (flushed), if there is room.
func putSortBuf[T any](b *sortBuf[T]) {
	b.rows, b.idx, b.first = b.rows[:0], b.idx[:0], b.first[:0]
	f := freeSortBufs[T]()
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.bufs) < maxFreeSortBufs {
		f.bufs = append(f.bufs, b)
	}
}

// sort orders the buffered rows: an index rather than the structs (up to
// hundreds of bytes each), by the first key, held alongside, then by the
// comparator; then each struct moves once into its place.
func (w *sortedWriter[T]) sort() {
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
}

// inOrder reports whether every row so far came in order, so that the
// output holds them all and there is nothing to merge.
func (w *sortedWriter[T]) inOrder() bool { return w.prefix == nil }

// demote makes the output written so far the first run to merge.
func (w *sortedWriter[T]) demote() error {
	if err := w.out.Close(); err != nil {
		return err
	}
	run, size, out, err := w.restart()
	if err != nil {
		return err
	}
	f, err := openRun(run, size)
	if err != nil {
		return err
	}
	w.prefix = f
	var zero T
	w.last = zero
	w.out = parquet.NewGenericWriter[T](out, w.outOpts...)
	return nil
}

func openRun(r io.ReaderAt, size int64) (*parquet.File, error) {
	return parquet.OpenFile(r, size, &parquet.FileConfig{
		SkipPageIndex:    true,
		SkipBloomFilters: true,
		ReadBufferSize:   4096,
	})
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

// Close writes the rows still buffered and closes the output, merging the
// runs into it if rows came out of order.
func (w *sortedWriter[T]) Close() error {
	if err := w.flush(0); err != nil {
		return err
	}
	if w.sortBuf != nil {
		putSortBuf(w.sortBuf)
		w.sortBuf = nil
	}
	if w.inOrder() {
		return w.out.Close()
	}
	rgs := slices.Clone(w.prefix.RowGroups()) // appended to below
	if w.runs != nil {
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
		f, err := openRun(ra, size)
		if err != nil {
			return err
		}
		rgs = append(rgs, f.RowGroups()...)
	}
	m, err := parquet.MergeRowGroups(rgs, &parquet.RowGroupConfig{
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
