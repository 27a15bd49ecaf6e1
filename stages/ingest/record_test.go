package ingest

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/cablewire/cablewire/schemas"
)

// A csv row travels in the binary record form, and keeps the content hash
// the JSON form had: the golden value is what the release that published
// JSON computed for this row, so a warehouse loaded by it knows the row
// unchanged.
func TestCSVRowIsABinaryRecordWithItsJSONHash(t *testing.T) {
	const row = "1,\"12/28/1966 18:48\",\"66BUENOSAIRES2481\",\"Embassy Buenos Aires\",\"UNCLASSIFIED\",\"\",\"header <b>&\",\"body line\nwith \xe9 cp1252 and \u2028\"\n"
	const golden = "d8649394820946883cbead0fa76a65c7"
	p := filepath.Join(t.TempDir(), "cables.csv")
	if err := os.WriteFile(p, []byte(row), 0o644); err != nil {
		t.Fatal(err)
	}
	var docs []schemas.Document
	err := Read(context.Background(), []string{p}, func(d schemas.Document, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
		return nil
	})
	if err != nil || len(docs) != 1 {
		t.Fatalf("read %d documents, err %v", len(docs), err)
	}
	d := docs[0]
	if d.Format != schemas.FormatRecord || d.Hash != golden {
		t.Fatalf("format %q hash %s, want %q %s", d.Format, d.Hash, schemas.FormatRecord, golden)
	}
	var rec schemas.SourceRecord
	if err := rec.UnmarshalBinary(d.Body); err != nil {
		t.Fatal(err)
	}
	if rec.RefID != "66BUENOSAIRES2481" || rec.Body != "body line\nwith \ufffd cp1252 and \u2028" {
		t.Errorf("record %+v", rec)
	}
}
