package parse

import (
	"bytes"
	"encoding/binary"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/cablewire/cablewire/schemas"
)

// decodeRecord is a fast path for json.Unmarshal(b, rec): encoding/json
// spends most of its time validating, reflecting and unquoting bodies of
// several KB, while ingest's records are a flat object of strings and an
// integer id. decodeRecord handles the plain case in one pass and reports
// ok=false for anything it does not decode exactly as encoding/json would
// (case-variant or escaped keys, invalid UTF-8, lone surrogates, nulls,
// non-integer ids, deep nesting, any syntax error ...); the caller then
// falls back to encoding/json, so errors and edge cases keep its behaviour.
// On ok=false rec may be partly filled.
func decodeRecord(b []byte, rec *schemas.SourceRecord) (ok bool) {
	d := recordDecoder{b: b}
	d.space()
	if !d.consume('{') {
		return false
	}
	d.space()
	if d.consume('}') {
		d.space()
		return d.i == len(b)
	}
	for {
		if !d.consume('"') {
			return false
		}
		start := d.i
		if !d.scanString() || d.escaped {
			return false // escaped keys are rare; leave them to encoding/json
		}
		key := b[start : d.i-1]
		d.space()
		if !d.consume(':') {
			return false
		}
		d.space()
		if !d.member(key, rec) {
			return false
		}
		d.space()
		if d.consume(',') {
			d.space()
			continue
		}
		if !d.consume('}') {
			return false
		}
		d.space()
		return d.i == len(b) // anything after the object is an error
	}
}

type recordDecoder struct {
	b       []byte
	i       int  // next byte to read
	escaped bool // the last string scanned had escapes
}

func (d *recordDecoder) consume(c byte) bool {
	if d.i < len(d.b) && d.b[d.i] == c {
		d.i++
		return true
	}
	return false
}

