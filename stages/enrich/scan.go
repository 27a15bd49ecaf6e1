package enrich

import (
	"slices"
	"strings"
	"unicode/utf8"
)

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
	method     Method
	weak       bool // a guess from capitalization alone; coreference may retype it
	generic    bool
}

// acrDef is an acronym defined in the cable: "Full Name (ACR)".
type acrDef struct {
	typ, canonical, country string
}

// scanner finds mentions in one segment.
type scanner struct {
	x       *lexicon
	caps    bool // the cable is written in capitals
	heading bool // the segment is a heading in capitals in a mixed-case cable
	seg     int
	text    string
	toks    []token
	keys    []string
	out     []mention
	defs    map[string]acrDef
	cx      *cableContext
	buf     []byte
	last    bool // the segment is the cable's last

	// per-call buffers, kept with the scanner in scannerPool: the tokens and
	// keys of all the cable's segments, one after the other, and scratch
	// space for splitCompounds and for building keys
	tokArena []token
	keyArena []string
	split    []token
	kbuf     []byte
	kpos     [][3]int32 // token index, start and end in kbuf
	fl       []uint32   // the segment's token flags (see is), 0 until known
	fcache   *flagCache // lexicon.flags lookups of earlier tokens and calls
	ptoks    []token    // scratch space for appendPhraseKey
}

// reset tokenizes the segment text and appends its tokens and keys to the
// arenas; s.toks and s.keys are the segment's part of them.
func (s *scanner) reset(seg int, text string) {
	s.seg, s.text = seg, text
	s.heading = !s.caps && headingText(text)
	base := len(s.tokArena)
	toks := tokenize(text, s.tokArena[base:base])
	maskHeaderLines(text, toks)
	// toks[:first] stay as they are; tail replaces the rest (split words)
	first, tail := s.splitCompounds(toks)
	keep := toks[:first]
	if n := len(keep); n > 0 && base < cap(s.tokArena) && &keep[0] == &s.tokArena[:base+1][base] {
		s.tokArena = s.tokArena[:base+n] // tokenized in place
	} else {
		s.tokArena = append(s.tokArena[:base], keep...)
	}
	if len(tail) > 0 {
		s.tokArena = append(s.tokArena, tail...)
		clear(s.split) // copied: keep no text in the scratch buffer
		if cap(s.split) > maxArena {
			s.split = nil
		}
		s.split = s.split[:0]
	}
	end := len(s.tokArena)
	s.toks = s.tokArena[base:end:end]
	// keys: the ASCII words that key changes (capitals, dots) are built in
	// one buffer that becomes one string for the segment
	// (the arena is grown once and filled by index: no append per token)
	s.keyArena = slices.Grow(s.keyArena[:base], end-base)[:end]
	s.keys = s.keyArena[base:end:end]
	s.kbuf, s.kpos = s.kbuf[:0], s.kpos[:0]
	for i := range s.toks {
		t := &s.toks[i]
		w := t.text
		if t.kind == tWord || t.kind == tNum {
			switch t.keyCase {
			case keySame:
			case keyASCII:
				a := len(s.kbuf)
				s.kbuf = appendKeyASCII(s.kbuf, w)
				s.kpos = append(s.kpos, [3]int32{int32(i), int32(a), int32(len(s.kbuf))})
			default:
				w = key(w)
			}
		}
		s.keys[i] = w
	}
	if cap(s.fl) < len(s.toks) {
		s.fl = make([]uint32, len(s.toks)+len(s.toks)/2)
	}
	s.fl = s.fl[:len(s.toks)]
	clear(s.fl)
	if len(s.kpos) > 0 {
		str := string(s.kbuf)
		for _, p := range s.kpos {
			s.keys[p[0]] = str[p[1]:p[2]]
		}
	}
}

// appendKey appends key(w) to dst.
func appendKey(dst []byte, w string) []byte {
	switch asciiKeyCase(w) {
	case keySame:
		return append(dst, w...)
	case keyASCII:
		return appendKeyASCII(dst, w)
	}
	return append(dst, key(w)...)
}

