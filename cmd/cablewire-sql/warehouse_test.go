package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"testing"
	"time"

	"github.com/cablewire/cablewire/pipeline"
	"github.com/cablewire/cablewire/schemas"
	"github.com/cablewire/cablewire/stages/sink"
)

// testCables are written by buildWarehouse: three reference ids over two
// years, one of them twice (version 2), one with no optional strings.
func testCables() []schemas.Cable {
	full := schemas.Cable{
		RefID: "09PARIS123", Created: time.Date(2009, 3, 4, 12, 34, 56, 123456000, time.UTC),
		CreatedSource: "dtg", ContentHash: "h1", SourceFormat: "text", Source: "a.txt",
		Precedence: "PRIORITY", Origin: "Embassy Paris", OriginRouting: "RUEHFR", OriginPost: "AMEMBASSY PARIS",
		To: []schemas.Addressee{
			{Routing: "RUEHC", Name: "SECSTATE WASHDC", Precedence: "PRIORITY"},
			{Name: "AMEMBASSY BERLIN"},
		},
		Info:           []schemas.Addressee{{Routing: "RUEHLO", Name: "AMEMBASSY LONDON", Excluded: true}},
		Classification: "CONFIDENTIAL", Caveats: []string{"NOFORN"},
		Tags: []string{"PREL", "FR", "IR"}, TagKinds: []string{"subject", "country", "country"},
		Countries: []string{"FR", "IR"}, CountryNames: []string{"France", "Iran"},
		Subject: "FRANCE ON IRAN", References: []string{"08STATE1", "09BERLIN7"},
		EOOrder: "12958", DeclDate: "2019-03-04", ClassifiedBy: "A. Smith",
		Paragraphs: []schemas.Paragraph{{N: 1, Marking: "C", Text: "Sarkozy met Ahmadinejad at the IAEA."},
			{N: 2, Text: "Sarkozy and Merkel spoke of the IAEA."}},
		Signers: []string{"STAPLETON"}, HasRedactions: true,
		Body: "1. (C) Sarkozy met Ahmadinejad at the IAEA.\n2. Sarkozy and Merkel spoke of the IAEA.", WordCount: 14,
		Entities: []schemas.Entity{
			{Paragraph: 1, Type: "PERSON", Text: "Sarkozy", Canonical: "Nicolas Sarkozy", Start: 0, End: 7, Country: "FR", Method: "gazetteer"},
			{Paragraph: 1, Type: "PERSON", Text: "Ahmadinejad", Canonical: "Mahmoud Ahmadinejad", Start: 12, End: 23, Method: "gazetteer"},
			{Paragraph: 1, Type: "ORG", Text: "IAEA", Canonical: "IAEA", Start: 31, End: 35, Method: "gazetteer"},
			{Paragraph: 2, Type: "PERSON", Text: "Sarkozy", Canonical: "Nicolas Sarkozy", Start: 0, End: 7, Method: "gazetteer"},
			{Paragraph: 2, Type: "PERSON", Text: "Merkel", Canonical: "Angela Merkel", Start: 12, End: 18, Title: "Chancellor", Method: "gazetteer"},
		},
	}
	v2 := full
	v2.ContentHash = "h1b"
	v2.WordCount = 15
	bare := schemas.Cable{ // nothing optional
		RefID: "10BERLIN7", Created: time.Date(2010, 1, 31, 23, 59, 0, 0, time.UTC), CreatedSource: "file",
		ContentHash: "h2", SourceFormat: "csv", Classification: "UNCLASSIFIED", Body: "short", WordCount: 1,
	}
	other := schemas.Cable{
		RefID: "10STATE9", Created: time.Date(2010, 2, 1, 0, 0, 0, 0, time.UTC), CreatedSource: "dtg",
		ContentHash: "h3", SourceFormat: "text", Classification: "SECRET", Origin: "Secretary of State",
		Tags: []string{"PREL"}, Countries: []string{"IR"}, CountryNames: []string{"Iran"},
		References: []string{"09PARIS123"}, Body: "x", WordCount: 1,
		Paragraphs: []schemas.Paragraph{{N: 1, Text: "The IAEA and the UN."}},
		Entities: []schemas.Entity{
			{Paragraph: 1, Type: "ORG", Text: "IAEA", Canonical: "IAEA", Start: 4, End: 8, Method: "gazetteer"},
			{Paragraph: 1, Type: "ORG", Text: "UN", Canonical: "United Nations", Start: 17, End: 19, Method: "gazetteer"},
		},
	}
	return []schemas.Cable{full, v2, bare, other}
}

// buildWarehouse writes testCables through the real sink into a new
// directory and returns it.
func buildWarehouse(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	s, err := sink.Open(sink.Config{Dir: dir, Now: func() time.Time { return time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	for i, c := range testCables() {
		data, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Add(ctx, &pipeline.Message{Data: data, Stream: "S", Seq: uint64(i + 1)}); err != nil {
			t.Fatal(err)
		}
	}
	res, err := s.Flush(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Committed) != len(testCables()) || len(res.Failed) != 0 {
		t.Fatalf("flush: %d committed, %d failed", len(res.Committed), len(res.Failed))
	}
	return dir
}

// openWarehouse is a DuckDB session with the views over dir.
func openWarehouse(t *testing.T, dir string) (*sql.Conn, []string) {
	t.Helper()
	ctx := context.Background()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	if _, err := conn.ExecContext(ctx, "SET TimeZone = 'UTC'"); err != nil {
		t.Fatal(err)
	}
	views, err := defineViews(ctx, conn, dir)
	if err != nil {
		t.Fatal(err)
	}
	return conn, views
}
