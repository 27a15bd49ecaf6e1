package sink

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/cablewire/cablewire/schemas"
)

// Sort keys: every table is ordered by created, so that readers can prune
// row groups and pages by time. The later keys only break ties, so that a
// cable's rows stay together and the order does not depend on arrival.
var (
	cableSort     = []parquet.SortingColumn{parquet.Ascending("created"), parquet.Ascending("ref_id"), parquet.Ascending("version")}
	paragraphSort = []parquet.SortingColumn{parquet.Ascending("created"), parquet.Ascending("ref_id"), parquet.Ascending("version"), parquet.Ascending("n")}
	entitySort    = []parquet.SortingColumn{parquet.Ascending("created"), parquet.Ascending("ref_id"), parquet.Ascending("version"), parquet.Ascending("paragraph"), parquet.Ascending("start")}
)

// sortKey is a table's sort key as a typed comparator: the column paths it
// compares, ascending, and the comparison, which must order rows exactly as
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

// sortKeyFor returns T's typed comparator if it compares exactly the
// columns sorting declares (all ascending), else false: a table whose sort
// key changed without its comparator uses parquet-go's SortingWriter.
func sortKeyFor[T any](sorting []parquet.SortingColumn) (sortKey[T], bool) {
	var k any
	switch any((*T)(nil)).(type) {
	case *schemas.CableRow:
		k = cableKey
	case *schemas.ParagraphRow:
		k = paragraphKey
	case *schemas.EntityRow:
		k = entityKey
	case *schemas.RecipientRow:
		k = recipientKey
	case *schemas.ReferenceRow:
		k = referenceKey
	}
	key, ok := k.(sortKey[T])
	if !ok || len(key.columns) != len(sorting) {
		return key, false
	}
	for i, s := range sorting {
		if s.Descending() || s.NullsFirst() || !slices.Equal(s.Path(), []string{key.columns[i]}) {
			return key, false
		}
	}
	return key, true
}

// Row sizes bound what a buffered (not yet encoded) row will take in the
// file: its strings uncompressed plus a fixed allowance for the numbers,
// levels and short dictionary-encoded strings. They only decide rotation,
// so they err on the large side; see Config.TargetBytes.
const rowOverhead = 64

func cableRowSize(r *schemas.CableRow) int {
	n := 4*rowOverhead + len(r.RefID) + len(r.ContentHash) + len(r.Source) + len(r.TransmissionID) +
		len(r.Subject) + len(r.Summary) + len(r.Comment) + len(r.ClassifiedBy) + len(r.Body)
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
