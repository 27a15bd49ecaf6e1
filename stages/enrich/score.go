package enrich

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// This file is a Go port of shared/eval/ner_score.py: the same
// normalization (NFKC, case fold, possessive, titles, punctuation) and the
// same matching, so its figures equal the script's on the same files.

// GoldEntity is one line of a gold file (shared/eval/ANNOTATION.md).
type GoldEntity struct {
	RefID   string   `json:"ref_id"`
	Type    string   `json:"type"`
	Name    string   `json:"name"`
	Aliases []string `json:"aliases"`
}

// Prediction is one line of a predictions file: one per mention or per
// (entity, surface form). Aliases, when present, are further surface forms
// of the same entity.
type Prediction struct {
	RefID     string   `json:"ref_id"`
	Type      string   `json:"type"`
	Text      string   `json:"text"`
	Canonical string   `json:"canonical,omitempty"`
	Aliases   []string `json:"aliases,omitempty"`
	// Method names the rule that produced the prediction (Entity.Method);
	// scoring ignores it, the per-rule table and the misses report it.
	Method string `json:"method,omitempty"`
}

// Counts are the figures of one type (or overall); precision, recall and F1
// are rounded to four decimals, as ner_score.py reports them.
type Counts struct {
	TP        int     `json:"tp"`
	FP        int     `json:"fp"`
	FN        int     `json:"fn"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

// Miss is one false positive or false negative.
type Miss struct {
	Kind, RefID, Type, Text string // Kind is FP or FN
	Method                  string // for a false positive: the rule behind it
}

// RuleCounts are the true and false positives of the predictions one rule
// (Prediction.Method) made: a prediction group counts for the method of its
// first line.
type RuleCounts struct {
	TP int `json:"tp"`
	FP int `json:"fp"`
}

// Report is the outcome of Score.
type Report struct {
	Types                 map[string]Counts     `json:"types"`
	Overall               Counts                `json:"overall"`
	Cables                int                   `json:"cables"`
	CablesWithPredictions int                   `json:"cables_with_predictions"`
	Misses                []Miss                `json:"-"`
	Rules                 map[string]RuleCounts `json:"rules,omitempty"`
}

// ScoreTypes are the scored entity types, in report order.
var ScoreTypes = []string{"PERSON", "ORG", "PLACE"}

const scoreTitles = "president|vice president|prime minister|deputy prime minister|pm|fm|dfm|deputy foreign minister|foreign minister|minister|deputy minister|ambassador|amb|mr|mrs|ms|dr|general|gen|lt gen|maj gen|brig gen|director|deputy director|senator|sen|congressman|rep|king|queen|prince|sheikh|shaykh|secretary|under secretary|assistant secretary|a/s|das|charge|charge d'affaires|colonel|col|lt col|lieutenant|major|maj|captain|capt|admiral|adm|governor|gov|mayor|chairman|speaker|judge|justice|professor|prof|emir|crown prince|sultan|mullah|imam|archbishop|bishop|father|pope|commander|cdr|ltg|mg|bg"

var scoreTitleList = strings.Split(scoreTitles, "|")

const stripChars = " \t.,;:!?\"'()[]{}-"

func pyIsSpace(r rune) bool {
	return unicode.IsSpace(r) || (r >= 0x1c && r <= 0x1f)
}

// Normalize is ner_score.py's norm.
func Normalize(s string) string {
	s = norm.NFKC.String(s)
	s = cases.Fold().String(s)
	s = strings.ReplaceAll(s, "\u2019", "'")
	s = strings.Join(strings.FieldsFunc(s, pyIsSpace), " ")
	s = strings.Trim(s, stripChars)
	s = strings.TrimSuffix(s, "'s")
	for {
		t := stripTitle(s)
		if t == s {
			break
		}
		s = t
	}
	return strings.Trim(s, stripChars)
}

// stripTitle removes one leading title as TITLE_RE does: the first
// alternative, in order, followed by an optional dot and whitespace.
func stripTitle(s string) string {
	ls := strings.ToLower(s)
	for _, t := range scoreTitleList {
		if !strings.HasPrefix(ls, t) {
			continue
		}
		i := len(t)
		if i < len(s) && s[i] == '.' {
			j := spacesAt(s, i+1)
			if j > i+1 {
				return s[j:]
			}
		}
		if j := spacesAt(s, i); j > i {
			return s[j:]
		}
	}
	return s
}

func spacesAt(s string, i int) int {
	for i < len(s) {
		r, n := runeAt(s, i)
		if !pyIsSpace(r) {
			break
		}
		i += n
	}
	return i
}

// ReadGold reads a gold JSONL file.
func ReadGold(r io.Reader) ([]GoldEntity, error) {
	var out []GoldEntity
	err := readJSONL(r, func(b []byte) error {
		var g GoldEntity
		if err := json.Unmarshal(b, &g); err != nil {
			return err
		}
		out = append(out, g)
		return nil
	})
	return out, err
}

// ReadPredictions reads a predictions JSONL file.
func ReadPredictions(r io.Reader) ([]Prediction, error) {
	var out []Prediction
	err := readJSONL(r, func(b []byte) error {
		var p Prediction
		if err := json.Unmarshal(b, &p); err != nil {
			return err
		}
		out = append(out, p)
		return nil
	})
	return out, err
}

func readJSONL(r io.Reader, fn func([]byte) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<16), 1<<26)
	line := 0
	for sc.Scan() {
		line++
		b := sc.Bytes()
		if strings.TrimSpace(string(b)) == "" {
			continue
		}
		if err := fn(b); err != nil {
			return fmt.Errorf("line %d: %w", line, err)
		}
	}
	return sc.Err()
}

var typeAliases = map[string]string{"PER": "PERSON", "ORGANIZATION": "ORG", "LOC": "PLACE", "GPE": "PLACE", "LOCATION": "PLACE"}

type goldEnt struct {
	typ   string
	names map[string]bool
	name  string
}

type predKey struct{ typ, key string }

// Score scores predictions against gold, micro-averaged over the gold's
// cables, exactly as ner_score.py does.
func Score(gold []GoldEntity, preds []Prediction) Report {
	var refs []string
	gents := map[string][]goldEnt{}
	for _, g := range gold {
		names := map[string]bool{Normalize(g.Name): true}
		for _, a := range g.Aliases {
			names[Normalize(a)] = true
		}
		delete(names, "")
		if _, ok := gents[g.RefID]; !ok {
			refs = append(refs, g.RefID)
		}
		gents[g.RefID] = append(gents[g.RefID], goldEnt{g.Type, names, g.Name})
	}
	groups := map[string]map[predKey]map[string]bool{}
	var order = map[string][]predKey{}
	methods := map[string]map[predKey]string{}
	for _, p := range preds {
		if _, ok := gents[p.RefID]; !ok {
			continue
		}
		t := strings.ToUpper(p.Type)
		if a, ok := typeAliases[t]; ok {
			t = a
		}
		text, canon := Normalize(p.Text), Normalize(p.Canonical)
		k := canon
		if k == "" {
			k = text
		}
		if k == "" {
			continue
		}
		g := groups[p.RefID]
		if g == nil {
			g = map[predKey]map[string]bool{}
			groups[p.RefID] = g
		}
		pk := predKey{t, k}
		set := g[pk]
		if set == nil {
			set = map[string]bool{}
			g[pk] = set
			order[p.RefID] = append(order[p.RefID], pk)
			if methods[p.RefID] == nil {
				methods[p.RefID] = map[predKey]string{}
			}
			methods[p.RefID][pk] = p.Method
		}
		for _, s := range []string{text, canon} {
			if s != "" {
				set[s] = true
			}
		}
		for _, a := range p.Aliases {
			if s := Normalize(a); s != "" {
				set[s] = true
			}
		}
	}
	c := map[string]*Counts{}
	for _, t := range ScoreTypes {
		c[t] = &Counts{}
	}
	rep := Report{Types: map[string]Counts{}, Cables: len(refs), Rules: map[string]RuleCounts{}}
	for _, ref := range refs {
		ents := gents[ref]
		found := make([]bool, len(ents))
		if _, ok := groups[ref]; ok {
			rep.CablesWithPredictions++
		}
		for _, pk := range order[ref] {
			strs := groups[ref][pk]
			hit := false
			for i, ge := range ents {
				if ge.typ != pk.typ {
					continue
				}
				for s := range strs {
					if ge.names[s] {
						found[i], hit = true, true
						break
					}
				}
			}
			m := methods[ref][pk]
			if _, ok := c[pk.typ]; ok {
				rc := rep.Rules[m]
				if hit {
					rc.TP++
				} else {
					rc.FP++
				}
				rep.Rules[m] = rc
			}
			if cc, ok := c[pk.typ]; !hit && ok {
				cc.FP++
				rep.Misses = append(rep.Misses, Miss{"FP", ref, pk.typ, pk.key, m})
			}
		}
		for i, ge := range ents {
			cc, ok := c[ge.typ]
			if !ok {
				continue
			}
			if found[i] {
				cc.TP++
			} else {
				cc.FN++
				rep.Misses = append(rep.Misses, Miss{"FN", ref, ge.typ, ge.name, ""})
			}
		}
	}
	var all Counts
	for _, t := range ScoreTypes {
		x := c[t]
		x.Precision, x.Recall, x.F1 = prf(x.TP, x.FP, x.FN)
		rep.Types[t] = *x
		all.TP, all.FP, all.FN = all.TP+x.TP, all.FP+x.FP, all.FN+x.FN
	}
	all.Precision, all.Recall, all.F1 = prf(all.TP, all.FP, all.FN)
	rep.Overall = all
	return rep
}

func prf(tp, fp, fn int) (p, r, f float64) {
	if tp+fp > 0 {
		p = float64(tp) / float64(tp+fp)
	}
	if tp+fn > 0 {
		r = float64(tp) / float64(tp+fn)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return round4(p), round4(r), round4(f)
}

// round4 rounds as Python's round(x, 4) does (correctly rounded), which
// ner_score.py applies before printing with %.3f.
func round4(x float64) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'f', 4, 64), 64)
	return v
}

// WriteTable prints the report as ner_score.py does.
func (r Report) WriteTable(w io.Writer) {
	fmt.Fprintf(w, "cables %d with predictions %d\n", r.Cables, r.CablesWithPredictions)
	for _, t := range ScoreTypes {
		o := r.Types[t]
		fmt.Fprintf(w, "%-6s P %.3f R %.3f F1 %.3f (tp %d fp %d fn %d)\n", t, o.Precision, o.Recall, o.F1, o.TP, o.FP, o.FN)
	}
	o := r.Overall
	fmt.Fprintf(w, "overall P %.3f R %.3f F1 %.3f (tp %d fp %d fn %d)\n", o.Precision, o.Recall, o.F1, o.TP, o.FP, o.FN)
	fmt.Fprintf(w, "overall F1 %.3f\n", o.F1)
}

// WriteRules prints the per-rule table: each method's true and false
// positives and its precision, most false positives first.
func (r Report) WriteRules(w io.Writer) {
	type row struct {
		m string
		c RuleCounts
	}
	var rows []row
	for m, c := range r.Rules {
		rows = append(rows, row{m, c})
	}
	sort.Slice(rows, func(i, j int) bool {
		if rows[i].c.FP != rows[j].c.FP {
			return rows[i].c.FP > rows[j].c.FP
		}
		return rows[i].m < rows[j].m
	})
	fmt.Fprintf(w, "%-24s %5s %5s %6s\n", "rule", "tp", "fp", "prec")
	for _, x := range rows {
		m := x.m
		if m == "" {
			m = "(none)"
		}
		p, _, _ := prf(x.c.TP, x.c.FP, 0)
		fmt.Fprintf(w, "%-24s %5d %5d %6.3f\n", m, x.c.TP, x.c.FP, p)
	}
}
