package parse

import "strings"

// classifiedByPrefix reports a "Classified By:" line and returns the rest.
func classifiedByPrefix(line string) (string, bool) {
	s := trimLeftSpTab(line)
	const p = "CLASSIFIED BY"
	if len(s) < len(p) || !strings.EqualFold(s[:len(p)], p) {
		return "", false
	}
	return strings.TrimLeft(s[len(p):], ": \t"), true
}

// titleWords are words of office titles, so "Political M/C Alice G. Wells"
// splits into title "Political M/C" and name "Alice G. Wells".
var titleWords = map[string]bool{
	"AMBASSADOR": true, "AMB": true, "CHARGE": true, "D'AFFAIRES": true, "DCM": true, "POLCOUNS": true,
	"POLITICAL": true, "ECONOMIC": true, "COUNSELOR": true, "COUNSELLOR": true, "OFFICER": true, "CHIEF": true,
	"DIRECTOR": true, "DEPUTY": true, "ACTING": true, "MINISTER": true, "MINISTER-COUNSELOR": true, "CONSUL": true,
	"GENERAL": true, "ECONCOUNS": true, "POLOFF": true, "ECONOFF": true, "SECTION": true, "SECRETARY": true,
	"ASSISTANT": true, "PRINCIPAL": true, "OF": true, "MISSION": true, "CDA": true, "CG": true, "POL": true,
	"ECON": true, "AND": true, "FOR": true, "THE": true, "AFFAIRS": true, "POL/ECON": true, "POLMINCOUNS": true,
	"PERMANENT": true, "REPRESENTATIVE": true, "AMBASSADOR-AT-LARGE": true, "UNDER": true, "OFFICE": true,
	"SENIOR": true, "ADVISOR": true, "ADVISER": true, "DEPARTMENT": true, "STATE": true, "ECONOMIC/POLITICAL": true,
	"PUBLIC": true, "REGIONAL": true, "SECURITY": true, "DAS": true, "A/DCM": true, "ACTING/DCM": true,
	"INTERNAL": true, "EXTERNAL": true, "UNIT": true, "HEAD": true, "COORDINATOR": true, "ATTACHE": true,
	"DEFENSE": true, "LEGAL": true, "CONSULAR": true, "MANAGEMENT": true, "SPECIAL": true, "ENVOY": true,
	"A.I.": true, "A.I": true, "AI": true, "CHARGE D'AFFAIRES": true, "EMBASSY": true, "U.S.": true, "US": true,
	"POLCOUN": true, "ECONCOUN": true, "POL/MIL": true, "POLMIL": true, "POLMILOFF": true, "CONGEN": true,
	"AMBASSADOR,": true, "PRINCIPLE": true, "COUNSELLOR,": true, "DEPUTY,": true, "EMBOFF": true, "RSO": true,
	"D'": true, "D’": true, "AFFAIRES": true, "D’AFFAIRES": true, "CHARGE’": true, "CHARGÉ": true,
	"CONSUL-GENERAL": true, "CHARGE'": true, "ASSOCIATE": true, "INTERIM": true, "DIVISION": true, "BUREAU": true,
}

// bodyClassifiedBy finds a classification authority written in the
// first paragraph rather than as a header field, as 1990s cables do:
// "1. CONFIDENTIAL - ENTIRE TEXT.  CLASSIFIED BY DCM JANE ROE - 1.5 B,D."
// or "1. (U) CLASSIFIED BY POLOFF JOHN DOE, 1.5 (D)." It returns the text
// after "CLASSIFIED BY" up to the end of the reasons. Only a line start,
// a paragraph number and marking, or a sentence end may come before the
// label, and the text must give reasons, so prose that mentions
// something "classified by" the ministry is not taken.
func bodyClassifiedBy(lines []string) (string, bool) {
	paras := 0
	for i := 0; i < len(lines) && i < 40; i++ {
		l := lines[i]
		if _, _, _, _, ok := paraStart(l); ok {
			if paras++; paras > 2 {
				return "", false
			}
		}
		at := indexFoldASCII(l, "CLASSIFIED BY")
		if at < 0 {
			continue
		}
		before := strings.TrimSpace(l[:at])
		if _, _, rest, _, ok := paraStart(before + " x"); ok && rest == "x" {
			before = ""
		}
		if before != "" && !strings.HasSuffix(before, ".") && !strings.HasSuffix(before, ")") && !strings.HasSuffix(before, ":") && !strings.HasSuffix(before, "-") {
			continue
		}
		var sb strings.Builder
		sb.WriteString(l[at+len("CLASSIFIED BY"):])
		for k := i + 1; k < len(lines) && k < i+4 && sb.Len() < 300; k++ {
			n := strings.TrimSpace(lines[k])
			if n == "" {
				break
			}
			if _, _, _, _, ok := paraStart(n); ok {
				break
			}
			sb.WriteByte(' ')
			sb.WriteString(n)
		}
		seg := strings.TrimLeft(sb.String(), ": ")
		r, rn := reasonAt(seg)
		if r < 0 || r > 160 {
			continue
		}
		// the reasons end at the first full stop that is not a decimal
		end := len(seg)
		for j := r + rn; j < len(seg); j++ {
			if seg[j] == '.' && (j+1 == len(seg) || !isDigit(seg[j+1])) {
				end = j
				break
			}
		}
		return seg[:end], true
	}
	return "", false
}

