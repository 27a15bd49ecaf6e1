package enrich

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is one word or punctuation mark of a paragraph.
type token struct {
	start, end int    // byte offsets in the paragraph text
	text       string // text[start:end]
	kind       tokKind
	cap        bool  // first letter upper case
	allCaps    bool  // has letters, none lower case
	lower      bool  // first letter lower case
	sentStart  bool  // first word of a sentence (or paragraph, or after a colon or quote)
	masked     bool  // inside a header-like line or portion marking
	joined     bool  // has an inner hyphen or slash
	keyCase    uint8 // of a word or number: what key does to text (keySame, keyASCII, keyOther)
}

type tokKind uint8

const (
	tWord tokKind = iota
	tNum
	tPunct
	tPoss // possessive 's
)

func isLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return r|0x20 >= 'a' && r|0x20 <= 'z'
	}
	return unicode.IsLetter(r)
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

func runeAt(s string, i int) (rune, int) {
	if i >= len(s) {
		return 0, 0
	}
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

func isApos(r rune) bool { return r == '\'' || r == '\u2019' }

// tokenize splits s into words (letters and digits, joined by inner hyphens,
// apostrophes, slashes and the dots of abbreviations like U.S.), numbers and
// punctuation. A trailing possessive 's becomes its own token.
func tokenize(s string, out []token) []token {
	i := 0
	sent := true
	for i < len(s) {
		r, n := runeAt(s, i)
		switch {
		case r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\u00a0':
			i += n
			continue
		case isLetter(r) || isDigit(r):
			j := scanWord(s, i)
			t := token{start: i, end: j, text: s[i:j]}
			classify(&t)
			// possessive: Ukraine's, Saleh’s
			if k := possStart(t.text); k > 0 {
				t.end = i + k
				t.text = s[i:t.end]
				classify(&t)
				t.sentStart = sent
				out = append(out, t)
				out = append(out, token{start: t.end, end: j, text: s[t.end:j], kind: tPoss})
			} else {
				t.sentStart = sent
				out = append(out, t)
			}
			sent = false
			i = j
		default:
			t := token{start: i, end: i + n, text: s[i : i+n], kind: tPunct}
			out = append(out, t)
			switch r {
			case '.', '?', '!', ':', ';', '"', '\u201c', '(', '-':
				// "-" starts a new clause often enough ("-- Yemen ..."); "(" too.
				if r == '.' && len(out) >= 2 && isAbbrevDot(out[len(out)-2].text) {
					break
				}
				sent = true
			}
			i += n
		}
	}
	return out
}

// isAbbrevDot reports whether a dot after word w is an abbreviation's (Mr.,
// Amb., Gen.) rather than a sentence end.
func isAbbrevDot(w string) bool {
	switch w {
	case "Mr", "Mrs", "Ms", "Dr", "Amb", "Gen", "Col", "Lt", "Maj", "Capt", "Sen", "Rep", "Gov", "St", "Adm", "Prof",
		"MR", "MRS", "MS", "DR", "AMB", "GEN", "COL", "LT", "MAJ", "CAPT", "SEN", "REP", "GOV", "ST", "ADM", "PROF", "Jr", "Sr", "No", "Brig", "Cdr", "Ft", "Mt":
		return true
	}
	return len(w) == 1 && w[0] >= 'A' && w[0] <= 'Z' // initials: William B. Wood
}

func scanWord(s string, i int) int {
	j := i
	for j < len(s) {
		var r rune
		var n int
		if c := s[j]; c < utf8.RuneSelf {
			if c|0x20 >= 'a' && c|0x20 <= 'z' || c >= '0' && c <= '9' {
				j++ // an ASCII letter or digit
				continue
			}
			r, n = rune(c), 1
		} else {
			r, n = utf8.DecodeRuneInString(s[j:])
			if isLetter(r) || unicode.Is(unicode.Mn, r) {
				j += n
				continue
			}
		}
		// joiners: an inner - ' ’ / followed by a letter or digit
		if r == '-' || isApos(r) || r == '/' || r == '&' {
			r2, _ := runeAt(s, j+n)
			if isLetter(r2) || isDigit(r2) {
				if r == '/' && j+n < len(s) && j > i && isDigit(rune(s[j-1])) {
					return j // dates 05/30
				}
				j += n
				continue
			}
		}
		// abbreviation dots: U.S. U.K. D.C. (single letters)
		if r == '.' && j-i >= 1 && isSingleLetterBefore(s, i, j) {
			r2, _ := runeAt(s, j+1)
			if isLetter(r2) {
				r3, _ := runeAt(s, j+2)
				if r3 == '.' || !isLetter(r3) {
					j++
					continue
				}
			}
			// final dot of U.S. (but not of a sentence-ending single letter)
			if j-i >= 3 && s[j-2] == '.' {
				return j + 1
			}
		}
		break
	}
	return j
}

// isSingleLetterBefore reports whether s[i:j] ends in a single letter preceded
// by the word start or a dot (U, U.S, D.C).
func isSingleLetterBefore(s string, i, j int) bool {
	if j-i == 1 {
		return true
	}
	return j-i >= 2 && s[j-2] == '.'
}

func possStart(w string) int {
	n := len(w)
	if n > 2 && (w[n-1] == 's' || w[n-1] == 'S') && w[n-2] == '\'' {
		return n - 2
	}
	if n > 4 && (w[n-1] == 's' || w[n-1] == 'S') && w[n-4:n-1] == "\u2019" {
		return n - 4
	}
	return 0
}

func classify(t *token) {
	if !classifyASCII(t) {
		classifyRunes(t)
	}
	if t.lower && t.joined && len(t.text) > 4 {
		// al-Attas, el-Baradei, bin-Laden: a name
		for _, p := range []string{"al-", "el-", "ad-", "as-", "an-", "ar-", "at-", "az-", "bin-", "abu-"} {
			if strings.HasPrefix(t.text, p) && len(t.text) > len(p) && t.text[len(p)] >= 'A' && t.text[len(p)] <= 'Z' {
				t.cap, t.lower = true, false
			}
		}
	}
}

// classifyASCII is classifyRunes for ASCII text, in one pass that also
// tells what key does to the text; it reports false, having set nothing,
// when t.text is not ASCII.
func classifyASCII(t *token) bool {
	w := t.text
	hasLetter, hasLower, hasDigit, joined, needsKey := false, false, false, false, false
	first, firstUp := true, false
	letterFirst := false // a letter came before any digit
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c >= utf8.RuneSelf:
			return false
		case c >= 'A' && c <= 'Z':
			if first {
				first, letterFirst, firstUp = false, true, true
			}
			hasLetter, needsKey = true, true
		case c >= 'a' && c <= 'z':
			if first {
				first, letterFirst = false, true
			}
			hasLetter, hasLower = true, true
		case c == '-' || c == '/':
			joined = true
		case c >= '0' && c <= '9':
			hasDigit, first = true, false
		case c == '.':
			needsKey = true
		}
	}
	if letterFirst {
		t.cap, t.lower = firstUp, !firstUp
	}
	if joined {
		t.joined = true
	}
	t.allCaps = hasLetter && !hasLower
	if !hasLetter && hasDigit {
		t.kind = tNum
	} else {
		t.kind = tWord
	}
	t.keyCase = keySame
	if needsKey {
		t.keyCase = keyASCII
	}
	return true
}

// classifyRunes sets the case flags and kind of t.
func classifyRunes(t *token) {
	t.keyCase = keyOther
	hasLetter, hasLower, hasDigit := false, false, false
	first := true
	for _, r := range t.text {
		if isLetter(r) {
			if first {
				t.cap = unicode.IsUpper(r)
				t.lower = unicode.IsLower(r)
				first = false
			}
			hasLetter = true
			if unicode.IsLower(r) {
				hasLower = true
			}
		} else if r == '-' || r == '/' {
			t.joined = true
		} else if isDigit(r) {
			hasDigit = true
			if first {
				first = false
			}
		}
	}
	t.allCaps = hasLetter && !hasLower
	if !hasLetter && hasDigit {
		t.kind = tNum
	} else {
		t.kind = tWord
	}
}