// space skips JSON white space (exactly the four bytes JSON allows).
func (d *recordDecoder) space() {
	for d.i < len(d.b) {
		switch d.b[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

// member decodes the value of key into rec. Only exact key names are
// matched here: encoding/json prefers an exact match, but would also match
// a key that differs in case (with Unicode folding), so such keys decline.
func (d *recordDecoder) member(key []byte, rec *schemas.SourceRecord) bool {
	var p *string
	switch string(key) {
	case "id":
		return d.integer(&rec.ID)
	case "date":
		p = &rec.Date
	case "ref_id":
		p = &rec.RefID
	case "origin":
		p = &rec.Origin
	case "classification":
		p = &rec.Classification
	case "references":
		p = &rec.References
	case "header":
		p = &rec.Header
	case "body":
		p = &rec.Body
	case "text":
		p = &rec.Text
	default:
		for _, c := range key {
			if c >= utf8.RuneSelf {
				return false // might fold to a field name (e.g. U+017F ſ to s)
			}
		}
		for _, name := range recordFields {
			if bytes.EqualFold(key, name) {
				return false
			}
		}
		return d.skipValue(0) // an unknown member is ignored but must be valid
	}
	// A null or a value of another type would leave the field alone or be
	// an error: both encoding/json's business.
	if !d.consume('"') {
		return false
	}
	s, ok := d.str()
	*p = s
	return ok
}

// recordFields are the JSON names of SourceRecord's fields.
var recordFields = [][]byte{[]byte("id"), []byte("date"), []byte("ref_id"), []byte("origin"),
	[]byte("classification"), []byte("references"), []byte("header"), []byte("body"), []byte("text")}

// integer reads a JSON integer as encoding/json reads it into an int64
// field. A fraction, an exponent or an overflow would be a type error there,
// so they decline.
func (d *recordDecoder) integer(p *int64) bool {
	start := d.i
	d.consume('-')
	digits := d.digits()
	if digits == 0 || (digits > 1 && d.b[d.i-digits] == '0') {
		return false
	}
	if d.i < len(d.b) {
		if c := d.b[d.i]; c == '.' || c == 'e' || c == 'E' {
			return false
		}
	}
	n, err := strconv.ParseInt(string(d.b[start:d.i]), 10, 64)
	*p = n
	return err == nil
}

// str reads the rest of a string whose opening quote has been consumed and
// returns its value, copied once from b.
func (d *recordDecoder) str() (string, bool) {
	start := d.i
	if !d.scanString() {
		return "", false
	}
	s := d.b[start : d.i-1]
	if !d.escaped {
		return string(s), true
	}
	// Unescaping only shortens, so the builder never grows beyond len(s).
	var sb strings.Builder
	sb.Grow(len(s))
	for {
		k := bytes.IndexByte(s, '\\')
		if k < 0 {
			sb.Write(s)
			return sb.String(), true
		}
		sb.Write(s[:k])
		r, n := unescape(s[k:]) // valid: scanString checked it
		if r < utf8.RuneSelf {
			sb.WriteByte(byte(r))
		} else {
			sb.WriteRune(r)
		}
		s = s[k+n:]
	}
}

// Masks for testing the eight bytes of a uint64 at once.
const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// special8 reports whether one of the eight bytes of x is one scanString
// must look at: a control character, a quote, a backslash or a non-ASCII
// byte. (v-ones)&^v&highs is non-zero iff v has a zero byte, and
// (x-ones*0x20)&^x&highs iff x has a byte below 0x20 (bytes with the high
// bit set are caught by x&highs); it has no false negatives, and a false
// positive only sends scanString through its byte loop.
func special8(x uint64) bool {
	q := x ^ ones*'"'
	bs := x ^ ones*'\\'
	return ((x-ones*0x20)&^x|(q-ones)&^q|(bs-ones)&^bs|x)&highs != 0
}

// plain marks the bytes scanString passes over: printable ASCII other than
// the quote and the backslash.
var plain = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// scanString reads up to and including the closing quote, validating as
// encoding/json's scanner does, and declines what its unquoting would
// change (invalid UTF-8, lone surrogates). d.escaped says whether the
// string had escapes.
func (d *recordDecoder) scanString() bool {
	b := d.b
	i := d.i
	d.escaped = false
	for {
		// Plain ASCII runs are most of a cable: pass them eight bytes at
		// a time.
		for i+8 <= len(b) && !special8(binary.LittleEndian.Uint64(b[i:])) {
			i += 8
		}
		for i < len(b) && plain[b[i]] {
			i++
		}
		if i >= len(b) {
			return false
		}
		switch c := b[i]; {
		case c == '"':
			d.i = i + 1
			return true
		case c < 0x20:
			return false // control characters must be escaped
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && n == 1 {
				return false // encoding/json would replace it with U+FFFD
			}
			i += n
		default: // backslash
			_, n := unescape(b[i:])
			if n == 0 {
				return false
			}
			d.escaped = true
			i += n
		}
	}
}

// unescape decodes the escape sequence at the start of s and returns the
// rune and its length, or n=0 for an invalid escape or a lone surrogate.
func unescape(s []byte) (r rune, n int) {
	if len(s) < 2 {
		return 0, 0
	}
	switch s[1] {
	case '"', '\\', '/':
		return rune(s[1]), 2
	case 'b':
		return '\b', 2
	case 'f':
		return '\f', 2
	case 'n':
		return '\n', 2
	case 'r':
		return '\r', 2
	case 't':
		return '\t', 2
	case 'u':
		r = hex4(s[2:])
		switch {
		case r < 0:
			return 0, 0
		case r < 0xd800 || r > 0xdfff:
			return r, 6
		case r >= 0xdc00:
			return 0, 0 // a low surrogate alone
		}
		// A high surrogate must be followed by an escaped low one.
		if len(s) < 12 || s[6] != '\\' || s[7] != 'u' {
			return 0, 0
		}
		lo := hex4(s[8:])
		if lo < 0xdc00 || lo > 0xdfff {
			return 0, 0
		}
		return 0x10000 + (r-0xd800)<<10 + (lo - 0xdc00), 12
	}
	return 0, 0
}

// hex4 reads four hex digits, or returns -1.
func hex4(s []byte) rune {
	if len(s) < 4 {
		return -1
	}
	var r rune
	for _, c := range s[:4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		default:
			return -1
		}
		r = r<<4 | rune(c)
	}
	return r
}

// maxSkipDepth bounds the nesting skipValue follows; deeper values (which
// encoding/json limits at 10000) are left to encoding/json.
const maxSkipDepth = 64

// skipValue validates and passes over one JSON value of an unknown member.
func (d *recordDecoder) skipValue(depth int) bool {
	if d.i >= len(d.b) || depth > maxSkipDepth {
		return false
	}
	switch c := d.b[d.i]; {
	case c == '"':
		d.i++
		return d.scanString()
	case c == '{' || c == '[':
		return d.skipComposite(depth)
	case c == '-' || '0' <= c && c <= '9':
		return d.skipNumber()
	}
	for _, lit := range [...]string{"true", "false", "null"} {
		if len(d.b)-d.i >= len(lit) && string(d.b[d.i:d.i+len(lit)]) == lit {
			d.i += len(lit)
			return true
		}
	}
	return false
}

// skipComposite passes over an object or an array.
func (d *recordDecoder) skipComposite(depth int) bool {
	obj := d.b[d.i] == '{'
	end := byte(']')
	if obj {
		end = '}'
	}
	d.i++
	d.space()
	if d.consume(end) {
		return true
	}
	for {
		if obj {
			if !d.consume('"') || !d.scanString() {
				return false
			}
			d.space()
			if !d.consume(':') {
				return false
			}
			d.space()
		}
		if !d.skipValue(depth + 1) {
			return false
		}
		d.space()
		if d.consume(end) {
			return true
		}
		if !d.consume(',') {
			return false
		}
		d.space()
	}
}

// skipNumber passes over a number in JSON's grammar:
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (d *recordDecoder) skipNumber() bool {
	d.consume('-')
	if !d.consume('0') && d.digits() == 0 {
		return false
	}
	if d.consume('.') && d.digits() == 0 {
		return false
	}
	if d.consume('e') || d.consume('E') {
		if !d.consume('+') {
			d.consume('-')
		}
		if d.digits() == 0 {
			return false
		}
	}
	return true
}

func (d *recordDecoder) digits() int {
	start := d.i
	for d.i < len(d.b) && '0' <= d.b[d.i] && d.b[d.i] <= '9' {
		d.i++
	}
	return d.i - start
}
