package schemas

import "time"

// Cable is a parsed (and, after enrich, enriched) cable: the JSON record that
// flows from parse to enrich to sink, and what `cablewire parse` prints. Its
// JSON names are the parser's contract and the warehouse's column names.
type Cable struct {
	RefID         string    `json:"ref_id"`
	Created       time.Time `json:"created"`        // UTC, from the date-time group when there is one
	CreatedSource string    `json:"created_source"` // dtg, page, csv, de, file
	ContentHash   string    `json:"content_hash"`   // hash of the source document, from ingest
	Source        string    `json:"source,omitempty"`
	SourceFormat  string    `json:"source_format"` // cablegate-html, text, plusd, csv, jsonl

	Precedence     string      `json:"precedence,omitempty"`
	TransmissionID string      `json:"transmission_id,omitempty"`
	Origin         string      `json:"origin,omitempty"`
	OriginRouting  string      `json:"origin_routing,omitempty"`
	OriginPost     string      `json:"origin_post,omitempty"`
	To             []Addressee `json:"to,omitempty"`
	Info           []Addressee `json:"info,omitempty"`

	Classification string   `json:"classification"`
	Caveats        []string `json:"caveats,omitempty"`

	Tags     []string `json:"tags,omitempty"`
	TagKinds []string `json:"tag_kinds,omitempty"` // parallel to Tags

	Subject         string   `json:"subject,omitempty"`
	References      []string `json:"references,omitempty"`
	ReferencesOther []string `json:"references_other,omitempty"`

	EOOrder               string `json:"eo_order,omitempty"`
	DeclDate              string `json:"decl_date,omitempty"` // ISO date YYYY-MM-DD
	DeclText              string `json:"decl_text,omitempty"`
	ClassifiedBy          string `json:"classified_by,omitempty"`
	ClassifiedByTitle     string `json:"classified_by_title,omitempty"`
	ClassificationReasons string `json:"classification_reasons,omitempty"`

	Summary    string      `json:"summary,omitempty"`
	Comment    string      `json:"comment,omitempty"`
	Paragraphs []Paragraph `json:"paragraphs,omitempty"`
	Signers    []string    `json:"signers,omitempty"`

	Section         int  `json:"section,omitempty"`
	Sections        int  `json:"sections,omitempty"`
	IsPartial       bool `json:"is_partial"`
	IsCorrectedCopy bool `json:"is_corrected_copy"`
	HasRedactions   bool `json:"has_redactions"`

	Body      string `json:"body"`
	WordCount int    `json:"word_count"`

	// Filled by enrich.
	Countries    []string `json:"countries,omitempty"`     // ISO 3166-1 alpha-2 of the geographic TAGS
	CountryNames []string `json:"country_names,omitempty"` // parallel to Countries
	Entities     []Entity `json:"entities,omitempty"`
}

// Addressee is one TO or INFO line of the routing header.
type Addressee struct {
	Routing    string `json:"routing,omitempty" parquet:"routing,optional"`
	Name       string `json:"name" parquet:"name"`
	Precedence string `json:"precedence,omitempty" parquet:"precedence,optional"`
	MCN        string `json:"mcn,omitempty" parquet:"mcn,optional"`
	Excluded   bool   `json:"excluded,omitempty" parquet:"excluded"`
	// Excludes are the posts an XMT line takes out of this addressee (a
	// collective): "ALL EUROPEAN POSTS ... XMT AMEMBASSY BERN" is one
	// addressee excluding Bern, not two addressees. Excluded is kept for
	// data written before; the parser no longer sets it.
	Excludes []string `json:"excludes,omitempty" parquet:"excludes,list"`
}

// Paragraph is one numbered (or unnumbered) paragraph of the body, page and
// section lines removed.
type Paragraph struct {
	N       int    `json:"n"`
	Marking string `json:"marking,omitempty"` // as written: U, C, S, SBU, C//NF, ...
	Text    string `json:"text"`
}

// Entity types.
const (
	EntityPerson = "PERSON"
	EntityOrg    = "ORG"
	EntityPlace  = "PLACE"
)

// Entity is one mention found by enrich. Start and End are byte offsets into
// the paragraph's Text.
type Entity struct {
	Paragraph int    `json:"paragraph"`
	Type      string `json:"type"`
	Text      string `json:"text"`
	Canonical string `json:"canonical"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
	Title     string `json:"title,omitempty"`
	Country   string `json:"country,omitempty"`
	Method    string `json:"method"`
	// Generic marks a resolved generic reference ("the Embassy", "Post"):
	// Canonical names the body meant, but the text is not a name.
	Generic bool `json:"generic,omitempty"`
}
