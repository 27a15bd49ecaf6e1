package schemas

import "time"

// TableVersion is the version of the warehouse tables' columns, written in
// each Parquet file's key-value metadata under MetaSchemaVersion.
const TableVersion = 2 // 2: addressees and recipients gained excludes

// MetaSchemaVersion is the Parquet key-value metadata key for TableVersion.
const MetaSchemaVersion = "cablewire.schema_version"

// Table names: directories under the warehouse.
const (
	TableCables     = "cables"
	TableParagraphs = "paragraphs"
	TableEntities   = "entities"
	// Flat tables: one row per list element of a cable, for engines where
	// unnesting lists is awkward. ("references" is an SQL keyword.)
	TableRecipients = "recipients"
	TableReferences = "cable_references"
)

// CableRow is a row of the cables table: every field of the parser's
// contract, lists as Parquet lists, absent strings as NULL.
type CableRow struct {
	RefID         string    `parquet:"ref_id,dict"`
	Version       int32     `parquet:"version"`
	Created       time.Time `parquet:"created,timestamp(microsecond:utc)"`
	CreatedSource string    `parquet:"created_source,dict"`
	ContentHash   string    `parquet:"content_hash"`
	SourceFormat  string    `parquet:"source_format,dict"`
	Source        string    `parquet:"source,optional"`

	Precedence     string      `parquet:"precedence,optional,dict"`
	TransmissionID string      `parquet:"transmission_id,optional"`
	Origin         string      `parquet:"origin,optional,dict"`
	OriginRouting  string      `parquet:"origin_routing,optional,dict"`
	OriginPost     string      `parquet:"origin_post,optional,dict"`
	To             []Addressee `parquet:"to,list"`
	Info           []Addressee `parquet:"info,list"`

	Classification string   `parquet:"classification,dict"`
	Caveats        []string `parquet:"caveats,list"`
	Tags           []string `parquet:"tags,list"`
	TagKinds       []string `parquet:"tag_kinds,list"`
	Countries      []string `parquet:"countries,list"`
	CountryNames   []string `parquet:"country_names,list"`

	Subject         string   `parquet:"subject,optional"`
	References      []string `parquet:"references,list"`
	ReferencesOther []string `parquet:"references_other,list"`

	EOOrder               string `parquet:"eo_order,optional,dict"`
	DeclDate              *int32 `parquet:"decl_date,date"` // days since 1970-01-01
	DeclText              string `parquet:"decl_text,optional,dict"`
	ClassifiedBy          string `parquet:"classified_by,optional"`
	ClassifiedByTitle     string `parquet:"classified_by_title,optional,dict"`
	ClassificationReasons string `parquet:"classification_reasons,optional,dict"`

	Summary        string   `parquet:"summary,optional"`
	Comment        string   `parquet:"comment,optional"`
	Signers        []string `parquet:"signers,list"`
	ParagraphCount int32    `parquet:"paragraph_count"`
	EntityCount    int32    `parquet:"entity_count"`

	Section         int32 `parquet:"section,optional"`
	Sections        int32 `parquet:"sections,optional"`
	IsPartial       bool  `parquet:"is_partial"`
	IsCorrectedCopy bool  `parquet:"is_corrected_copy"`
	HasRedactions   bool  `parquet:"has_redactions"`

	Body      string `parquet:"body"`
	WordCount int32  `parquet:"word_count"`
}

// ParagraphRow is a row of the paragraphs table.
type ParagraphRow struct {
	RefID   string    `parquet:"ref_id,dict"`
	Version int32     `parquet:"version"`
	Created time.Time `parquet:"created,timestamp(microsecond:utc)"`
	N       int32     `parquet:"n"`
	Marking string    `parquet:"marking,optional,dict"`
	Text    string    `parquet:"text"`
}

// EntityRow is a row of the entities table: one mention.
type EntityRow struct {
	RefID     string    `parquet:"ref_id,dict"`
	Version   int32     `parquet:"version"`
	Created   time.Time `parquet:"created,timestamp(microsecond:utc)"`
	Paragraph int32     `parquet:"paragraph"`
	Type      string    `parquet:"type,dict"`
	Text      string    `parquet:"text,dict"` // mentions repeat: 8.2 -> 5.0 MB on 30,000 generated cables
	Canonical string    `parquet:"canonical,dict"`
	Start     int32     `parquet:"start"`
	End       int32     `parquet:"end"`
	Title     string    `parquet:"title,optional,dict"`
	Country   string    `parquet:"country,optional,dict"`
	Method    string    `parquet:"method,dict"`
	Generic   bool      `parquet:"generic"` // a resolved generic reference ("the Embassy"), not a name
}

// RowSet is one cable's rows in every table.
type RowSet struct {
	Cables     []CableRow // one
	Paragraphs []ParagraphRow
	Entities   []EntityRow
	Recipients []RecipientRow
	References []ReferenceRow
}

// Set makes rs c's rows, as version v. It reuses rs's slices, so that a
// writer copying the rows out can keep one RowSet for every cable.
func (rs *RowSet) Set(c *Cable, v int32) {
	rs.Cables = append(rs.Cables[:0], cableRow(c, v))
	rs.Paragraphs = appendParagraphRows(rs.Paragraphs[:0], c, v)
	rs.Entities = appendEntityRows(rs.Entities[:0], c, v)
	rs.Recipients, rs.References = appendFlatRows(rs.Recipients[:0], rs.References[:0], c, v)
}

