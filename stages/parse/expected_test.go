package parse

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/cablewire/cablewire/schemas"
)

// expectation holds the hand-checked metadata of one corpus cable
// (metadata only: no body or paragraph text is kept in the repository).
type expectation struct {
	File           string   `json:"file"` // path under the shared corpus
	RefID          string   `json:"ref_id"`
	Created        string   `json:"created"`
	Classification string   `json:"classification"`
	Precedence     string   `json:"precedence,omitempty"`
	Origin         string   `json:"origin,omitempty"`
	OriginRouting  string   `json:"origin_routing,omitempty"`
	Tags           []string `json:"tags,omitempty"`
	EOOrder        string   `json:"eo_order,omitempty"`
	DeclDate       string   `json:"decl_date,omitempty"`
	DeclText       string   `json:"decl_text,omitempty"`
	References     []string `json:"references,omitempty"`
	Caveats        []string `json:"caveats,omitempty"`
	Section        int      `json:"section,omitempty"`
	Sections       int      `json:"sections,omitempty"`
	Paragraphs     int      `json:"paragraphs"` // count of numbered paragraphs
	Signers        []string `json:"signers,omitempty"`
}

func expectOf(file string, c schemas.Cable) expectation {
	n := 0
	for _, p := range c.Paragraphs {
		if p.N > 0 {
			n++
		}
	}
	return expectation{File: file, RefID: c.RefID, Created: c.Created.Format(time.RFC3339), Classification: c.Classification,
		Precedence: c.Precedence, Origin: c.Origin, OriginRouting: c.OriginRouting, Tags: c.Tags, EOOrder: c.EOOrder,
		DeclDate: c.DeclDate, DeclText: c.DeclText, References: c.References, Caveats: c.Caveats,
		Section: c.Section, Sections: c.Sections, Paragraphs: n, Signers: c.Signers}
}

// TestExpectedCorpus compares the parse of hand-checked corpus cables with
// testdata/expected-corpus.json.
func TestExpectedCorpus(t *testing.T) {
	b, err := os.ReadFile("testdata/expected-corpus.json")
	if err != nil {
		t.Fatal(err)
	}
	var want []expectation
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(corpusDir); err != nil {
		t.Skipf("shared corpus not found at %s: %v", corpusDir, err)
	}
	var regen []expectation
	for _, w := range want {
		c, ok := parseCorpusFile(t, w.File)
		if !ok {
			continue
		}
		got := expectOf(w.File, c)
		regen = append(regen, got)
		if !reflect.DeepEqual(got, w) {
			g, _ := json.Marshal(got)
			e, _ := json.Marshal(w)
			t.Errorf("%s:\n got %s\nwant %s", w.File, g, e)
		}
	}
	if *update {
		out, _ := json.MarshalIndent(regen, "", "  ")
		os.WriteFile("testdata/expected-corpus.json", append(out, '\n'), 0o644)
	}
}

// parseCorpusFile parses a cable of ../shared/corpus by its path there,
// reporting a failure to read or parse it.
func parseCorpusFile(t *testing.T, file string) (schemas.Cable, bool) {
	t.Helper()
	p := filepath.Join(corpusDir, file)
	body, err := os.ReadFile(p)
	if err != nil {
		t.Errorf("%s: %v", file, err)
		return schemas.Cable{}, false
	}
	format := schemas.FormatText
	if strings.HasSuffix(p, ".html") {
		format = schemas.FormatHTML
	}
	c, err := Parse(schemas.Document{Body: body, Format: format, RefID: refOf(p)})
	if err != nil {
		t.Errorf("%s: %v", file, err)
		return schemas.Cable{}, false
	}
	return c, true
}
