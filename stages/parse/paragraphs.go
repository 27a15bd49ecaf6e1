package parse

import (
	"strings"

	"github.com/cablewire/cablewire/schemas"
)

const pilcrow = "\u00b6"

// paraStart reads a paragraph opening: "¶1. (C) text", "1. (SBU) text",
// "¶2 text". sub reports a lettered sub-paragraph ("¶A.") which continues
// the current paragraph.
func paraStart(line string) (n int, marking, rest string, pil, ok bool) {
	s := trimLeftSpTab(line)
	if strings.HasPrefix(s, pilcrow) {
		pil = true
		s = strings.TrimLeft(s[len(pilcrow):], " ")
	}
	i := 0
	for i < len(s) && i < 4 && isDigit(s[i]) {
		i++
	}
	if i == 0 || i > 3 {
		return 0, "", "", pil, false
	}
	n = atoi(s[:i])
	if i < len(s) {
		switch s[i] {
		case '.':
			i++
			if i < len(s) && isDigit(s[i]) { // "1.4", a number not a paragraph
				return 0, "", "", pil, false
			}
		case ')':
			if !pil {
				return 0, "", "", pil, false
			}
			i++
		case ' ', '\t':
			if !pil {
				return 0, "", "", pil, false
			}
		default:
			return 0, "", "", pil, false
		}
	}
	if i < len(s) && s[i] != ' ' && s[i] != '\t' && s[i] != '(' {
		return 0, "", "", pil, false
	}
	s = trimLeftSpTab(s[i:])
	if m, r, ok := leadingMarking(s); ok {
		marking, s = m, r
	}
	return n, marking, s, pil, n > 0
}

// paraStartFast is paraStart for a line that starts with no space or tab:
// a line that opens with neither a digit nor a pilcrow is not a paragraph
// start.
func paraStartFast(t string) (n int, marking, rest string, pil, ok bool) {
	if t == "" || !isDigit(t[0]) && t[0] != pilcrow[0] {
		return 0, "", "", false, false
	}
	return paraStart(t)
}

// ruleByte marks the bytes a rule line (isRule) can start with.
var ruleByte = [256]bool{'-': true, '_': true, '=': true, ' ': true, '*': true}

// leadingMarking reads a portion marking "(C)", "(S/NF)", "(SBU)", "(C//NF)",
// "(U//FOUO)" at the start of s.
func leadingMarking(s string) (marking, rest string, ok bool) {
	if len(s) < 3 || s[0] != '(' {
		return "", s, false
	}
	end := strings.IndexByte(s, ')')
	if end < 2 || end > 28 {
		return "", s, false
	}
	m := strings.TrimSpace(s[1:end])
	for i := 0; i < len(m); i++ {
		c := m[i]
		if !isUpper(c) && c != '/' && c != ' ' && c != ',' && c != '-' {
			return "", s, false
		}
	}
	head := m
	if k := strings.IndexAny(m, "/ "); k >= 0 {
		head = m[:k]
	}
	switch head {
	case "U", "C", "S", "TS", "SBU", "LOU", "FOUO", "NF", "UNCLASSIFIED", "CONFIDENTIAL", "SECRET", "UNCLAS", "SNF", "CNF", "REL":
		return m, trimLeftSpTab(s[end+1:]), true
	}
	return "", s, false
}

// isRule reports a line of dashes, underscores or equals signs (heading
// underlines and frames).
func isRule(s string) bool {
	s = strings.TrimSpace(s)
	if len(s) < 3 {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '-', '_', '=', ' ', '*':
		default:
			return false
		}
	}
	return true
}