// Clear drops the rows' references to the cable's strings.
func (rs *RowSet) Clear() {
	clear(rs.Cables)
	clear(rs.Paragraphs)
	clear(rs.Entities)
	clear(rs.Recipients)
	clear(rs.References)
}

// RecipientRow is a row of the recipients table: one TO or INFO line of a
// cable, in the order the cable lists them.
type RecipientRow struct {
	RefID      string    `parquet:"ref_id,dict"`
	Version    int32     `parquet:"version"`
	Created    time.Time `parquet:"created,timestamp(microsecond:utc)"`
	Kind       string    `parquet:"kind,dict"` // "to" or "info"
	N          int32     `parquet:"n"`         // 1-based position within its kind
	Routing    string    `parquet:"routing,optional,dict"`
	Name       string    `parquet:"name,dict"`
	Precedence string    `parquet:"precedence,optional,dict"`
	MCN        string    `parquet:"mcn,optional"`
	Excluded   bool      `parquet:"excluded"`
	Excludes   []string  `parquet:"excludes,list"` // posts an XMT line takes out of this one
}

// ReferenceRow is a row of the cable_references table: one reference of a
// cable to another cable, by the other's reference id.
type ReferenceRow struct {
	RefID      string    `parquet:"ref_id,dict"`
	Version    int32     `parquet:"version"`
	Created    time.Time `parquet:"created,timestamp(microsecond:utc)"`
	N          int32     `parquet:"n"` // 1-based position in the cable's list
	Referenced string    `parquet:"referenced"`
}

// appendFlatRows appends the cable's rows of the flat tables.
func appendFlatRows(rs []RecipientRow, refs []ReferenceRow, c *Cable, v int32) ([]RecipientRow, []ReferenceRow) {
	created := c.Created.UTC()
	for _, l := range []struct {
		kind string
		as   []Addressee
	}{{"to", c.To}, {"info", c.Info}} {
		for i, a := range l.as {
			rs = append(rs, RecipientRow{
				RefID: c.RefID, Version: v, Created: created, Kind: l.kind, N: int32(i + 1),
				Routing: a.Routing, Name: a.Name, Precedence: a.Precedence, MCN: a.MCN, Excluded: a.Excluded, Excludes: a.Excludes,
			})
		}
	}
	for i, r := range c.References {
		refs = append(refs, ReferenceRow{RefID: c.RefID, Version: v, Created: created, N: int32(i + 1), Referenced: r})
	}
	return rs, refs
}

func cableRow(c *Cable, v int32) CableRow {
	created := c.Created.UTC()
	cr := CableRow{
		RefID: c.RefID, Version: v, Created: created, CreatedSource: c.CreatedSource,
		ContentHash: c.ContentHash, SourceFormat: c.SourceFormat, Source: c.Source,
		Precedence: c.Precedence, TransmissionID: c.TransmissionID, Origin: c.Origin,
		OriginRouting: c.OriginRouting, OriginPost: c.OriginPost, To: c.To, Info: c.Info,
		Classification: c.Classification, Caveats: c.Caveats, Tags: c.Tags, TagKinds: c.TagKinds,
		Countries: c.Countries, CountryNames: c.CountryNames,
		Subject: c.Subject, References: c.References, ReferencesOther: c.ReferencesOther,
		EOOrder: c.EOOrder, DeclText: c.DeclText, ClassifiedBy: c.ClassifiedBy,
		ClassifiedByTitle: c.ClassifiedByTitle, ClassificationReasons: c.ClassificationReasons,
		Summary: c.Summary, Comment: c.Comment, Signers: c.Signers,
		ParagraphCount: int32(len(c.Paragraphs)), EntityCount: int32(len(c.Entities)),
		Section: int32(c.Section), Sections: int32(c.Sections),
		IsPartial: c.IsPartial, IsCorrectedCopy: c.IsCorrectedCopy, HasRedactions: c.HasRedactions,
		Body: c.Body, WordCount: int32(c.WordCount),
	}
	// parquet-go writes a time.Time under a date tag as truncated
	// nanoseconds, so the DATE column is given its days directly.
	if d, err := time.Parse("2006-01-02", c.DeclDate); err == nil {
		days := int32(d.Unix() / 86400)
		cr.DeclDate = &days
	}
	return cr
}

func appendParagraphRows(ps []ParagraphRow, c *Cable, v int32) []ParagraphRow {
	created := c.Created.UTC()
	for _, p := range c.Paragraphs {
		ps = append(ps, ParagraphRow{RefID: c.RefID, Version: v, Created: created, N: int32(p.N), Marking: p.Marking, Text: p.Text})
	}
	return ps
}

func appendEntityRows(es []EntityRow, c *Cable, v int32) []EntityRow {
	created := c.Created.UTC()
	for _, e := range c.Entities {
		es = append(es, EntityRow{
			RefID: c.RefID, Version: v, Created: created, Paragraph: int32(e.Paragraph), Type: e.Type,
			Text: e.Text, Canonical: e.Canonical, Start: int32(e.Start), End: int32(e.End),
			Title: e.Title, Country: e.Country, Method: e.Method, Generic: e.Generic,
		})
	}
	return es
}
