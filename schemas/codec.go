package schemas

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"math"
	"math/bits"
	"time"
)

// The binary encoding of a Cable between stages. JSON was measured at about
// a fifth of the pipeline's CPU (mostly decoding entity lists); this
// length-prefixed encoding is several times cheaper. The first byte is a
// version; a decoder rejects versions it does not know.
const codecVersion = 2

// ContentType names the encoding in message headers.
const ContentType = "application/x-cablewire-cable-v1"

// HeaderContentType is the header that carries ContentType.
const HeaderContentType = "Content-Type"

// ErrCodec is returned for bytes that are not an encoded Cable.
var ErrCodec = errors.New("schemas: not an encoded cable")

// AppendBinary appends c's encoding to dst.
func (c *Cable) AppendBinary(dst []byte) []byte {
	e := encoder{b: dst}
	c.encode(&e)
	return e.b
}

// BinarySize is the length of c's encoding: a buffer of that capacity
// takes AppendBinary without growing (a stage's output is otherwise
// copied as the buffer doubles, twice its size in garbage).
func (c *Cable) BinarySize() int {
	e := encoder{sizing: true}
	c.encode(&e)
	return e.n
}

func (c *Cable) encode(e *encoder) {
	e.byte(codecVersion)
	e.str(c.RefID)
	e.bools(!c.Created.IsZero())
	if !c.Created.IsZero() {
		e.varint(c.Created.UnixMicro())
	}
	for _, s := range []string{c.CreatedSource, c.ContentHash, c.Source, c.SourceFormat,
		c.Precedence, c.TransmissionID, c.Origin, c.OriginRouting, c.OriginPost} {
		e.str(s)
	}
	e.addressees(c.To)
	e.addressees(c.Info)
	e.str(c.Classification)
	e.strs(c.Caveats)
	e.strs(c.Tags)
	e.strs(c.TagKinds)
	e.str(c.Subject)
	e.strs(c.References)
	e.strs(c.ReferencesOther)
	for _, s := range []string{c.EOOrder, c.DeclDate, c.DeclText, c.ClassifiedBy, c.ClassifiedByTitle,
		c.ClassificationReasons, c.Summary, c.Comment} {
		e.str(s)
	}
	e.uvarint(uint64(len(c.Paragraphs)))
	for _, p := range c.Paragraphs {
		e.varint(int64(p.N))
		e.str(p.Marking)
		e.str(p.Text)
	}
	e.strs(c.Signers)
	e.varint(int64(c.Section))
	e.varint(int64(c.Sections))
	e.bools(c.IsPartial, c.IsCorrectedCopy, c.HasRedactions)
	e.str(c.Body)
	e.varint(int64(c.WordCount))
	e.strs(c.Countries)
	e.strs(c.CountryNames)
	e.uvarint(uint64(len(c.Entities)))
	for _, x := range c.Entities {
		e.varint(int64(x.Paragraph))
		e.str(x.Type)
		e.str(x.Text)
		e.str(x.Canonical)
		e.varint(int64(x.Start))
		e.varint(int64(x.End))
		e.str(x.Title)
		e.str(x.Country)
		e.str(x.Method)
		e.bools(x.Generic)
	}
}

// UnmarshalBinary decodes what AppendBinary encoded. It never panics: bad
// input yields an error wrapping ErrCodec.
func (c *Cable) UnmarshalBinary(b []byte) error {
	d := decoder{b: b}
	// Version 1 (before addressees had Excludes) is still read: streams
	// may hold messages encoded by an older release.
	if d.version = d.byte(); d.version != codecVersion && d.version != 1 {
		return ErrCodec
	}
	*c = Cable{}
	c.RefID = d.str()
	switch d.byte() {
	case 0:
	case 1:
		c.Created = time.UnixMicro(d.varint()).UTC()
	default:
		d.err = true
	}
	for _, p := range []*string{&c.CreatedSource, &c.ContentHash, &c.Source, &c.SourceFormat,
		&c.Precedence, &c.TransmissionID, &c.Origin, &c.OriginRouting, &c.OriginPost} {
		*p = d.str()
	}
	c.To = d.addressees()
	c.Info = d.addressees()
	c.Classification = d.str()
	c.Caveats = d.strs()
	c.Tags = d.strs()
	c.TagKinds = d.strs()
	c.Subject = d.str()
	c.References = d.strs()
	c.ReferencesOther = d.strs()
	for _, p := range []*string{&c.EOOrder, &c.DeclDate, &c.DeclText, &c.ClassifiedBy, &c.ClassifiedByTitle,
		&c.ClassificationReasons, &c.Summary, &c.Comment} {
		*p = d.str()
	}
	if n := d.count(3); n > 0 {
		c.Paragraphs = make([]Paragraph, n)
		for i := range c.Paragraphs {
			c.Paragraphs[i] = Paragraph{N: d.int(), Marking: d.str(), Text: d.str()}
		}
	}
	c.Signers = d.strs()
	c.Section = d.int()
	c.Sections = d.int()
	bs := d.byte()
	c.IsPartial, c.IsCorrectedCopy, c.HasRedactions = bs&1 != 0, bs&2 != 0, bs&4 != 0
	c.Body = d.str()
	c.WordCount = d.int()
	c.Countries = d.strs()
	c.CountryNames = d.strs()
	if n := d.count(11); n > 0 {
		c.Entities = make([]Entity, n)
		for i := range c.Entities {
			x := &c.Entities[i]
			x.Paragraph = d.int()
			x.Type, x.Text, x.Canonical = d.str(), d.str(), d.str()
			x.Start, x.End = d.int(), d.int()
			x.Title, x.Country, x.Method = d.str(), d.str(), d.str()
			x.Generic = d.byte()&1 != 0
		}
	}
	if d.err || len(d.b) != 0 {
		return ErrCodec
	}
	return nil
}

