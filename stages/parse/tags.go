package parse

import "strings"

// Tag kinds, parallel to Cable.Tags.
const (
	TagSubject      = "subject"
	TagGeographic   = "geographic"
	TagProgram      = "program"
	TagOrganization = "organization"
	TagPersonal     = "personal"
)

// tagsPrefix reports whether line opens a TAGS line ("TAGS:", "TAGS ",
// "Tags:") and returns the rest.
func tagsPrefix(line string) (string, bool) {
	s := trimLeftSpTab(line)
	if len(s) < 5 || !strings.EqualFold(s[:4], "TAGS") {
		return "", false
	}
	switch s[4] {
	case ':', ' ', '\t':
		return strings.TrimLeft(s[4:], ": \t"), true
	}
	return "", false
}

// tagTokens splits a TAGS text into tokens: commas, spaces, semicolons and
// the "[PREL](#)" link debris of copied web pages all separate tags.
func tagTokens(s string) []string {
	s = strings.ReplaceAll(s, "](#)", " ")
	return strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == ',' || r == ';' || r == '[' || r == ']' || r == '\t' || r == '(' || r == ')' || r == '#' || r == '/'
	})
}

// isTagContinuation reports a line that continues a TAGS line: only
// tag-shaped tokens, and not another field.
func isTagContinuation(line string) bool {
	t := tagTokens(line)
	if len(t) == 0 {
		return false
	}
	for _, x := range t {
		if len(x) > 8 || !isTagShaped(x) {
			return false
		}
		if !knownTag(strings.ToUpper(x)) {
			return false
		}
	}
	return true
}

func isTagShaped(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !isLetter(c) && !isDigit(c) && c != '-' && c != '_' {
			return false
		}
	}
	return s != ""
}

func knownTag(t string) bool {
	return subjectTags[t] || orgTags[t] || (len(t) == 2 && isUpper(t[0]) && isUpper(t[1])) || isProgramTag(t)
}

// isProgramTag: program TAGS are four letters starting with K (KDEM, KPAO).
func isProgramTag(t string) bool {
	return len(t) == 4 && t[0] == 'K' && isUpper(t[1]) && isUpper(t[2]) && isUpper(t[3])
}

// tagTypos maps misspellings seen in TAGS lines to the tag meant.
var tagTypos = map[string]string{
	"PREF": "PREF", "PGOVE": "PGOV", "PRELL": "PREL", "PHUMA": "PHUM", "PTERR": "PTER",
	"ECONN": "ECON", "ETRDE": "ETRD", "PINS": "PINS", "KDEMAF": "KDEM",
}

// parseTags turns a TAGS text (one or more lines) into tags and their kinds.
// Personal tags ("OBAMA, BARACK") keep the comma-joined name.
func parseTags(s string) (tags, kinds []string) {
	if !hasUpper(s) {
		s = strings.ToUpper(s) // a lower-cased page: tags are codes
	}
	// a personal tag in parentheses, "OVIP (RICE, CONDOLEEZZA)", is one tag
	var persons []string
	if strings.IndexByte(s, '(') >= 0 {
		s, persons = takeParenNames(s)
	}
	toks := tagTokens(s)
	tags = make([]string, 0, len(toks))
	kinds = make([]string, 0, len(toks))
	var seen map[string]bool // only for long lists; short ones are searched
	add := func(t, kind string) {
		if t == "" {
			return
		}
		if seen != nil {
			if seen[t] {
				return
			}
			seen[t] = true
		} else {
			for _, x := range tags {
				if x == t {
					return
				}
			}
			if len(tags) >= 32 {
				seen = make(map[string]bool, 2*len(tags))
				for _, x := range tags {
					seen[x] = true
				}
				seen[t] = true
			}
		}
		tags = append(tags, t)
		kinds = append(kinds, kind)
	}
	for i := 0; i < len(toks); i++ {
		raw := toks[i]
		if k := personSlot(raw); k >= 0 && k < len(persons) {
			add(persons[k], TagPersonal)
			continue
		}
		t := strings.ToUpper(strings.Trim(raw, ".-_"))
		if t == "" {
			continue
		}
		if fix, ok := tagTypos[t]; ok {
			t = fix
		}
		if k := tagKind(t); k != "" {
			add(t, k)
			continue
		}
		// glued tags: PRELPGOV, PGOVIR
		if parts := splitGlued(t); parts != nil {
			for _, p := range parts {
				add(p, tagKind(p))
			}
			continue
		}
		// a personal tag is a name, written mixed case or as SURNAME, GIVEN
		if isLetter(raw[0]) && !isAllUpper(raw) && len(raw) > 2 {
			name := raw
			if i+1 < len(toks) && !isAllUpper(toks[i+1]) {
				name = raw + ", " + toks[i+1]
				i++
			}
			add(name, TagPersonal)
			continue
		}
		if len(t) > 4 && len(t) <= 12 && isAllUpper(t) && !subjectLike(t) {
			add(t, TagOrganization)
			continue
		}
		add(t, guessKind(t))
	}
	if len(tags) == 0 {
		return nil, nil
	}
	return tags, kinds
}

