package parse

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/cablewire/cablewire/schemas"
)

// addGoldenSeeds adds the self-written golden cables to a fuzz corpus.
func addGoldenSeeds(f *testing.F, add func([]byte)) {
	files, _ := filepath.Glob("testdata/golden/*.txt")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			add(b)
		}
	}
}

// checkCable asserts what every successful parse promises.
func checkCable(t *testing.T, c schemas.Cable, err error) {
	if err != nil {
		if !errors.Is(err, ErrNotCable) && !errors.Is(err, ErrTooLarge) {
			t.Fatalf("error wraps neither ErrNotCable nor ErrTooLarge: %v", err)
		}
		return
	}
	if c.RefID == "" || c.Created.IsZero() || c.Classification == "" {
		t.Fatalf("successful parse without ref id, created or classification: %+v", c)
	}
	if c.Created.Location().String() != "UTC" {
		t.Fatalf("created not UTC: %v", c.Created)
	}
	if len(c.Tags) != len(c.TagKinds) {
		t.Fatalf("tags and tag kinds differ in length: %v %v", c.Tags, c.TagKinds)
	}
	if !utf8.ValidString(c.Body) {
		t.Fatalf("body is not valid UTF-8")
	}
}

func FuzzParse(f *testing.F) {
	addGoldenSeeds(f, func(b []byte) { f.Add(b, uint8(0)) })
	f.Add([]byte(`{"date":"10/03/2007 12:11","ref_id":"07MOSCOW4849","text":"C O N F I D E N T I A L MOSCOW 004849\nTAGS: PREL"}`), uint8(2))
	f.Add([]byte(`{"date":"13/03/2007 12:11","ref_id":"07MOSCOW4849","text":"O 031211Z OCT 9999\nC O N F I D E N T I A L MOSCOW 004849\nTAGS: PREL"}`), uint8(2))
	for _, s := range fragmentSeeds {
		f.Add([]byte("O 031211Z OCT 07\nFM AMEMBASSY MOSCOW\nCONFIDENTIAL MOSCOW 004849\n\n"+s), uint8(0))
	}
	f.Fuzz(func(t *testing.T, body []byte, format uint8) {
		formats := []string{schemas.FormatText, schemas.FormatHTML, schemas.FormatJSON, ""}
		doc := schemas.Document{Body: body, Format: formats[int(format)%len(formats)], RefID: "07MOSCOW4849"}
		c, err := parseDoc(doc)
		checkCable(t, c, err)
	})
}

func FuzzDecodeHTML(f *testing.F) {
	f.Add([]byte("<table class='cable'><tr><th>Reference ID</th><th>Created</th></tr><tr><td><a>07MOSCOW4849</a></td><td>2007-10-03 12:11</td></tr></table><code><pre>O 031211Z OCT 07&#x000A;FM AMEMBASSY MOSCOW</pre></code><code><pre>UNCLAS MOSCOW 004849&#x000A;TAGS: <a href='/tag/PREL_0.html'>PREL</a>&#x000A;&#x000A;<a>¶</a>1. Text.</pre></code>"))
	f.Add([]byte("<pre><pre></pre"))
	f.Fuzz(func(t *testing.T, body []byte) {
		text, _, err := Decode(schemas.Document{Body: body, Format: schemas.FormatHTML})
		if err == nil && !utf8.ValidString(text) {
			t.Fatalf("decoded text is not valid UTF-8")
		}
		c, err := parseDoc(schemas.Document{Body: body, Format: schemas.FormatHTML})
		checkCable(t, c, err)
	})
}

// fragmentSeeds are invented fragments of the messy kinds the field
// readers handle: fields run together, 1990s classification lines,
// abbreviated REF stations, signatures over footers and notes.
var fragmentSeeds = []string{
	"TAGS: PRELPGOV, [RS](#)\nREF: A. 06 TBILISI 2601 AND 2764\nClassified By: X, 1.4(b)",
	"SUBJECT: TALKS REF: A. LAGOS 123 B. 08 ABUJA 456 Classified By: Pol Counselor Jane Roe for reasons 1.4 (b/d) Sensitive But Unclassified - Please handle accordingly",
	"TAGS: PREL PGOV\nKDEM RS SUBJECT: ELECTIONS 1. (C) SUMMARY: X. END SUMMARY.",
	"1. CONFIDENTIAL - ENTIRE TEXT.  CLASSIFIED BY DCM JOHN DOE - 1.5 B,D.\n\n2. TEXT.",
	"1. (U) CLASSIFIED BY POLOFF JANE\nROE, 1.5 (D).",
	"R 011200Z MAR 09\nREF: A) 08 RIO DE JAN 138 B. A) SECSTATE 5, 6 AND 7; UNESCO PARIS FR 3\n\n\u00b6C. 101",
	"09MOSCOW5\nPROGRAM REF: REF A. MOSCOW 1",
	"E.O. 12958: DECL: 20121122 TAGS: PREL\nDECL 11/22/12",
	"R 291400Z MAY 76\nTO AMEMBASSY MOSCOW 1234\nPAGE 02 STATE 123456 291400Z\nXMT AMCONSUL LENINGRAD\nBT\nCONFIDENTIAL STATE 123456",
	"3. DEPARTMENT WILL ADVISE.\nDE LA CRUZ\n\nSECRET\n\nNOTE BY OC/T: NOT\nPASSED.\n<< END OF DOCUMENT >>",
	"SUMMARY AND COMMENT: X. END SUMMARY AND COMMENT.\nSummary and Key Themes\n---\n\n1. Y.",
	"SUBJECT: MINISTER&#8217;S &#8220;PLAN&#8221; \\\n(s)",
}

func FuzzFields(f *testing.F) {
	addGoldenSeeds(f, func(b []byte) { f.Add(string(b)) })
	for _, s := range fragmentSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c := fields(s)
		if len(c.Tags) != len(c.TagKinds) {
			t.Fatalf("tags and tag kinds differ in length")
		}
		if !utf8.ValidString(c.Subject) || !utf8.ValidString(c.ClassifiedBy) {
			t.Fatalf("subject or classified-by is not valid UTF-8")
		}
	})
}
