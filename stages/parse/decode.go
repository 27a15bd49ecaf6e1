package parse

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/cablewire/cablewire/schemas"
)

// MaxDocumentSize is the largest document Parse accepts: the one limit,
// schemas.MaxDocumentBytes, that ingest applies too.
const MaxDocumentSize = schemas.MaxDocumentBytes

var (
	// ErrNotCable means the document cannot be a cable (empty, binary, no
	// cable text, no reference id, ...). The wrapping error says why.
	ErrNotCable = errors.New("not a cable")
	// ErrTooLarge means the document exceeds MaxDocumentSize.
	ErrTooLarge = schemas.ErrTooLarge
)

func notCable(reason string) error { return fmt.Errorf("%w: %s", ErrNotCable, reason) }

// PageMeta is what the container of a cable says about it: the cablegate
// page's metadata table, or the csv/JSON record's columns. The parser trusts
// the cable text first and uses these as fallbacks and hints.
type PageMeta struct {
	RefID          string
	Created        time.Time // zero when absent
	CreatedSource  string    // page or csv
	Released       time.Time
	Classification string
	Origin         string
	References     []string
	SourceFormat   string // cablegate-html, text, plusd, csv, jsonl
	Partial        bool   // the page says the record is a partial extract
	BadDate        string // the container's creation date as written, when it is not a date
}

// Decode turns a document into cable text (UTF-8, "\n" line ends) and the
// metadata its container carries.
func Decode(doc schemas.Document) (text string, meta PageMeta, err error) {
	if len(doc.Body) > MaxDocumentSize {
		return "", meta, fmt.Errorf("%w: %d bytes exceeds the %d byte limit", ErrTooLarge, len(doc.Body), MaxDocumentSize)
	}
	if doc.Format == schemas.FormatRecord {
		// Binary, so not for the text checks below: a csv row as ingest
		// encoded it.
		var rec schemas.SourceRecord
		if err := rec.UnmarshalBinary(doc.Body); err != nil {
			return "", meta, notCable("invalid source record: " + err.Error())
		}
		return fromRecord(rec)
	}
	if len(strings.TrimSpace(string(doc.Body))) == 0 {
		return "", meta, notCable("empty document")
	}
	if isBinary(doc.Body) {
		return "", meta, notCable("binary content")
	}
	format := doc.Format
	if format == "" {
		format = sniffFormat(doc.Body)
	}
	switch format {
	case schemas.FormatHTML:
		return decodeHTML(doc.Body)
	case schemas.FormatJSON:
		return decodeJSON(doc.Body)
	default:
		text = normalizeText(doc.Body)
		meta.SourceFormat = "text"
		if !utf8.Valid(doc.Body) || strings.Contains(string(doc.Body[:min(len(doc.Body), 4096)]), "\r\n") {
			// PlusD exports are cp1252 with CRLF line ends.
			meta.SourceFormat = "plusd"
		}
		return text, meta, nil
	}
}

func sniffFormat(b []byte) string {
	s := strings.TrimLeft(string(b[:min(len(b), 512)]), " \t\r\n\ufeff")
	switch {
	case strings.HasPrefix(s, "<"):
		return schemas.FormatHTML
	case strings.HasPrefix(s, "{"):
		return schemas.FormatJSON
	}
	return schemas.FormatText
}

// isBinary reports content no cable has: NUL bytes or many control bytes
// near the start.
func isBinary(b []byte) bool {
	n := min(len(b), 8192)
	ctl := 0
	for _, c := range b[:n] {
		if c == 0 {
			return true
		}
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
			ctl++
		}
	}
	return ctl*10 > n
}

// normalizeText repairs the encoding (bytes that are not valid UTF-8 are read
// as cp1252, so nothing is dropped), normalizes CRLF and lone CR to "\n",
// and turns non-breaking spaces into spaces.
func normalizeText(b []byte) string {
	var sb strings.Builder
	sb.Grow(len(b) + len(b)/64)
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			if c == '\r' {
				sb.WriteByte('\n')
				if i+1 < len(b) && b[i+1] == '\n' {
					i++
				}
			} else {
				sb.WriteByte(c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			r = charmap.Windows1252.DecodeByte(c)
		}
		if r == '\u00a0' {
			r = ' '
		}
		sb.WriteRune(r)
		i += size
	}
	return sb.String()
}

// jsonFastPath turns on decodeRecord and the normalizeText skip; tests
// turn it off to get encoding/json's result, the reference.
var jsonFastPath = true

func decodeJSON(b []byte) (string, PageMeta, error) {
	var rec schemas.SourceRecord
	if !jsonFastPath || !decodeRecord(b, &rec) {
		// Not the plain case: encoding/json decides, and words any error.
		rec = schemas.SourceRecord{}
		if err := json.Unmarshal(b, &rec); err != nil {
			return "", PageMeta{}, notCable("invalid JSON record: " + err.Error())
		}
	}
	return fromRecord(rec)
}

// fromRecord is a csv row's or JSON line's cable text and metadata.
func fromRecord(rec schemas.SourceRecord) (string, PageMeta, error) {
	var meta PageMeta
	text := rec.Text
	if text == "" {
		text = rec.Header
		if rec.Body != "" {
			if text != "" {
				text += "\n\n"
			}
			text += rec.Body
		}
	}
	if strings.TrimSpace(text) == "" {
		return "", meta, notCable("JSON record has no cable text")
	}
	meta.SourceFormat = "jsonl"
	if rec.ID != 0 || strings.Count(rec.Date, "/") == 2 {
		meta.SourceFormat = "csv"
	}
	meta.RefID = strings.TrimSpace(rec.RefID)
	meta.Origin = strings.TrimSpace(rec.Origin)
	meta.Classification = strings.TrimSpace(rec.Classification)
	if t, ok := parseRecordDate(rec.Date); ok {
		meta.Created, meta.CreatedSource = t, "csv"
	} else if strings.TrimSpace(rec.Date) != "" {
		meta.BadDate = strings.TrimSpace(rec.Date)
	}
	for r := range strings.SplitSeq(rec.References, ",") {
		if r = strings.TrimSpace(r); r != "" {
			meta.References = append(meta.References, r)
		}
	}
	// Decoded JSON strings are valid UTF-8 (and binary records' strings
	// are made so at ingest), so normalizeText changes only CRs and
	// no-break spaces; without them it would just copy the text.
	if !jsonFastPath || strings.IndexByte(text, '\r') >= 0 || strings.Contains(text, "\u00a0") || !utf8.ValidString(text) {
		text = normalizeText([]byte(text))
	}
	return text, meta, nil
}

// parseRecordDate reads cables.csv's "MM/DD/YYYY HH:MM" or RFC 3339.
func parseRecordDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	for _, layout := range []string{"01/02/2006 15:04", "1/2/2006 15:04", "01/02/2006", time.RFC3339, "2006-01-02 15:04", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}