// appendKeyASCII appends key(w) for an ASCII w: lower case, no dots.
func appendKeyASCII(dst []byte, w string) []byte {
	for j := 0; j < len(w); j++ {
		if c := w[j]; c != '.' {
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
		}
	}
	return dst
}

const (
	keySame  = iota // key(w) == w
	keyASCII        // ASCII with capitals or dots: lower-cased, dots dropped
	keyOther        // not ASCII: key does the work
)

// asciiKeyCase tells what key does to w.
func asciiKeyCase(w string) int {
	needs := false
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return keyOther
		}
		if (c >= 'A' && c <= 'Z') || c == '.' {
			needs = true
		}
	}
	if needs {
		return keyASCII
	}
	return keySame
}

// maxArena: larger arenas are not kept for the next call.
const maxArena = 1 << 16

// release drops the references the scanner's buffers hold to the cable's
// text, so that a pooled scanner keeps no state of the call.
func (s *scanner) release() {
	clear(s.tokArena)
	clear(s.keyArena)
	clear(s.out) // empty unless the call failed
	s.tokArena, s.keyArena, s.out = s.tokArena[:0], s.keyArena[:0], s.out[:0]
	if cap(s.tokArena) > maxArena {
		s.tokArena = nil
	}
	if cap(s.keyArena) > maxArena {
		s.keyArena = nil
	}
	if cap(s.kbuf) > maxArena {
		s.kbuf = nil
	}
	s.toks, s.keys, s.text, s.cx, s.defs = nil, nil, "", nil, nil
}

// word reports whether token i is an unmasked word or number.
func (s *scanner) word(i int) bool {
	t := &s.toks[i]
	return (t.kind == tWord || t.kind == tNum) && !t.masked
}

// capWord reports whether token i can be part of a name.
func (s *scanner) capWord(i int) bool {
	if i >= len(s.toks) {
		return false
	}
	// the cheapest test first; small enough to inline
	t := &s.toks[i]
	return t.cap && (t.kind == tWord || t.kind == tNum) && !t.masked && !isRedaction(t.text)
}

