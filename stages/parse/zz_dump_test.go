package parse

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/cablewire/cablewire/schemas"
)

// TestZZDump writes every corpus parse as JSON lines to $DUMP (temporary helper).
func TestZZDump(t *testing.T) {
	out := os.Getenv("DUMP")
	if out == "" {
		t.Skip()
	}
	f, _ := os.Create(out)
	defer f.Close()
	enc := json.NewEncoder(f)
	for _, sub := range []struct{ d, e, fm string }{{"cablegate", ".html", schemas.FormatHTML}, {"plusd", ".txt", schemas.FormatText}, {"seed", ".txt", schemas.FormatText}} {
		for _, p := range corpusFiles(t, sub.d, sub.e) {
			b, _ := os.ReadFile(p)
			c, err := Parse(schemas.Document{Body: b, Format: sub.fm, RefID: refOf(p), Source: p})
			es := ""
			if err != nil {
				es = err.Error()
			}
			enc.Encode(struct {
				P   string
				E   string
				C   schemas.Cable
			}{p, es, c})
			// also as Fields on the decoded text
			text, _, _ := Decode(schemas.Document{Body: b, Format: sub.fm})
			enc.Encode(Fields(text))
		}
	}
	for _, g := range []string{"testdata/golden/*.txt", "testdata/fuzz/*/*"} {
		_ = g
	}
}

// TestZZLoop parses the benchmark texts $ZZN times (instruction counting helper).
func TestZZLoop(t *testing.T) {
	n := atoi(os.Getenv("ZZN"))
	if n == 0 {
		t.Skip()
	}
	var texts []string
	var metas []PageMeta
	for _, d := range corpusDocs2(t) {
		text, meta, _ := Decode(d)
		texts = append(texts, text)
		metas = append(metas, meta)
	}
	for range n {
		for k, s := range texts {
			m := metas[k]
			parseText(s, &m)
		}
	}
}

func corpusDocs2(b testing.TB) []schemas.Document {
	var docs []schemas.Document
	for _, p := range corpusFiles(b, "cablegate", ".html") {
		body, _ := os.ReadFile(p)
		docs = append(docs, schemas.Document{Body: body, Format: schemas.FormatHTML, RefID: refOf(p)})
	}
	for _, p := range corpusFiles(b, "plusd", ".txt") {
		body, _ := os.ReadFile(p)
		docs = append(docs, schemas.Document{Body: body, Format: schemas.FormatText})
	}
	return docs
}
