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
}

// parseClassifiedBy splits the text of a "Classified By:" block into name,
// title and reasons ("1.4 (b) and (d)").
func parseClassifiedBy(s string) (name, title, reasons string) {
	s = normalizeSpaces(s)
	if at := reasonStart(s); at >= 0 {
		reasons = strings.TrimRight(strings.TrimSpace(s[at:]), ".;, ")
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
		for _, suf := range []string{"FOR REASONS", "FOR REASON", "REASONS:", "REASON:", "REASONS", "REASON", "PER", "FOR", "UNDER", "E.O. 12958", "E.O. 13526", "EO 12958", "EO 13526", "E.O.12958", "E.O.13526", ",", ".", ";", ":", "-", "("} {
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
		if looksLikeName(first) {
			return first, strings.TrimRight(rest, ". "), reasons
		}
		if looksLikeName(rest) {
			return rest, first, reasons
		}
	}
	ws := strings.Fields(s)
	k := len(ws)
	for k > 0 && !isTitleWord(strings.Trim(ws[k-1], ",.;")) && strings.IndexByte(ws[k-1], '/') < 0 {
		k--
	}
	name = strings.Trim(strings.Join(ws[k:], " "), ",; ")
	title = strings.Trim(strings.Join(ws[:k], " "), ",; ")
	if name == "" {
		name, title = title, ""
	}
	return name, title, reasons
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