// hasUpper is strings.ToLower(s) != s: s has a rune that lower-casing
// changes (ASCII fast path).
func hasUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			return strings.ToLower(s) != s
		}
		if c >= 'A' && c <= 'Z' {
			return true
		}
	}
	return false
}

func subjectLike(t string) bool { return len(t) == 4 && subjectTags[t] }

func isAllUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 'a' && s[i] <= 'z' {
			return false
		}
	}
	return true
}

// tagKind classifies a known tag; "" when unknown.
func tagKind(t string) string {
	switch {
	case subjectTags[t]:
		return TagSubject
	case len(t) == 2 && isUpper(t[0]) && isUpper(t[1]):
		return TagGeographic
	case isProgramTag(t):
		return TagProgram
	case orgTags[t]:
		return TagOrganization
	}
	return ""
}

// guessKind classifies an unknown tag by its shape.
func guessKind(t string) string {
	switch {
	case len(t) == 2:
		return TagGeographic
	case len(t) == 4 && t[0] == 'K':
		return TagProgram
	case len(t) == 4:
		return TagSubject
	}
	return TagOrganization
}

// splitGlued splits a token made of known tags written without a separator.
func splitGlued(t string) []string {
	if len(t) < 6 || len(t) > 24 {
		return nil
	}
	var out []string
	for len(t) > 0 {
		switch {
		case len(t) >= 4 && (subjectTags[t[:4]] || isProgramTag(t[:4]) && len(t) != 6):
			out = append(out, t[:4])
			t = t[4:]
		case len(t) == 2 && isUpper(t[0]) && isUpper(t[1]):
			out = append(out, t)
			t = ""
		default:
			return nil
		}
	}
	return out
}

// takeParenNames replaces each "(SURNAME, GIVEN)" of a TAGS text with a
// placeholder token ("\x00" and its index) and returns the names, so a
// personal tag written in capitals stays one tag in its place.
func takeParenNames(s string) (string, []string) {
	var names []string
	var sb strings.Builder
	for {
		i := strings.IndexByte(s, '(')
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i:min(len(s), i+50)], ')')
		inner := ""
		if j > 0 {
			inner = strings.TrimSpace(s[i+1 : i+j])
		}
		if j < 0 || j > 48 || strings.IndexByte(inner, ',') < 0 || !isNameText(inner) || len(names) > 9 {
			sb.WriteString(s[:i+1])
			s = s[i+1:]
			continue
		}
		sb.WriteString(s[:i])
		sb.WriteString(" \x00")
		sb.WriteByte(byte('0' + len(names)))
		sb.WriteByte(' ')
		names = append(names, normalizeSpaces(inner))
		s = s[i+j+1:]
	}
	sb.WriteString(s)
	return sb.String(), names
}

// personSlot returns the index a takeParenNames placeholder stands for, or -1.
func personSlot(tok string) int {
	if len(tok) == 2 && tok[0] == 0 && isDigit(tok[1]) {
		return int(tok[1] - '0')
	}
	return -1
}

// isNameText: letters, spaces, commas, dots, hyphens and apostrophes.
func isNameText(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !isLetter(c) && c != ' ' && c != ',' && c != '.' && c != '-' && c != '\'' && c < 0x80 {
			return false
		}
	}
	return s != ""
}
