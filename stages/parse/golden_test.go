package parse

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cablewire/cablewire/schemas"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// TestGolden parses self-written cables of each era and compares the whole
// Cable with its hand-checked JSON.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/golden/*.txt")
	if len(files) == 0 {
		t.Fatal("no golden files")
	}
	for _, p := range files {
		t.Run(filepath.Base(p), func(t *testing.T) {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			c, err := Parse(schemas.Document{Body: b, Format: schemas.FormatText, Source: "golden", Hash: "h"})
			if err != nil {
				t.Fatal(err)
			}
			got, _ := json.MarshalIndent(c, "", "  ")
			got = append(got, '\n')
			want := strings.TrimSuffix(p, ".txt") + ".json"
			if *update {
				if err := os.WriteFile(want, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			w, err := os.ReadFile(want)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, w) {
				t.Errorf("parse of %s differs from %s:\n%s", p, want, got)
			}
		})
	}
}