// splitParagraphs segments body lines into paragraphs: numbered ones run
// until the next number; text before the first number and headings
// between paragraphs become unnumbered (n 0) paragraphs.
func splitParagraphs(lb *lineBuf, lines []string) []schemas.Paragraph {
	out := lb.paras[:0] // scratch; the kept paragraphs are copied out
	defer func() {
		clear(out)
		if cap(out) <= maxPooledLines {
			lb.paras = out[:0]
		}
	}()
	// All paragraph texts go into one buffer, sliced at the end: one
	// allocation instead of one growing builder per paragraph.
	var sb strings.Builder
	total := 0
	for _, l := range lines {
		total += len(l) + 2
	}
	sb.Grow(total)
	spans := lb.spans[:0] // text span of out[k] in the buffer
	defer func() {
		if cap(spans) <= maxPooledLines {
			lb.spans = spans[:0]
		}
	}()
	cur := -1 // index in out of the paragraph being built
	last := 0
	blank := false
	flush := func() {
		if cur >= 0 {
			spans[cur][1] = sb.Len()
		}
		cur = -1
	}
	start := func(n int, marking, text string) {
		flush()
		out = append(out, schemas.Paragraph{N: n, Marking: marking})
		spans = append(spans, [2]int{sb.Len(), sb.Len()})
		cur = len(out) - 1
		sb.WriteString(text)
	}
	for k := 0; k < len(lines); k++ {
		line := lines[k]
		t := strings.TrimSpace(line)
		if t == "" || ruleByte[t[0]] && isRule(t) {
			blank = true
			continue
		}
		if n, m, rest, pil, ok := paraStartFast(t); ok && (pil && n > last && n <= last+20 || n == last+1) {
			start(n, m, rest)
			last = n
			blank = false
			continue
		}
		if cur < 0 || (blank && (out[cur].N == 0 || isHeading(lines, k))) {
			start(0, "", t)
			blank = false
			continue
		}
		if blank {
			sb.WriteString("\n\n")
		} else {
			sb.WriteByte(' ')
		}
		sb.WriteString(t)
		blank = false
	}
	flush()
	buf := sb.String()
	if len(out) == 0 {
		return nil
	}
	n := 0
	for k := range out {
		out[k].Text = strings.TrimSpace(buf[spans[k][0]:spans[k][1]])
		if out[k].Text != "" || out[k].N != 0 {
			n++
		}
	}
	kept := make([]schemas.Paragraph, 0, n)
	for _, p := range out {
		if p.Text == "" && p.N == 0 {
			continue
		}
		kept = append(kept, p)
	}
	return kept
}

// isHeading reports a one-line block at lines[k] that titles what follows:
// short, no sentence end, followed by a rule or by a blank line and a new
// paragraph.
func isHeading(lines []string, k int) bool {
	t := strings.TrimSpace(lines[k])
	if len(t) > 80 || strings.HasSuffix(t, ".") || strings.HasPrefix(t, "--") || strings.HasPrefix(t, "-") {
		return false
	}
	for j := k + 1; j < len(lines) && j < k+4; j++ {
		u := strings.TrimSpace(lines[j])
		if u == "" {
			continue
		}
		if isRule(u) {
			return true
		}
		_, _, _, _, ok := paraStart(u)
		return ok && j > k+1
	}
	return false
}

// takeSigners removes the signature (the last one or two short name lines)
// from the last paragraph.
func takeSigners(paras []schemas.Paragraph) ([]schemas.Paragraph, []string) {
	if len(paras) == 0 {
		return paras, nil
	}
	p := &paras[len(paras)-1]
	var signers []string
	for range 2 {
		t := strings.TrimRight(p.Text, " \n")
		if len(signers) == 0 {
			t = strings.TrimSuffix(t, " .") // "EASON ."
		}
		cut := strings.LastIndexAny(t, "\n ")
		// the signer follows a sentence end or stands alone
		cand := t
		before := ""
		if nl := strings.LastIndex(t, "\n"); nl >= 0 && (isSignerName(t[nl+1:]) || nl > strings.LastIndexAny(t, ".!?)\"")) {
			cand, before = t[nl+1:], t[:nl]
		} else if cut >= 0 {
			// glued onto the last line: "...meetings. Burns"
			cand, before = lastSentenceTail(t)
		}
		// classification instructions around the name: "GP-3 SACCIO",
		// "EXEMPT\n\nHECK"
		if c, ok := cutInstruction(cand); ok && c != "" {
			cand = c
		}
		// an end marker glued before the name: "END COMMENT THORNE"
		if c := cutEndMarker(cand); c != cand && c != "" && isSignerName(c) {
			cand, before = c, "."
		}
		if b, ok := dropInstructionLine(before); ok {
			before = b
		}
		if !isSignerName(cand) || (before != "" && !endsSentence(before) && !endsWithURL(before)) {
			// the name glued after a link: "...Website at: http://... SMITH"
			w := t[strings.LastIndexAny(t, "\n ")+1:]
			if len(signers) > 0 || len(w) < 2 || !isUpper(w[0]) || !isSignerName(w) || notSignerWord[strings.ToUpper(w)] || !endsWithURL(t[:len(t)-len(w)]) {
				break
			}
			cand, before = w, t[:len(t)-len(w)]
		}
		signers = append([]string{strings.TrimSpace(cand)}, signers...)
		p.Text = strings.TrimSpace(before)
	}
	if p.Text == "" && p.N == 0 {
		paras = paras[:len(paras)-1]
	}
	return paras, signers
}

