package sink_test

// Read-back by an independent reader: the files the Sink commits, read with
// arrow-go's pqarrow, must carry the column types and values the warehouse
// contract (schemas/tables.go) promises.

import (
	"context"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"github.com/cablewire/cablewire/pipeline"
	"github.com/cablewire/cablewire/schemas"
	"github.com/cablewire/cablewire/stages/sink"
)

var readbackCables = []schemas.Cable{
	{
		RefID: "09PARIS123", Created: time.Date(2009, 3, 4, 12, 34, 56, 123456000, time.UTC), CreatedSource: "dtg",
		ContentHash: "h1", SourceFormat: "text", Classification: "CONFIDENTIAL", Subject: "FRANCE ON IRAN",
		To:   []schemas.Addressee{{Routing: "RUEHC", Name: "SECSTATE WASHDC", Precedence: "PRIORITY"}},
		Info: []schemas.Addressee{{Name: "AMEMBASSY LONDON", Excluded: true}},
		Tags: []string{"PREL", "FR", "IR"}, Countries: []string{"FR", "IR"}, DeclDate: "2019-03-04",
		References: []string{"09PARIS100", "09STATE2000"},
		Paragraphs: []schemas.Paragraph{{N: 1, Marking: "C", Text: "Sarkozy met the IAEA."}},
		Entities: []schemas.Entity{
			{Paragraph: 1, Type: "PERSON", Text: "Sarkozy", Canonical: "Nicolas Sarkozy", Start: 0, End: 7, Method: "gazetteer"},
			{Paragraph: 1, Type: "ORG", Text: "IAEA", Canonical: "IAEA", Start: 16, End: 20, Country: "AT", Method: "gazetteer"},
		},
		Body: "1. (C) Sarkozy met the IAEA.", WordCount: 6,
	},
	{
		RefID: "10BERLIN7", Created: time.Date(2010, 1, 31, 23, 59, 0, 0, time.UTC), CreatedSource: "file",
		ContentHash: "h2", SourceFormat: "csv", Classification: "UNCLASSIFIED", Body: "short", WordCount: 1,
	},
}

// writeWarehouse commits readbackCables through the real Sink and returns
// the directory and its commit records.
func writeWarehouse(t *testing.T) (string, []sink.Record) {
	t.Helper()
	dir := t.TempDir()
	return dir, writeWarehouseWith(t, sink.Config{Dir: dir}, dir)
}

