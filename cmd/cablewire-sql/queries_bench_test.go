package main

import (
	"context"
	"io"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/cablewire/cablewire/stages/sink"
)

// readmeQueries are the five queries of the README's "Queries" section.
func readmeQueries(b *testing.B) []string {
	b.Helper()
	raw, err := os.ReadFile("../../README.md")
	if err != nil {
		b.Fatal(err)
	}
	_, sec, ok := strings.Cut(string(raw), "\n## Queries\n")
	if !ok {
		b.Fatal("README has no Queries section")
	}
	_, block, _ := strings.Cut(sec, "```sql\n")
	block, _, _ = strings.Cut(block, "```")
	var qs []string
	for _, q := range strings.Split(block, ";\n") {
		if q = strings.TrimSpace(q); q != "" {
			qs = append(qs, q)
		}
	}
	if len(qs) != 5 {
		b.Fatalf("README's Queries block holds %d queries, want 5", len(qs))
	}
	return qs
}

// BenchmarkReadmeQueries times each of the README's five queries as
// cablewire-sql runs them (views over the Hive directories, in a fresh
// DuckDB), on the sink's files and after a compaction of the same
// warehouse.
//
//	CABLEWIRE_BENCH_WAREHOUSE=W go test ./cmd/cablewire-sql -run '^$' -bench ReadmeQueries -benchtime 5x
//
// With $CABLEWIRE_BENCH_WAREHOUSE the warehouse is timed as it is (run it
// once before and once after `cablewire compact`); without, 2,000
// generated cables are timed before and after a compaction.
func BenchmarkReadmeQueries(b *testing.B) {
	qs := readmeQueries(b)
	bench := func(b *testing.B, dir string) {
		for i, q := range qs {
			b.Run("q"+strconv.Itoa(i+1), func(b *testing.B) {
				for b.Loop() {
					if err := runSQL(context.Background(), dir, q, "csv", 0, io.Discard); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
	if dir := os.Getenv("CABLEWIRE_BENCH_WAREHOUSE"); dir != "" {
		bench(b, dir)
		return
	}
	dir := buildGeneratedWarehouse(b, 2000, 21)
	b.Run("uncompacted", func(b *testing.B) { bench(b, dir) })
	if _, err := sink.Compact(context.Background(), sink.CompactConfig{Dir: dir, MinFiles: 1}); err != nil {
		b.Fatal(err)
	}
	b.Run("compacted", func(b *testing.B) { bench(b, dir) })
}