// lastLineSigner returns the last line of body and its name when that
// line holds only a surname or two ("AGUIRRE", "Aguirre", "DE LA CRUZ"):
// capitals or one capitalized word, no full stop, not a word of the text
// (a marking, a function word, an office title), with text above it.
func lastLineSigner(body []string) (int, string) {
	i := len(body) - 1
	for i >= 0 && isBlank(body[i]) {
		i--
	}
	if i <= 0 {
		return 0, ""
	}
	t := strings.TrimSpace(body[i])
	if len(t) < 3 || strings.HasSuffix(t, ".") || !isSignerName(t) || isRedacted(t) || isTitleWord(t) {
		return 0, ""
	}
	if _, _, _, _, ok := paraStart(t); ok {
		return 0, ""
	}
	ws := strings.Fields(t)
	caps := isAllUpper(t) && hasUpper(t)
	if !caps && (len(ws) != 1 || isAllUpper(t[1:])) {
		return 0, ""
	}
	for _, w := range ws {
		if notSignerWord[strings.ToUpper(w)] {
			return 0, ""
		}
	}
	return i, t
}

// lastSentenceTail splits "...meetings. Burns" into the tail after the last
// sentence end and the text before it.
func lastSentenceTail(t string) (tail, before string) {
	i := strings.LastIndexAny(t, ".!?)\"")
	if i < 0 {
		return t, ""
	}
	return strings.TrimSpace(t[i+1:]), t[:i+1]
}

func endsSentence(s string) bool {
	s = strings.TrimRight(s, " \n")
	if s == "" {
		return true
	}
	switch s[len(s)-1] {
	case '.', '!', '?', ')', '"', ':', '\'':
		return true
	}
	return false
}

// isSignerName: one to three words of letters (a surname, "RICE", "Burns",
// "Van Voorst"), no digits, no sentence punctuation.
func isSignerName(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 30 {
		return false
	}
	ws := strings.Fields(s)
	if len(ws) > 3 {
		return false
	}
	for _, w := range ws {
		if !isUpper(w[0]) {
			return false
		}
		for i := 0; i < len(w); i++ {
			c := w[i]
			if !isLetter(c) && c != '-' && c != '\'' && c != '.' {
				return false
			}
		}
	}
	switch strings.TrimRight(strings.ToUpper(s), ".") {
	case "END", "END SUMMARY", "END COMMENT", "END TEXT", "SIPDIS", "NNNN", "BT":
		return false
	}
	if notSignerWord[strings.ToUpper(strings.TrimRight(ws[0], "."))] {
		return false
	}
	return true
}

// notSignerWord are words that end a paragraph's last line or stand under
// it without being a name ("The", a marking, a drafting line): never a
// signer, nor the first word of one.
var notSignerWord = map[string]bool{
	"THE": true, "A": true, "AN": true, "AND": true, "OR": true, "BUT": true, "OF": true, "TO": true,
	"IN": true, "ON": true, "AT": true, "FOR": true, "WITH": true, "BY": true, "FROM": true, "AS": true,
	"IS": true, "ARE": true, "WAS": true, "WERE": true, "BE": true, "WE": true, "HE": true, "SHE": true,
	"IT": true, "THEY": true, "THIS": true, "THAT": true, "THESE": true, "NOT": true, "NO": true,
	"NOTE": true, "COMMENT": true, "DRAFTED": true, "CLEARED": true, "APPROVED": true, "MINIMIZE": true,
	"CONSIDERED": true, "THANKS": true, "REGARDS": true, "UNCLASSIFIED": true, "CONFIDENTIAL": true,
	"SECRET": true, "LIMITED": true, "OFFICIAL": true, "SENSITIVE": true, "NOFORN": true, "UNCLAS": true,
	"PAGE": true, "SECTION": true, "ENDS": true, "STATE": true, "PARA": true, "PARAS": true, "REF": true,
	"REFTEL": true, "SEPTEL": true, "SUMMARY": true, "BEGIN": true, "TEXT": true, "QUOTE": true,
	"UNQUOTE": true, "ACTION": true, "INFO": true, "XMT": true, "GDS": true, "OADR": true, "DECL": true,
	"END": true, "MINIMIZED": true,
}

