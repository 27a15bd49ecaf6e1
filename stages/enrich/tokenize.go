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
		// ASCII (nearly all the text) is told apart with the byte's class
		var r rune
		n, word := 1, false
		if c := s[i]; c < utf8.RuneSelf {
			if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
				i++
				continue
			}
			r, word = rune(c), asciiClass[c]&cAlnum != 0
		} else {
			r, n = utf8.DecodeRuneInString(s[i:])
			if r == '\u00a0' {
				i += n
				continue
			}
			word = isLetter(r) // no digit is outside ASCII
		}
		switch {
		case word:
			j, acc := scanWord(s, i)
			// the token is built in place (a token is large to copy)
			out = append(out, token{start: i, end: j, text: s[i:j]})
			t := &out[len(out)-1]
			if acc&cHigh == 0 {
				// ASCII: scanWord has seen every byte; what classify would do
				setASCIIClass(t, asciiClass[s[i]], acc)
				if t.lower && t.joined {
					namePrefix(t) // (its own test first: a call less per word)
				}
			} else {
				classifyRunes(t) // classify, for text that is not ASCII
				namePrefix(t)
			}
			t.sentStart = sent
			// possessive: Ukraine's, Saleh’s
			if k := possStart(t.text); k > 0 {
				t.end = i + k
				t.text = s[i:t.end]
				classify(t)
				e := t.end
				out = append(out, token{start: e, end: j, text: s[e:j], kind: tPoss})
			}
			sent = false
			i = j
		default:
			out = append(out, token{start: i, end: i + n, text: s[i : i+n], kind: tPunct})
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

// scanWord returns the end of the word that starts at i, and the union of
// the asciiClass of its bytes (for classify; cHigh if any is not ASCII).
func scanWord(s string, i int) (int, uint8) {
	j := i
	acc := uint8(0)
	for j < len(s) {
		var r rune
		var n int
		if c := s[j]; c < utf8.RuneSelf {
			if cl := asciiClass[c]; cl&cAlnum != 0 {
				acc |= cl
				j++ // an ASCII letter or digit
				continue
			}
			r, n = rune(c), 1
		} else {
			r, n = utf8.DecodeRuneInString(s[j:])
			if isLetter(r) || unicode.Is(unicode.Mn, r) {
				acc |= cHigh
				j += n
				continue
			}
		}
		// joiners: an inner - ' ’ / followed by a letter or digit
		if r == '-' || isApos(r) || r == '/' || r == '&' {
			r2, _ := runeAt(s, j+n)
			if isLetter(r2) || isDigit(r2) {
				if r == '/' && j+n < len(s) && j > i && isDigit(rune(s[j-1])) {
					return j, acc // dates 05/30
				}
				acc |= asciiClass[s[j]] // the joiner's (first) byte
				j += n
				continue
			}
		}
		// a comma typed for an apostrophe (the cables' transmission turned
		// many ’ into ,): "Iraq,s", "can,t", "al-Qa,ida"; only between
		// letters and before at most three letters, so lists keep their commas
		if r == ',' && j > i && isLetter(rune(s[j-1])) && commaApostrophe(s, j+1) {
			acc |= asciiClass['\'']
			j++
			continue
		}
		// abbreviation dots: U.S. U.K. D.C. (single letters)
		if r == '.' && j-i >= 1 && isSingleLetterBefore(s, i, j) {
			r2, _ := runeAt(s, j+1)
			if isLetter(r2) {
				r3, _ := runeAt(s, j+2)
				if r3 == '.' || !isLetter(r3) {
					acc |= cDot
					j++
					continue
				}
			}
			// final dot of U.S. (but not of a sentence-ending single letter)
			if j-i >= 3 && s[j-2] == '.' {
				return j + 1, acc | cDot
			}
		}
		break
	}
	return j, acc
}

// isSingleLetterBefore reports whether s[i:j] ends in a single letter preceded
// by the word start or a dot (U, U.S, D.C).
func isSingleLetterBefore(s string, i, j int) bool {
	if j-i == 1 {
		return true
	}
	return j-i >= 2 && s[j-2] == '.'
}

// commaApostrophe: one to three ASCII letters start at k, and no letter or
// digit follows them.
func commaApostrophe(s string, k int) bool {
	e := k
	for e < len(s) && e-k <= 3 && (s[e]|0x20 >= 'a' && s[e]|0x20 <= 'z') {
		e++
	}
	if e == k || e-k > 3 {
		return false
	}
	return e == len(s) || asciiClass[s[e]]&cAlnum == 0 && s[e] < utf8.RuneSelf
}

func possStart(w string) int {
	n := len(w)
	if n > 2 && (w[n-1] == 's' || w[n-1] == 'S') && (w[n-2] == '\'' || w[n-2] == ',') {
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
	namePrefix(t)
}

// namePrefix: a lower-case name prefix makes a capitalized word.
func namePrefix(t *token) {
	if t.lower && t.joined && len(t.text) > 4 {
		// al-Attas, el-Baradei, bin-Laden: a name
		for _, p := range []string{"al-", "el-", "ad-", "as-", "an-", "ar-", "at-", "az-", "bin-", "abu-"} {
			if strings.HasPrefix(t.text, p) && len(t.text) > len(p) && t.text[len(p)] >= 'A' && t.text[len(p)] <= 'Z' {
				t.cap, t.lower = true, false
			}
		}
	}
}

// asciiClass: what classifyASCII and scanWord need to know of a byte,
// found with one table lookup instead of a chain of comparisons.
var asciiClass = func() (t [256]uint8) {
	for c := 0; c < 256; c++ {
		switch {
		case c >= utf8.RuneSelf:
			t[c] = cHigh
		case c >= 'A' && c <= 'Z':
			t[c] = cUpper
		case c >= 'a' && c <= 'z':
			t[c] = cLower
		case c >= '0' && c <= '9':
			t[c] = cDigit
		case c == '-' || c == '/':
			t[c] = cJoin
		case c == '.':
			t[c] = cDot
		}
	}
	return t
}()

const (
	cUpper uint8 = 1 << iota
	cLower
	cDigit
	cJoin // - or /
	cDot
	cHigh // not ASCII

	cAlnum = cUpper | cLower | cDigit
)

// classifyASCII is classifyRunes for ASCII text, in one pass that also
// tells what key does to the text; it reports false, having set nothing,
// when t.text is not ASCII.
func classifyASCII(t *token) bool {
	w := t.text
	var acc uint8
	i := 0
	// the first letter or digit tells the case of the word
	for ; i < len(w); i++ {
		if c := asciiClass[w[i]]; c&(cAlnum|cHigh) != 0 {
			break
		}
	}
	first := uint8(0)
	if i < len(w) {
		first = asciiClass[w[i]]
	}
	for _, c := range []byte(w) {
		acc |= asciiClass[c]
	}
	if acc&cHigh != 0 {
		return false
	}
	setASCIIClass(t, first, acc)
	return true
}

// setASCIIClass sets the case flags, kind and keyCase of an ASCII token
// from the class of its first letter or digit and the union of its bytes'.
func setASCIIClass(t *token, first, acc uint8) {
	if first&(cUpper|cLower) != 0 { // a letter before any digit
		t.cap, t.lower = first&cUpper != 0, first&cUpper == 0
	}
	t.joined = t.joined || acc&cJoin != 0
	t.allCaps = acc&(cUpper|cLower) == cUpper
	t.kind = tWord
	if acc&(cUpper|cLower|cDigit) == cDigit {
		t.kind = tNum // digits and no letter
	}
	t.keyCase = keySame
	if acc&(cUpper|cDot) != 0 {
		t.keyCase = keyASCII
	}
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