// parseClassifiedBy splits the text of a "Classified By:" block into name,
// title and reasons ("1.4 (b) and (d)").
func parseClassifiedBy(s string) (name, title, reasons string) {
	s = normalizeSpaces(s)
	if k := indexFoldASCII(s, "D,AFFAIRES"); k >= 0 {
		s = s[:k+1] + "'" + s[k+2:] // pages that print an apostrophe as a comma
	}
	if len(s) > 2 && s[0] == '(' {
		if _, r, ok := leadingMarking(strings.ToUpper(s)); ok && len(r) <= len(s) {
			s = s[len(s)-len(r):] // "Classified By: (U) ..."
		}
	}
	if len(s) > 3 && asciiHasPrefixFold(s, "BY ") {
		s = s[3:] // "Classified By: by CDA ..."
	}
	at, _ := reasonAt(s)
	wat, wend := reasonWordAt(s)
	if at < 0 && wat >= 0 {
		at = wend // "Reasons (b) and (d)": the reasons follow the word
	}
	if at >= 0 {
		reasons = strings.TrimLeft(strings.TrimRight(strings.TrimSpace(s[at:]), ".;, "), ": ")
		if strings.HasSuffix(reasons, ")") && strings.Count(reasons, ")") > strings.Count(reasons, "(") {
			reasons = strings.TrimSpace(strings.TrimSuffix(reasons, ")")) // "(Reasons 1.4 B and D)"
		}
		if wat >= 0 && wat < at {
			at = wat // the name ends before "for reasons"
		}
		s = s[:at]
	}
	s = strings.TrimSpace(s)
	// s only loses a tail in the loop, so for ASCII s (whose upper-cased
	// form has the same length) one upper-cased copy serves every round.
	ascii := isASCII(s)
	var up string
	if ascii {
		up = strings.ToUpper(s)
	}
	for {
		var u string
		if ascii {
			u = up[:len(s)]
		} else {
			u = strings.ToUpper(s)
		}
		trimmed := false
		for _, suf := range []string{"SECTIONS", "SECTION", "FOR REASONS", "FOR REASON", "REASONS:", "REASON:", "REASONS", "REASON", "PER", "FOR", "UNDER", "E.O. 12958", "E.O. 13526", "EO 12958", "EO 13526", "E.O.12958", "E.O.13526", ",", ".", ";", ":", "-", "("} {
			if strings.HasSuffix(u, suf) && (len(suf) == 1 || len(u) == len(suf) || !isLetter(u[len(u)-len(suf)-1])) {
				s = strings.TrimSpace(s[:len(s)-len(suf)])
				trimmed = true
				break
			}
		}
		if !trimmed {
			break
		}
	}
	if s == "" {
		return "", "", reasons
	}
	// "NAME, TITLE", "TITLE NAME, POST" or "TITLE, NAME": the name is in
	// the first part unless that part is titles only
	if first, rest, ok := strings.Cut(s, ","); ok {
		first, rest = strings.TrimSpace(first), strings.TrimRight(strings.TrimSpace(rest), ". ")
		// "Clark T. Randt, Jr": the suffix belongs to the name
		if w, more, _ := strings.Cut(rest, ","); nameSuffix(strings.TrimRight(w, ". ")) {
			first += ", " + strings.TrimSpace(w)
			rest = strings.TrimSpace(more)
			if !strings.Contains(rest, ",") && !allTitleWords(first) {
				n, t := splitTitles(first)
				return n, joinTitle(t, rest), reasons
			}
		}
		if !allTitleWords(first) {
			n, t := splitTitles(first)
			return n, joinTitle(t, rest), reasons
		}
		n, t := splitTitles(rest)
		return n, joinTitle(first, t), reasons
	}
	name, title = splitTitles(s)
	return name, title, reasons
}

// nameSuffix: "Jr", "Sr", "II", "III" after a name and its comma.
func nameSuffix(w string) bool {
	switch strings.ToUpper(w) {
	case "JR", "SR", "II", "III", "IV":
		return true
	}
	return false
}

