package enrich

import "strings"

// splitCompounds splits hyphenated and slashed words that join names or a
// name and an English word ("Seoul-Tokyo", "U.S.-based", "anti-Western",
// "Takeshima/Dokdo") into their parts, so that each part is judged alone;
// names written with hyphens ("Kim Jong-il", "Al-Qaeda") stay whole.
func (s *scanner) splitCompounds(toks []token) []token {
	n := 0
	for i := range toks {
		t := &toks[i]
		if t.joined && t.kind == tWord && !t.masked && s.shouldSplit(t.text) {
			n++
		}
	}
	if n == 0 {
		return toks
	}
	out := make([]token, 0, len(toks)+4*n)
	for _, t := range toks {
		if !(t.joined && t.kind == tWord && !t.masked && s.shouldSplit(t.text)) {
			out = append(out, t)
			continue
		}
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
	return out
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
		if _, ok := s.x.phrases[key(w[:h])]; ok {
			return h
		}
	}
	return 0
}

func (s *scanner) shouldSplit(w string) bool {
	x := s.x
	if _, ok := x.phrases[key(w)]; ok {
		return false
	}
	parts := strings.FieldsFunc(w, func(r rune) bool { return r == '-' || r == '/' })
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
	office := s.caps && strings.IndexByte(w, '-') < 0 && officeSymbol(x, w)
	for _, p := range parts {
		if len(p) == 1 && !strings.Contains(w, "/") {
			return true // Kohout-S
		}
		if s.caps && x.words[strings.ToLower(p)] && !office {
			return true // ANTI-STATE, TWO-YEAR (not INR/B)
		}
	}
	if up == len(parts) && strings.ToUpper(w) == w {
		// office symbols (EUR/RUS) and acronym compounds (UNA-USA) stay
		// whole unless every part is known (ROK-PRC)
		for _, p := range parts {
			if _, ok := x.phrases[key(p)]; !ok {
				return false
			}
		}
		return true
	}
	for i, p := range parts {
		k := key(p)
		if particles[k] && i == 0 {
			continue
		}
		if p[0] >= '0' && p[0] <= '9' {
			return true
		}
		if p[0] >= 'a' && p[0] <= 'z' && x.words[k] {
			return true // U.S.-based, anti-Western
		}
		if _, ok := x.phrases[k]; ok && !(i > 0 && p[0] >= 'a' && p[0] <= 'z') {
			if up >= 2 {
				return true // Seoul-Tokyo, ROK-PRC
			}
		}
		if x.demonyms[k] || directions[k] || x.nonEnt[k] {
			return true
		}
		if s.caps && (x.words[k] || x.acronyms[p]) && len(parts) > 1 {
			return true
		}
	}
	return false
}
