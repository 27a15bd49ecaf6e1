package sink

import (
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
