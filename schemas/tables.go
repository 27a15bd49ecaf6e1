package schemas

import "time"

// TableVersion is the version of the warehouse tables' columns, written in
// each Parquet file's key-value metadata under MetaSchemaVersion.
const TableVersion = 1

// MetaSchemaVersion is the Parquet key-value metadata key for TableVersion.
const MetaSchemaVersion = "cablewire.schema_version"

// Table names: directories under the warehouse.
const (
	TableCables     = "cables"
	TableParagraphs = "paragraphs"
	TableEntities   = "entities"
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
	Text      string    `parquet:"text"`
	Canonical string    `parquet:"canonical,dict"`
	Start     int32     `parquet:"start"`
	End       int32     `parquet:"end"`
	Title     string    `parquet:"title,optional,dict"`
	Country   string    `parquet:"country,optional,dict"`
	Method    string    `parquet:"method,dict"`
	Generic   bool      `parquet:"generic"` // a resolved generic reference ("the Embassy"), not a name
}

// Rows turns a cable into its rows in each table, as version v.
func Rows(c *Cable, v int32) (CableRow, []ParagraphRow, []EntityRow) {
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
	ps := make([]ParagraphRow, len(c.Paragraphs))
	for i, p := range c.Paragraphs {
		ps[i] = ParagraphRow{RefID: c.RefID, Version: v, Created: created, N: int32(p.N), Marking: p.Marking, Text: p.Text}
	}
	es := make([]EntityRow, len(c.Entities))
	for i, e := range c.Entities {
		es[i] = EntityRow{
			RefID: c.RefID, Version: v, Created: created, Paragraph: int32(e.Paragraph), Type: e.Type,
			Text: e.Text, Canonical: e.Canonical, Start: int32(e.Start), End: int32(e.End),
			Title: e.Title, Country: e.Country, Method: e.Method, Generic: e.Generic,
		}
	}
	return cr, ps, es
}
