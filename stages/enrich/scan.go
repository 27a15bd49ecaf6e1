package enrich

import "strings"

// mention is one entity mention found in one text segment.
type mention struct {
	seg        int // index of the segment (paragraph) in the cable
	ti, tj     int // token range [ti, tj)
	start, end int // byte offsets in the segment text
	text       string
	typ        string
	canonical  string
	title      string
	country    string
	method     string
	weak       bool // a guess from capitalization alone; coreference may retype it
	generic    bool
}

// acrDef is an acronym defined in the cable: "Full Name (ACR)".
type acrDef struct {
	typ, canonical, country string
}

// scanner finds mentions in one segment.
type scanner struct {
	x    *lexicon
	caps bool // the cable is written in capitals
	seg  int
	text string
	toks []token
	keys []string
	out  []mention
	defs map[string]acrDef
	cx   *cableContext
	buf  []byte
	last bool // the segment is the cable's last
}

func (s *scanner) reset(seg int, text string) {
	s.seg, s.text = seg, text
	s.toks = tokenize(text, s.toks[:0])
	maskHeaderLines(text, s.toks)
	s.toks = s.splitCompounds(s.toks)
	if cap(s.keys) < len(s.toks) {
		s.keys = make([]string, len(s.toks))
	}
	s.keys = s.keys[:len(s.toks)]
	for i := range s.toks {
		if s.toks[i].kind == tWord || s.toks[i].kind == tNum {
			s.keys[i] = key(s.toks[i].text)
		} else {
			s.keys[i] = s.toks[i].text
		}
	}
}

// word reports whether token i is an unmasked word or number.
func (s *scanner) word(i int) bool {
	t := &s.toks[i]
	return (t.kind == tWord || t.kind == tNum) && !t.masked
}

// capWord reports whether token i can be part of a name.
func (s *scanner) capWord(i int) bool {
	if i >= len(s.toks) || !s.word(i) {
		return false
	}
	t := &s.toks[i]
	if isRedaction(t.text) {
		return false
	}
	return t.cap
}

func isRedaction(w string) bool {
	if len(w) < 3 {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] != 'X' && w[i] != 'x' {
			return false
		}
	}
	return true
}

// lowerConnector reports whether token i is a connector inside a name that
// is followed by a capitalized word.
func (s *scanner) lowerConnector(i int) bool {
	if i+1 >= len(s.toks) || !s.word(i) {
		return false
	}
	t := &s.toks[i]
	k := s.keys[i]
	if !connectors[k] || (t.cap && !s.caps) {
		return false
	}
	if k == "the" && (i == 0 || !(s.keys[i-1] == "of" || s.keys[i-1] == "for" || s.keys[i-1] == "in" || s.keys[i-1] == "and")) {
		return false
	}
	if s.capWord(i + 1) {
		return true
	}
	// "of the USA", "de la Rua", "in the Arabian Peninsula"
	return i+2 < len(s.toks) && s.word(i+1) && connectors[s.keys[i+1]] && !s.toks[i+1].cap && s.capWord(i+2)
}

// scan finds the mentions of the current segment.
func (s *scanner) scan() {
	n := len(s.toks)
	for i := 0; i < n; {
		if !s.capWord(i) {
			if s.toks[i].text == "(" {
				s.docAcronym(i)
			}
			i++
			continue
		}
		j := s.chunkEnd(i)
		if j <= i {
			i++
			continue
		}
		s.segment(i, j)
		i = j
	}
}

// chunkEnd returns the end of the name chunk starting at i: capitalized words,
// inner connectors, initials with their dots.
func (s *scanner) chunkEnd(i int) int {
	n := len(s.toks)
	j := i
	for j < n {
		switch {
		case s.capWord(j):
			if s.caps && capsStop[s.keys[j]] {
				return j
			}
			// an initial's or a title's dot: "William B. Wood", "Amb. Burns"
			if j+1 < n && s.toks[j+1].text == "." && (len(s.toks[j].text) == 1 || isAbbrevDot(s.toks[j].text)) && s.capWord(j+2) {
				j += 2
				continue
			}
			j++
		case j > i && s.lowerConnector(j) && !(s.caps && capsStop[s.keys[j]]):
			j++
		case j > i && s.toks[j].text == "+" && s.word(j+1): // P5+1
			j++
		case j > i && (s.toks[j].text == "'" || s.toks[j].text == "\u2019") && s.toks[j].start == s.toks[j-1].end &&
			strings.HasSuffix(s.keys[j-1], "s") && s.capWord(j+1): // Workers' Party
			j++
		default:
			return trimConnectors(s, i, j)
		}
	}
	return trimConnectors(s, i, j)
}

func trimConnectors(s *scanner, i, j int) int {
	for j > i+1 && (connectors[s.keys[j-1]] && !s.toks[j-1].cap || s.toks[j-1].kind == tPunct) {
		j--
	}
	return j
}

