package ingest

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/cablewire/cablewire/schemas"
)

func TestReadTree(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("2007/10/07MOSCOW4849.html", "<html>page</html>")
	write("plusd/07KINGSTON382.txt", "text \xb6 cp1252")
	write("rows.csv", row("1", "d", "66X1", "o", "c", "", "h", "b")+row("2", "d", "66X2", "o", "c", "", "h", "b"))
	write("lines.jsonl", `{"ref_id":"09X1","text":"t"}`+"\n\n"+`{"ref_id":"09X2","text":"u"}`+"\n")
	write(".hidden/skip.txt", "no")
	write("_tmp.txt", "no")

	var docs []schemas.Document
	err := Read(context.Background(), []string{dir}, func(d schemas.Document, bad error) error {
		if bad != nil {
			t.Errorf("%s: %v", d.Source, bad)
		}
		docs = append(docs, d)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{ // ref hint -> format
		"07MOSCOW4849": schemas.FormatHTML, "07KINGSTON382": schemas.FormatText,
		"66X1": schemas.FormatRecord, "66X2": schemas.FormatRecord, "09X1": schemas.FormatJSON, "09X2": schemas.FormatJSON,
	}
	if len(docs) != len(want) {
		t.Fatalf("%d documents, want %d: %+v", len(docs), len(want), docs)
	}
	for _, d := range docs {
		if want[d.RefID] != d.Format {
			t.Errorf("%s (%s): format %q, want %q", d.RefID, d.Source, d.Format, want[d.RefID])
		}
		if d.Format != schemas.FormatRecord && d.Hash != Hash(d.Body) || len(d.Hash) != 32 {
			t.Errorf("%s: hash %q", d.RefID, d.Hash)
		}
		if id := (Route{}).MsgID(d); id != d.RefID+":"+d.Hash {
			t.Errorf("%s: message id %q", d.RefID, id)
		}
		// A warehouse's loads are deduplicated apart from every other's.
		if id := (Route{Warehouse: "w1"}).MsgID(d); id != "w1:"+d.RefID+":"+d.Hash {
			t.Errorf("%s: message id %q for warehouse w1", d.RefID, id)
		}
	}
}

func TestReadReportsTooLarge(t *testing.T) {
	p := filepath.Join(t.TempDir(), "big.txt")
	os.WriteFile(p, make([]byte, MaxDocumentBytes+1), 0o644)
	var bad error
	Read(context.Background(), []string{p}, func(d schemas.Document, err error) error {
		bad = err
		return nil
	})
	if bad == nil {
		t.Fatal("a document over MaxDocumentBytes was not reported")
	}
	rt := Route{DeadLetters: schemas.Topology{Pipeline: "t"}.DeadLetterSubject("ingest")}
	m := rt.DeadLetter(schemas.Document{Source: p}, bad)
	if m.Header.Get("Cablewire-Dlq-Error") == "" || m.Subject != "cablewire.t.dlq.ingest" {
		t.Errorf("dead letter %+v", m)
	}
}
