package parse

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cablewire/cablewire/schemas"
)

// corpusDir is the shared development corpus beside the repository; it is
// read in place, never copied.
const corpusDir = "../../../shared/corpus"

func corpusFiles(t testing.TB, sub, ext string) []string {
	t.Helper()
	dir := filepath.Join(corpusDir, sub)
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("shared corpus not found at %s (it sits beside the repository as ../shared): %v", dir, err)
	}
	var files []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ext) {
			files = append(files, p)
		}
		return nil
	})
	if len(files) == 0 {
		t.Skipf("no %s files under %s", ext, dir)
	}
	return files
}

func refOf(path string) string {
	return strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
}

// pageExceptions are cablegate pages whose own table disagrees with the
// cable text, with the reason the text is right (or the page is wrong).
var pageExceptions = map[string]string{
	"08RABAT727":    "page says SECRET; the classification line, the ZNY CCCCC line and every paragraph marking say CONFIDENTIAL",
	"09TBILISI1123": "page says SECRET; the classification line, the ZNY CCCCC line and every paragraph marking say CONFIDENTIAL",
}

// TestCorpusCablegate: every cablegate page agrees with the parse on
// reference id, classification and creation day.
func TestCorpusCablegate(t *testing.T) {
	files := corpusFiles(t, "cablegate", ".html")
	agree := 0
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		doc := schemas.Document{Body: b, Format: schemas.FormatHTML, RefID: refOf(p), Source: p}
		c, err := Parse(doc)
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		_, meta, _ := Decode(doc)
		var bad []string
		if want := normalizeRefID(meta.RefID); c.RefID != want {
			bad = append(bad, "ref_id "+c.RefID+" != page "+want)
		}
		if lv, _ := levelFromText(meta.Classification); c.Classification != lv {
			bad = append(bad, "classification "+c.Classification+" != page "+lv)
		}
		if got, want := c.Created.Format("2006-01-02"), meta.Created.Format("2006-01-02"); got != want {
			bad = append(bad, "created "+got+" != page "+want)
		}
		if len(bad) == 0 {
			agree++
			continue
		}
		if why, ok := pageExceptions[refOf(p)]; ok {
			t.Logf("%s: page exception (%s): %s", refOf(p), why, strings.Join(bad, "; "))
			continue
		}
		t.Errorf("%s: %s", p, strings.Join(bad, "; "))
	}
	t.Logf("cablegate: %d of %d pages agree on ref id, classification and creation day; %d listed exceptions", agree, len(files), len(pageExceptions))
}

// TestCorpusPlainText: every PlusD file and the seed parse without error
// and find their own reference id.
func TestCorpusPlainText(t *testing.T) {
	files := append(corpusFiles(t, "plusd", ".txt"), corpusFiles(t, "seed", ".txt")...)
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		c, err := Parse(schemas.Document{Body: b, Format: schemas.FormatText, Source: p})
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		if c.RefID != refOf(p) {
			t.Errorf("%s: ref_id %s", p, c.RefID)
		}
		if len(c.Paragraphs) == 0 || c.Tags == nil || c.Subject == "" {
			t.Errorf("%s: missing paragraphs, tags or subject", p)
		}
		if errors.Is(err, ErrNotCable) {
			t.Errorf("%s: %v", p, err)
		}
	}
}
