package main

import (
	"context"
	"database/sql"
	"path/filepath"
	"slices"
	"testing"

	ice "github.com/apache/iceberg-go"
	sqlcat "github.com/apache/iceberg-go/catalog/sql"
	"github.com/apache/iceberg-go/table"

	"github.com/cablewire/cablewire/schemas"
	"github.com/cablewire/cablewire/stages/sink/iceberg"
)

// checkIcebergOnce asserts that the Iceberg cables table a run left (the
// default SQLite catalog), read as it is, without syncing it first,
// lists exactly the files of the Hive directories and holds each cable
// once.
func checkIcebergOnce(t *testing.T, wh string, cables int) {
	t.Helper()
	ctx := context.Background()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(wh, iceberg.DefaultSQLite))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	cat, err := sqlcat.NewCatalog("cablewire", db, sqlcat.SQLite, ice.Properties{})
	if err != nil {
		t.Fatal(err)
	}
	tbl, err := cat.LoadTable(ctx, table.Identifier{"cablewire", schemas.TableCables})
	if err != nil {
		t.Fatalf("the run left no Iceberg cables table: %v", err)
	}
	tasks, err := tbl.Scan().PlanFiles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, task := range tasks {
		files = append(files, task.File.FilePath())
	}
	slices.Sort(files)
	hive, _ := filepath.Glob(filepath.Join(wh, schemas.TableCables, "year=*", "month=*", "[^_]*.parquet"))
	slices.Sort(hive)
	if !slices.Equal(files, hive) {
		t.Errorf("the Iceberg snapshot lists %d files, the Hive directories hold %d", len(files), len(hive))
	}
	at, err := tbl.Scan(table.WithSelectedFields("ref_id")).ToArrowTable(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer at.Release()
	if at.NumRows() != int64(cables) {
		t.Errorf("the Iceberg snapshot holds %d cables rows, want %d, each once", at.NumRows(), cables)
	}
}
