package enrich

import (
	"strings"
	"unicode"
)

// maskHeaderLines marks the tokens of header-like lines inside a paragraph
// (routing "STATE FOR EUR/RUS", page lines "MOSCOW 00004849 002 OF 003",
// markings) and of portion markings such as "(S//REL NATO)" and "(C)": they
// are never entities.
func maskHeaderLines(text string, toks []token) {
	ti := 0
	for start := 0; start < len(text); {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		from := start
		if headerLine(strings.TrimSpace(text[start:end])) || func() bool { from = webTrailer(text[start:end]); return from >= 0 }() {
			if from < start {
				from += start
			}
			for ti < len(toks) && toks[ti].start < from {
				ti++
			}
			for k := ti; k < len(toks) && toks[k].start < end; k++ {
				toks[k].masked = true
			}
		}
		start = end + 1
	}
	// one pass over the tokens for two rules that only set masks (neither
	// reads them; maskURLs, which does, cannot start at a token a portion
	// marking masks: no marking word is a URL's http or www), which also
	// finds the first token maskURLs could start at
	url := -1
	for i := range toks {
		if url < 0 && urlStart(&toks[i]) {
			url = i
		}
		// references to other cables: "BRASILIA 000905", "STATE 123456";
		// page lines run into the text: "Kabul 00000693 003 of 003"
		if i+1 < len(toks) && toks[i].kind == tWord && toks[i+1].kind == tNum && (toks[i].allCaps && len(toks[i+1].text) >= 5 || toks[i].cap && len(toks[i+1].text) >= 8) {
			toks[i].masked, toks[i+1].masked = true, true
		}
		// portion markings: "(S//REL NATO)"
		if toks[i].text != "(" {
			continue
		}
		for j := i + 1; j < len(toks) && j < i+12; j++ {
			if toks[j].text == ")" {
				if portionMarking(text[toks[i].end:toks[j].start]) {
					for k := i; k <= j; k++ {
						toks[k].masked = true
					}
				}
				break
			}
		}
	}
	if url >= 0 {
		maskURLs(text, toks[url:])
	}
}

// urlStart: the token may start a web address (a word of 3 to 5 letters
// starting with h or w: http, https, www); maskURLs looks no further.
func urlStart(t *token) bool {
	return uint(len(t.text)-3) <= 2 && t.kind == tWord && (t.text[0]|0x20 == 'h' || t.text[0]|0x20 == 'w') // (one unsigned test of the length)
}

var markingWords = cueList("marking_words")

// portionMarking: "S//REL NATO", "C", "SBU", "C/NF", "U//FOUO".
func portionMarking(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 60 {
		return false
	}
	// the fields of strings.FieldsFunc(s, '/', ' ', ',', '-'), all marking words
	n := 0
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == '/' || s[i] == ' ' || s[i] == ',' || s[i] == '-' {
			if i > start {
				if !markingWords[s[start:i]] {
					return false
				}
				n++
			}
			start = i + 1
		}
	}
	return n > 0
}

var headerPrefixes = []string{"STATE FOR ", "DEPT FOR ", "DEPARTMENT FOR ", "PASS TO ", "PASS ", "SIPDIS", "NOFORN", "E.O.", "EO 1",
	"TAGS", "SUBJECT:", "SUBJ:", "REF:", "REFS:", "REF A", "CLASSIFIED BY", "SECTION ", "VZCZC", "C O N F", "S E C R E T", "U N C L",
	"UNCLAS ", "UNCLASSIFIED", "CONFIDENTIAL", "SECRET ", "LIMITED OFFICIAL USE", "NNNN", "BT", "AMEMBASSY ", "AMCONSUL ", "SECSTATE ",
	"RUEH", "USMISSION ", "DECLASSIFIED/RELEASED", "NNN", "USDAO ", "CDR ", "GP-", "GDS ", "JOINT STAFF", "SECDEF WASH", "CIA WASH", "DIA WASH", "NSC WASH"}

// headerLine reports whether a line of a paragraph is really header.
func headerLine(l string) bool {
	if l == "" {
		return false
	}
	// "Classified by Ambassador X for reasons 1.4 (b) and (d)." in any case
	// (only d or D folds to d, c or C to c: a cheap test first)
	if len(l) > 21 && l[0]|0x20 == 'd' && strings.EqualFold(l[:21], "declassified/released") {
		return true
	}
	if len(l) > 14 && l[0]|0x20 == 'c' && (strings.EqualFold(l[:14], "classified by ") || strings.EqualFold(l[:14], "classified by:")) {
		return true
	}
	if trailerLine(l) {
		return true
	}
	// a post's routing note: "Tripoli minimize considered."
	if n := len(l); n < 60 && n > 20 && (strings.HasSuffix(l, "minimize considered.") || strings.HasSuffix(l, "minimize considered") || strings.HasSuffix(l, "MINIMIZE CONSIDERED")) {
		return true
	}
	for i := 0; i < len(l); i++ {
		if l[i] >= 'a' && l[i] <= 'z' {
			return false
		}
	}
	// a repeated routing block: "R 171512Z JAN 90 FM AMCONSUL CAPE TOWN TO SECSTATE WASHDC ..."
	if strings.Contains(l, "SECSTATE WASHDC") || strings.Contains(l, "FM AMEMBASSY") || strings.Contains(l, "FM AMCONSUL") {
		return true
	}
	if len(l) > 120 {
		return false
	}
	for _, p := range headerPrefixes {
		if p[0] == l[0] && strings.HasPrefix(l, p) { // the first byte: a cheap filter
			if p == "BT" && len(l) > 2 {
				continue
			}
			if (p == "CONFIDENTIAL" || p == "SECRET " || p == "UNCLASSIFIED") && !strings.Contains(l, "OF") && len(l) > 40 {
				continue
			}
			return true
		}
	}
	// page line: "MOSCOW 00004849 002 OF 003"
	if i := strings.Index(l, " OF "); i > 0 && longDigits(l) {
		return true
	}
	// routing: "FM AMEMBASSY MOSCOW", "TO SECSTATE WASHDC", "RIYADH FOR ASTEINFELD"
	if strings.HasPrefix(l, "FM ") || strings.HasPrefix(l, "TO ") || strings.HasPrefix(l, "INFO ") {
		return strings.Contains(l, "AMEMBASSY") || strings.Contains(l, "SECSTATE") || strings.Contains(l, "WASHDC") || strings.Contains(l, "AMCONSUL")
	}
	if n, second := fieldsUpTo(l, 7); n >= 3 && n <= 6 && second == "FOR" {
		return true
	}
	return false
}

