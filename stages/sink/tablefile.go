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
type tableFile[T any] struct {
	table, temp, final string // relative to the warehouse dir
	f                  *os.File
	bw                 *bufio.Writer
	cw                 countingWriter
	w                  *parquet.GenericWriter[T]
	rows               int64
}

func openTable[T any](dir, table, part, base string, rowGroupRows int) (*tableFile[T], error) {
	rel := filepath.Join(table, part)
	if err := os.MkdirAll(filepath.Join(dir, rel), 0o755); err != nil {
		return nil, err
	}
	t := &tableFile[T]{
		table: table,
		temp:  filepath.Join(rel, "_"+base+".parquet.tmp"),
		final: filepath.Join(rel, base+".parquet"),
	}
	f, err := os.OpenFile(filepath.Join(dir, t.temp), os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return nil, err
	}
	t.f = f
	t.bw = bufio.NewWriterSize(f, 1<<20)
	t.cw.w = t.bw
	t.w = parquet.NewGenericWriter[T](&t.cw,
		parquet.Compression(&zstd.Codec{Level: zstd.SpeedDefault}),
		parquet.MaxRowsPerRowGroup(int64(rowGroupRows)),
		parquet.KeyValueMetadata(schemas.MetaSchemaVersion, strconv.Itoa(schemas.TableVersion)),
		parquet.CreatedBy("cablewire", "", ""),
	)
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
	return nil
}

// close writes the footer and fsyncs the file.
func (t *tableFile[T]) close() (FileRecord, error) {
	err := t.w.Close()
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

// abort drops the temporary file.
func (t *tableFile[T]) abort(dir string) {
	t.f.Close()
	os.Remove(filepath.Join(dir, t.temp))
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
