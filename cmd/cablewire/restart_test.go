package main

import (
	"context"
	"encoding/json"
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

	"github.com/cablewire/cablewire/pipeline/pipelinetest"
)

// commits counts the warehouse's commit records.
func commits(wh string) int {
	ents, _ := os.ReadDir(filepath.Join(wh, "_cablewire", "commits"))
	n := 0
	for _, e := range ents {
		if strings.HasSuffix(e.Name(), ".json") && !strings.HasPrefix(e.Name(), "_") {
			n++
		}
	}
	return n
}

// smallFiles makes the sink commit often, so that a stop lands between
// commits with work on both sides of it.
var smallFiles = []string{"--file-rows", "40", "--open-partitions", "4"}

func TestRestartAfterCancel(t *testing.T) {
	in, wh, data := t.TempDir(), t.TempDir(), t.TempDir()
	want := generate(t, in, 1500, 21)
	args := append([]string{"run", "--input", in, "--warehouse", wh, "--data", data}, smallFiles...)

	ctx, cancel := context.WithCancel(context.Background())
	type result struct {
		code     int
		out, err string
	}
	done := make(chan result)
	go func() {
		code, out, errs := runCLI(ctx, args...)
		done <- result{code, out, errs}
	}()
	pipelinetest.Eventually(t, 2*time.Minute, "a first commit", func() bool { return commits(wh) > 0 })
	cancel()
	r := <-done
	if r.code != exitInterrupted && r.code != 0 {
		t.Fatalf("cancelled run: exit %d, want %d (drained, interrupted) or 0 (finished first)\n%s\n%s", r.code, exitInterrupted, r.out, r.err)
	}
	if got := len(readCables(t, wh)); got >= len(want) {
		t.Logf("the run finished before the cancel took effect (%d cables)", got)
	}

	code, out, errs := runCLI(context.Background(), args...)
	if code != 0 {
		t.Fatalf("restart: exit %d\n%s\n%s", code, out, errs)
	}
	checkExactlyOnce(t, wh, want)
	checkEntitiesOnce(t, wh)
}

// TestRestartAfterKill kills the pipeline process with SIGKILL at random
// points, restarts it on the same data and warehouse each time, and checks
// that in the end every cable and every entity row is there exactly once.
func TestRestartAfterKill(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills a child process")
	}
	bin := filepath.Join(t.TempDir(), "cablewire")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	in, wh, data := t.TempDir(), t.TempDir(), t.TempDir()
	want := generate(t, in, 2500, 31)
	args := append([]string{"run", "--input", in, "--warehouse", wh, "--data", data}, smallFiles...)
	killAndRestart(t, bin, args, nil, wh, want)
}

