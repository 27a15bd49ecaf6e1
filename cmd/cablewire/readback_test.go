package main

import (
	"context"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
)

// warehouseCable is what the end-to-end tests check of a cables row, read
// back with arrow-go: an independent reader, not the writer's own.
type warehouseCable struct {
	RefID          string
	Created        time.Time
	Classification string
	Version        int32
	Path           string
}

// readCables reads every committed cables file of the warehouse.
func readCables(t *testing.T, warehouse string) []warehouseCable {
	t.Helper()
	var out []warehouseCable
	for _, path := range parquetFiles(t, filepath.Join(warehouse, "cables")) {
		tbl := readTable(t, path)
		refs := stringColumn(t, tbl, "ref_id")
		cls := stringColumn(t, tbl, "classification")
		created := timestampColumn(t, tbl, "created")
		ver := int32Column(t, tbl, "version")
		for i := range refs {
			out = append(out, warehouseCable{refs[i], created[i], cls[i], ver[i], path})
		}
		tbl.Release()
	}
	return out
}

// countRows counts the rows of every committed file of a table.
func countRows(t *testing.T, warehouse, table string) int64 {
	t.Helper()
	var n int64
	for _, path := range parquetFiles(t, filepath.Join(warehouse, table)) {
		tbl := readTable(t, path)
		n += tbl.NumRows()
		tbl.Release()
	}
	return n
}

// parquetFiles lists the files a reader would see: *.parquet, skipping names
// that start with "_" or ".".
func parquetFiles(t *testing.T, dir string) []string {
	t.Helper()
	var files []string
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		name := d.Name()
		if !d.IsDir() && strings.HasSuffix(name, ".parquet") && !strings.HasPrefix(name, "_") && !strings.HasPrefix(name, ".") {
			files = append(files, path)
		}
		return nil
	})
	return files
}

func readTable(t *testing.T, path string) arrow.Table {
	t.Helper()
	pf, err := file.OpenParquetFile(path, false)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	defer pf.Close()
	fr, err := pqarrow.NewFileReader(pf, pqarrow.ArrowReadProperties{}, memory.DefaultAllocator)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	tbl, err := fr.ReadTable(context.Background())
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return tbl
}

func column(t *testing.T, tbl arrow.Table, name string) *arrow.Chunked {
	t.Helper()
	idx := tbl.Schema().FieldIndices(name)
	if len(idx) != 1 {
		t.Fatalf("no column %q in %v", name, tbl.Schema())
	}
	return tbl.Column(idx[0]).Data()
}

func stringColumn(t *testing.T, tbl arrow.Table, name string) []string {
	var out []string
	for _, ch := range column(t, tbl, name).Chunks() {
		a, ok := ch.(*array.String)
		if !ok {
			t.Fatalf("%s: %T, want string", name, ch)
		}
		for i := range a.Len() {
			out = append(out, a.Value(i))
		}
	}
	return out
}

func int32Column(t *testing.T, tbl arrow.Table, name string) []int32 {
	var out []int32
	for _, ch := range column(t, tbl, name).Chunks() {
		a, ok := ch.(*array.Int32)
		if !ok {
			t.Fatalf("%s: %T, want int32", name, ch)
		}
		out = append(out, a.Int32Values()...)
	}
	return out
}

func timestampColumn(t *testing.T, tbl arrow.Table, name string) []time.Time {
	var out []time.Time
	for _, ch := range column(t, tbl, name).Chunks() {
		a, ok := ch.(*array.Timestamp)
		if !ok {
			t.Fatalf("%s: %T, want timestamp", name, ch)
		}
		tt := a.DataType().(*arrow.TimestampType)
		if tt.Unit != arrow.Microsecond || tt.TimeZone != "UTC" {
			t.Fatalf("%s: %v, want timestamp[us, tz=UTC]", name, tt)
		}
		for i := range a.Len() {
			out = append(out, time.UnixMicro(int64(a.Value(i))).UTC())
		}
	}
	return out
}
