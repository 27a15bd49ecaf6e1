package iceberg_test

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cablewire/cablewire/schemas"
	"github.com/cablewire/cablewire/stages/sink"
	"github.com/cablewire/cablewire/stages/sink/iceberg"
)

// perTable is how many rows each table holds for the cables of invented.
func perTable(n int) map[string]int64 {
	return map[string]int64{
		schemas.TableCables: int64(n), schemas.TableParagraphs: int64(2 * n), schemas.TableEntities: int64(n),
		schemas.TableRecipients: int64(n), schemas.TableReferences: int64(n),
	}
}

// checkSnapshots asserts that every table's current snapshot, read
// without iceberg-go, lists exactly the files the Hive directories hold,
// and that DuckDB finds every row in them once; and that iceberg-go's own
// scan agrees.
func checkSnapshots(t *testing.T, dir string, tabs *iceberg.Tables, want map[string]int64) {
	t.Helper()
	ctx := context.Background()
	for name, rows := range want {
		files, _ := snapshotFiles(t, filepath.Join(dir, iceberg.DefaultSQLite), name)
		if hive := hiveFiles(t, dir, name); !slices.Equal(files, hive) {
			t.Errorf("%s: snapshot lists %d files, the Hive directories hold %d\nsnapshot %v\nhive     %v", name, len(files), len(hive), files, hive)
		}
		got, distinct := duckCount(t, files)
		if name == schemas.TableCables && (got != rows || distinct != rows) {
			t.Errorf("%s: DuckDB reads %d rows (%d distinct cables) in the snapshot's files, want %d once each", name, got, distinct, rows)
		} else if got != rows {
			t.Errorf("%s: DuckDB reads %d rows in the snapshot's files, want %d", name, got, rows)
		}
		tbl, err := tabs.Catalog().LoadTable(ctx, tabs.Ident(name))
		if err != nil {
			t.Fatal(err)
		}
		at, err := tbl.Scan().ToArrowTable(ctx)
		if err != nil {
			t.Fatalf("%s: iceberg-go scan: %v", name, err)
		}
		if at.NumRows() != rows {
			t.Errorf("%s: iceberg-go's scan reads %d rows, want %d", name, at.NumRows(), rows)
		}
		at.Release()
	}
}

func openTables(t *testing.T, cfg iceberg.Config) *iceberg.Tables {
	t.Helper()
	tabs, err := iceberg.Open(context.Background(), cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	return tabs
}

func TestSnapshotsHoldEveryCableOnce(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	tabs := openTables(t, iceberg.Config{Warehouse: dir})
	tabs.Start()
	cables := invented(60)
	load(t, dir, tabs, cables[:40], 1)
	load(t, dir, tabs, cables[40:], 41) // a second load: more small files
	if err := tabs.Close(ctx); err != nil {
		t.Fatal(err)
	}
	tabs = openTables(t, iceberg.Config{Warehouse: dir})
	defer tabs.Close(ctx)
	checkSnapshots(t, dir, tabs, perTable(60))

	// Every snapshot names the commit records it mirrors, with their
	// stream sequences; each record once.
	_, sums := snapshotFiles(t, filepath.Join(dir, iceberg.DefaultSQLite), schemas.TableCables)
	ids, err := sink.CommitIDs(dir)
	if err != nil {
		t.Fatal(err)
	}
	var named []string
	for _, s := range sums {
		if s["operation"] != "append" {
			t.Errorf("a load's snapshot is %q, want append", s["operation"])
		}
		if !strings.HasPrefix(s[iceberg.SummaryStreamSeqs], "S:") {
			t.Errorf("snapshot summary %s = %q, want the stream's sequences", iceberg.SummaryStreamSeqs, s[iceberg.SummaryStreamSeqs])
		}
		named = append(named, strings.Split(s[iceberg.SummaryCommitIDs], ",")...)
	}
	slices.Sort(named)
	if !slices.Equal(named, ids) {
		t.Errorf("snapshots name records %v, the log holds %v", named, ids)
	}

	// Compaction: one overwrite snapshot per table partition merged, and
	// still every cable once.
	st, err := sink.Compact(ctx, sink.CompactConfig{Dir: dir, MinFiles: 2, Catalog: tabs})
	if err != nil {
		t.Fatal(err)
	}
	if st.FilesIn == 0 {
		t.Fatal("compaction merged nothing: the test needs several files a partition")
	}
	if err := tabs.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	checkSnapshots(t, dir, tabs, perTable(60))
	_, sums = snapshotFiles(t, filepath.Join(dir, iceberg.DefaultSQLite), schemas.TableCables)
	last := sums[len(sums)-1]
	if last["operation"] != "overwrite" || !strings.HasPrefix(last[iceberg.SummaryCommitIDs], sink.KindCompact+"-") {
		t.Errorf("the compaction's snapshot: %v, want an overwrite naming its compact record", last)
	}
	tbl, err := tabs.Catalog().LoadTable(ctx, tabs.Ident(schemas.TableCables))
	if err != nil {
		t.Fatal(err)
	}
	spec := tbl.Spec()
	if spec.NumFields() != 1 || spec.Field(0).Transform.String() != "month" {
		t.Errorf("partition spec %v, want month(created)", spec)
	}
	if v := tbl.Properties()[iceberg.PropSchemaVersion]; v != "2" {
		t.Errorf("table property %s = %q", iceberg.PropSchemaVersion, v)
	}
	for _, f := range tbl.Schema().Fields() {
		if f.ID <= 0 {
			t.Errorf("column %s has no field id", f.Name)
		}
	}
}

// A crash between the warehouse's commit and the Iceberg one leaves
// commit records that no snapshot names: the next Open finishes them, and
// a second Open adds nothing.
func TestRestartFinishesSnapshotsOnce(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	cables := invented(30)
	tabs := openTables(t, iceberg.Config{Warehouse: dir})
	load(t, dir, tabs, cables[:10], 1)
	if err := tabs.Close(ctx); err != nil {
		t.Fatal(err)
	}
	// The "crash": these commits reach the log, never the catalog.
	load(t, dir, nil, cables[10:], 11)
	cat := filepath.Join(dir, iceberg.DefaultSQLite)
	before, _ := snapshotFiles(t, cat, schemas.TableCables)
	if n, _ := duckCount(t, before); n != 10 {
		t.Fatalf("before the restart the snapshot holds %d cables, want the first 10", n)
	}

	tabs = openTables(t, iceberg.Config{Warehouse: dir})
	checkSnapshots(t, dir, tabs, perTable(30))
	_, sums := snapshotFiles(t, cat, schemas.TableCables)
	if err := tabs.Close(ctx); err != nil {
		t.Fatal(err)
	}
	tabs = openTables(t, iceberg.Config{Warehouse: dir})
	defer tabs.Close(ctx)
	if err := tabs.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	_, again := snapshotFiles(t, cat, schemas.TableCables)
	if len(again) != len(sums) {
		t.Errorf("a second restart made %d more snapshots, want none", len(again)-len(sums))
	}
	checkSnapshots(t, dir, tabs, perTable(30))
}
