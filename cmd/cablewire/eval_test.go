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
	// (the floors each set must hold are stages/enrich's TestGoldSetsHoldTheirFloors;
	// this test checks that the command's figures are ner_score.py's)
	for _, tc := range []struct {
		gold  string
		input string
	}{
		{filepath.Join(shared, "eval", "ner-gold-dev.jsonl"), filepath.Join(shared, "corpus")},
		{filepath.Join(shared, "eval", "ner-gold-seed.jsonl"), filepath.Join(shared, "corpus", "seed")},
		{filepath.Join("..", "..", "stages", "enrich", "testdata", "ner-gold-holdout11.jsonl"), filepath.Join(shared, "corpus")},
		{filepath.Join("..", "..", "stages", "enrich", "testdata", "ner-gold-holdout13.jsonl"), filepath.Join(shared, "corpus")},
		{filepath.Join("..", "..", "stages", "enrich", "testdata", "ner-gold-holdout15.jsonl"), filepath.Join(shared, "corpus")},
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
			if rep.Overall.TP == 0 {
				t.Errorf("no true positives: %+v", rep.Overall)
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

// TestEvalMissesNameTheirRule: with --misses every false positive names the
// rule behind it, and --rules prints the per-rule table over the sets given.
func TestEvalMissesNameTheirRule(t *testing.T) {
	shared := evalShared(t)
	var out, errb bytes.Buffer
	args := []string{"entities", "--misses", "--rules", "--input", filepath.Join(shared, "corpus"),
		"--gold", filepath.Join(shared, "eval", "ner-gold-dev.jsonl"),
		"--gold", filepath.Join("..", "..", "stages", "enrich", "testdata", "ner-gold-holdout13.jsonl")}
	if err := runEval(context.Background(), args, &out, &errb); err != nil {
		t.Fatalf("eval: %v\n%s", err, errb.String())
	}
	fps, rules := 0, 0
	for _, l := range strings.Split(out.String(), "\n") {
		f := strings.Split(l, "\t")
		switch {
		case f[0] == "FP":
			fps++
			if len(f) != 5 || !enrich.KnownMethod(f[4]) {
				t.Errorf("false positive without a known rule: %q", l)
			}
		case strings.HasPrefix(l, "rule "):
			rules++
		}
	}
	if fps == 0 || rules != 1 {
		t.Errorf("%d false positives, %d rule tables:\n%s", fps, rules, out.String())
	}
	if !strings.Contains(out.String(), "cables 24 ") {
		t.Errorf("both gold sets were not scored together:\n%s", out.String())
	}
}
