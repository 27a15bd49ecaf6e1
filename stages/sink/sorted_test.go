package sink

import (
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/cablewire/cablewire/schemas"
)

// tieRows narrows the sort keys' values so that rows often tie on the
// first keys: times a few microseconds apart (and within one microsecond,
// which parquet-go does not tell apart), a few ref ids, versions and small
// numbers of both signs.
func tieTime(r *rand.Rand) time.Time {
	return time.Unix(1e9, int64(r.IntN(4000))).In(time.FixedZone("z", 3600*r.IntN(3)))
}

func tieStr(r *rand.Rand) string { return []string{"", "A", "AB", "B", "Zürich", "a"}[r.IntN(6)] }

func tieInt(r *rand.Rand) int32 { return int32(r.IntN(5) - 2) }

// checkKey checks that key orders any two rows as parquet-go's comparator
// over the key's declared columns orders their Deconstructed rows.
func checkKey[T any](t *testing.T, key sortKey[T], gen func(*rand.Rand) T) {
	t.Helper()
	sorting := key.sorting()
	// As sortedWriter compares: by first, then by cmp.
	cmp := func(a, b *T) int {
		if c := cmpInt64(key.first(a), key.first(b)); c != 0 {
			return c
		}
		return key.cmp(a, b)
	}
	schema := parquet.SchemaOf(new(T))
	pcmp := schema.Comparator(sorting...)
	sign := func(x int) int { return min(max(x, -1), 1) }
	r := rand.New(rand.NewPCG(7, 7))
	for range 20000 {
		a, b := gen(r), gen(r)
		got, want := sign(cmp(&a, &b)), sign(pcmp(schema.Deconstruct(nil, &a), schema.Deconstruct(nil, &b)))
		if got != want {
			t.Fatalf("%T: typed comparator says %d, parquet-go %d:\n%+v\n%+v", a, got, want, a, b)
		}
	}
}