// encoder appends to b, or, sizing, only counts the bytes in n.
type encoder struct {
	b      []byte
	sizing bool
	n      int
}

func (e *encoder) byte(v byte) {
	if e.sizing {
		e.n++
		return
	}
	e.b = append(e.b, v)
}

func (e *encoder) uvarint(v uint64) {
	if e.sizing {
		e.n += (bits.Len64(v|1) + 6) / 7
		return
	}
	e.b = binary.AppendUvarint(e.b, v)
}

// varint zigzags v as binary.AppendVarint does.
func (e *encoder) varint(v int64) { e.uvarint(uint64(v<<1) ^ uint64(v>>63)) }

func (e *encoder) str(s string) {
	e.uvarint(uint64(len(s)))
	if e.sizing {
		e.n += len(s)
		return
	}
	e.b = append(e.b, s...)
}
func (e *encoder) strs(ss []string) {
	e.uvarint(uint64(len(ss)))
	for _, s := range ss {
		e.str(s)
	}
}
func (e *encoder) bools(bs ...bool) {
	var v byte
	for i, b := range bs {
		if b {
			v |= 1 << i
		}
	}
	e.byte(v)
}
func (e *encoder) addressees(as []Addressee) {
	e.uvarint(uint64(len(as)))
	for _, a := range as {
		e.str(a.Routing)
		e.str(a.Name)
		e.str(a.Precedence)
		e.str(a.MCN)
		e.bools(a.Excluded)
		e.strs(a.Excludes)
	}
}

// decoder reads an encoding; on any error it sets err and returns zeros.
type decoder struct {
	version byte // of the encoding being read
	b       []byte
	err     bool
}

// fail marks the input bad and stops reading it.
func (d *decoder) fail() {
	d.err = true
	d.b = nil
}

func (d *decoder) byte() byte {
	if len(d.b) == 0 {
		d.fail()
		return 0
	}
	v := d.b[0]
	d.b = d.b[1:]
	return v
}

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) varint() int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) int() int {
	v := d.varint()
	if v > math.MaxInt32 || v < math.MinInt32 {
		d.err = true
		return 0
	}
	return int(v)
}

// count reads a length, bounded by the bytes left (each item takes at
// least minSize bytes), so corrupt input cannot allocate without limit.
func (d *decoder) count(minSize int) int {
	n := d.uvarint()
	if n > uint64(len(d.b)/minSize) {
		d.fail()
		return 0
	}
	return int(n)
}

func (d *decoder) str() string {
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		d.fail()
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

func (d *decoder) strs() []string {
	n := d.count(1)
	if n == 0 {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = d.str()
	}
	return out
}

func (d *decoder) addressees() []Addressee {
	n := d.count(5)
	if n == 0 {
		return nil
	}
	out := make([]Addressee, n)
	for i := range out {
		out[i] = Addressee{Routing: d.str(), Name: d.str(), Precedence: d.str(), MCN: d.str(), Excluded: d.byte()&1 != 0}
		if d.version >= 2 {
			out[i].Excludes = d.strs()
		}
	}
	return out
}

// Headers are the headers of a message carrying c in the binary encoding.
func (c *Cable) Headers() map[string][]string {
	h := map[string][]string{HeaderContentType: {ContentType}, HeaderRef: {c.RefID}, HeaderHash: {c.ContentHash}}
	if c.Source != "" {
		// So that a dead letter of a later stage still names the file.
		h[HeaderSource] = []string{c.Source}
	}
	return h
}

// DecodeCable decodes a message body by its content type: the binary
// encoding, or JSON (what `cablewire parse` prints) when the type is not
// ContentType.
func DecodeCable(data []byte, contentType string) (Cable, error) {
	var c Cable
	if contentType == ContentType {
		err := c.UnmarshalBinary(data)
		return c, err
	}
	err := json.Unmarshal(data, &c)
	return c, err
}