// splitTitles splits "TITLE NAME TITLE" at the title words before the name
// ("POLOFF", "Acting Political Counselor") and after it ("JANE ROE DCM");
// titles alone ("SECTION") give no name.
func splitTitles(s string) (name, title string) {
	// word offsets on the stack: a Classified By line has a dozen words
	var buf [32][2]int
	ws := buf[:0]
	for i := 0; i < len(s); {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
		j := i
		for j < len(s) && s[j] != ' ' && s[j] != '\t' {
			j++
		}
		if j > i {
			ws = append(ws, [2]int{i, j})
		}
		i = j
	}
	word := func(k int) string { return s[ws[k][0]:ws[k][1]] }
	b := len(ws)
	for b > 0 && isTitleWordish(word(b-1)) {
		b--
	}
	if b == 0 {
		return "", strings.Trim(s, ",; ")
	}
	// the name is what follows the last title word before it: office
	// words the lists lack ("EcoPol Chief", "EUR A/S") stay in the title
	a := b
	for a > 0 && !isTitleWordish(word(a-1)) {
		a--
	}
	name = strings.Trim(s[ws[a][0]:ws[b-1][1]], ",; ")
	before, after := "", ""
	if a > 0 {
		before = strings.Trim(s[:ws[a-1][1]], ",; ")
	}
	if b < len(ws) {
		after = strings.Trim(s[ws[b][0]:], ",; ")
	}
	switch {
	case after == "":
		title = before
	case before == "":
		title = after
	default:
		title = before + " " + after
	}
	return name, title
}

func joinTitle(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + ", " + b
}

// isTitleWordish: a word of an office title, or an office code such as
// "ISN/MTR" or "Pol/MC".
func isTitleWordish(w string) bool {
	t := strings.Trim(w, ",.;:")
	return t == "" || isTitleWord(t) || isTitleWord(strings.Trim(w, ",;:")) || strings.IndexByte(t, '/') >= 0 || officeCode(t)
}

// officeCode: a staff abbreviation in capitals ("ECONMINCOUNS",
// "POLMILOFF", "CONOFF").
func officeCode(t string) bool {
	if len(t) < 5 || !isAllUpper(t) || !isAlphaWord(t) {
		return false
	}
	return strings.HasSuffix(t, "OFF") || strings.Contains(t, "COUNS") || strings.HasSuffix(t, "CHIEF")
}

func allTitleWords(s string) bool {
	n := 0
	for w := range strings.FieldsSeq(s) {
		if !isTitleWordish(w) {
			return false
		}
		n++
	}
	return n > 0
}

func wordCount(s string) int {
	n := 0
	for range strings.FieldsSeq(s) {
		n++
	}
	return n
}

// reasonStart finds the "1.4"/"1.5"/"1.6" that opens the reasons.
func reasonStart(s string) int {
	at, _ := reasonAt(s)
	return at
}

// reasonAt finds the "1.4"/"1.5"/"1.6" that opens the reasons, also as
// PDF copies break it ("1. 4", "1 .4", "1:4", "1/4"), and returns its
// offset and length.
func reasonAt(s string) (at, n int) {
	for i := 0; i+2 < len(s); i++ {
		if s[i] != '1' || i > 0 && isDigit(s[i-1]) {
			continue
		}
		j := i + 1
		if s[j] == ' ' && j+1 < len(s) && s[j+1] == '.' {
			j++ // "1 .4"
		}
		if s[j] != '.' && s[j] != ':' && s[j] != '/' {
			continue
		}
		j++
		if j < len(s) && s[j] == ' ' && s[i+1] != ' ' {
			j++ // "1. 4"
		}
		if j < len(s) && s[j] >= '4' && s[j] <= '6' && (j+1 >= len(s) || !isDigit(s[j+1])) {
			return i, j + 1 - i
		}
	}
	return -1, 0
}

// reasonWordAt finds the word "reason" or "reasons", also broken by a
// space as PDF copies leave it ("REAS ONS", "reaso ns"), and returns where
// it starts and where it ends.
func reasonWordAt(s string) (at, end int) {
	for i := 0; i+5 < len(s); i++ {
		if upper(s[i]) != 'R' || i > 0 && isLetter(s[i-1]) {
			continue
		}
		const w = "REASONS"
		j, k, spaces := i, 0, 0
		for j < len(s) && k < len(w) {
			switch {
			case upper(s[j]) == w[k]:
				j++
				k++
			case s[j] == ' ' && spaces == 0 && k > 0 && j+1 < len(s) && isLetter(s[j+1]):
				j++
				spaces++
			default:
				goto done
			}
		}
	done:
		if k >= 6 && (j >= len(s) || !isLetter(s[j])) {
			return i, j
		}
	}
	return -1, 0
}

// looksLikeName: two to five words, each capitalized, no title words.
func looksLikeName(s string) bool {
	ws := strings.Fields(s)
	if len(ws) < 2 || len(ws) > 5 {
		return false
	}
	for _, w := range ws {
		if !isUpper(w[0]) || isTitleWord(strings.Trim(w, ",.")) || strings.IndexByte(w, '/') >= 0 {
			return false
		}
	}
	return true
}
