package enrich

import (
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// sharedDir is shared/ beside the repository (or $CABLEWIRE_SHARED).
func sharedDir(t testing.TB) string {
	if d := os.Getenv("CABLEWIRE_SHARED"); d != "" {
		return d
	}
	d, _ := filepath.Abs(filepath.Join("..", "..", "..", "shared"))
	if _, err := os.Stat(filepath.Join(d, "eval", "ner_score.py")); err != nil {
		t.Skipf("shared/ not found at %s (set CABLEWIRE_SHARED)", d)
	}
	return d
}

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{
		"President Putin":         "putin",
		"Amb. Burns":              "burns",
		"Ukraine's":               "ukraine",
		"Sana\u2019a":             "sana'a",
		"  (CSTO) ":               "csto",
		"Deputy Prime Minister X": "x",
		"Mrs Smith":               "smith",
		"Gen.Smith":               "gen.smith",
		"ＮＡＴＯ":                    "nato",
		"U.S.":                    "u.s",
		"Lt Gen  Ali":             "ali",
		"Charge d'Affaires Ray":   "d'affaires ray", // as ner_score.py: charge is tried first
	} {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

// pyReport runs ner_score.py --json on the two files.
func pyReport(t *testing.T, script, gold, pred string) map[string]map[string]float64 {
	t.Helper()
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not found")
	}
	out, err := exec.Command(py, script, gold, pred, "--json").Output()
	if err != nil {
		t.Fatalf("ner_score.py: %v", err)
	}
	line := strings.SplitN(string(out), "\n", 2)[0]
	var r map[string]map[string]float64
	if err := json.Unmarshal([]byte(line), &r); err != nil {
		t.Fatalf("ner_score.py output %q: %v", line, err)
	}
	return r
}

// CompareWithPython checks a Go report against ner_score.py's JSON.
func compareWithPython(t *testing.T, rep Report, py map[string]map[string]float64) {
	t.Helper()
	check := func(name string, c Counts) {
		p := py[name]
		if int(p["tp"]) != c.TP || int(p["fp"]) != c.FP || int(p["fn"]) != c.FN {
			t.Errorf("%s: go tp/fp/fn %d/%d/%d, python %v/%v/%v", name, c.TP, c.FP, c.FN, p["tp"], p["fp"], p["fn"])
		}
		for k, v := range map[string]float64{"precision": c.Precision, "recall": c.Recall, "f1": c.F1} {
			if math.Abs(math.Round(v*1e4)/1e4-p[k]) > 1e-9 {
				t.Errorf("%s %s: go %.4f, python %.4f", name, k, v, p[k])
			}
		}
	}
	for _, ty := range ScoreTypes {
		check(ty, rep.Types[ty])
	}
	check("ALL", rep.Overall)
}

// TestScoreMatchesPython scores perturbed predictions derived from the dev
// gold set (hits through names, aliases, titles and possessives; misses;
// type confusions; spurious entities) with both scorers.
func TestScoreMatchesPython(t *testing.T) {
	shared := sharedDir(t)
	goldPath := filepath.Join(shared, "eval", "ner-gold-dev.jsonl")
	f, err := os.Open(goldPath)
	if err != nil {
		t.Skip(err)
	}
	gold, err := ReadGold(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	var preds []Prediction
	for i, g := range gold {
		switch i % 7 {
		case 0: // missed
		case 1:
			preds = append(preds, Prediction{RefID: g.RefID, Type: g.Type, Text: "President " + g.Name + "'s"})
		case 2:
			if len(g.Aliases) > 0 {
				preds = append(preds, Prediction{RefID: g.RefID, Type: g.Type, Text: g.Aliases[0], Canonical: g.Name})
			} else {
				preds = append(preds, Prediction{RefID: g.RefID, Type: strings.ToLower(g.Type), Text: strings.ToUpper(g.Name)})
			}
		case 3: // type confusion
			ty := "ORG"
			if g.Type == "ORG" {
				ty = "PER"
			}
			preds = append(preds, Prediction{RefID: g.RefID, Type: ty, Text: g.Name})
		case 4: // spurious, plus a hit
			preds = append(preds, Prediction{RefID: g.RefID, Type: "PLACE", Text: "Atlantis " + g.Name},
				Prediction{RefID: g.RefID, Type: g.Type, Text: "(" + g.Name + ")"})
		case 5: // unknown type and empty strings are ignored
			preds = append(preds, Prediction{RefID: g.RefID, Type: "MISC", Text: g.Name}, Prediction{RefID: g.RefID, Type: "ORG", Text: " "})
		default:
			preds = append(preds, Prediction{RefID: g.RefID, Type: g.Type, Text: "x", Canonical: g.Name, Aliases: []string{"x"}})
		}
	}
	preds = append(preds, Prediction{RefID: "NOT-IN-GOLD", Type: "ORG", Text: "NATO"})
	predPath := filepath.Join(t.TempDir(), "pred.jsonl")
	pf, _ := os.Create(predPath)
	enc := json.NewEncoder(pf)
	for _, p := range preds {
		enc.Encode(p)
	}
	pf.Close()

	// read back, as the command does
	pf, _ = os.Open(predPath)
	back, err := ReadPredictions(pf)
	pf.Close()
	if err != nil {
		t.Fatal(err)
	}
	rep := Score(gold, back)
	if rep.Overall.TP == 0 || rep.Overall.FP == 0 || rep.Overall.FN == 0 {
		t.Fatalf("degenerate test: %+v", rep.Overall)
	}
	compareWithPython(t, rep, pyReport(t, filepath.Join(shared, "eval", "ner_score.py"), goldPath, predPath))
}

func TestScoreSmall(t *testing.T) {
	gold := []GoldEntity{
		{RefID: "A", Type: "PERSON", Name: "Vladimir Kudryavtsev", Aliases: []string{"Kudryavtsev"}},
		{RefID: "A", Type: "ORG", Name: "CSTO"},
		{RefID: "A", Type: "PLACE", Name: "Kyiv"},
	}
	preds := []Prediction{
		{RefID: "A", Type: "PERSON", Text: "Kudryavtsev", Canonical: "Vladimir Kudryavtsev"},
		{RefID: "A", Type: "PLACE", Text: "CSTO"},
		{RefID: "A", Type: "PLACE", Text: "Kyiv's"},
	}
	r := Score(gold, preds)
	if r.Overall.TP != 2 || r.Overall.FP != 1 || r.Overall.FN != 1 {
		t.Fatalf("got %+v", r.Overall)
	}
}
