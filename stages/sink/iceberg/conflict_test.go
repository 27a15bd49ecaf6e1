package iceberg

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	ice "github.com/apache/iceberg-go"

	"github.com/cablewire/cablewire/pipeline"
	"github.com/cablewire/cablewire/schemas"
	"github.com/cablewire/cablewire/stages/sink"
)

// A commit that loses the race to another writer of the catalog is
// retried from a refreshed table, and adds its files once.
func TestCommitRetriesOnConflict(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	tabs, err := Open(ctx, Config{Warehouse: dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tabs.Close(ctx)
	s, err := sink.Open(sink.Config{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	c := schemas.Cable{RefID: "09TESTPOST1", Created: time.Date(2009, 3, 4, 12, 0, 0, 0, time.UTC), ContentHash: "h1",
		Classification: "CONFIDENTIAL", Paragraphs: []schemas.Paragraph{{N: 1, Marking: "C", Text: "Invented."}}}
	m := &pipeline.Message{Header: pipeline.Header(c.Headers()), Data: c.AppendBinary(nil)}
	if _, err := s.Add(ctx, m); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	s.Close()
	found, _ := filepath.Glob(filepath.Join(dir, schemas.TableCables, "*", "*", "*.parquet"))
	if len(found) != 1 {
		t.Fatalf("%d cables files, want 1", len(found))
	}
	sinkFile := found[0]

	// Another writer commits to the cables table right before each of
	// our first two attempts.
	races := 0
	beforeCommit = func(table string) {
		if table != schemas.TableCables || races == 2 {
			return
		}
		races++
		tbl, err := tabs.cat.LoadTable(ctx, tabs.Ident(table))
		if err != nil {
			t.Fatal(err)
		}
		// A copy of the sink's file, outside the warehouse's log.
		other := filepath.Join(dir, fmt.Sprintf("other-%d.parquet", races))
		b, err := os.ReadFile(sinkFile)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(other, b, 0o644); err != nil {
			t.Fatal(err)
		}
		tx := tbl.NewTransaction()
		if err := tx.AddFiles(ctx, []string{other}, ice.Properties{"writer": "other"}, false); err != nil {
			t.Fatal(err)
		}
		if _, err := tx.Commit(ctx); err != nil {
			t.Fatal(err)
		}
	}
	defer func() { beforeCommit = nil }()
	if err := tabs.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	if races != 2 {
		t.Fatalf("the other writer committed %d times, want 2", races)
	}
	tbl, err := tabs.cat.LoadTable(ctx, tabs.Ident(schemas.TableCables))
	if err != nil {
		t.Fatal(err)
	}
	files, err := currentFiles(ctx, tbl)
	if err != nil {
		t.Fatal(err)
	}
	ours := 0
	for f := range files {
		if strings.HasPrefix(f, filepath.Join(dir, schemas.TableCables)+"/") {
			ours++
		}
	}
	if len(files) != 3 || ours != 1 {
		t.Errorf("after the retries the snapshot holds %d files, %d of them the sink's: want the other writer's 2 and ours once\n%v", len(files), ours, files)
	}
}
