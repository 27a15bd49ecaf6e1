package enrich

import (
	"strings"
	"unicode/utf8"
)

// splitCompounds splits hyphenated and slashed words that join names or a
// name and an English word ("Seoul-Tokyo", "U.S.-based", "anti-Western",
// "Takeshima/Dokdo") into their parts, so that each part is judged alone;
// names written with hyphens ("Kim Jong-il", "Al-Qaeda") stay whole.
//
// The tokens before the first split word stay as they are: it returns that
// word's index (len(toks) if none) and the tokens that replace toks[first:]
// (in s.split), so that only those are copied.
func (s *scanner) splitCompounds(toks []token) (int, []token) {
	first := -1 // the first token to split
	for i := range toks {
		t := &toks[i]
		if t.joined && t.kind == tWord && !t.masked && s.shouldSplit(t.text) {
			first = i
			break
		}
	}
	if first < 0 {
		return len(toks), nil
	}
	out := s.split[:0] // reset copies the result to the arena and clears it
	run := first       // toks[run:] are not in out yet
	for ti := first; ti < len(toks); ti++ {
		t := &toks[ti]
		if ti > first && !(t.joined && t.kind == tWord && !t.masked && s.shouldSplit(t.text)) {
			continue
		}
		out = append(out, toks[run:ti]...)
		run = ti + 1
		start := t.start
		if h := s.phrasePrefix(t.text); h > 0 { // "al-Qaeda-linked": "al-Qaeda", "-", "linked"
			p := token{start: t.start, end: t.start + h, text: t.text[:h], sentStart: t.sentStart}
			classify(&p)
			p.joined = true
			out = append(out, p, token{start: t.start + h, end: t.start + h + 1, text: "-", kind: tPunct})
			start = t.start + h + 1
		}
		for i := start - t.start; i <= len(t.text); i++ {
			if i < len(t.text) && t.text[i] != '-' && t.text[i] != '/' {
				continue
			}
			off := t.start + i
			if off > start {
				p := token{start: start, end: off, text: t.text[start-t.start : i], sentStart: t.sentStart && start == t.start}
				classify(&p)
				out = append(out, p)
			}
			if i < len(t.text) {
				out = append(out, token{start: off, end: off + 1, text: t.text[i : i+1], kind: tPunct})
			}
			start = off + 1
		}
	}
	out = append(out, toks[run:]...)
	s.split = out
	return first, out
}

// phrasePrefix: the end of a listed hyphenated name that starts w and is
// followed by lower-case words only ("al-Qaeda-linked"), or 0.
func (s *scanner) phrasePrefix(w string) int {
	for h := strings.LastIndexByte(w, '-'); h > 0; h = strings.LastIndexByte(w[:h], '-') {
		rest := w[h+1:]
		if rest == "" || rest[0] < 'a' || rest[0] > 'z' {
			return 0
		}
		if strings.IndexByte(w[:h], '-') < 0 {
			return 0 // only a name that is itself hyphenated
		}
		if _, ok := s.x.phrases[string(appendKey(s.buf[:0], w[:h]))]; ok {
			return h
		}
	}
	return 0
}

func (s *scanner) shouldSplit(w string) bool {
	x := s.x
	kb := s.buf[:0]
	defer func() { s.buf = kb }()
	// s.flags(k) tells whether k is in x.phrases (fPhrase), x.words
	// (fWord) and the other lists, through the scanner's cache
	if kb = appendKey(kb, w); s.flags(string(kb))&fPhrase != 0 {
		return false
	}
	var pbuf [8]string
	parts := splitParts(pbuf[:0], w)
	if len(parts) < 2 {
		return false
	}
	up := 0
	for _, p := range parts {
		if p[0] >= 'A' && p[0] <= 'Z' {
			up++
		}
	}
	if knownVariant(x, w) {
		return false // MNF-I
	}
	if len(parts[0]) < 8 && parts[0][0] >= 'A' && parts[0][0] <= 'Z' && strings.IndexByte(w, '-') == len(parts[0]) && combiningPrefixes[string(appendLower(kb[:0], parts[0]))] {
		return false // Inter-American, Pan-American
	}
	if !s.caps && len(parts) == 2 && strings.IndexByte(w, '/') < 0 && parts[0][0] >= 'A' && parts[0][0] <= 'Z' && parts[1][0] >= 'a' && parts[1][0] <= 'z' {
		kb = appendKey(kb[:0], parts[0])
		if f := s.flags(string(kb)); f&fWord != 0 && f&(fPhrase|fDemonym|fDirection) == 0 {
			if kb = appendKey(kb[:0], parts[1]); s.flags(string(kb))&fWord != 0 && !strings.HasSuffix(parts[1], "ed") && !strings.HasSuffix(parts[1], "ing") { // not "Palace-backed"
				return false // "Follow-up and Coordination Department": one English word
			}
		}
	}
	office := s.caps && strings.IndexByte(w, '-') < 0 && officeSymbol(x, w)
	for _, p := range parts {
		if len(p) == 1 && !strings.Contains(w, "/") {
			return true // Kohout-S
		}
		if s.caps {
			kb = appendLower(kb[:0], p)
			if s.flags(string(kb))&fWord != 0 && !office {
				return true // ANTI-STATE, TWO-YEAR (not INR/B)
			}
		}
	}
	if up == len(parts) && isUpper(w) {
		// office symbols (EUR/RUS) and acronym compounds (UNA-USA) stay
		// whole unless every part is known (ROK-PRC)
		for _, p := range parts {
			kb = appendKey(kb[:0], p)
			if s.flags(string(kb))&fPhrase == 0 {
				return false
			}
		}
		return true
	}
	for i, p := range parts {
		kb = appendKey(kb[:0], p)
		f := s.flags(string(kb))
		if f&fParticle != 0 && i == 0 {
			continue
		}
		if p[0] >= '0' && p[0] <= '9' {
			return true
		}
		if p[0] >= 'a' && p[0] <= 'z' && f&fWord != 0 {
			return true // U.S.-based, anti-Western
		}
		if f&fPhrase != 0 && !(i > 0 && p[0] >= 'a' && p[0] <= 'z') {
			if up >= 2 {
				return true // Seoul-Tokyo, ROK-PRC
			}
		}
		if f&(fDemonym|fDirection|fNonEnt) != 0 {
			return true
		}
		if s.caps && (f&fWord != 0 || x.acronyms[p]) && len(parts) > 1 {
			return true
		}
	}
	return false
}

// splitParts appends to dst the parts of w between hyphens and slashes,
// without empty ones: strings.FieldsFunc(w, r == '-' || r == '/').
func splitParts(dst []string, w string) []string {
	start := 0
	for i := 0; i <= len(w); i++ {
		if i == len(w) || w[i] == '-' || w[i] == '/' {
			if i > start {
				dst = append(dst, w[start:i])
			}
			start = i + 1
		}
	}
	return dst
}

// appendLower appends strings.ToLower(w) to dst.
func appendLower(dst []byte, w string) []byte {
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			return append(dst, strings.ToLower(w)...)
		}
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// isUpper reports whether strings.ToUpper(w) == w.
func isUpper(w string) bool {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= utf8.RuneSelf {
			return strings.ToUpper(w) == w
		} else if c >= 'a' && c <= 'z' {
			return false
		}
	}
	return true
}
