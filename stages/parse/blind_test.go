package parse

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/cablewire/cablewire/schemas"
)

// blindCase holds the fields of one corpus cable, written down by hand
// from the raw cable before the parser was run on it. No cable text is
// kept: the subject is a hash of its upper-cased, space-collapsed form and
// the summary is its length in words (paragraph numbers and markings not
// counted).
type blindCase struct {
	File          string   `json:"file"`
	ClassifiedBy  string   `json:"classified_by"`
	Tags          []string `json:"tags"`
	References    []string `json:"references"`
	SubjectSHA256 string   `json:"subject_sha256"` // first 16 hex digits
	Signers       []string `json:"signers"`
	SummaryWords  int      `json:"summary_words"`
	To            []string `json:"to"`
	DeclDate      string   `json:"decl_date"`
}

// blindFloor is the agreement per field measured after the fixes the
// blind check prompted (out of the cases in testdata/blind-fields.json):
// a field falling below it is a regression.
var blindFloor = map[string]int{
	"classified_by": 20, "tags": 19, "references": 20, "subject": 20,
	"signers": 20, "summary": 20, "recipients": 20, "decl_date": 20,
}

func subjectHash(s string) string {
	h := sha256.Sum256([]byte(strings.Join(strings.Fields(strings.ToUpper(s)), " ")))
	return hex.EncodeToString(h[:])[:16]
}

// blindAgree reports, per field, whether the parse of one cable agrees
// with the hand-written values.
func blindAgree(w blindCase, c schemas.Cable) map[string]bool {
	var to []string
	for _, a := range c.To {
		to = append(to, a.Name)
	}
	refs := slices.Clone(c.References)
	want := slices.Clone(w.References)
	slices.Sort(refs)
	slices.Sort(want)
	words := len(strings.Fields(c.Summary))
	return map[string]bool{
		"classified_by": c.ClassifiedBy == w.ClassifiedBy,
		"tags":          slices.Equal(c.Tags, w.Tags),
		"references":    slices.Equal(refs, want),
		"subject":       subjectHash(c.Subject) == w.SubjectSHA256,
		"signers":       slices.Equal(c.Signers, w.Signers),
		"summary":       (words == 0) == (w.SummaryWords == 0) && words >= w.SummaryWords-3 && words <= w.SummaryWords+3,
		"recipients":    slices.Equal(to, w.To),
		"decl_date":     c.DeclDate == w.DeclDate,
	}
}

// TestBlindFields compares the parse of corpus cables that no other test
// uses with fields noted by hand from the raw cable.
func TestBlindFields(t *testing.T) {
	b, err := os.ReadFile("testdata/blind-fields.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []blindCase
	if err := json.Unmarshal(b, &cases); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(corpusDir); err != nil {
		t.Skipf("shared corpus not found at %s: %v", corpusDir, err)
	}
	agree := map[string]int{}
	for _, w := range cases {
		c, ok := parseCorpusFile(t, w.File)
		if !ok {
			continue
		}
		for field, ok := range blindAgree(w, c) {
			if ok {
				agree[field]++
			} else {
				t.Logf("%s: %s differs (classified_by %q, tags %v, references %v, signers %v, summary %d words, to %d, decl %q)",
					w.File, field, c.ClassifiedBy, c.Tags, c.References, c.Signers, len(strings.Fields(c.Summary)), len(c.To), c.DeclDate)
			}
		}
	}
	total := 0
	for _, field := range []string{"classified_by", "tags", "references", "subject", "signers", "summary", "recipients", "decl_date"} {
		t.Logf("blind agreement %-13s %d of %d", field, agree[field], len(cases))
		total += agree[field]
		if agree[field] < blindFloor[field] {
			t.Errorf("%s: %d of %d agree, floor %d", field, agree[field], len(cases), blindFloor[field])
		}
	}
	t.Logf("blind agreement overall %d of %d", total, 8*len(cases))
}
