package enrich

import (
	"fmt"
	"os"
	"testing"

	"github.com/cablewire/cablewire/schemas"
)

func TestDebugText(t *testing.T) {
	txt := os.Getenv("ENRICH_TEXT")
	if txt == "" {
		t.Skip("set ENRICH_TEXT")
	}
	c := &schemas.Cable{Paragraphs: []schemas.Paragraph{{N: 1, Text: txt}}, Tags: []string{"CO"}}
	Enrich(c)
	for _, e := range c.Entities {
		fmt.Printf("%s %q -> %q title=%q %s %s\n", e.Type, e.Text, e.Canonical, e.Title, e.Country, e.Method)
	}
}