// phraseAt returns the longest list phrase starting at token i and ending by b.
func (s *scanner) phraseAt(i, b int) (int, phrase) {
	max := s.x.maxPhrase
	sb := s.buf[:0]
	bestN, best := 0, phrase{}
	words := 0
	for j := i; j < b && words < max; j++ {
		if s.toks[j].kind == tPunct {
			if s.toks[j].text == "+" || s.toks[j].text == "&" {
				sb = append(sb, ' ')
				sb = append(sb, s.toks[j].text...)
				continue
			}
			if s.toks[j].text == "." {
				continue
			}
			break
		}
		if len(sb) > 0 {
			sb = append(sb, ' ')
		}
		sb = append(sb, s.keys[j]...)
		words++
		if p, ok := s.x.phrases[string(sb)]; ok {
			bestN, best = j+1-i, p
		} else if !s.x.prefixes[string(sb)] {
			break
		}
	}
	s.buf = sb
	return bestN, best
}

// titleAt returns the length of the longest title starting at token i.
func (s *scanner) titleAt(i, b int) int {
	// modifiers: "Assistant Administrator", "Acting Foreign Minister"
	m := i
	for m < b && m-i < 3 && titleModifiers[s.keys[m]] && (s.toks[m].cap || s.caps) {
		m++
	}
	if m > i {
		if n := s.titleAt0(m, b); n > 0 {
			return m - i + n
		}
	}
	return s.titleAt0(i, b)
}

var titleModifiers = setOf(`assistant deputy acting senior former vice associate principal executive special chief first second lead interim outgoing incoming then`)

func (s *scanner) titleAt0(i, b int) int {
	sb := s.buf[:0]
	best := 0
	words := 0
	for j := i; j < b && words < s.x.maxTitle; j++ {
		if s.toks[j].kind == tPunct {
			if s.toks[j].text == "." && j > i {
				if best == j-i {
					best = j + 1 - i
				}
				continue
			}
			break
		}
		if len(sb) > 0 {
			sb = append(sb, ' ')
		}
		sb = append(sb, s.keys[j]...)
		words++
		if s.x.titles[string(sb)] && (s.toks[j].cap || s.caps) {
			best = j + 1 - i
		}
	}
	s.buf = sb
	return best
}

func (s *scanner) emit(i, j int, typ, canonical, country, method, title string, weak bool) {
	for j > i && s.toks[j-1].kind == tPunct && s.toks[j-1].text != "." {
		j--
	}
	if j <= i {
		return
	}
	m := mention{seg: s.seg, ti: i, tj: j, start: s.toks[i].start, end: s.toks[j-1].end, typ: typ,
		country: country, method: method, title: title, weak: weak}
	m.text = s.text[m.start:m.end]
	if canonical == "" {
		canonical = m.text
	}
	m.canonical = canonical
	s.out = append(s.out, m)
	// acronym definition: "Full Name (ACR)"
	if j+2 < len(s.toks) && s.toks[j].text == "(" && s.toks[j+2].text == ")" && isAcronym(s.toks[j+1].text) && j-i >= 2 &&
		!s.x.words[s.keys[j+1]] && !s.x.words[trimPlural(s.keys[j+1])] {
		if s.defs == nil {
			s.defs = map[string]acrDef{}
		}
		if _, ok := s.defs[s.toks[j+1].text]; !ok {
			s.defs[s.toks[j+1].text] = acrDef{typ: typ, canonical: canonical, country: country}
		}
	}
}

// isAcronym: two or more letters, at least two capitals, no spaces (GIRoA, CSTO).
func isAcronym(w string) bool {
	if len(w) < 2 || len(w) > 12 {
		return false
	}
	up := 0
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c >= 'A' && c <= 'Z':
			up++
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '-', c == '/', c == '&':
		default:
			return false
		}
	}
	return up >= 2 && w[0] >= 'A' && w[0] <= 'Z' && up*2 >= letters(w)
}

func letters(w string) int {
	n := 0
	for i := 0; i < len(w); i++ {
		if c := w[i] | 0x20; c >= 'a' && c <= 'z' {
			n++
		}
	}
	return n
}

// notEntity marks an acronym the cable defines as a document, program or
// event: "Exercise Support Agreement (ESA)". Its mentions are dropped.
const notEntity = "-"

// docAcronym: "(ACR)" at i after a capitalized name that is a document's
// ("Convention on Cluster Munitions (CCM)", "National Intelligence Estimate
// (NIE)"), a title's ("Senior Civilian Representative (SCR)") or a generic
// plural's ("International Oil Companies (IOCs)").
func (s *scanner) docAcronym(i int) {
	if i == 0 || i+2 >= len(s.toks) || s.toks[i+2].text != ")" || !isAcronym(s.toks[i+1].text) || !s.capWord(i-1) {
		return
	}
	acr := s.toks[i+1].text
	first := i - 1
	for c := i - 2; c >= 0 && c >= i-10; c-- {
		if s.capWord(c) {
			first = c
			continue
		}
		if s.word(c) && !s.toks[c].cap && (s.keys[c] == "of" || s.keys[c] == "on" || s.keys[c] == "for" || s.keys[c] == "the" || s.keys[c] == "and") {
			continue
		}
		break
	}
	last := s.keys[i-1]
	plural := strings.HasSuffix(acr, "s") && genericPlurals[last]
	if !docNouns[last] && !s.x.titles[last] && !plural && !(first < i-1 && docNouns[s.keys[first]]) {
		return
	}
	if s.defs == nil {
		s.defs = map[string]acrDef{}
	}
	s.defs[acr] = acrDef{typ: notEntity}
	if plural {
		s.defs[acr[:len(acr)-1]] = acrDef{typ: notEntity} // "the IOC members"
	}
}