func isRedaction(w string) bool {
	if len(w) < 3 {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] != 'X' && w[i] != 'x' {
			return i >= 6 // "XXXXXXXXXXXnoted": a redaction run into the next word
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
	// a longer word is no connector: the test spares most words after a
	// name their flags lookup
	if len(k) > maxConnectorLen || !s.is(i, fConnector) || (t.cap && !s.caps) {
		return false
	}
	if k == "the" && (i == 0 || !(s.keys[i-1] == "of" || s.keys[i-1] == "for" || s.keys[i-1] == "in" || s.keys[i-1] == "and")) {
		return false
	}
	if s.capWord(i + 1) {
		return true
	}
	// "of the USA", "de la Rua", "in the Arabian Peninsula"
	return i+2 < len(s.toks) && s.word(i+1) && s.is(i+1, fConnector) && !s.toks[i+1].cap && s.capWord(i+2)
}

// maxConnectorLen is the length of the longest connector.
var maxConnectorLen = func() int {
	n := 0
	for k := range connectors {
		n = max(n, len(k))
	}
	return n
}()

// scan finds the mentions of the current segment.
func (s *scanner) scan() {
	n := len(s.toks)
	for i := 0; i < n; {
		if j := s.website(i); j > i {
			s.emit(i, j, "ORG", "", "", MethodWebsite, "", false) // "26sep.com", "PressTV.net"
			i = j
			continue
		}
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
			if s.caps && s.is(j, fCapsStop) {
				return j
			}
			// an initial's or a title's dot: "William B. Wood", "Amb. Burns"
			if j+1 < n && s.toks[j+1].text == "." && (len(s.toks[j].text) == 1 || isAbbrevDot(s.toks[j].text)) && s.capWord(j+2) {
				j += 2
				continue
			}
			j++
		case j > i && s.lowerConnector(j) && !(s.caps && s.is(j, fCapsStop)):
			j++
		case j > i && s.toks[j].text == "+" && s.word(j+1): // P5+1
			j++
		case j > i && s.toks[j].kind == tPoss && possessiveNames[s.keys[j-1]] && s.capWord(j+1): // European People's Party
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

// leadParticles start a surname written without the first name ("de
// Maiziere", "van Rompuy", "von Weizsaecker").
var leadParticles = cueList("lead_particles")

// possessiveNames: words whose possessive runs on inside a body's name
// ("European People's Party", "Democratic People's Front").
var possessiveNames = cueList("possessive_names")

func trimConnectors(s *scanner, i, j int) int {
	for j > i+1 && (s.is(j-1, fConnector) && !s.toks[j-1].cap || s.toks[j-1].kind == tPunct) {
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
		if len(sb) == 0 {
			// one word: the token's flags tell whether a lookup can match
			sb = append(sb, s.keys[j]...)
			words++
			if s.is(j, fPhrase) {
				bestN, best = j+1-i, s.x.phrases[string(sb)]
			} else if !s.is(j, fPrefix) {
				break
			}
			continue
		}
		sb = append(sb, ' ')
		sb = append(sb, s.keys[j]...)
		words++
		// one lookup, through the cache, for both maps: fPhrase is
		// x.phrases' keys, fPrefix x.prefixes'
		if f := s.flags(string(sb)); f&fPhrase != 0 {
			bestN, best = j+1-i, s.x.phrases[string(sb)]
		} else if f&fPrefix == 0 {
			break
		}
	}
	s.buf = sb
	return bestN, best
}

// titleAt returns the length of the longest title starting at token i.
func (s *scanner) titleAt(i, b int) int {
	// a title starts with a title, a title's first words or a modifier:
	// for any other word (most) the lookups below find nothing
	if i < b && !s.is(i, fTitle|fTitlePrefix|fTitleModifier) {
		return 0
	}
	// modifiers: "Assistant Administrator", "Acting Foreign Minister"
	m := i
	for m < b && m-i < 3 && s.is(m, fTitleModifier) && (s.toks[m].cap || s.caps) {
		m++
	}
	if m > i {
		if n := s.titleAt0(m, b); n > 0 {
			return m - i + n
		}
	}
	return s.titleAt0(i, b)
}

var titleModifiers = cueList("title_modifiers")

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
		first := len(sb) == 0
		if !first {
			sb = append(sb, ' ')
		}
		sb = append(sb, s.keys[j]...)
		words++
		// x.titleInfo: titleKey is fTitle, titlePrefix fTitlePrefix; one
		// word: the token's flags are the lookup, more: the cached flags
		var f uint32
		if first {
			f = s.fl[j]
			if f == 0 {
				f = s.tokFlags(j)
			}
		} else {
			f = s.flags(string(sb))
		}
		var info uint8 // titleKey, titlePrefix
		if f&fTitle != 0 {
			info |= titleKey
		}
		if f&fTitlePrefix != 0 {
			info |= titlePrefix
		}
		if info&titleKey != 0 && (s.toks[j].cap || s.caps) {
			best = j + 1 - i
		}
		if info == 0 {
			break // no longer title starts with these words
		}
	}
	s.buf = sb
	return best
}

func (s *scanner) emit(i, j int, typ, canonical, country string, method Method, title string, weak bool) {
	for j > i && s.toks[j-1].kind == tPunct && s.toks[j-1].text != "." {
		j--
	}
	if j <= i {
		return
	}
	if typ == "ORG" && method == MethodOrgPattern {
		// "Chamber of Deputies President", "Ministry of Defense Web site":
		// a title or a page word after the body's name is not part of it
		for j-1 > i+1 && s.word(j-1) && !s.is(j-2, fConnector) && (s.is(j-1, fTitle) && !s.is(j-1, fOrgHead) || orgSpanTails[s.keys[j-1]]) {
			j--
		}
	}
	if typ == "PERSON" && title == "" && !s.caps && j-i >= 2 && (method == MethodNameRun || method == MethodBareName) && !s.is(i, fFirstName) &&
		j+2 < len(s.toks) && s.toks[j].text == "(" && s.toks[j+2].text == ")" && isAcronym(s.toks[j+1].text) && len(s.toks[j+1].text) >= 3 &&
		s.toks[j+1].text[0] == s.toks[i].text[0] && strings.IndexByte(s.toks[j+1].text, s.toks[j-1].text[0]) > 0 {
		typ, method = "ORG", MethodAcronymDef // "Raiffeisen Zentralbank (RZB)": a name with an acronym is a body's, unless a first name or title shows a person
	}
	if typ == "PERSON" && title == "" && j-i >= 2 && s.word(i) && placePrefixes[s.keys[i]] && (method == MethodFirstName || method == MethodNameRun || method == MethodBareName) {
		typ, method = "PLACE", MethodPlacePattern // "Port Stanley", "Mount Elgon", "Wadi Hadramawt"
	}
	if typ == "PERSON" && i > 0 && s.word(i-1) && s.toks[i-1].lower && leadParticles[s.keys[i-1]] && s.toks[i-1].end+1 == s.toks[i].start && !s.caps {
		i-- // "de Maiziere", "van Rompuy": the surname's particle is part of it
	}
	if s.heading && guessMethods[method] {
		return // a capitals heading in a mixed-case cable: only what the lists know
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
	// (not after a person's name that a first name or a title shows: "Katja
	// Hessel (FDP)" is her party)
	if j+2 < len(s.toks) && s.toks[j].text == "(" && s.toks[j+2].text == ")" && isAcronym(s.toks[j+1].text) && j-i >= 2 &&
		!(typ == "PERSON" && (method == MethodFirstName || title != "" || s.x.acronyms[s.toks[j+1].text]) && s.toks[j+1].text != initials(canonical)) &&
		!s.is(j+1, fWord) && !s.x.words[trimPlural(s.keys[j+1])] {
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
	if !docNouns[last] && !s.x.titles[last] && !plural && !(first < i-1 && s.is(first, fDocNoun)) {
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

// webTLDs are the domain endings that make "name.tld" a web site.
var webTLDs = cueList("web_t_l_ds")

// website returns the end of a domain name "x.com" written without spaces at
// token i (a word, a dot, a listed ending, nothing joined after), or i.
func (s *scanner) website(i int) int {
	if i+2 >= len(s.toks) || s.toks[i].kind != tWord || s.toks[i+1].text != "." {
		return i
	}
	a, d, e := &s.toks[i], &s.toks[i+1], &s.toks[i+2]
	if a.end != d.start || d.end != e.start || e.kind != tWord || !webTLDs[s.keys[i+2]] || len(a.text) < 3 {
		return i
	}
	if i > 0 && s.toks[i-1].end == a.start && s.toks[i-1].text == "." {
		return i // "www.state.gov" and longer addresses: a link, not a name
	}
	if i+3 < len(s.toks) && s.toks[i+3].start == e.end && s.toks[i+3].text != "," && s.toks[i+3].text != "." && s.toks[i+3].text != ")" {
		return i
	}
	return i + 3
}

// placePrefixes start a place's name, never a person's: Port Stanley.
var placePrefixes = cueList("place_prefixes")

// orgSpanTails end no body's name: "Ministry of Defense Web site".
var orgSpanTails = cueList("org_span_tails")

// guessMethods are the rules that type a name by its shape or its context
// rather than by a list; a heading in capitals ("ABD AL-MAHDI CAUTIONS
// AGAINST OVERESTIMATING IRAQI FORCES") gives them nothing to go on.
var guessMethods = methodSet(`org-pattern place-pattern name-run bare-name first-name place-context org-context org-cue place-cue caps-guess the-guess company-suffix particle-group`)

// headingText: a short segment without lower-case letters.
func headingText(t string) bool {
	words := 1
	for i := 0; i < len(t); i++ {
		c := t[i]
		if c >= 'a' && c <= 'z' {
			return false
		}
		if c == ' ' {
			words++
		}
	}
	return words <= 14
}