func cmpInt64(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func TestSortKeysAgreeWithParquet(t *testing.T) {
	checkKey(t, cableKey, func(r *rand.Rand) schemas.CableRow {
		return schemas.CableRow{Created: tieTime(r), RefID: tieStr(r), Version: tieInt(r), Body: tieStr(r)}
	})
	checkKey(t, paragraphKey, func(r *rand.Rand) schemas.ParagraphRow {
		return schemas.ParagraphRow{Created: tieTime(r), RefID: tieStr(r), Version: tieInt(r), N: tieInt(r), Text: tieStr(r)}
	})
	checkKey(t, entityKey, func(r *rand.Rand) schemas.EntityRow {
		return schemas.EntityRow{Created: tieTime(r), RefID: tieStr(r), Version: tieInt(r), Paragraph: tieInt(r), Start: tieInt(r)}
	})
	checkKey(t, recipientKey, func(r *rand.Rand) schemas.RecipientRow {
		return schemas.RecipientRow{Created: tieTime(r), RefID: tieStr(r), Version: tieInt(r), Kind: tieStr(r), N: tieInt(r)}
	})
	checkKey(t, referenceKey, func(r *rand.Rand) schemas.ReferenceRow {
		return schemas.ReferenceRow{Created: tieTime(r), RefID: tieStr(r), Version: tieInt(r), N: tieInt(r)}
	})
}

// The same cables written by sortedWriter and by parquet-go's
// SortingWriter give files with the same rows in the same order, row
// groups and sorting metadata.
func TestSortedWriterMatchesSortingWriter(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 8))
	var cables []schemas.Cable
	for i := range 230 {
		at := time.Date(2009, 3, 1, 0, r.IntN(30), 0, r.IntN(3000), time.UTC)
		c := synthCable(r, fmt.Sprintf("09PARIS%03d", r.IntN(150)), at, 500)
		c.References = []string{"09PARIS1", fmt.Sprint(i)}
		cables = append(cables, c)
	}
	write := func(t *testing.T) map[string][]parquet.Row {
		dir := t.TempDir()
		s := openSink(t, Config{Dir: dir, RowGroupRows: 20, Now: newClock().Now})
		for i, c := range cables {
			add(t, s, cableMsg(t, c, uint64(i+1)))
		}
		flush(t, s)
		out := map[string][]parquet.Row{}
		for _, rec := range records(t, dir) {
			for _, f := range rec.Files {
				out[f.Table] = append(out[f.Table], fileRows(t, dir+"/"+f.Path)...)
			}
		}
		return out
	}
	want := func() map[string][]parquet.Row {
		useSortedWriter = false
		defer func() { useSortedWriter = true }()
		return write(t)
	}()
	got := write(t)
	if len(got) != 5 {
		t.Fatalf("%d tables", len(got))
	}
	sortings := map[string][]parquet.SortingColumn{
		schemas.TableCables: cableKey.sorting(), schemas.TableParagraphs: paragraphKey.sorting(), schemas.TableEntities: entityKey.sorting(),
		schemas.TableRecipients: recipientKey.sorting(), schemas.TableReferences: referenceKey.sorting(),
	}
	schemaOf := map[string]*parquet.Schema{
		schemas.TableCables: parquet.SchemaOf(new(schemas.CableRow)), schemas.TableParagraphs: parquet.SchemaOf(new(schemas.ParagraphRow)),
		schemas.TableEntities: parquet.SchemaOf(new(schemas.EntityRow)), schemas.TableRecipients: parquet.SchemaOf(new(schemas.RecipientRow)),
		schemas.TableReferences: parquet.SchemaOf(new(schemas.ReferenceRow)),
	}
	for table, rows := range want {
		pcmp := schemaOf[table].Comparator(sortings[table]...)
		for name, other := range map[string][]parquet.Row{"sortedWriter": got[table]} {
			if len(other) != len(rows) {
				t.Fatalf("%s: %s wrote %d rows, SortingWriter %d", table, name, len(other), len(rows))
			}
			for i := range other {
				if i > 0 && pcmp(other[i-1], other[i]) > 0 {
					t.Fatalf("%s: %s: rows %d and %d out of order", table, name, i-1, i)
				}
				// Rows that tie on the whole sort key may come in either
				// order; any others must be where the SortingWriter put
				// them.
				if !other[i].Equal(rows[i]) && pcmp(other[i], rows[i]) != 0 {
					t.Fatalf("%s row %d: %s wrote\n%v\nSortingWriter\n%v", table, i, name, other[i], rows[i])
				}
			}
			if a, b := sortedStrings(rows), sortedStrings(other); !slices.Equal(a, b) {
				t.Fatalf("%s: %s wrote other rows than the SortingWriter", table, name)
			}
		}
	}
}

func sortedStrings(rows []parquet.Row) []string {
	var out []string
	for _, r := range rows {
		out = append(out, fmt.Sprint(r))
	}
	slices.Sort(out)
	return out
}

// fileRows reads a file's rows, checking that each row group declares
// the sorting columns.
func fileRows(t *testing.T, path string) []parquet.Row {
	t.Helper()
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	st, err := fh.Stat()
	if err != nil {
		t.Fatal(err)
	}
	f, err := parquet.OpenFile(fh, st.Size())
	if err != nil {
		t.Fatal(err)
	}
	var out []parquet.Row
	for _, rg := range f.RowGroups() {
		if len(rg.SortingColumns()) == 0 {
			t.Errorf("%s: a row group without sorting columns", path)
		}
		rows := rg.Rows()
		buf := make([]parquet.Row, 64)
		for {
			n, err := rows.ReadRows(buf)
			for _, row := range buf[:n] {
				out = append(out, row.Clone())
			}
			if err != nil {
				break
			}
		}
		rows.Close()
	}
	return out
}

func TestPermute(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	for n := range 50 {
		rows := make([]int, n)
		for i := range rows {
			rows[i] = r.IntN(10)
		}
		idx := make([]int32, n)
		for i := range idx {
			idx[i] = int32(i)
		}
		slices.SortFunc(idx, func(i, j int32) int { return rows[i] - rows[j] })
		want := make([]int, n)
		for k, i := range idx {
			want[k] = rows[i]
		}
		permute(rows, idx)
		if !slices.Equal(rows, want) {
			t.Fatalf("permute: %v, want %v", rows, want)
		}
	}
}
