package parse

import (
	"os"
	"strings"
	"testing"

	"github.com/cablewire/cablewire/schemas"
)

func corpusDocs(b *testing.B) []schemas.Document {
	var docs []schemas.Document
	for _, p := range corpusFiles(b, "cablegate", ".html") {
		body, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, schemas.Document{Body: body, Format: schemas.FormatHTML, RefID: refOf(p)})
	}
	for _, p := range corpusFiles(b, "plusd", ".txt") {
		body, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, schemas.Document{Body: body, Format: schemas.FormatText})
	}
	return docs
}

// BenchmarkParse measures the parse alone: cable text (already decoded) to
// Cable. SetBytes is the text size.
func BenchmarkParse(b *testing.B) {
	docs := corpusDocs(b)
	texts := make([]string, 0, len(docs))
	metas := make([]PageMeta, 0, len(docs))
	size := 0
	for _, d := range docs {
		text, meta, err := Decode(d)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, text)
		metas = append(metas, meta)
		size += len(text)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for k, t := range texts {
			m := metas[k]
			parseText(t, &m)
		}
	}
}

// BenchmarkParseDocument measures Parse end to end (HTML extraction,
// cp1252 repair and parse). SetBytes is the document size.
func BenchmarkParseDocument(b *testing.B) {
	docs := corpusDocs(b)
	size := 0
	for _, d := range docs {
		size += len(d.Body)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, d := range docs {
			if _, err := Parse(d); err != nil && !strings.Contains(err.Error(), "not a cable") {
				b.Fatal(err)
			}
		}
	}
}
