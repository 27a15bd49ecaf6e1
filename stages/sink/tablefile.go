package sink

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress/zstd"

	"github.com/cablewire/cablewire/schemas"
)

// tableFile is one table's Parquet file of an open partition, written
// under a temporary name that readers skip.
//
// Rows are sorted by the table's sort key within the file. The sorting
// writer sorts each row group's worth of rows in memory and spills it as a
// compressed run to tmpDir; Close merges the runs into the file. So memory
// holds one row group per table file, and the file's bytes exist only as
// runs until it is closed.
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

// zstdCodec is shared by all files: a codec pools its encoders, each of
// which allocates megabytes of tables, so a codec per file (as files open
// and close on every rotation) allocated them again for every file.
var zstdCodec = &zstd.Codec{Level: zstd.SpeedDefault}

// rowWriter is what parquet-go's GenericWriter and SortingWriter share.
type rowWriter[T any] interface {
	Write([]T) (int, error)
	Flush() error
	Close() error
}

// tableSpec is how one table is written.
type tableSpec[T any] struct {
	name    string
	sort    []parquet.SortingColumn // nil: rows in arrival order
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
	if spec.sort == nil {
		t.w = parquet.NewGenericWriter[T](&t.cw, opts...)
		return t, nil
	}
	// The runs are named after this file ("_part-<time>-<instance>-<n>-
	// <table>-*.sort") so that recovery can attribute them to an instance.
	t.spill = newSpillPool(filepath.Join(dir, tmpDir), "_"+base+"-"+spec.name+"-*.sort")
	opts = append(opts, parquet.SortingWriterConfig(
		parquet.SortingColumns(spec.sort...),
		parquet.SortingBuffers(t.spill),
	))
	// write flushes a run every spec.rows rows; the sorting writer's own
	// threshold is set above that so it only spills early when one cable
	// brings more rows than a run holds.
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
