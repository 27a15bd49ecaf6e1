package ingest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/cablewire/cablewire/schemas"
)

// rows200 is a 200-row csv whose row 50 (lines 99-100: every row spans two
// lines) is replaced by bad.
func rows200(bad string) string {
	var b strings.Builder
	for i := 1; i <= 200; i++ {
		if i == 50 {
			b.WriteString(bad)
			continue
		}
		b.WriteString(row(fmt.Sprint(i), "12/28/1966 18:48", fmt.Sprintf("66X%d", i), "o", "UNCLASSIFIED", "", "h", "body\nsecond line"))
	}
	return b.String()
}

func TestCSVResynchronizesAfterABrokenRow(t *testing.T) {
	for _, tc := range []struct {
		name, bad string
		lines     string // the span dead-lettered
	}{
		{"stray quote", `"50","12/28/1966 18:48","66X50","o","UNCLASSIFIED","","h","He said "no" to it` + "\nsecond line\"\n", "99-100"},
		{"missing closing quote", `"50","12/28/1966 18:48","66X50","o","UNCLASSIFIED","","h","body never closed` + "\nsecond line\n", "99-100"},
		{"too few fields", `"50","12/28/1966 18:48","66X50"` + "\n", "99-99"},
		{"garbage lines", "garbage\n\"not a row\n,,,\n", "99-101"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var refs []string
			var bad []string
			err := readCSV(context.Background(), "in.csv", strings.NewReader(rows200(tc.bad)), func(d schemas.Document, err error) error {
				if err != nil {
					if !errors.Is(err, ErrCSV) {
						t.Errorf("%s: %v, want ErrCSV", d.Source, err)
					}
					bad = append(bad, d.Source+" "+err.Error())
					return nil
				}
				refs = append(refs, d.RefID)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if len(refs) != 199 || refs[48] != "66X49" || refs[49] != "66X51" || refs[198] != "66X200" {
				t.Fatalf("%d rows read (want the 199 good ones); around the bad one: %v", len(refs), refs[max(0, min(len(refs), 47)):min(len(refs), 51)])
			}
			if len(bad) != 1 || !strings.HasPrefix(bad[0], "in.csv:"+tc.lines+" ") || !strings.Contains(bad[0], "lines "+tc.lines) {
				t.Errorf("dead letters %q, want one for lines %s", bad, tc.lines)
			}
		})
	}
}
