package enrich

import (
	"strings"
	"sync"

	"github.com/cablewire/cablewire/schemas"
)

var scannerPool = sync.Pool{New: func() any { return &scanner{} }}

// maxMentions: a larger mention buffer is not kept for the next call.
const maxMentions = 1024

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
	// the tokens and keys of every segment live in the scanner's arenas
	// (reused from call to call); bounds[i] is segment i's range in them
	s.tokArena, s.keyArena = s.tokArena[:0], s.keyArena[:0]
	defer s.release()
	bounds := make([][2]int, len(segs))
	for i, sg := range segs {
		s.last = i == len(segs)-1
		bounds[i][0] = len(s.tokArena)
		s.reset(i, sg.text)
		s.scan()
		bounds[i][1] = len(s.tokArena)
	}
	ms := s.out
	s.out = nil
	ms = resolve(ms, s.defs, cx, x, s.caps, func(i int) (string, []token, []string) {
		a, b := bounds[i][0], bounds[i][1]
		return segs[i].text, s.tokArena[a:b:b], s.keyArena[a:b:b]
	}, len(segs), s)

	if cap(c.Entities) < len(ms) {
		c.Entities = make([]schemas.Entity, 0, len(ms))
	}
	c.Entities = c.Entities[:0]
	for _, m := range ms {
		c.Entities = append(c.Entities, schemas.Entity{
			Paragraph: segs[m.seg].n, Type: m.typ, Text: m.text, Canonical: m.canonical,
			Start: m.start, End: m.end, Title: m.title, Country: m.country, Method: string(m.method), Generic: m.generic,
		})
	}
	if len(c.Entities) == 0 {
		c.Entities = nil
	}
	// the mentions' buffer goes back to the pool, without the cable's text
	// (resolve leaves nothing past len(ms): no need to clear all of cap(ms))
	if cap(ms) <= maxMentions {
		clear(ms)
		s.out = ms[:0]
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
	up, low, rest := 0, 0, 0
	for _, s := range segs {
		rest += len(s.text)
	}
	for _, s := range segs {
		t := s.text
		for len(t) > 0 {
			n := min(len(t), 256)
			for _, c := range []byte(t[:n]) {
				if c >= 'a' && c <= 'z' {
					low++
				} else if c >= 'A' && c <= 'Z' {
					up++
				}
			}
			t, rest = t[n:], rest-n
			// each byte left adds at most one capital: the answer is known
			if low*20 >= up+rest {
				return false
			}
		}
	}
	return up > 20 && low*20 < up
}
