package enrich

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"testing"

	"github.com/cablewire/cablewire/schemas"
)

// TestDevLoop scores parsed cables from ENRICH_PARSED (JSON lines of
// schemas.Cable, as `cablewire parse` prints them) against ENRICH_GOLD.
// A development aid; the real evaluation is `cablewire eval entities`.
func TestDevLoop(t *testing.T) {
	parsed, goldPath := os.Getenv("ENRICH_PARSED"), os.Getenv("ENRICH_GOLD")
	if parsed == "" || goldPath == "" {
		t.Skip("set ENRICH_PARSED and ENRICH_GOLD")
	}
	gf, err := os.Open(goldPath)
	if err != nil {
		t.Fatal(err)
	}
	gold, err := ReadGold(gf)
	gf.Close()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{}
	for _, g := range gold {
		want[g.RefID] = true
	}
	f, err := os.Open(parsed)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<26)
	var preds []Prediction
	for sc.Scan() {
		var c schemas.Cable
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil || !want[c.RefID] {
			continue
		}
		Enrich(&c)
		for _, e := range c.Entities {
			if e.Generic {
				continue
			}
			preds = append(preds, Prediction{RefID: c.RefID, Type: e.Type, Text: e.Text, Canonical: e.Canonical})
			if os.Getenv("ENRICH_SHOW") == c.RefID {
				fmt.Printf("%d %s %q -> %q title=%q %s %s\n", e.Paragraph, e.Type, e.Text, e.Canonical, e.Title, e.Country, e.Method)
			}
		}
	}
	rep := Score(gold, preds)
	rep.WriteTable(os.Stdout)
	if os.Getenv("ENRICH_MISSES") != "" {
		for _, m := range rep.Misses {
			fmt.Printf("%s\t%s\t%s\t%s\n", m.Kind, m.RefID, m.Type, m.Text)
		}
	}
}