// killAndRestart runs the pipeline binary with args (and env added to the
// environment), SIGKILLs it at random points after it made progress,
// runs it to the end, and checks that the warehouse's files in wh hold
// every cable in want and every entity row exactly once, with no
// temporary file left.
func killAndRestart(t *testing.T, bin string, args, env []string, wh string, want map[string]expected) {
	t.Helper()
	rng := rand.New(rand.NewPCG(7, 7))

	const kills = 5
	for k := 0; k < kills; k++ {
		cmd := exec.Command(bin, args...)
		cmd.Env = append(os.Environ(), env...)
		var out strings.Builder
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		before := commits(wh)
		// Kill at a random point after the run has made progress: some
		// runs die mid-ingest, some mid-commit.
		pipelinetest.Eventually(t, 2*time.Minute, "progress", func() bool { return commits(wh) > before })
		time.Sleep(time.Duration(rng.IntN(400)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		err := cmd.Wait()
		t.Logf("kill %d: %v after %d commits", k+1, err, commits(wh))
		if cmd.ProcessState.Success() {
			t.Logf("run %d finished before the kill:\n%s", k+1, out.String())
		}
	}
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("final run: %v\n%s", err, out)
	}
	checkExactlyOnce(t, wh, want)
	checkEntitiesOnce(t, wh)
	checkWithDuckDB(t, wh, len(want))
	if !slices.ContainsFunc(args, func(a string) bool { return strings.HasPrefix(a, "s3://") }) {
		checkIcebergOnce(t, wh, len(want)) // Iceberg tables are kept for directories only
	}
	// No temporary file is left behind once no writer is alive.
	filepath.WalkDir(wh, func(path string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(path, ".tmp") {
			t.Errorf("left behind: %s", path)
		}
		return nil
	})
}

// checkEntitiesOnce asserts every cable's entity rows are there exactly
// once: as many as the entity_count of its (single) cables row. A cable
// written twice, or an entities file committed without its cables file,
// breaks the equality.
func checkEntitiesOnce(t *testing.T, wh string) {
	t.Helper()
	perCable := map[string]int32{}
	total := 0
	for _, path := range parquetFiles(t, filepath.Join(wh, "entities")) {
		tbl := readTable(t, path)
		for _, ref := range stringColumn(t, tbl, "ref_id") {
			perCable[ref]++
			total++
		}
		tbl.Release()
	}
	if total == 0 {
		t.Error("no entity rows")
	}
	for _, path := range parquetFiles(t, filepath.Join(wh, "cables")) {
		tbl := readTable(t, path)
		refs := stringColumn(t, tbl, "ref_id")
		counts := column(t, tbl, "entity_count").Chunks()
		i := 0
		for _, ch := range counts {
			for _, c := range ch.(*array.Int32).Int32Values() {
				if perCable[refs[i]] != c {
					t.Errorf("%s: entity_count %d, %d entity rows", refs[i], c, perCable[refs[i]])
				}
				i++
			}
		}
		tbl.Release()
	}
}

// checkWithDuckDB counts the warehouse with DuckDB (cmd/cablewire-sql, a
// separate cgo binary): every cable once, every entity row once.
func checkWithDuckDB(t *testing.T, wh string, cables int) {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "cablewire-sql")
	if out, err := exec.Command("go", "build", "-o", bin, "../cablewire-sql").CombinedOutput(); err != nil {
		t.Skipf("DuckDB check skipped: cannot build cablewire-sql (needs cgo): %v\n%s", err, out)
	}
	q := `SELECT (SELECT count(*) FROM cables) || ' ' || (SELECT count(DISTINCT ref_id) FROM cables) || ' ' ||
	  (SELECT count(*) FROM entities) || ' ' || (SELECT sum(entity_count) FROM cables) AS counts`
	out, err := exec.Command(bin, "--warehouse", wh, "--format", "csv", q).CombinedOutput()
	if err != nil {
		t.Fatalf("duckdb: %v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	var rows, distinct, ents, sum int
	if _, err := fmt.Sscanf(lines[len(lines)-1], "%d %d %d %d", &rows, &distinct, &ents, &sum); err != nil {
		t.Fatalf("duckdb output %q: %v", out, err)
	}
	if rows != cables || distinct != cables {
		t.Errorf("DuckDB: %d rows, %d distinct ref_ids, want %d", rows, distinct, cables)
	}
	if ents != sum || ents == 0 {
		t.Errorf("DuckDB: %d entity rows, cables say %d", ents, sum)
	}
}

// readRecordsForTest returns the number of cables in each commit record.
func readRecordsForTest(wh string) []int {
	var out []int
	ents, _ := os.ReadDir(filepath.Join(wh, "_cablewire", "commits"))
	for _, e := range ents {
		if !strings.HasSuffix(e.Name(), ".json") || strings.HasPrefix(e.Name(), "_") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(wh, "_cablewire", "commits", e.Name()))
		if err != nil {
			continue
		}
		var rec struct {
			Cables []json.RawMessage `json:"cables"`
		}
		if json.Unmarshal(b, &rec) == nil {
			out = append(out, len(rec.Cables))
		}
	}
	return out
}
