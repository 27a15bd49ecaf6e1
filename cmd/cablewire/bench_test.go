package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// The bench command runs the real pipeline on generated cables and writes a
// report that accounts for every cable, every stage and the stage-alone
// measurements. (Its figures are for people to read; no timing is
// asserted.)
func TestBenchReport(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "bench.json")
	var stdout, stderr bytes.Buffer
	err := runBench(context.Background(), []string{"--count", "400", "--stage-alone", "100",
		"--dir", filepath.Join(dir, "work"), "--data", filepath.Join(dir, "js"), "--json", out}, &stdout, &stderr)
	if err != nil {
		t.Fatalf("bench: %v\n%s", err, stderr.String())
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var rep benchReport
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Cables != 400 || rep.Rows["cables"] != 400 || rep.DeadLettered != 0 {
		t.Errorf("report: %d cables, %d rows in cables, %d dead-lettered; want 400, 400, 0", rep.Cables, rep.Rows["cables"], rep.DeadLettered)
	}
	if len(rep.Stages) != 3 || len(rep.StageAlone) != 4 || rep.CablesPerSec <= 0 || rep.ParquetBytes <= 0 {
		t.Errorf("report incomplete: %+v", rep)
	}
	var names []string
	for _, a := range rep.StageAlone {
		names = append(names, a.Name)
		if a.CablesPerSec <= 0 || a.CPUPerCable <= 0 {
			t.Errorf("stage alone %s: %v cables/s, %v µs of CPU a cable", a.Name, a.CablesPerSec, a.CPUPerCable)
		}
	}
	if !slices.Equal(names, []string{"ingest", "parse", "enrich", "sink"}) {
		t.Errorf("stages alone: %v", names)
	}
	if rep.RatioToSlow <= 0 || rep.RatioToCPU <= 0 {
		t.Errorf("ratios: to the slowest stage %v, to the stages' CPU %v", rep.RatioToSlow, rep.RatioToCPU)
	}
}