// fieldsUpTo returns how many of strings.Fields(s) there are, counting up
// to max, and the second one.
func fieldsUpTo(s string, max int) (n int, second string) {
	start := -1
	for i, r := range s {
		// unicode.IsSpace, with ASCII (nearly every byte) inline
		if r == ' ' || r >= '\t' && r <= '\r' || r >= 0x80 && unicode.IsSpace(r) {
			if start >= 0 {
				if n++; n == 2 {
					second = s[start:i]
				}
				if n >= max {
					return n, second
				}
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		if n++; n == 2 {
			second = s[start:]
		}
	}
	return n, second
}

func longDigits(l string) bool {
	run := 0
	for i := 0; i < len(l); i++ {
		if l[i] >= '0' && l[i] <= '9' {
			run++
			if run >= 6 {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}

// maskURLs masks the words of web addresses: "http://www.state.sgov.gov/p/eur/paris".
func maskURLs(text string, toks []token) {
	// only a text with "://" or "www." has web addresses; the test (three
	// searches of the whole text) waits for the first candidate token
	hasURL := 0 // 0 not known yet, 1 yes, -1 no
	for i := range toks {
		t := &toks[i]
		if !urlStart(t) || t.masked {
			continue
		}
		web := (strings.EqualFold(t.text, "http") || strings.EqualFold(t.text, "https")) && i+1 < len(toks) && toks[i+1].text == ":"
		if !web && !(strings.EqualFold(t.text, "www") && i+1 < len(toks) && toks[i+1].text == ".") {
			continue
		}
		if hasURL == 0 {
			hasURL = -1
			// the token itself is most often the witness
			if rest := text[t.end:]; strings.HasPrefix(rest, "://") || (t.text == "www" || t.text == "WWW") && strings.HasPrefix(rest, ".") ||
				strings.Contains(text, "://") || strings.Contains(text, "www.") || strings.Contains(text, "WWW.") {
				hasURL = 1
			}
		}
		if hasURL < 0 {
			return
		}
		end := strings.IndexAny(text[t.start:], " \t\n\r")
		if end < 0 {
			end = len(text)
		} else {
			end += t.start
		}
		for k := i; k < len(toks) && toks[k].start < end; k++ {
			toks[k].masked = true
		}
	}
}

// trailerLine: lines that web copies add around the text: a database query
// or a print stamp ("SELECT * FROM ...", "Track impresión: ...").
func trailerLine(l string) bool {
	return strings.HasPrefix(l, "SELECT * FROM ") || strings.HasPrefix(l, "Track impresi") ||
		strings.HasPrefix(l, "You can also access this site through") // the second line of "Visit X's Classified Website"
}

// webTrailer: in a post's trailer, "Visit Ankara's Classified Web Site at
// http://..." (a line of its own or the end of the last paragraph's line),
// where "Visit" starts, or -1. Web copies add the line; it is not the body
// (shared/eval/ANNOTATION.md), so none of it is an entity, the post's name
// included.
func webTrailer(l string) int {
	if strings.IndexByte(l, 'W') < 0 && strings.IndexByte(l, 'w') < 0 {
		return -1 // every pattern has a W or a w: most lines are out at once
	}
	c := strings.Index(l, "lassified Web")
	if c < 0 {
		c = strings.Index(l, "LASSIFIED WEB")
	}
	if c < 0 {
		c = strings.Index(l, "lassified web") // "Visit Embassy Singapore’s Classified website"
	}
	if c < 1 {
		return -1
	}
	from := c - 70 // "Visit Embassy Port-au-Prince's Classified Website"
	if from < 0 {
		from = 0
	}
	for j := c - 6; j >= from; j-- {
		if (l[j] == 'V' || l[j] == 'v') && strings.EqualFold(l[j:j+6], "visit ") && (j == 0 || l[j-1] == ' ' || l[j-1] == '\t' || l[j-1] == '"' || l[j-1] >= 0x80) {
			return j
		}
	}
	return -1
}
