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
		r := reasonStart(seg)
		if r < 0 || r > 160 {
			continue
		}
		// the reasons end at the first full stop that is not a decimal
		end := len(seg)
		for j := r + 3; j < len(seg); j++ {
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
	if at := reasonStart(s); at >= 0 {
		reasons = strings.TrimRight(strings.TrimSpace(s[at:]), ".;, ")
		if strings.HasSuffix(reasons, ")") && strings.Count(reasons, ")") > strings.Count(reasons, "(") {
			reasons = strings.TrimSpace(strings.TrimSuffix(reasons, ")")) // "(Reasons 1.4 B and D)"
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
	// "NAME, TITLE" or "TITLE NAME" (or "TITLE, NAME")
	if first, rest, ok := strings.Cut(s, ","); ok {
		first, rest = strings.TrimSpace(first), strings.TrimSpace(rest)
		switch {
		case looksLikeName(first) || rest != "" && allTitleWords(rest) && !allTitleWords(first) && wordCount(first) <= 4:
			// "Chris Stevens, DCM, Embassy Tripoli" / "DOE, AMBASSADOR"
			n, t := splitTitles(first)
			return n, joinTitle(t, strings.TrimRight(rest, ". ")), reasons
		case looksLikeName(rest) || allTitleWords(first) && !allTitleWords(rest) && wordCount(rest) <= 5:
			// "Charge d'Affaires, a.i. Jane Roe"
			n, t := splitTitles(strings.TrimRight(rest, ". "))
			return n, joinTitle(first, t), reasons
		}
	}
	name, title = splitTitles(s)
	return name, title, reasons
}

// splitTitles splits "TITLE NAME TITLE" at the title words before the name
// ("POLOFF", "Acting Political Counselor") and after it ("JANE ROE DCM");
// titles alone ("SECTION") give no name.
func splitTitles(s string) (name, title string) {
	ws := strings.Fields(s)
	a := 0
	for a < len(ws) && isTitleWordish(ws[a]) {
		a++
	}
	b := len(ws)
	for b > a && isTitleWordish(ws[b-1]) {
		b--
	}
	if a == b {
		return "", strings.Trim(strings.Join(ws, " "), ",; ")
	}
	name = strings.Trim(strings.Join(ws[a:b], " "), ",; ")
	title = strings.Trim(strings.Join(ws[:a], " ")+" "+strings.Join(ws[b:], " "), ",; ")
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
	return t == "" || isTitleWord(t) || isTitleWord(strings.Trim(w, ",;:")) || strings.IndexByte(t, '/') >= 0
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
	for i := 0; i+2 < len(s); i++ {
		if s[i] == '1' && s[i+1] == '.' && s[i+2] >= '4' && s[i+2] <= '6' && (i == 0 || !isDigit(s[i-1])) && (i+3 >= len(s) || !isDigit(s[i+3])) {
			return i
		}
	}
	return -1
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