// cutEndMarker removes an end marker or a minimize notice opening cand
// ("END COMMENT THORNE", "End List. DERSE", "MINIMIZE CONSIDERED SHANNON").
func cutEndMarker(cand string) string {
	for _, p := range [...]string{"END COMMENT", "END SUMMARY", "END TEXT", "END LIST", "END NOTE", "END QUOTE", "END CABLE", "MINIMIZE CONSIDERED", "MINIMIZED CONSIDERED"} {
		if asciiHasPrefixFold(cand, p) {
			r := strings.TrimLeft(cand[len(p):], ".:")
			if r == "" || r[0] == ' ' || r[0] == '\n' {
				return strings.TrimSpace(r)
			}
		}
	}
	return cand
}

// isInstruction reports a classification instruction written next to the
// signature of old telegrams: "GP-3", "XGDS-2", "GDS", "EXEMPT".
func isInstruction(w string) bool {
	switch w {
	case "GDS", "EXEMPT":
		return true
	}
	for _, p := range [...]string{"GP-", "XGDS-"} {
		if len(w) == len(p)+1 && strings.HasPrefix(w, p) && isDigit(w[len(p)]) {
			return true
		}
	}
	return false
}

// cutInstruction removes a classification instruction opening cand
// ("GP-3 SACCIO" gives "SACCIO").
func cutInstruction(cand string) (string, bool) {
	cand = strings.TrimSpace(cand)
	w, rest, _ := strings.Cut(cand, " ")
	if !isInstruction(w) {
		return cand, false
	}
	return strings.TrimSpace(rest), true
}

// dropInstructionLine removes a classification instruction standing on the
// last line of before ("...COUNTRIES.\"\n\nEXEMPT").
func dropInstructionLine(before string) (string, bool) {
	b := strings.TrimRight(before, " \n")
	nl := strings.LastIndexByte(b, '\n')
	if nl < 0 || !isInstruction(strings.TrimSpace(b[nl+1:])) {
		return before, false
	}
	return strings.TrimRight(b[:nl], " \n"), true
}

// endsWithURL reports text ending in a link, as in the posts' "Please
// visit ... Classified Website at: http://www.state.sgov.gov/p/eur/paris/
// index.c fm" line before the signature (the link may be broken once).
func endsWithURL(s string) bool {
	s = strings.TrimRight(s, " \n")
	i := max(strings.LastIndex(s, "http://"), strings.LastIndex(s, "https://"), strings.LastIndex(s, "www."))
	if i < 0 || strings.IndexByte(s[i:], '\n') >= 0 {
		return false
	}
	return strings.Count(s[i:], " ") <= 1
}

// layoutTail returns the index in body of the layout lines that close it
// after the text: "NNN", a declassification stamp ("Declassified/Released
// US Department of State EO Systematic Review 30 JUN 2005"), a page footer
// that is a classification word alone, a line without letters or digits.
// It returns len(body) when there are none.
func layoutTail(body []string) int {
	k := len(body)
	// an operator's note closes some telegrams after the signature
	// ("NOTE BY OC/T: NOT PASSED TO ..."), on one line or several
	for i, seen := len(body)-1, 0; i >= 0 && seen < 8; i-- {
		t := strings.TrimSpace(body[i])
		if t == "" {
			continue
		}
		seen++
		if strings.HasPrefix(t, "NOTE BY OC") || strings.HasPrefix(t, "Note by OC") {
			k = i
			break
		}
	}
	for i := k - 1; i >= 0; i-- {
		t := strings.TrimSpace(body[i])
		if t == "" || ruleByte[t[0]] && isRule(t) {
			continue
		}
		if !isLayoutLine(t) {
			break
		}
		k = i
	}
	return k
}

func isLayoutLine(t string) bool {
	switch t {
	case "NNN", "NNNN", "BT", "<< END OF DOCUMENT >>", "<<END OF DOCUMENT>>":
		return true
	}
	if strings.HasPrefix(t, "Declassified/Released ") || strings.HasPrefix(t, "Systematic Review ") && isDigit(t[len(t)-1]) {
		return true
	}
	if _, _, n, ok := leadingClass(t); ok && strings.TrimSpace(t[n:]) == "" {
		return true
	}
	for i := 0; i < len(t); i++ {
		if isLetter(t[i]) || isDigit(t[i]) || t[i] >= 0x80 {
			return false
		}
	}
	return true
}
