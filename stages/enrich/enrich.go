package enrich

import (
	"strings"
	"sync"

	"github.com/cablewire/cablewire/schemas"
)

var scannerPool = sync.Pool{New: func() any { return &scanner{} }}

// segmentText is one text the cable's entities are found in.
type segmentText struct {
	n    int // paragraph number; -1 summary, -2 comment
	idx  int // index in Cable.Paragraphs; -1 summary, -2 comment
	text string
}

// Enrich fills c.Entities (mentions in c.Paragraphs — and Summary/Comment
// only if they are not already inside paragraphs), c.Countries and
// c.CountryNames (ISO 3166-1 codes/names of the geographic TAGS in c.Tags).
// Never panics; safe for concurrent use.
func Enrich(c *schemas.Cable) {
	if c == nil {
		return
	}
	defer func() {
		if r := recover(); r != nil {
			c.Entities = nil // a bug must not take the stage down
		}
	}()
	x := getLexicon()
	origin := c.OriginPost
	if origin == "" {
		origin = c.Origin
	}
	cx, codes, names := newContext(c.Tags, origin)
	c.Countries, c.CountryNames = codes, names

	segs := segments(c)
	s := scannerPool.Get().(*scanner)
	defer scannerPool.Put(s)
	s.x, s.caps, s.out, s.defs, s.cx = x, allCapitals(segs), s.out[:0], nil, cx
	type segToks struct {
		toks []token
		keys []string
	}
	kept := make([]segToks, len(segs))
	for i, sg := range segs {
		s.toks, s.keys = make([]token, 0, len(sg.text)/5+8), nil
		s.last = i == len(segs)-1
		s.reset(i, sg.text)
		s.scan()
		kept[i] = segToks{s.toks, s.keys}
	}
	ms := s.out
	s.out = nil
	ms = resolve(ms, s.defs, cx, x, s.caps, func(i int) (string, []token, []string) {
		return segs[i].text, kept[i].toks, kept[i].keys
	}, len(segs))

	c.Entities = c.Entities[:0]
	for _, m := range ms {
		c.Entities = append(c.Entities, schemas.Entity{
			Paragraph: segs[m.seg].n, Type: m.typ, Text: m.text, Canonical: m.canonical,
			Start: m.start, End: m.end, Title: m.title, Country: m.country, Method: m.method, Generic: m.generic,
		})
	}
	if len(c.Entities) == 0 {
		c.Entities = nil
	}
}

// segments lists the paragraphs, then the summary and comment when their text
// is not inside a paragraph.
func segments(c *schemas.Cable) []segmentText {
	out := make([]segmentText, 0, len(c.Paragraphs)+2)
	for _, p := range c.Paragraphs {
		out = append(out, segmentText{p.N, len(out), p.Text})
	}
	inside := func(s string) bool {
		s = strings.TrimSpace(s)
		if s == "" {
			return true
		}
		probe := s
		if len(probe) > 80 {
			probe = probe[:80]
		}
		for _, p := range c.Paragraphs {
			if strings.Contains(p.Text, probe) {
				return true
			}
		}
		return false
	}
	if !inside(c.Summary) {
		out = append(out, segmentText{-1, -1, c.Summary})
	}
	if !inside(c.Comment) {
		out = append(out, segmentText{-2, -2, c.Comment})
	}
	return out
}

// allCapitals reports whether the cable body is written in capitals.
func allCapitals(segs []segmentText) bool {
	up, low := 0, 0
	for _, s := range segs {
		for i := 0; i < len(s.text); i++ {
			c := s.text[i]
			if c >= 'a' && c <= 'z' {
				low++
			} else if c >= 'A' && c <= 'Z' {
				up++
			}
		}
	}
	return up > 20 && low*20 < up
}
