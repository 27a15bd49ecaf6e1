package parse

import (
	"slices"
	"strings"
)

// Some cablegate pages and copies collapse the header fields onto one
// line ("SUBJECT: ... REF: A. LAGOS 123 Classified By: ... 1.4 (b/d)",
// "TAGS: PREL PGOV SUBJECT: ..."). splitRunOn cuts such lines back into one
// line per field before the fields are read, so that a subject does not
// swallow the REF block, the Classified By line, a handling notice or a
// page header.

// runOnWindow bounds how many lines after the classification line are
// searched for fields run together: the fields sit at the top.
const runOnWindow = 80

// maxRunOnSplits bounds the splits (each moves the lines after it): a
// header has a dozen labels, a hostile line may have thousands.
const maxRunOnSplits = 64

// splitRunOn splits the lines from `from` on (up to the first numbered
// paragraph) at every field label, handling notice and page header that
// does not open its line. It returns lines, grown when a split was made.
func splitRunOn(lines []string, from int) []string {
	end := min(len(lines), from+runOnWindow)
	splits := 0
	for i := from; i < end && splits < maxRunOnSplits; i++ {
		t := lines[i]
		if i > from {
			if _, _, _, _, ok := paraStart(t); ok {
				break
			}
			if looksLikeProse(t) && !strings.Contains(t, ":") {
				break // body text: the fields are above it
			}
		}
		k := embeddedLabel(t)
		if k <= 0 {
			continue
		}
		lines = slices.Insert(lines, i+1, t[k:])
		lines[i] = t[:k]
		end = min(len(lines), end+1)
		splits++
	}
	return lines
}

// embeddedLabel returns where, after the start of t, a field label
// ("REF:", "Ref(s):", "Classified By", "SUBJECT:", "TAGS:", "E.O. 12958"),
// a handling notice or a telegram page header begins; -1 when none does.
// Labels count only at a word start, after a space.
func embeddedLabel(t string) int {
	for i := 1; i < len(t); i++ {
		if t[i-1] != ' ' && t[i-1] != '\t' && t[i-1] != '\\' {
			continue
		}
		c := upper(t[i])
		switch c {
		case 'R', 'C', 'S', 'T', 'E', 'P', '1':
		case pilcrow[0]:
			if strings.HasPrefix(t[i:], pilcrow) && i+len(pilcrow) < len(t) && isDigit(t[i+len(pilcrow)]) {
				return i
			}
			continue
		default:
			continue
		}
		if labelAt(t[i:]) {
			return i
		}
	}
	return -1
}

// runOnLabels are the labels that end a field run together with the next
// one; each needs its colon (mid-line "REF" or "TAGS" alone is prose).
var runOnLabels = []string{"REF:", "REFS:", "REF(S):", "REFTEL:", "REFTELS:", "REFERENCE:", "REFERENCES:", "PROGRAM REF:", "SUBJECT:", "SUBJ:", "TAGS:"}

func labelAt(s string) bool {
	for _, p := range runOnLabels {
		if asciiHasPrefixFold(s, p) {
			return true
		}
	}
	if asciiHasPrefixFold(s, "CLASSIFIED BY") && len(s) > len("CLASSIFIED BY") {
		switch s[len("CLASSIFIED BY")] {
		case ':', ' ':
			return true
		}
	}
	if (strings.HasPrefix(s, "E.O. 1") || strings.HasPrefix(s, "EO 1")) && len(s) >= 9 {
		// an E.O. line, not "E.O. 12958, reasons 1.4" inside Classified By
		if r, ok := eoPrefix(s); ok && len(r) >= 5 {
			r = strings.TrimLeft(r[5:], " ")
			return r == "" || r[0] == ':' || asciiHasPrefixFold(r, "DECL") || asciiHasPrefixFold(r, "N/A")
		}
	}
	if isNotice(s) {
		return true
	}
	// "REF A. STATE 123", "REFS (A) ..." without a colon
	if asciiHasPrefixFold(s, "REF") {
		r := s[3:]
		if len(r) > 0 && upper(r[0]) == 'S' {
			r = r[1:]
		}
		if len(r) > 1 && r[0] == ' ' {
			if b, _ := refBullet(r[1:]); b == 'A' {
				return true
			}
		}
	}
	// the first paragraph run onto the fields: "... 1. (C) SUMMARY: ..."
	if s[0] == '1' && len(s) > 4 && s[1] == '.' && s[2] == ' ' && s[3] == '(' {
		if _, _, ok := leadingMarking(s[3:]); ok {
			return true
		}
	}
	// a telegram page header: "PAGE 02 STATE 123456 291400Z"
	if strings.HasPrefix(s, "PAGE ") && len(s) > 8 && isDigit(s[5]) && isDigit(s[6]) && s[7] == ' ' {
		return true
	}
	return false
}

// isNotice reports a handling notice that posts put among the header
// fields: "Sensitive But Unclassified - Please handle accordingly", "This
// is an Action Request", "PLEASE HANDLE ACCORDINGLY".
func isNotice(s string) bool {
	switch upper(s[0]) {
	case 'S':
		return asciiHasPrefixFold(s, "SENSITIVE BUT UNCLASSIFIED")
	case 'T':
		return asciiHasPrefixFold(s, "THIS IS AN ACTION REQUEST") || asciiHasPrefixFold(s, "THIS IS A GUIDANCE REQUEST")
	case 'P':
		return asciiHasPrefixFold(s, "PLEASE HANDLE ACCORDINGLY")
	}
	return false
}

// noticeLine reports a line that is only a handling notice (and its
// continuation, "- Please handle accordingly").
func noticeLine(t string) bool {
	return t != "" && isNotice(t) && len(t) <= 90
}

// trimDebris removes the backslashes and stray separators that copies
// leave at the ends of header lines ("SUBJECT: FOO \").
func trimDebris(s string) string {
	return strings.TrimRight(strings.TrimSpace(strings.ReplaceAll(s, " \\ ", " ")), " \\")
}
