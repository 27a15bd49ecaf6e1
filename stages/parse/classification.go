package parse

import "strings"

// Classification levels as the warehouse stores them.
const (
	Unclassified = "UNCLASSIFIED"
	Confidential = "CONFIDENTIAL"
	Secret       = "SECRET"
	TopSecret    = "TOP SECRET"
)

// classWords are the spellings that open a classification line, longest
// first so "TOP SECRET" wins over "SECRET" and "UNCLASSIFIED" over "UNCLAS".
// LIMITED OFFICIAL USE is an unclassified handling marking; it is kept as a
// caveat.
var classWords = []struct{ word, level, caveat string }{
	{"TOP SECRET", TopSecret, ""},
	{"UNCLASSIFIED", Unclassified, ""},
	{"CONFIDENTIAL", Confidential, ""},
	{"LIMITED OFFICIAL USE", Unclassified, "LIMITED OFFICIAL USE"},
	{"SECRET", Secret, ""},
	{"UNCLAS", Unclassified, ""},
}

// matchSpaced matches word (upper case, single spaces between words) at the
// start of s ignoring case, also when letter-spaced ("C O N F I D E N T I A L")
// or when the letter-spacing swallows word breaks. It returns the length of
// s consumed, or -1.
func matchSpaced(s, word string) int {
	i := 0
	for k := 0; k < len(word); k++ {
		w := word[k]
		if w == ' ' {
			// a word break: one or more spaces, or none in a letter-spaced run
			for i < len(s) && s[i] == ' ' {
				i++
			}
			continue
		}
		if k > 0 && word[k-1] != ' ' && i < len(s) && s[i] == ' ' {
			// letter spacing: "C O N"; allow a single space between letters
			if i+1 < len(s) && s[i+1] != ' ' {
				i++
			}
		}
		if i >= len(s) || upper(s[i]) != w {
			return -1
		}
		i++
	}
	// the word must end here: not followed by a letter ("SECRETARY")
	if i < len(s) && isLetter(s[i]) {
		return -1
	}
	return i
}

func upper(c byte) byte {
	if c >= 'a' && c <= 'z' {
		return c - 32
	}
	return c
}

func isLetter(c byte) bool { return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' }
func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
func isUpper(c byte) bool  { return c >= 'A' && c <= 'Z' }

// leadingClass reports the classification a line opens with and where the
// rest begins.
func leadingClass(line string) (level, caveat string, rest int, ok bool) {
	s := trimLeftSpTab(line)
	off := len(line) - len(s)
	if s == "" {
		return "", "", 0, false
	}
	// only the words with the line's first letter can match (matchSpaced
	// compares the first letters at once); their order is kept.
	var try []int
	switch upper(s[0]) {
	case 'T':
		try = classTryT[:]
	case 'U':
		try = classTryU[:]
	case 'C':
		try = classTryC[:]
	case 'L':
		try = classTryL[:]
	case 'S':
		try = classTryS[:]
	default:
		return "", "", 0, false
	}
	for _, k := range try {
		cw := &classWords[k]
		if n := matchSpaced(s, cw.word); n > 0 {
			return cw.level, cw.caveat, off + n, true
		}
	}
	return "", "", 0, false
}

// indices into classWords by first letter, in classWords order.
var (
	classTryT = [...]int{0}
	classTryU = [...]int{1, 5}
	classTryC = [...]int{2}
	classTryL = [...]int{3}
	classTryS = [...]int{4}
)

// classLine is the classification line that opens the text of a cable:
// "C O N F I D E N T I A L SECTION 01 OF 03 MOSCOW 004849".
type classLine struct {
	Level    string
	Caveats  []string
	Section  int
	Sections int
	Station  string // as written, e.g. "NEW DELHI"
	Serial   string // digits as written, e.g. "005135"
}

// parseClassLine parses a classification line; a line that has no station
// and serial after the marking is not one (it may be a page-break marking).
func parseClassLine(line string) (classLine, bool) {
	level, cav, n, ok := leadingClass(line)
	if !ok {
		return classLine{}, false
	}
	cl := classLine{Level: level}
	if cav != "" {
		cl.Caveats = append(cl.Caveats, cav)
	}
	rest := line[n:]
	if strings.IndexByte(rest, '/') >= 0 {
		rest = strings.ReplaceAll(rest, "/", " ")
	}
	f := strings.Fields(rest)
	if len(f) > 16 {
		return classLine{}, false // a classification line is short
	}
	// E F T O and the like: letter-spaced caveats before the section.
	var station []string
	serialAt := -1
	for i := 0; i < len(f); i++ {
		t := strings.ToUpper(strings.Trim(f[i], ",;:-"))
		switch {
		case t == "":
		case t == "SECTION" && i+3 < len(f) && allDigits(f[i+1]) && strings.EqualFold(f[i+2], "OF") && allDigits(f[i+3]):
			cl.Section, cl.Sections = atoi(f[i+1]), atoi(f[i+3])
			i += 3
		case t == "E" && i+3 < len(f) && strings.EqualFold(f[i+1], "F") && strings.EqualFold(f[i+2], "T") && strings.EqualFold(f[i+3], "O"):
			cl.Caveats = append(cl.Caveats, "EFTO")
			i += 3
		case allDigits(t):
			if len(station) > 0 && serialAt < 0 {
				serialAt = i
				cl.Serial = t
			} else {
				return classLine{}, false
			}
		case isCaveatWord(t):
			cl.Caveats = appendCaveat(cl.Caveats, canonCaveat(t))
		case serialAt < 0 && isAlphaWord(t):
			station = append(station, t)
		default:
			if serialAt < 0 {
				return classLine{}, false
			}
		}
	}
	if serialAt < 0 || len(station) == 0 || len(station) > 4 {
		return classLine{}, false
	}
	cl.Station = strings.Join(station, " ")
	return cl, true
}

func isAlphaWord(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isLetter(s[i]) && s[i] != '-' && s[i] != '.' {
			return false
		}
	}
	return true
}

