package enrich

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/cablewire/cablewire/schemas"
)

func TestScratch(t *testing.T) {
	txt := os.Getenv("SCRATCH")
	if txt == "" {
		t.Skip()
	}
	var c schemas.Cable
	c.RefID = "X"
	for i, p := range strings.Split(txt, "\n\n") {
		c.Paragraphs = append(c.Paragraphs, schemas.Paragraph{N: i + 1, Text: p})
	}
	Enrich(&c)
	for _, e := range c.Entities {
		fmt.Printf("%s %q -> %q [%s] title=%q gen=%v\n", e.Type, e.Text, e.Canonical, e.Method, e.Title, e.Generic)
	}
}
