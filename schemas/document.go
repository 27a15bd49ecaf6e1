package schemas

import "errors"

// Formats of a Document's body.
const (
	FormatHTML = "html" // a cablegate cable page
	FormatText = "text" // a plain-text cable (UTF-8, or cp1252 as PlusD has it)
	FormatJSON = "json" // one SourceRecord as a JSON object (cables.csv row or JSON line)
)

// Header names carried on raw messages (SubjectRaw).
const (
	HeaderRef    = "Cablewire-Ref"    // reference id hint from the file name or csv column
	HeaderFormat = "Cablewire-Format" // one of the Format constants
	HeaderSource = "Cablewire-Source" // where the document was read: path, or path:line
	HeaderHash   = "Cablewire-Hash"   // content hash of the body (hex, 16 bytes)
	// HeaderIngested is when ingest published the document (Unix
	// nanoseconds); stages carry it along so latency can be measured.
	HeaderIngested = "Cablewire-Ingested"
	// HeaderWarehouse is the identity of the warehouse a cable is loaded
	// into, when ingest knows it; stages carry it along and a sink refuses
	// a cable meant for another warehouse.
	HeaderWarehouse = "Cablewire-Warehouse"
)

// Document is one cable as ingest read it, not yet parsed. On the wire the
// Body is the message data and the other fields are headers.
type Document struct {
	RefID  string // hint; may be empty or wrong, the parser decides
	Format string
	Source string
	Hash   string
	Body   []byte
}

// SourceRecord is one row of the full release's cables.csv, or one JSON
// line in the same shape. Header and Body together are the cable text; Text,
// when set, is the whole cable text instead.
type SourceRecord struct {
	ID             int64  `json:"id,omitempty"`
	Date           string `json:"date,omitempty"` // "MM/DD/YYYY HH:MM" as in cables.csv, or RFC 3339
	RefID          string `json:"ref_id,omitempty"`
	Origin         string `json:"origin,omitempty"`
	Classification string `json:"classification,omitempty"`
	References     string `json:"references,omitempty"` // comma-separated reference ids
	Header         string `json:"header,omitempty"`
	Body           string `json:"body,omitempty"`
	Text           string `json:"text,omitempty"`
}

// Headers returns doc's metadata as message headers; the body travels as
// the message data.
func (d Document) Headers() map[string][]string {
	return map[string][]string{
		HeaderRef: {d.RefID}, HeaderFormat: {d.Format}, HeaderSource: {d.Source}, HeaderHash: {d.Hash},
	}
}

// DocumentOf reads a raw message back from its headers and data.
func DocumentOf(h map[string][]string, body []byte) Document {
	get := func(k string) string {
		if v := h[k]; len(v) > 0 {
			return v[0]
		}
		return ""
	}
	return Document{RefID: get(HeaderRef), Format: get(HeaderFormat), Source: get(HeaderSource), Hash: get(HeaderHash), Body: body}
}

// MaxDocumentBytes is the largest document cablewire takes, at ingest and
// at parse alike: the longest real cables are a few hundred KB, and the
// bound keeps what one message can claim of memory, with room for what
// enrichment adds, under the broker's payload limit.
const MaxDocumentBytes = 6 << 20

// ErrTooLarge is the reason for a document over MaxDocumentBytes, or a
// message the broker would refuse for its size. It is permanent: trying
// again cannot succeed.
var ErrTooLarge = errors.New("document too large")