// caveatWords are handling markings that appear beside the classification,
// on lines of their own after it, or in the page's classification.
var caveatWords = map[string]string{
	"NOFORN": "NOFORN", "NF": "NOFORN", "SIPDIS": "SIPDIS", "SENSITIVE": "SENSITIVE",
	"SBU": "SBU", "FOUO": "FOUO", "EXDIS": "EXDIS", "LIMDIS": "LIMDIS", "NODIS": "NODIS",
	"ORCON": "ORCON", "STADIS": "STADIS", "NOCONTRACT": "NOCONTRACT", "PROPIN": "PROPIN",
	"EFTO": "EFTO", "ROGER": "ROGER", "CHEROKEE": "CHEROKEE", "NOFORNTHIS": "NOFORN",
	"CODEL": "", "LOU": "LIMITED OFFICIAL USE",
}

func isCaveatWord(s string) bool {
	_, ok := caveatWords[s]
	return ok && caveatWords[s] != ""
}

func canonCaveat(s string) string {
	if c, ok := caveatWords[s]; ok && c != "" {
		return c
	}
	return s
}

func appendCaveat(list []string, c string) []string {
	if c == "" {
		return list
	}
	for _, x := range list {
		if x == c {
			return list
		}
	}
	return append(list, c)
}

// caveatLine reads a line made only of handling markings ("SIPDIS",
// "NOFORN", "SENSITIVE BUT UNCLASSIFIED", "FOR OFFICIAL USE ONLY",
// "REL TO USA, GBR"), as found between the classification line and E.O.
func caveatLine(line string) ([]string, bool) {
	if len(line) > 80 {
		return nil, false // markings are short; keep long body lines cheap
	}
	if !mayBeCaveatLine(line) {
		return nil, false
	}
	s := strings.ToUpper(strings.TrimSpace(line))
	s = strings.Trim(s, " .")
	if s == "" {
		return nil, false
	}
	switch s {
	case "SENSITIVE BUT UNCLASSIFIED", "SENSITIVE-BUT-UNCLASSIFIED":
		return singleCaveat["SBU"], true
	case "FOR OFFICIAL USE ONLY":
		return singleCaveat["FOUO"], true
	case "LIMITED OFFICIAL USE":
		return singleCaveat["LIMITED OFFICIAL USE"], true
	}
	if strings.HasPrefix(s, "REL TO ") {
		return []string{s}, true
	}
	// the words between ' ', ',', '/' and ';' (ASCII separators, so a byte
	// scan splits UTF-8 text as strings.FieldsFunc would)
	var out []string
	for len(s) > 0 {
		k := 0
		for k < len(s) && !caveatSep(s[k]) {
			k++
		}
		w := s[:k]
		if k < len(s) {
			s = s[k+1:]
		} else {
			s = ""
		}
		if w == "" {
			continue
		}
		if !isCaveatWord(w) {
			return nil, false
		}
		c := canonCaveat(w)
		if out == nil {
			out = singleCaveat[c] // shared, read-only, cap 1: an append copies
			continue
		}
		out = appendCaveat(out, c)
	}
	return out, len(out) > 0
}

func caveatSep(c byte) bool { return c == ' ' || c == ',' || c == '/' || c == ';' }

// singleCaveat holds a one-element list for each canonical caveat, so the
// common one-word caveat line allocates nothing. Callers only read the
// lists caveatLine returns.
var singleCaveat = func() map[string][]string {
	m := map[string][]string{}
	for _, c := range caveatWords {
		if c != "" {
			m[c] = []string{c}[:1:1]
		}
	}
	for _, c := range []string{"SBU", "FOUO", "LIMITED OFFICIAL USE"} {
		m[c] = []string{c}[:1:1]
	}
	return m
}()

// levelFromText maps a classification as the page or csv column writes it
// ("SECRET//NOFORN", "UNCLASSIFIED//FOR OFFICIAL USE ONLY") to level and caveats.
func levelFromText(s string) (string, []string) {
	level, _, n, ok := leadingClass(s)
	if !ok {
		return "", nil
	}
	var cav []string
	for _, part := range strings.Split(s[n:], "//") {
		part = strings.TrimSpace(strings.Trim(part, "/ "))
		if part == "" {
			continue
		}
		if c, ok := caveatLine(part); ok {
			for _, x := range c {
				cav = appendCaveat(cav, x)
			}
		}
	}
	return level, cav
}