// writeWarehouseWith commits readbackCables through a Sink opened with cfg
// and returns the commit records found in dir, where the warehouse's
// files are (on S3: the server's directory of the bucket and prefix).
func writeWarehouseWith(t *testing.T, cfg sink.Config, dir string) []sink.Record {
	t.Helper()
	s, err := sink.Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	for i, c := range readbackCables {
		data, _ := json.Marshal(c)
		if _, err := s.Add(ctx, &pipeline.Message{Data: data, Stream: "S", Seq: uint64(i + 1)}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	paths, _ := filepath.Glob(filepath.Join(dir, "_cablewire", "commits", "*.json"))
	var recs []sink.Record
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var r sink.Record
		if err := json.Unmarshal(b, &r); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		recs = append(recs, r)
	}
	if len(recs) != 2 {
		t.Fatalf("%d commit records, want 2 (one per partition)", len(recs))
	}
	return recs
}

// readTable reads one committed file with pqarrow, checking its key-value
// metadata and row count.
func readTable(t *testing.T, dir string, f sink.FileRecord) arrow.Table {
	t.Helper()
	rdr, err := file.OpenParquetFile(filepath.Join(dir, f.Path), false)
	if err != nil {
		t.Fatalf("%s: %v", f.Path, err)
	}
	defer rdr.Close()
	if v := rdr.MetaData().KeyValueMetadata().FindValue(schemas.MetaSchemaVersion); v == nil || *v != strconv.Itoa(schemas.TableVersion) {
		t.Errorf("%s: %s = %v, want %d", f.Path, schemas.MetaSchemaVersion, v, schemas.TableVersion)
	}
	fr, err := pqarrow.NewFileReader(rdr, pqarrow.ArrowReadProperties{BatchSize: 1024}, memory.DefaultAllocator)
	if err != nil {
		t.Fatal(err)
	}
	tbl, err := fr.ReadTable(context.Background())
	if err != nil {
		t.Fatalf("%s: %v", f.Path, err)
	}
	t.Cleanup(tbl.Release)
	if tbl.NumRows() != f.Rows {
		t.Errorf("%s: %d rows, commit record says %d", f.Path, tbl.NumRows(), f.Rows)
	}
	return tbl
}

// column is the single chunk of tbl's column name.
func column[A arrow.Array](t *testing.T, tbl arrow.Table, name string) A {
	t.Helper()
	idx := tbl.Schema().FieldIndices(name)
	if len(idx) != 1 {
		t.Fatalf("no column %s in %s", name, tbl.Schema())
	}
	chunks := tbl.Column(idx[0]).Data().Chunks()
	if len(chunks) != 1 {
		t.Fatalf("%s: %d chunks", name, len(chunks))
	}
	a, ok := chunks[0].(A)
	if !ok {
		t.Fatalf("%s is %T (%s)", name, chunks[0], chunks[0].DataType())
	}
	return a
}

func strs(l *array.List, i int) []string {
	if l.IsNull(i) {
		return nil
	}
	s, e := l.ValueOffsets(i)
	v := l.ListValues().(*array.String)
	out := []string{}
	for j := s; j < e; j++ {
		out = append(out, v.Value(int(j)))
	}
	return out
}

func TestReadBackArrow(t *testing.T) {
	dir, recs := writeWarehouse(t)
	checkReadBack(t, dir, recs)
}

// checkReadBack reads every file of recs in dir with arrow-go and checks
// its column types and values.
func checkReadBack(t *testing.T, dir string, recs []sink.Record) {
	t.Helper()
	utcMicros := &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"}
	listOfString := arrow.ListOfNonNullable(arrow.BinaryTypes.String)
	wantTypes := map[string]map[string]arrow.DataType{
		schemas.TableCables: {
			"ref_id": arrow.BinaryTypes.String, "version": arrow.PrimitiveTypes.Int32, "created": utcMicros,
			"tags": listOfString, "countries": listOfString, "references": listOfString,
			"to": arrow.ListOfNonNullable(arrow.StructOf(
				arrow.Field{Name: "routing", Type: arrow.BinaryTypes.String, Nullable: true},
				arrow.Field{Name: "name", Type: arrow.BinaryTypes.String},
				arrow.Field{Name: "precedence", Type: arrow.BinaryTypes.String, Nullable: true},
				arrow.Field{Name: "mcn", Type: arrow.BinaryTypes.String, Nullable: true},
				arrow.Field{Name: "excluded", Type: arrow.FixedWidthTypes.Boolean},
				arrow.Field{Name: "excludes", Type: listOfString})),
			"decl_date": arrow.FixedWidthTypes.Date32, "has_redactions": arrow.FixedWidthTypes.Boolean,
		},
		schemas.TableParagraphs: {"created": utcMicros, "n": arrow.PrimitiveTypes.Int32, "text": arrow.BinaryTypes.String},
		schemas.TableEntities:   {"created": utcMicros, "canonical": arrow.BinaryTypes.String, "start": arrow.PrimitiveTypes.Int32},
		schemas.TableRecipients: {"created": utcMicros, "kind": arrow.BinaryTypes.String, "n": arrow.PrimitiveTypes.Int32,
			"routing": arrow.BinaryTypes.String, "excluded": arrow.FixedWidthTypes.Boolean, "excludes": listOfString},
		schemas.TableReferences: {"created": utcMicros, "n": arrow.PrimitiveTypes.Int32, "referenced": arrow.BinaryTypes.String},
	}
	seen := map[string]int{}
	for _, r := range recs {
		for _, f := range r.Files {
			tbl := readTable(t, dir, f)
			seen[f.Table]++
			for name, want := range wantTypes[f.Table] {
				fs, ok := tbl.Schema().FieldsByName(name)
				if !ok {
					t.Errorf("%s: no column %s", f.Path, name)
				} else if !arrow.TypeEqual(fs[0].Type, want) {
					t.Errorf("%s: %s is %s, want %s", f.Path, name, fs[0].Type, want)
				}
			}
			switch f.Table {
			case schemas.TableCables:
				checkCables(t, tbl)
			case schemas.TableEntities:
				checkEntities(t, tbl)
			case schemas.TableRecipients:
				checkRecipients(t, tbl)
			case schemas.TableReferences:
				refs := column[*array.String](t, tbl, "referenced")
				n := column[*array.Int32](t, tbl, "n")
				if refs.Len() != 2 || refs.Value(0) != "09PARIS100" || refs.Value(1) != "09STATE2000" || n.Value(1) != 2 {
					t.Errorf("cable_references: %v %v", refs, n)
				}
			}
		}
	}
	// The second cable has no paragraphs, entities, recipients or
	// references: its partition commits only a cables file.
	if want := map[string]int{"cables": 2, "paragraphs": 1, "entities": 1, "recipients": 1, "cable_references": 1}; !maps.Equal(seen, want) {
		t.Errorf("files per table %v, want %v", seen, want)
	}
}

// The recipients table flattens TO then INFO, each numbered from 1; an
// absent routing is NULL.
func checkRecipients(t *testing.T, tbl arrow.Table) {
	t.Helper()
	kind := column[*array.String](t, tbl, "kind")
	name := column[*array.String](t, tbl, "name")
	routing := column[*array.String](t, tbl, "routing")
	excluded := column[*array.Boolean](t, tbl, "excluded")
	n := column[*array.Int32](t, tbl, "n")
	if kind.Len() != 2 {
		t.Fatalf("recipients: %d rows, want 2", kind.Len())
	}
	// Sorted by kind within the cable: "info" before "to".
	if kind.Value(0) != "info" || name.Value(0) != "AMEMBASSY LONDON" || !routing.IsNull(0) || !excluded.Value(0) || n.Value(0) != 1 {
		t.Errorf("recipients row 0: %s %s %v %v %d", kind.Value(0), name.Value(0), routing.IsNull(0), excluded.Value(0), n.Value(0))
	}
	if kind.Value(1) != "to" || name.Value(1) != "SECSTATE WASHDC" || routing.Value(1) != "RUEHC" || excluded.Value(1) {
		t.Errorf("recipients row 1: %s %s %s %v", kind.Value(1), name.Value(1), routing.Value(1), excluded.Value(1))
	}
}

func checkCables(t *testing.T, tbl arrow.Table) {
	t.Helper()
	ref := column[*array.String](t, tbl, "ref_id")
	created := column[*array.Timestamp](t, tbl, "created")
	class := column[*array.String](t, tbl, "classification")
	subject := column[*array.String](t, tbl, "subject")
	tags := column[*array.List](t, tbl, "tags")
	to := column[*array.List](t, tbl, "to")
	decl := column[*array.Date32](t, tbl, "decl_date")
	for i := 0; i < ref.Len(); i++ {
		j := slices.IndexFunc(readbackCables, func(c schemas.Cable) bool { return c.RefID == ref.Value(i) })
		if j < 0 {
			t.Errorf("unknown ref_id %q", ref.Value(i))
			continue
		}
		c := readbackCables[j]
		if got := created.Value(i).ToTime(arrow.Microsecond); !got.Equal(c.Created) {
			t.Errorf("%s: created %v, want %v", c.RefID, got, c.Created)
		}
		if class.Value(i) != c.Classification {
			t.Errorf("%s: classification %q", c.RefID, class.Value(i))
		}
		if subject.IsNull(i) != (c.Subject == "") || subject.Value(i) != c.Subject {
			t.Errorf("%s: subject null=%v %q, want %q", c.RefID, subject.IsNull(i), subject.Value(i), c.Subject)
		}
		if got, want := strs(tags, i), append([]string{}, c.Tags...); !slices.Equal(got, want) || tags.IsNull(i) {
			t.Errorf("%s: tags %q (null=%v), want %q", c.RefID, got, tags.IsNull(i), want)
		}
		s, e := to.ValueOffsets(i)
		if int(e-s) != len(c.To) {
			t.Errorf("%s: %d to, want %d", c.RefID, e-s, len(c.To))
		} else if len(c.To) > 0 {
			name := to.ListValues().(*array.Struct).Field(1).(*array.String)
			if name.Value(int(s)) != c.To[0].Name {
				t.Errorf("%s: to[0].name %q", c.RefID, name.Value(int(s)))
			}
		}
		if c.DeclDate == "" {
			if !decl.IsNull(i) {
				t.Errorf("%s: decl_date %v, want null", c.RefID, decl.Value(i))
			}
			continue
		}
		want, _ := time.Parse(time.DateOnly, c.DeclDate)
		if got := decl.Value(i).ToTime(); !got.Equal(want) {
			t.Errorf("%s: decl_date %v, want %s", c.RefID, got, c.DeclDate)
		}
	}
}

func checkEntities(t *testing.T, tbl arrow.Table) {
	t.Helper()
	ref := column[*array.String](t, tbl, "ref_id")
	typ := column[*array.String](t, tbl, "type")
	canon := column[*array.String](t, tbl, "canonical")
	start := column[*array.Int32](t, tbl, "start")
	country := column[*array.String](t, tbl, "country")
	title := column[*array.String](t, tbl, "title")
	want := readbackCables[0].Entities
	if ref.Len() != len(want) {
		t.Fatalf("%d entities, want %d", ref.Len(), len(want))
	}
	for i, e := range want {
		if ref.Value(i) != readbackCables[0].RefID || typ.Value(i) != e.Type || canon.Value(i) != e.Canonical ||
			int(start.Value(i)) != e.Start || country.IsNull(i) != (e.Country == "") || country.Value(i) != e.Country || !title.IsNull(i) {
			t.Errorf("entity %d: %s %s %s %d %q, want %+v", i, ref.Value(i), typ.Value(i), canon.Value(i), start.Value(i), country.Value(i), e)
		}
	}
}
