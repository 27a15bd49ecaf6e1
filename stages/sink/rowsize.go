package sink

import (
	"cmp"
	"strings"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/cablewire/cablewire/schemas"
)

// sortKey is a table's sort key, the one place it is written: the column
// paths, ascending, which the files declare (sorting), and a typed
// comparison, which must order rows exactly as
// parquet-go's comparator over those columns does (the merge relies on it):
// timestamps by their microseconds, strings by their bytes, integers
// signed. TestSortKeysAgreeWithParquet checks it. first is the first
// column's value, created's microseconds in every table: rows that differ
// there are ordered by it, without cmp.
type sortKey[T any] struct {
	columns []string
	first   func(*T) int64
	cmp     func(a, b *T) int
}

func micros(t time.Time) int64 { return t.UnixMicro() }

// sorting is the key as parquet-go declares it in a file's metadata.
func (k sortKey[T]) sorting() []parquet.SortingColumn {
	s := make([]parquet.SortingColumn, len(k.columns))
	for i, c := range k.columns {
		s[i] = parquet.Ascending(c)
	}
	return s
}

// Sort keys: every table is ordered by created, so that readers can prune
// row groups and pages by time. The later keys only break ties, so that a
// cable's rows stay together and the order does not depend on arrival.
var (
	cableKey = sortKey[schemas.CableRow]{
		columns: []string{"created", "ref_id", "version"},
		first:   func(r *schemas.CableRow) int64 { return micros(r.Created) },
		cmp: func(a, b *schemas.CableRow) int {
			return cmp.Or(cmp.Compare(micros(a.Created), micros(b.Created)), strings.Compare(a.RefID, b.RefID),
				cmp.Compare(a.Version, b.Version))
		},
	}
	paragraphKey = sortKey[schemas.ParagraphRow]{
		columns: []string{"created", "ref_id", "version", "n"},
		first:   func(r *schemas.ParagraphRow) int64 { return micros(r.Created) },
		cmp: func(a, b *schemas.ParagraphRow) int {
			return cmp.Or(cmp.Compare(micros(a.Created), micros(b.Created)), strings.Compare(a.RefID, b.RefID),
				cmp.Compare(a.Version, b.Version), cmp.Compare(a.N, b.N))
		},
	}
	entityKey = sortKey[schemas.EntityRow]{
		columns: []string{"created", "ref_id", "version", "paragraph", "start"},
		first:   func(r *schemas.EntityRow) int64 { return micros(r.Created) },
		cmp: func(a, b *schemas.EntityRow) int {
			return cmp.Or(cmp.Compare(micros(a.Created), micros(b.Created)), strings.Compare(a.RefID, b.RefID),
				cmp.Compare(a.Version, b.Version), cmp.Compare(a.Paragraph, b.Paragraph), cmp.Compare(a.Start, b.Start))
		},
	}
	recipientKey = sortKey[schemas.RecipientRow]{
		columns: []string{"created", "ref_id", "version", "kind", "n"},
		first:   func(r *schemas.RecipientRow) int64 { return micros(r.Created) },
		cmp: func(a, b *schemas.RecipientRow) int {
			return cmp.Or(cmp.Compare(micros(a.Created), micros(b.Created)), strings.Compare(a.RefID, b.RefID),
				cmp.Compare(a.Version, b.Version), strings.Compare(a.Kind, b.Kind), cmp.Compare(a.N, b.N))
		},
	}
	referenceKey = sortKey[schemas.ReferenceRow]{
		columns: []string{"created", "ref_id", "version", "n"},
		first:   func(r *schemas.ReferenceRow) int64 { return micros(r.Created) },
		cmp: func(a, b *schemas.ReferenceRow) int {
			return cmp.Or(cmp.Compare(micros(a.Created), micros(b.Created)), strings.Compare(a.RefID, b.RefID),
				cmp.Compare(a.Version, b.Version), cmp.Compare(a.N, b.N))
		},
	}
)

// Row sizes bound what a buffered (not yet encoded) row will take in the
// file: its strings uncompressed plus a fixed allowance for the numbers,
// levels and short dictionary-encoded strings. They only decide rotation,
// so they err on the large side; see Config.TargetBytes.
const rowOverhead = 64

func cableRowSize(r *schemas.CableRow) int {
	n := 4*rowOverhead + len(r.RefID) + len(r.ContentHash) + len(r.Source) + len(r.TransmissionID) +
		len(r.Subject) + len(r.Summary) + len(r.Comment) + len(r.ClassifiedBy) + len(r.ClassifiedByTitle) + len(r.DeclText) + len(r.Body)
	for _, a := range [][]schemas.Addressee{r.To, r.Info} {
		for _, x := range a {
			n += 16 + len(x.Routing) + len(x.Name) + len(x.Precedence) + len(x.MCN)
		}
	}
	for _, l := range [][]string{r.Caveats, r.Tags, r.TagKinds, r.Countries, r.CountryNames, r.References, r.ReferencesOther, r.Signers} {
		for _, s := range l {
			n += 4 + len(s)
		}
	}
	return n
}

func paragraphRowSize(r *schemas.ParagraphRow) int {
	return rowOverhead + len(r.RefID) + len(r.Text)
}

func entityRowSize(r *schemas.EntityRow) int {
	return rowOverhead + len(r.RefID) + len(r.Text) + len(r.Canonical)
}
