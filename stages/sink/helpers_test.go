package sink

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/cablewire/cablewire/pipeline"
	"github.com/cablewire/cablewire/schemas"
)

// clock is a fake Config.Now: tests move time by hand, never sleep.
type clock struct{ t time.Time }

func (c *clock) Now() time.Time          { return c.t }
func (c *clock) advance(d time.Duration) { c.t = c.t.Add(d) }

func newClock() *clock { return &clock{t: time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)} }

var words = strings.Fields(`the embassy minister said government foreign
policy ambassador talks president security council nuclear program
sanctions opposition parliament election economic reform military
cooperation regional officials noted that would not support meeting
discussed concerns human rights border trade agreement visit delegation
press statement deputy assistant secretary political counselor`)

var names = []struct{ typ, text, canon string }{
	{schemas.EntityPerson, "Sarkozy", "Nicolas Sarkozy"},
	{schemas.EntityPerson, "Merkel", "Angela Merkel"},
	{schemas.EntityOrg, "IAEA", "IAEA"},
	{schemas.EntityOrg, "MFA", "Ministry of Foreign Affairs"},
	{schemas.EntityPlace, "Tehran", "Tehran"},
	{schemas.EntityPlace, "Paris", "Paris"},
}

// synthCable builds a cable with about bodyBytes of body text in five
// paragraphs and a dozen entities, like an enriched cable of the corpus.
func synthCable(r *rand.Rand, ref string, created time.Time, bodyBytes int) schemas.Cable {
	c := schemas.Cable{
		RefID: ref, Created: created, CreatedSource: "dtg", ContentHash: "h-" + ref,
		SourceFormat: "text", Classification: "CONFIDENTIAL", Subject: "SUBJECT OF " + ref,
		Origin: "Embassy Paris", To: []schemas.Addressee{{Routing: "RUEHC", Name: "SECSTATE WASHDC"}},
		Tags: []string{"PREL", "FR"}, Countries: []string{"FR"}, CountryNames: []string{"France"},
	}
	var body strings.Builder
	for n := 1; n <= 5; n++ {
		var p strings.Builder
		for p.Len() < bodyBytes/5 {
			p.WriteString(words[r.IntN(len(words))])
			p.WriteByte(' ')
		}
		text := p.String()
		c.Paragraphs = append(c.Paragraphs, schemas.Paragraph{N: n, Marking: "C", Text: text})
		fmt.Fprintf(&body, "%d. (C) %s\n\n", n, text)
		for range 3 {
			e := names[r.IntN(len(names))]
			at := r.IntN(len(text) - len(e.text))
			c.Entities = append(c.Entities, schemas.Entity{
				Paragraph: n, Type: e.typ, Text: e.text, Canonical: e.canon,
				Start: at, End: at + len(e.text), Method: "gazetteer",
			})
		}
	}
	c.Body = body.String()
	c.WordCount = len(strings.Fields(c.Body))
	return c
}

// feed makes cable messages fast: a few cables are marshalled once, and
// each message is a copy of one with its ref_id, content_hash and created
// overwritten in place (they are fixed-width), so a benchmark measures the
// sink rather than encoding/json.
type feed struct {
	tmpl                     [][]byte
	refAt, hashAt, createdAt []int
}

const (
	tmplRef     = "R000000000"
	tmplHash    = "h-R000000000"
	tmplCreated = "2000-01-01T00:00:00Z"
)

func newFeed(seed uint64, variants, bodyBytes int) *feed {
	r := rand.New(rand.NewPCG(seed, 1))
	f := &feed{}
	for range variants {
		c := synthCable(r, tmplRef, time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), bodyBytes)
		b, err := json.Marshal(c)
		if err != nil {
			panic(err)
		}
		f.tmpl = append(f.tmpl, b)
		f.refAt = append(f.refAt, bytes.Index(b, []byte(`"ref_id":"`+tmplRef))+len(`"ref_id":"`))
		f.hashAt = append(f.hashAt, bytes.Index(b, []byte(`"content_hash":"`+tmplHash))+len(`"content_hash":"`))
		f.createdAt = append(f.createdAt, bytes.Index(b, []byte(`"created":"`+tmplCreated))+len(`"created":"`))
	}
	return f
}

// msg is cable i, created at t (whole seconds, UTC), as stream sequence i.
func (f *feed) msg(i int, t time.Time) *pipeline.Message {
	k := i % len(f.tmpl)
	b := bytes.Clone(f.tmpl[k])
	ref := fmt.Sprintf("R%09d", i)
	copy(b[f.refAt[k]:], ref)
	copy(b[f.hashAt[k]+2:], ref)
	copy(b[f.createdAt[k]:], t.UTC().Format(time.RFC3339))
	return &pipeline.Message{Data: b, Stream: "CABLES", Seq: uint64(i + 1)}
}

func (f *feed) avgBytes() int {
	n := 0
	for _, b := range f.tmpl {
		n += len(b)
	}
	return n / len(f.tmpl)
}

// monthTime is a random whole second in the 28 first days of month m
// counted from January 2000.
func monthTime(r *rand.Rand, m int) time.Time {
	return time.Date(2000, time.Month(1+m), 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(r.IntN(28*86400)) * time.Second)
}

// cableMsg marshals c as stream sequence seq.
func cableMsg(t testing.TB, c schemas.Cable, seq uint64) *pipeline.Message {
	t.Helper()
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	return &pipeline.Message{Data: b, Stream: "CABLES", Seq: seq}
}

func openSink(t testing.TB, cfg Config) *Sink {
	t.Helper()
	s, err := Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func add(t testing.TB, s *Sink, m *pipeline.Message) pipeline.Result {
	t.Helper()
	r, err := s.Add(context.Background(), m)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// addWait adds m and waits for the commit it started, if any: Add starts
// commits in the background and hands them back from a later call.
func addWait(t testing.TB, s *Sink, m *pipeline.Message) pipeline.Result {
	t.Helper()
	r := add(t, s, m)
	r.Merge(s.finishCommit())
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	return r
}

func flush(t testing.TB, s *Sink) pipeline.Result {
	t.Helper()
	r, err := s.Flush(context.Background())
	if err = errors.Join(err, r.Err); err != nil {
		t.Fatal(err)
	}
	return r
}

func records(t testing.TB, dir string) []*Record {
	t.Helper()
	ids, err := recordIDs(dir, func(string) bool { return false })
	if err != nil {
		t.Fatal(err)
	}
	var recs []*Record
	for _, id := range ids {
		r, err := readRecord(dir, id)
		if err != nil {
			t.Fatal(err)
		}
		recs = append(recs, r)
	}
	return recs
}

func seqsOf(ms []*pipeline.Message) []uint64 {
	var out []uint64
	for _, m := range ms {
		out = append(out, m.Seq)
	}
	return out
}

// readRows reads a committed file back with parquet-go.
func readRows[T any](t testing.TB, path string) []T {
	t.Helper()
	rows, err := parquet.ReadFile[T](path)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// tmpFiles lists the names under dir (recursively, outside _cablewire/commits
// and sinks) that start with "_" : temporary files and sorted runs.
func tmpFiles(t testing.TB, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path != dir && (d.Name() == "commits" || d.Name() == "sinks") {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasPrefix(d.Name(), "_") {
			rel, _ := filepath.Rel(dir, path)
			out = append(out, rel)
		}
		return nil
	})
	return out
}
