package schemas

import (
	"errors"
	"unicode/utf8"
)

// FormatRecord is a Document whose Body is a SourceRecord in its binary
// form (SourceRecord.AppendBinary): what ingest publishes for a
// cables.csv row. Older releases published the row as JSON (FormatJSON);
// parse still reads those.
const FormatRecord = "record"

// recordVersion is the first byte of a binary SourceRecord.
const recordVersion = 1

// ErrRecordCodec is returned for bytes that are not an encoded
// SourceRecord.
var ErrRecordCodec = errors.New("schemas: not an encoded source record")

// AppendBinary appends r's binary form to dst. Strings are made valid
// UTF-8 first, an invalid byte becoming U+FFFD as encoding/json makes it,
// so a record decodes to what its JSON form decoded to.
func (r *SourceRecord) AppendBinary(dst []byte) []byte {
	e := encoder{b: dst}
	r.encode(&e)
	return e.b
}

// BinarySize is the length of r's binary form.
func (r *SourceRecord) BinarySize() int {
	e := encoder{sizing: true}
	r.encode(&e)
	return e.n
}

func (r *SourceRecord) encode(e *encoder) {
	e.byte(recordVersion)
	e.varint(r.ID)
	for _, s := range [...]string{r.Date, r.RefID, r.Origin, r.Classification, r.References, r.Header, r.Body, r.Text} {
		e.str(validUTF8(s))
	}
}

// UnmarshalBinary decodes what AppendBinary encoded. It never panics: bad
// input yields an error wrapping ErrRecordCodec.
func (r *SourceRecord) UnmarshalBinary(b []byte) error {
	d := decoder{b: b}
	if d.byte() != recordVersion {
		return ErrRecordCodec
	}
	*r = SourceRecord{ID: d.varint()}
	for _, s := range [...]*string{&r.Date, &r.RefID, &r.Origin, &r.Classification, &r.References, &r.Header, &r.Body, &r.Text} {
		*s = d.str()
	}
	if d.err || len(d.b) != 0 {
		return ErrRecordCodec
	}
	return nil
}

// validUTF8 is s with every byte of an invalid sequence replaced by
// U+FFFD, one for each byte, as encoding/json replaces them.
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	b := make([]byte, 0, len(s)+8)
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			b = utf8.AppendRune(b, utf8.RuneError)
		} else {
			b = append(b, s[i:i+n]...)
		}
		i += n
	}
	return string(b)
}
