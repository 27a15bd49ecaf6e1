package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cablewire/cablewire/stages/enrich"
)

func evalShared(t *testing.T) string {
	d := os.Getenv("CABLEWIRE_SHARED")
	if d == "" {
		d, _ = filepath.Abs(filepath.Join("..", "..", "..", "shared"))
	}
	if _, err := os.Stat(filepath.Join(d, "eval", "ner-gold-dev.jsonl")); err != nil {
		t.Skipf("shared/ not found at %s", d)
	}
	return d
}

// TestEvalEntitiesMatchesPython runs `eval entities` on the gold sets and
// checks that its figures equal ner_score.py's on the predictions it wrote.
func TestEvalEntitiesMatchesPython(t *testing.T) {
	shared := evalShared(t)
	py, pyErr := exec.LookPath("python3")
	for _, tc := range []struct {
		gold  string
		input string
		floor float64
	}{
		// Floors sit just under the figures measured when each set was added
		// or last improved (README), so a regression on any set fails.
		{filepath.Join(shared, "eval", "ner-gold-dev.jsonl"), filepath.Join(shared, "corpus"), 0.94},
		{filepath.Join(shared, "eval", "ner-gold-seed.jsonl"), filepath.Join(shared, "corpus", "seed"), 0.80},
		{filepath.Join("..", "..", "stages", "enrich", "testdata", "ner-gold-holdout.jsonl"), filepath.Join(shared, "corpus"), 0.95},
		{filepath.Join("..", "..", "stages", "enrich", "testdata", "ner-gold-holdout2.jsonl"), filepath.Join(shared, "corpus"), 0.96},
		{filepath.Join("..", "..", "stages", "enrich", "testdata", "ner-gold-holdout3.jsonl"), filepath.Join(shared, "corpus"), 0.97},
		{filepath.Join("..", "..", "stages", "enrich", "testdata", "ner-gold-holdout4.jsonl"), filepath.Join(shared, "corpus"), 0.95},
		{filepath.Join("..", "..", "stages", "enrich", "testdata", "ner-gold-holdout5.jsonl"), filepath.Join(shared, "corpus"), 0.86},
		{filepath.Join("..", "..", "stages", "enrich", "testdata", "ner-gold-holdout6.jsonl"), filepath.Join(shared, "corpus"), 0.95},
		{filepath.Join("..", "..", "stages", "enrich", "testdata", "ner-gold-holdout7.jsonl"), filepath.Join(shared, "corpus"), 0.82},
		{filepath.Join("..", "..", "stages", "enrich", "testdata", "ner-gold-holdout8.jsonl"), filepath.Join(shared, "corpus"), 0.90},
		{filepath.Join("..", "..", "stages", "enrich", "testdata", "ner-gold-holdout9.jsonl"), filepath.Join(shared, "corpus"), 0.85},
		{filepath.Join("..", "..", "stages", "enrich", "testdata", "ner-gold-holdout10.jsonl"), filepath.Join(shared, "corpus"), 0.84},
		{filepath.Join("..", "..", "stages", "enrich", "testdata", "ner-gold-holdout11.jsonl"), filepath.Join(shared, "corpus"), 0.89},
	} {
		t.Run(filepath.Base(tc.gold), func(t *testing.T) {
			pred := filepath.Join(t.TempDir(), "pred.jsonl")
			var out, errb bytes.Buffer
			err := runEval(context.Background(), []string{"entities", "--gold", tc.gold, "--input", tc.input, "--predictions", pred}, &out, &errb)
			if err != nil {
				t.Fatalf("eval: %v\n%s", err, errb.String())
			}
			t.Logf("\n%s", out.String())
			f, err := os.Open(pred)
			if err != nil {
				t.Fatal(err)
			}
			preds, err := enrich.ReadPredictions(f)
			f.Close()
			if err != nil || len(preds) == 0 {
				t.Fatalf("predictions: %d, %v", len(preds), err)
			}
			gf, _ := os.Open(tc.gold)
			gold, _ := enrich.ReadGold(gf)
			gf.Close()
			rep := enrich.Score(gold, preds)
			if rep.Overall.F1 < tc.floor {
				t.Errorf("overall F1 %.3f below %.2f", rep.Overall.F1, tc.floor)
			}
			if pyErr != nil {
				t.Skip("python3 not found: not compared with ner_score.py")
			}
			pyOut, err := exec.Command(py, filepath.Join(shared, "eval", "ner_score.py"), tc.gold, pred).Output()
			if err != nil {
				t.Fatalf("ner_score.py: %v", err)
			}
			// the per-type lines and the last line are printed identically
			goLines := strings.Split(strings.TrimSpace(out.String()), "\n")
			pyLines := strings.Split(strings.TrimSpace(string(pyOut)), "\n")
			for i := 0; i < 4; i++ {
				if goLines[i] != pyLines[i] {
					t.Errorf("line %d: go %q, python %q", i, goLines[i], pyLines[i])
				}
			}
			if goLines[len(goLines)-1] != pyLines[len(pyLines)-1] {
				t.Errorf("last line: go %q, python %q", goLines[len(goLines)-1], pyLines[len(pyLines)-1])
			}
		})
	}
}

func TestEvalUsage(t *testing.T) {
	var out, errb bytes.Buffer
	for _, args := range [][]string{nil, {"relations"}, {"entities"}, {"entities", "--bogus"}} {
		if err := runEval(context.Background(), args, &out, &errb); !errors.Is(err, errUsage) {
			t.Errorf("args %v: err %v, want errUsage", args, err)
		}
	}
}
