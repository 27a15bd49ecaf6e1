package ingest

import (
	"errors"
	"io"
	"strings"
	"testing"
)

// row writes one cables.csv row the way the full release does: every field
// quoted, quotes escaped as \", newlines kept.
func row(fields ...string) string {
	q := make([]string, len(fields))
	for i, f := range fields {
		q[i] = `"` + strings.ReplaceAll(f, `"`, `\"`) + `"`
	}
	return strings.Join(q, ",") + "\n"
}

func TestCSVReaderRows(t *testing.T) {
	long := strings.Repeat("A LONG BODY LINE\n", 5000) // over 65,536 characters
	in := row("1", "12/28/1966 18:48", "66BUENOSAIRES1", "Embassy Buenos Aires", "UNCLASSIFIED", "",
		"header line\nsecond", "He said \"no\".\nAnd left, quickly.") +
		row("2", "10/03/2007 12:11", "07MOSCOW4849", "Embassy Moscow", "CONFIDENTIAL", "06MOSCOW1,07STATE2",
			"H", long) +
		row("3", "01/01/2010 00:00", "10STATE3", "Secretary of State", "SECRET//NOFORN", "", `back\slash`, "")
	r := NewCSVReader(strings.NewReader(in))
	rec, line, err := r.Read()
	if err != nil || line != 1 {
		t.Fatalf("row 1: %v (line %d)", err, line)
	}
	if rec.ID != 1 || rec.RefID != "66BUENOSAIRES1" || rec.Header != "header line\nsecond" ||
		rec.Body != "He said \"no\".\nAnd left, quickly." || rec.Date != "12/28/1966 18:48" {
		t.Errorf("row 1: %+v", rec)
	}
	rec, line, err = r.Read()
	if err != nil || line != 4 {
		t.Fatalf("row 2: %v (line %d, want 4: row 1 spans 3 lines)", err, line)
	}
	if rec.Body != long || rec.References != "06MOSCOW1,07STATE2" || rec.Classification != "CONFIDENTIAL" {
		t.Errorf("row 2: body %d bytes, refs %q", len(rec.Body), rec.References)
	}
	rec, _, err = r.Read()
	if err != nil || rec.Header != `back\slash` || rec.Classification != "SECRET//NOFORN" {
		t.Fatalf("row 3: %+v %v", rec, err)
	}
	if _, _, err = r.Read(); err != io.EOF {
		t.Fatalf("end: %v, want io.EOF", err)
	}
}

func TestCSVReaderErrors(t *testing.T) {
	for name, in := range map[string]string{
		"too few fields": row("1", "d", "REF"),
		"unterminated":   `"1","d","REF","o","c","r","h","body never ends`,
		"stray quote":    `"1","d"x,"REF","o","c","r","h","b"` + "\n",
	} {
		_, _, err := NewCSVReader(strings.NewReader(in)).Read()
		if !errors.Is(err, ErrCSV) {
			t.Errorf("%s: %v, want ErrCSV", name, err)
		}
	}
}

func TestCSVReaderTooLargeSkipsRow(t *testing.T) {
	huge := strings.Repeat("x", MaxDocumentBytes+10)
	in := row("1", "d", "BIG", "o", "c", "", "h", huge) + row("2", "d", "SMALL", "o", "c", "", "h", "b")
	r := NewCSVReader(strings.NewReader(in))
	if _, _, err := r.Read(); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("big row: %v, want ErrTooLarge", err)
	}
	rec, _, err := r.Read()
	if err != nil || rec.RefID != "SMALL" {
		t.Fatalf("after a big row: %+v %v", rec, err)
	}
}

// FuzzCSVReader: no input makes the reader panic or loop forever, and
// reading goes on after a broken row (each Read consumes input).
func FuzzCSVReader(f *testing.F) {
	f.Add(row("1", "12/28/1966 18:48", "66X1", "o", "UNCLASSIFIED", "", "h", "b \"q\"\nz"))
	f.Add(`"1","2"` + "\n" + `"\`)
	f.Add("1,2,3,4,5,6,7,8\r\n")
	f.Fuzz(func(t *testing.T, in string) {
		r := NewCSVReader(strings.NewReader(in))
		for i := 0; i <= len(in)+1; i++ {
			_, _, err := r.Read()
			if err == io.EOF {
				return
			}
			if err != nil && !errors.Is(err, ErrCSV) && !errors.Is(err, ErrTooLarge) {
				t.Fatalf("read: %v", err)
			}
		}
		t.Fatalf("reader did not finish on %d bytes", len(in))
	})
}
