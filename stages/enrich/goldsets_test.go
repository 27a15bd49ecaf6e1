package enrich_test

// The gold-set floors: every gold set is scored on the real cables it names,
// parsed as the pipeline parses them, and must stay at or above its floor.
// (The test imports stages/parse, a test-only dependency: enrich itself
// imports no other stage.)

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cablewire/cablewire/schemas"
	"github.com/cablewire/cablewire/stages/enrich"
	"github.com/cablewire/cablewire/stages/parse"
)

// goldFloors: each set's overall F1 floor, just under the figure it scores
// now (README, "Entities"), so that a regression on any set fails; and the
// lowest per-type F1 on it, so that a type cannot sink behind the others.
var goldFloors = []struct {
	file         string // under testdata/, or shared/eval/ when shared is set
	shared       bool
	overall, typ float64
}{
	{"ner-gold-dev.jsonl", true, 0.94, 0.91},
	{"ner-gold-seed.jsonl", true, 0.99, 0.99},
	{"ner-gold-holdout.jsonl", false, 0.96, 0.94},
	{"ner-gold-holdout2.jsonl", false, 0.96, 0.89},
	{"ner-gold-holdout3.jsonl", false, 0.98, 0.97},
	{"ner-gold-holdout4.jsonl", false, 0.96, 0.91},
	{"ner-gold-holdout5.jsonl", false, 0.90, 0.85},
	{"ner-gold-holdout6.jsonl", false, 0.95, 0.93},
	{"ner-gold-holdout7.jsonl", false, 0.87, 0.83},
	{"ner-gold-holdout8.jsonl", false, 0.92, 0.89},
	{"ner-gold-holdout9.jsonl", false, 0.93, 0.87},
	{"ner-gold-holdout10.jsonl", false, 0.85, 0.77},
	{"ner-gold-holdout11.jsonl", false, 0.90, 0.87},
	{"ner-gold-holdout12.jsonl", false, 0.88, 0.80},
	{"ner-gold-holdout13.jsonl", false, 0.85, 0.80},
	{"ner-gold-holdout14.jsonl", false, 0.87, 0.82},
	{"ner-gold-holdout15.jsonl", false, 0.84, 0.76},
	{"ner-gold-holdout16.jsonl", false, 0.88, 0.75},
	{"ner-gold-holdout17.jsonl", false, 0.96, 0.91},
	{"ner-gold-holdout18.jsonl", false, 0.89, 0.84},
	{"ner-gold-holdout19.jsonl", false, 0.85, 0.73},
}

func sharedDir(t *testing.T) string {
	d := os.Getenv("CABLEWIRE_SHARED")
	if d == "" {
		d, _ = filepath.Abs(filepath.Join("..", "..", "..", "shared"))
	}
	if _, err := os.Stat(filepath.Join(d, "corpus")); err != nil {
		t.Skipf("shared/ not found at %s: the gold sets need the real cables", d)
	}
	return d
}

// corpusFiles maps each reference id to its cable file under dir.
func corpusFiles(t *testing.T, dir string) map[string]string {
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		base := filepath.Base(p)
		ref := strings.TrimSuffix(base, filepath.Ext(base))
		if _, ok := files[ref]; !ok {
			files[ref] = p
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func goldPredictions(t *testing.T, files map[string]string, gold []enrich.GoldEntity) []enrich.Prediction {
	var preds []enrich.Prediction
	done := map[string]bool{}
	for _, g := range gold {
		if done[g.RefID] {
			continue
		}
		done[g.RefID] = true
		p, ok := files[g.RefID]
		if !ok {
			t.Errorf("%s: no cable file in the corpus", g.RefID)
			continue
		}
		body, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		format := schemas.FormatText
		if strings.EqualFold(filepath.Ext(p), ".html") {
			format = schemas.FormatHTML
		}
		c, err := parse.Parse(schemas.Document{RefID: g.RefID, Format: format, Source: p, Body: body})
		if err != nil {
			t.Errorf("%s: parse: %v", p, err)
			continue
		}
		if c.RefID == "" {
			c.RefID = g.RefID
		}
		enrich.Enrich(&c)
		preds = append(preds, enrich.Predictions(&c)...)
	}
	return preds
}

func readGoldFile(t *testing.T, path string) []enrich.GoldEntity {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gold, err := enrich.ReadGold(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return gold
}

func TestGoldSetsHoldTheirFloors(t *testing.T) {
	shared := sharedDir(t)
	files := corpusFiles(t, filepath.Join(shared, "corpus"))
	for _, gs := range goldFloors {
		t.Run(gs.file, func(t *testing.T) {
			path := filepath.Join("testdata", gs.file)
			if gs.shared {
				path = filepath.Join(shared, "eval", gs.file)
			}
			gold := readGoldFile(t, path)
			rep := enrich.Score(gold, goldPredictions(t, files, gold))
			if rep.Overall.F1 < gs.overall {
				t.Errorf("overall F1 %.3f below its floor %.2f", rep.Overall.F1, gs.overall)
			}
			for _, typ := range enrich.ScoreTypes {
				if c := rep.Types[typ]; c.TP+c.FN > 0 && c.F1 < gs.typ {
					t.Errorf("%s F1 %.3f below the set's type floor %.2f", typ, c.F1, gs.typ)
				}
			}
		})
	}
}

// TestEveryRuleIsNamed: the per-rule table over all gold sets names a rule
// for every prediction (no prediction comes from an unnamed exit).
func TestEveryRuleIsNamed(t *testing.T) {
	shared := sharedDir(t)
	files := corpusFiles(t, filepath.Join(shared, "corpus"))
	var gold []enrich.GoldEntity
	for _, gs := range goldFloors {
		path := filepath.Join("testdata", gs.file)
		if gs.shared {
			path = filepath.Join(shared, "eval", gs.file)
		}
		gold = append(gold, readGoldFile(t, path)...)
	}
	rep := enrich.Score(gold, goldPredictions(t, files, gold))
	if len(rep.Rules) < 10 {
		t.Fatalf("only %d rules in the table", len(rep.Rules))
	}
	for m, c := range rep.Rules {
		if m == "" {
			t.Errorf("%d true and %d false positives with no rule named", c.TP, c.FP)
		}
		if !enrich.KnownMethod(m) {
			t.Errorf("rule %q is not in the rule table", m)
		}
	}
}
