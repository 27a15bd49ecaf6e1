package parse

import (
	"html"
	"strings"

	"github.com/cablewire/cablewire/schemas"
)

// Parse decodes doc (by doc.Format) and parses the cable. It returns an
// error wrapping ErrNotCable or ErrTooLarge when the document cannot become
// a warehouse row; a successful Cable always has RefID, Created (UTC,
// non-zero) and Classification. It never panics.
func Parse(doc schemas.Document) (c schemas.Cable, err error) {
	defer func() {
		if r := recover(); r != nil { // a parser bug must not take the stage down
			c, err = schemas.Cable{}, notCable("parser failure on this input")
		}
	}()
	return parseDoc(doc)
}

// parseDoc is Parse without the recover, so fuzzing sees any panic.
func parseDoc(doc schemas.Document) (schemas.Cable, error) {
	text, meta, err := Decode(doc)
	if err != nil {
		return schemas.Cable{}, err
	}
	if meta.RefID == "" {
		meta.RefID = doc.RefID
	}
	c, dp := parseCable(text, &meta)
	c.ContentHash = doc.Hash
	c.Source = doc.Source
	if c.RefID == "" {
		return schemas.Cable{}, notCable("no reference id")
	}
	if why := dp.reason(c.Created); why != "" {
		return schemas.Cable{}, notCable(why)
	}
	if c.Created.IsZero() {
		return schemas.Cable{}, notCable("no creation date")
	}
	if c.Classification == "" {
		return schemas.Cable{}, notCable("no classification")
	}
	return c, nil
}

// Fields parses cable text with every field read on its own: a fragment
// holding only a TAGS line, a REF block or a "Classified By:" line yields
// those fields. It never panics.
func Fields(text string) (c schemas.Cable) {
	defer func() {
		if r := recover(); r != nil {
			c = schemas.Cable{}
		}
	}()
	return fields(text)
}

// fields is Fields without the recover, so fuzzing sees any panic.
func fields(text string) schemas.Cable {
	if strings.Contains(text, "</a>") || strings.Contains(text, "</A>") || strings.Contains(text, "<br") {
		text = htmlText(text) // a piece of a cablegate page's <pre> block, links and all
	}
	if strings.IndexByte(text, '&') >= 0 {
		text = html.UnescapeString(text) // "&#8217;" in text copied from a page
	}
	var meta PageMeta
	text = fragmentRefID(text, &meta)
	return parseText(normalizeText([]byte(text)), &meta)
}

// fragmentRefID takes a fragment's own reference id from a first line
// that holds only the id ("09STATE5678", "Reference ID: 09STATE5678"), so
// the fragment's year dates the ids its REF block writes without one; it
// returns the text without that line.
func fragmentRefID(text string, meta *PageMeta) string {
	s := strings.TrimLeft(text, " \t\r\n")
	line, rest, _ := strings.Cut(s, "\n")
	l := strings.TrimSpace(line)
	for _, p := range []string{"REFERENCE ID:", "REFERENCE ID", "REF_ID:", "REFID:"} {
		if asciiHasPrefixFold(l, p) {
			l = strings.TrimSpace(l[len(p):])
			break
		}
	}
	if len(l) < 5 || len(l) > 40 || strings.IndexByte(l, ' ') >= 0 || !isDigit(l[0]) || !isDigit(l[1]) {
		return text
	}
	id := normalizeRefID(l)
	if id == "" || !knownStations[stationOf(id)] {
		return text
	}
	meta.RefID = id
	return rest
}

// fieldKind is a header field that can open a line after the
// classification line.
type fieldKind int

const (
	fieldNone fieldKind = iota
	fieldEO
	fieldTags
	fieldSubject
	fieldRef
	fieldClassBy
	fieldCaveat
	fieldDecl // a "DECL:" line without its E.O. label
)

// fieldStart reports which field a line opens and the text after its label.
func fieldStart(line string) (fieldKind, string) {
	s := trimLeftSpTab(line)
	if s == "" {
		return fieldNone, ""
	}
	switch upper(s[0]) {
	case 'E':
		if r, ok := eoPrefix(s); ok {
			return fieldEO, r
		}
	case 'T':
		if r, ok := tagsPrefix(s); ok {
			return fieldTags, r
		}
	case 'S':
		if r, ok := subjectPrefix(s); ok {
			return fieldSubject, r
		}
	case 'R', 'P':
		if r, ok := refPrefix(s); ok {
			return fieldRef, r
		}
	case 'D':
		if r, ok := declPrefix(s); ok {
			return fieldDecl, r
		}
	case 'C':
		if r, ok := classifiedByPrefix(s); ok {
			return fieldClassBy, r
		}
	}
	if _, ok := caveatLine(s); ok {
		return fieldCaveat, s
	}
	return fieldNone, ""
}

func subjectPrefix(s string) (string, bool) {
	for _, p := range []string{"SUBJECT", "SUBJ"} {
		if len(s) > len(p) && strings.EqualFold(s[:len(p)], p) {
			r := s[len(p):]
			if r[0] == ':' || r[0] == ' ' || r[0] == '.' {
				return strings.TrimLeft(r, ":.- \t"), true
			}
		}
	}
	return "", false
}

// parseText parses normalized cable text; meta carries the container's
// hints (page table, csv columns) used only where the text is silent.
func parseText(text string, meta *PageMeta) schemas.Cable {
	c, _ := parseCable(text, meta)
	return c
}

// parseCable is parseText that also says what was wrong with the dates
// when the cable has no creation date to trust.
func parseCable(text string, meta *PageMeta) (schemas.Cable, dateProblem) {
	var c schemas.Cable
	c.SourceFormat = meta.SourceFormat
	c.IsPartial = meta.Partial
	lb := getLineBuf()
	defer putLineBuf(lb)
	lb.lines = splitLinesInto(lb.lines[:0], text)
	lines := lb.lines

	// 1. the classification line bounds the routing header: the last
	// candidate before the first field or paragraph, since some pages put
	// a classification line above the routing header too.
	classIdx := -1
	var cl classLine
	for i, l := range lines {
		if i > 400 {
			break
		}
		if x, ok := parseClassLine(l); ok {
			classIdx, cl = i, x
			continue
		}
		if classIdx >= 0 {
			if k, _ := fieldStart(l); k != fieldNone && k != fieldCaveat {
				break
			}
		}
		if _, _, _, _, ok := paraStart(l); ok && (classIdx >= 0 || strings.HasPrefix(strings.TrimSpace(l), pilcrow)) {
			break
		}
	}
	headerEnd := classIdx
	if classIdx < 0 {
		headerEnd = 0
		for i, l := range lines {
			if k, _ := fieldStart(l); k != fieldNone && k != fieldCaveat {
				break
			}
			if _, _, _, _, ok := paraStart(l); ok {
				break
			}
			if t := strings.TrimSpace(l); t != "" && (opensSummary(t) || looksLikeProse(t) || endsSentence(t) && t[len(t)-1] == '.' && strings.Count(t, " ") >= 2) {
				break // a fragment of body text, not a routing header
			}
			headerEnd = i + 1
		}
	}

	// 2. routing header.
	var dt dtg
	var de deLine
	var hs headerState
	for _, l := range lines[:headerEnd] {
		hs.headerLine(&c, l, &dt, &de)
		if !c.IsPartial && strings.Contains(l, "partial extract") {
			c.IsPartial = true
		}
		if !c.IsCorrectedCopy && isCorrectedCopy(l) {
			c.IsCorrectedCopy = true
		}
	}
	if classIdx >= 0 {
		if isCorrectedCopy(lines[classIdx]) {
			c.IsCorrectedCopy = true
		}
		c.Classification = cl.Level
		for _, x := range cl.Caveats {
			c.Caveats = appendCaveat(c.Caveats, x)
		}
		c.Section, c.Sections = cl.Section, cl.Sections
	}

	// 3. header fields after the classification line.
	fieldFrom := headerEnd
	if classIdx >= 0 {
		fieldFrom = classIdx + 1
	}
	year := 0
	if !dt.Time.IsZero() {
		year = dt.Time.Year()
	}
	if year == 0 && len(meta.RefID) >= 2 && isDigit(meta.RefID[0]) && isDigit(meta.RefID[1]) {
		year = expandYear(atoi(meta.RefID[:2]))
	}
	if year == 0 && !meta.Created.IsZero() {
		year = meta.Created.Year()
	}
	lines = splitRunOn(lines, fieldFrom)
	lb.lines = lines
	bodyFrom := readFields(&c, lines, fieldFrom, year)
	if c.ClassifiedBy == "" && c.ClassificationReasons == "" {
		if text, ok := bodyClassifiedBy(lines[bodyFrom:]); ok {
			c.ClassifiedBy, c.ClassifiedByTitle, c.ClassificationReasons = parseClassifiedBy(text)
		}
	}

	// 4. body: page and section lines, repeated markings and trailers removed.
	lb.body = cleanBody(&c, lb.body[:0], lines[bodyFrom:], classIdx >= 0)
	body := lb.body
	paras := splitParagraphs(lb, body)
	if k := layoutTail(body); k < len(body) {
		// a declassification stamp, "NNN" or a page footer after the
		// signature: look for the signer without them, and keep the
		// plain split when none is found.
		p2, s2 := takeSigners(splitParagraphs(lb, body[:k]))
		if len(s2) > 0 {
			paras, c.Signers = p2, s2
		}
	}
	if c.Signers == nil {
		paras, c.Signers = takeSigners(paras)
	}
	if c.Signers == nil {
		// a surname alone on the last line, after a line that does not
		// end a sentence (a list, "End Comment", a link, a minimize line)
		if _, name := lastLineSigner(body[:layoutTail(body)]); name != "" && len(paras) > 0 {
			// the name is the end of the last paragraph's text
			p := &paras[len(paras)-1]
			if t := strings.TrimRight(p.Text, " \n"); strings.HasSuffix(t, name) && len(t) > len(name) {
				p.Text = strings.TrimSpace(t[:len(t)-len(name)])
				c.Signers = []string{name}
			} else if t == name && p.N == 0 {
				paras, c.Signers = paras[:len(paras)-1], []string{name}
			}
		}
	}
	c.Paragraphs = paras
	c.Body = joinBody(body)
	c.WordCount = countWords(c.Body)
	c.HasRedactions = hasRedactions(text)
	c.Summary = findMarked(paras, "SUMMARY")
	c.Comment = findMarked(paras, "COMMENT")
	if c.Sections == 0 {
		c.Section = 0
	}

	// 5. identity: reference id, creation time, precedence, origin.
	c.Precedence = precedenceName(dt.Prec)
	if len(c.To) > 0 && (c.To[0].Precedence == "NIACT IMMEDIATE" || strings.Contains(c.To[0].Name, "NIACT")) {
		c.Precedence = "NIACT IMMEDIATE"
	}
	if c.Precedence == "" && len(c.To) > 0 {
		c.Precedence = c.To[0].Precedence
	}
	c.OriginRouting = de.Routing
	if post, ok := routeToPost[de.Routing]; ok {
		c.OriginPost = post
	} else if c.Origin != "" {
		c.OriginPost = c.Origin
	}
	if c.Origin == "" && c.OriginPost != "" {
		c.Origin = c.OriginPost
	}
	if resolveRefID(&c, cl, classIdx >= 0, de, year, meta) {
		// the body belongs to another cable: take the classification from
		// the header's ZNY line or the container, which describe this id.
		switch {
		case hs.zny != "":
			c.Classification = hs.zny
		case meta.Classification != "":
			c.Classification, _ = levelFromText(meta.Classification)
		}
	}
	if c.Classification == "" && hs.zny != "" {
		c.Classification = hs.zny
	}
	resolveCreated(&c, dt, de, year, meta)
	if c.Classification == "" && meta.Classification != "" {
		lv, cav := levelFromText(meta.Classification)
		c.Classification = lv
		for _, x := range cav {
			c.Caveats = appendCaveat(c.Caveats, x)
		}
	}
	if len(c.References) == 0 && len(meta.References) > 0 {
		for _, r := range meta.References {
			if id := normalizeRefID(r); id != "" {
				c.References = appendUnique(c.References, id)
			}
		}
	}
	return c, dateProblem{dtg: hs.badDTG, meta: meta.BadDate}
}

func isCorrectedCopy(l string) bool {
	return strings.Contains(l, "CORRECTED COPY") || strings.Contains(l, "C O R R E C T E D") || strings.Contains(l, "Corrected Copy")
}

// maxFieldLines bounds the lines one header field may take: a REF list
// runs to a few dozen; a text made of bullets must not be read as one.
const maxFieldLines = 200

// maxRefText bounds the REF text read for cable ids (a long list is 2 KB).
const maxRefText = 32 << 10

// readFields reads the fields after the classification line (caveats,
// E.O., TAGS, SUBJECT, REF, Classified By) and returns where the body
// starts. Unlabelled lines among the fields (passing instructions such as
// "STATE FOR INR/B") are skipped, not taken for the body; so are handling
// notices and page headers.
func readFields(c *schemas.Cable, lines []string, from, year int) int {
	bodyFrom := from
	stray := 0
	var refText strings.Builder
	for i := from; i < len(lines); {
		t := trimDebris(lines[i])
		if t == "" {
			i++
			continue
		}
		kind, rest := fieldStart(t)
		if kind == fieldNone && (isNoiseLine(t, true) || noticeLine(t)) {
			i++
			continue
		}
		if kind == fieldNone {
			if _, _, _, _, ok := paraStart(t); ok {
				break
			}
			if opensSummary(t) {
				break
			}
			stray++
			if stray > 8 {
				break
			}
			i++
			continue
		}
		stray = 0
		j := i + 1
		switch kind {
		case fieldCaveat:
			cav, _ := caveatLine(t)
			for _, x := range cav {
				c.Caveats = appendCaveat(c.Caveats, x)
			}
		case fieldEO, fieldDecl:
			if c.EOOrder == "" && c.DeclDate == "" && c.DeclText == "" {
				if kind == fieldDecl {
					_, c.DeclDate, c.DeclText = parseEO("     " + rest)
				} else {
					c.EOOrder, c.DeclDate, c.DeclText = parseEO(rest)
					if c.DeclDate == "" && c.DeclText == "" && j < len(lines) {
						// "E.O. 12958: DECL:" with the date on the next line
						if n := strings.TrimSpace(lines[j]); n != "" && isDigit(n[0]) && len(n) <= 12 {
							_, c.DeclDate, c.DeclText = parseEO(rest[:5] + " " + n)
							j++
						}
					}
				}
			}
		case fieldTags:
			var tb joiner
			tb.init(rest)
			for j < len(lines) {
				n := strings.TrimSpace(lines[j])
				if n != "" && isNoiseLine(n, true) && j+1 < len(lines) && isTagContinuation(lines[j+1]) {
					j++ // a page header inside the list
					continue
				}
				if !isTagContinuation(lines[j]) {
					break
				}
				if k, _ := fieldStart(lines[j]); k != fieldNone {
					break
				}
				tb.add(lines[j])
				j++
			}
			text := tb.String()
			if c.Tags == nil {
				c.Tags, c.TagKinds = parseTags(text)
			}
		case fieldSubject, fieldRef, fieldClassBy:
			var tb joiner
			tb.init(rest)
			for j < len(lines) && j-i < maxFieldLines {
				n := trimDebris(lines[j])
				if n == "" && kind == fieldRef {
					// a blank line ends the list unless the next line
					// goes on with its next bullet ("¶B. PARIS 7527")
					k := j + 1
					for k < len(lines) && isBlank(lines[k]) {
						k++
					}
					if k < len(lines) && nextRefBullet(tb.String(), lines[k]) {
						j = k
						continue
					}
				}
				if n == "" || isRule(n) || noticeLine(n) {
					break
				}
				if isNoiseLine(n, true) {
					j++
					continue
				}
				if k, _ := fieldStart(n); k != fieldNone && k != fieldCaveat {
					break
				}
				if _, _, _, _, ok := paraStart(n); ok && kind != fieldRef {
					break
				}
				if kind == fieldRef && looksLikeProse(n) {
					break
				}
				if kind == fieldSubject && opensSummary(n) {
					break
				}
				tb.add(n)
				j++
			}
			text := tb.String()
			switch kind {
			case fieldSubject:
				if c.Subject == "" {
					c.Subject = cleanSubject(text)
				}
			case fieldRef:
				if refText.Len()+len(text) > maxRefText {
					break // REF lists are short; a huge one is not read past this
				}
				if refText.Len() > 0 {
					refText.WriteString("; ")
				}
				refText.WriteString(text)
			case fieldClassBy:
				if c.ClassifiedBy == "" && c.ClassificationReasons == "" {
					// an empty one ("Classified By: (U)" before the real
					// one on the same line) leaves room for the next
					c.ClassifiedBy, c.ClassifiedByTitle, c.ClassificationReasons = parseClassifiedBy(text)
					if c.ClassifiedBy == "" && c.ClassificationReasons == "" {
						c.ClassifiedByTitle = ""
					}
				}
			}
		}
		i = j
		bodyFrom = j
	}
	if refText.Len() > 0 {
		c.References, c.ReferencesOther = parseRefs(refText.String(), year)
	}
	return bodyFrom
}

// opensSummary reports a line that starts "SUMMARY", "BEGIN SUMMARY" or
// "1. SUMMARY" once upper-cased (an ASCII start needs no upper-cased copy).
func opensSummary(t string) bool {
	if isASCII(t[:min(len(t), len("BEGIN SUMMARY"))]) {
		return asciiHasPrefixFold(t, "SUMMARY") || asciiHasPrefixFold(t, "BEGIN SUMMARY") || asciiHasPrefixFold(t, "1. SUMMARY")
	}
	u := strings.ToUpper(t)
	return strings.HasPrefix(u, "SUMMARY") || strings.HasPrefix(u, "BEGIN SUMMARY") || strings.HasPrefix(u, "1. SUMMARY")
}

// looksLikeProse tells a body line from a REF continuation: REF lines are
// short lists of ids; a paragraph-like line with many lower-case words ends
// the block.
func looksLikeProse(s string) bool {
	lower := 0
	for w := range strings.FieldsSeq(s) {
		if w[0] >= 'a' && w[0] <= 'z' {
			lower++
		}
	}
	return lower >= 6
}

// cleanSubject joins the subject's lines and removes a leading or trailing
// portion marking such as "(C)" or "(SBU)".
func cleanSubject(s string) string {
	s = normalizeSpaces(s)
	if _, r, ok := leadingMarking(s); ok {
		s = r
	} else if k := strings.IndexByte(s, ')'); len(s) > 2 && s[0] == '(' && k > 0 && k < 12 {
		if _, _, ok := leadingMarking(strings.ToUpper(s[:k+1])); ok {
			s = strings.TrimSpace(s[k+1:])
		}
	}
	if k := strings.LastIndexByte(s, '('); k > 0 && strings.HasSuffix(s, ")") {
		// "(C)", or "(s)" on a lower-cased page
		if _, r, ok := leadingMarking(strings.ToUpper(s[k:])); ok && r == "" {
			s = strings.TrimSpace(s[:k])
		}
	}
	return trimDebris(s)
}

// isNoiseLine reports lines that are layout, not text: page lines
// ("MOSCOW 00004849 002 OF 003", "PAGE 02 HARARE 06677 01 OF 03 291400Z"),
// a classification marking alone, a repeated classification line, and
// transmission trailers.
func isNoiseLine(t string, afterClass bool) bool {
	if t == "" {
		return false
	}
	switch t {
	case "BT", "NNNN", "SIPDIS", "CXR", "ZZH":
		return true
	}
	if t[0] == '#' && len(t) > 1 && allDigits(strings.TrimSpace(t[1:])) {
		return true
	}
	if isPageLine(t) {
		return true
	}
	if afterClass {
		if _, _, n, ok := leadingClass(t); ok {
			rest := strings.TrimSpace(t[n:])
			if rest == "" {
				return true
			}
			if _, ok := parseClassLine(t); ok {
				return true
			}
		}
	}
	return false
}

// isPageLine matches "STATION SERIAL NNN OF NNN" and the telegram form
// "PAGE NN STATION SERIAL ...".
func isPageLine(t string) bool {
	if !strings.HasPrefix(t, "PAGE ") && (!isDigit(t[len(t)-1]) || len(t) > 90 || !strings.Contains(t, " OF ")) {
		return false
	}
	f := strings.Fields(t)
	if len(f) >= 4 && f[0] == "PAGE" && allDigits(f[1]) {
		return true
	}
	n := len(f)
	if n < 5 || n > 8 || f[n-2] != "OF" || !allDigits(f[n-1]) || !pageNumber(f[n-3]) || !allDigits(f[n-4]) {
		return false
	}
	for _, w := range f[:n-4] {
		if !isAlphaWord(w) || !isAllUpper(w) {
			return false
		}
	}
	return true
}

// pageHeaderTail returns the paragraph start glued onto a telegram page
// header ("PAGE 03 HARARE 06677 03 OF 03 291401Z 11. (C) COMMENT: ..."),
// or "" when the line holds only the header or the text after it does not
// open a numbered paragraph (repeated subject and routing lines).
func pageHeaderTail(t string) string {
	if !strings.HasPrefix(t, "PAGE ") || len(t) < 40 {
		return ""
	}
	// the header ends with the " NN OF NN DDHHMMZ" group
	of := strings.Index(t, " OF ")
	if of < 0 || of > 60 {
		return ""
	}
	f := strings.Fields(t[of+4:])
	if len(f) < 3 || !allDigits(f[0]) || len(f[1]) != 7 || f[1][6] != 'Z' || !allDigits(f[1][:6]) {
		return ""
	}
	rest := t[of+4:]
	rest = trimLeftSpTab(rest)[len(f[0]):]
	rest = trimLeftSpTab(rest)[len(f[1]):]
	rest = strings.TrimSpace(rest)
	if _, _, _, _, ok := paraStart(rest); !ok {
		return ""
	}
	return rest
}

// pageNumber is a page line's page: "002", or "001.2" for a continuation
// page (COLOMBO 00000032 001.2 OF 003).
func pageNumber(w string) bool {
	whole, frac, dotted := strings.Cut(w, ".")
	return allDigits(whole) && (!dotted || allDigits(frac))
}

// cleanBody drops layout lines from the body and collects SIPDIS-style
// caveat lines met there.
func cleanBody(c *schemas.Cable, out, lines []string, afterClass bool) []string {
	for _, l := range lines {
		t := trimRightSpTab(l)
		if t == "" || quietLine(t) {
			out = append(out, t)
			continue
		}
		tt := strings.TrimSpace(t)
		if isNoiseLine(tt, afterClass) {
			if tt == "SIPDIS" {
				c.Caveats = appendCaveat(c.Caveats, "SIPDIS")
			}
			if rest := pageHeaderTail(tt); rest != "" {
				// "PAGE 03 HARARE 06677 03 OF 03 291401Z 11. (C) COMMENT: ..."
				out = append(out, rest)
			}
			continue
		}
		out = append(out, t)
	}
	for len(out) > 0 && isBlank(out[len(out)-1]) {
		out = out[:len(out)-1]
	}
	return out
}

// joinBody joins body lines, collapsing runs of blank lines.
func joinBody(lines []string) string {
	var sb strings.Builder
	n := 0
	for _, l := range lines {
		n += len(l) + 1
	}
	sb.Grow(n)
	pending := false
	for _, l := range lines {
		if isBlank(l) {
			pending = true
			continue
		}
		if pending && sb.Len() > 0 {
			sb.WriteByte('\n')
		}
		sb.WriteString(l)
		sb.WriteByte('\n')
		pending = false
	}
	return strings.TrimSpace(sb.String())
}

// hasRedactions reports the media partners' XXXXXXXXXXXX redactions.
func hasRedactions(s string) bool {
	return strings.Contains(s, "XXXXXX") || strings.Contains(s, "xxxxxx")
}

// resolveRefID picks the reference id: classification line station and
// serial with the DTG's year, else the DE line, else the container's hint.
// When the routing header names another post than the classification line
// (pages that put one cable's body under another's header) and the hint
// agrees with the header, the header and hint win, and mixed reports it.
func resolveRefID(c *schemas.Cable, cl classLine, haveClass bool, de deLine, year int, meta *PageMeta) (mixed bool) {
	hint := normalizeRefID(meta.RefID)
	headerStation := stationFromPost(routeToPost[de.Routing])
	if headerStation == "" {
		headerStation = stationFromPost(c.Origin)
	}
	var deID string
	if de.Serial != "" && year > 0 && headerStation != "" {
		deID = canonRefID(year, headerStation, de.Serial)
	}
	if haveClass && year > 0 && !isRedacted(cl.Station) {
		if id := canonRefID(year, cl.Station, cl.Serial); id != "" {
			if hint != "" && hint[2:] == id[2:] {
				// same station and serial: the dates only disagree on the
				// year, and a date never rewrites the id the cable was
				// filed under (a DTG saying 9999, a late-December DTG).
				c.RefID = hint
				return false
			}
			st := normalizeStation(cl.Station)
			if headerStation != "" && st != headerStation &&
				(deID != "" && deID != id || deID == "" && hint != "" && hint != id) &&
				hint != "" && stationOf(hint) == headerStation {
				c.RefID = hint
				return true
			}
			c.RefID = id
			return false
		}
	}
	if deID != "" {
		c.RefID = deID
		return false
	}
	c.RefID = hint
	return false
}

// stationOf returns the station part of a canonical reference id.
func stationOf(id string) string {
	j := len(id)
	for j > 2 && isDigit(id[j-1]) {
		j--
	}
	if len(id) < 3 {
		return ""
	}
	return id[2:j]
}

// resolveCreated: the DTG, else the container's date, else the DE stamp.
func resolveCreated(c *schemas.Cable, dt dtg, de deLine, year int, meta *PageMeta) {
	switch {
	case !dt.Time.IsZero():
		c.Created, c.CreatedSource = dt.Time, "dtg"
	case !meta.Created.IsZero():
		c.Created, c.CreatedSource = meta.Created.UTC(), meta.CreatedSource
	default:
		if t, ok := deTime(de.Stamp, year); ok {
			c.Created, c.CreatedSource = t, "de"
		}
	}
}

// findMarked returns the text between a marker ("SUMMARY:", "BEGIN
// COMMENT", a "Summary" heading) and its end marker ("END SUMMARY"),
// markers removed.
func findMarked(paras []schemas.Paragraph, word string) string {
	for k := 0; k < len(paras); k++ {
		t := paras[k].Text
		at := markerAt(t, word)
		if heading := k+1 < len(paras) && paras[k].N == 0 && isMarkerHeading(t, word); at < 0 || heading {
			if heading {
				k++
				t, at = paras[k].Text, 0
			} else {
				continue
			}
		}
		var sb strings.Builder
		endMarker := "END " + word
		hasEnd := false
		endAt := [8]int{-2, -2, -2, -2, -2, -2, -2, -2} // first end marker in paras[k+i].Text; -2 not searched
		for m := k; m < len(paras) && m < k+8; m++ {
			endAt[m-k] = indexFoldASCII(paras[m].Text, endMarker)
			if endAt[m-k] >= 0 {
				hasEnd = true
				break
			}
		}
		for m := k; m < len(paras) && m < k+8; m++ {
			if m > k {
				t, at = paras[m].Text, 0
			}
			seg := t[at:]
			var end int
			switch e := endAt[m-k]; {
			case e == -1:
				end = -1
			case e >= at:
				end = e - at
			default:
				end = indexFoldASCII(seg, endMarker)
			}
			if end >= 0 {
				seg = seg[:end]
			}
			if sb.Len() > 0 {
				sb.WriteString("\n\n")
			}
			sb.WriteString(strings.TrimSpace(strings.TrimLeft(seg, " :.-")))
			if end >= 0 || !hasEnd {
				break
			}
		}
		return strings.TrimSpace(sb.String())
	}
	return ""
}

// markerAt returns where the text after an opening marker ("SUMMARY:",
// "Summary.", "BEGIN SUMMARY") starts, or -1.
func markerAt(t, word string) int {
	at := -1
	switch {
	case hasPrefixFold(t, word):
		at = len(word)
	case hasPrefixFold(t, beginMarker(word)):
		at = len(beginMarker(word))
	case len(t) > len(word)+5 && isLetter(t[0]):
		// "INTRODUCTION AND SUMMARY:", "Background and summary."
		head := t[:min(len(t), 40)]
		if k := indexFoldASCII(head, " AND "+word); k > 0 && k+5+len(word) < len(head) && strings.IndexByte(":.-", head[k+5+len(word)]) >= 0 && wordCount(head[:k]) <= 2 {
			at = k + 5 + len(word)
		}
	}
	if at < 0 || at < len(t) && isLetter(t[at]) {
		return -1
	}
	// "SUMMARY AND COMMENT:", "Summary and action request.", "SUMMARY
	// (CONTINUED):": the words up to the colon belong to the marker
	if rest := t[at:]; len(rest) > 4 && (asciiHasPrefixFold(rest, " AND ") || asciiHasPrefixFold(rest, " & ") || strings.HasPrefix(rest, " (")) {
		if k := strings.IndexAny(rest, ":.-"); k > 0 && k < 32 && len(strings.Fields(rest[:k])) <= 4 {
			at += k + 1
		}
	}
	return at
}

// isMarkerHeading reports a short heading that names the marked part
// ("Summary", "SUMMARY AND KEY THEMES"): the part is the text after it.
func isMarkerHeading(t, word string) bool {
	t = strings.Trim(t, " :.-")
	if !hasPrefixFold(t, word) || len(t) > 40 || len(t) > len(word) && t[len(word)] != ' ' || strings.ContainsAny(t, ":.") {
		return false
	}
	return wordCount(t) <= 5
}

// beginMarker is "BEGIN " + word, without building it for the usual words.
func beginMarker(word string) string {
	switch word {
	case "SUMMARY":
		return "BEGIN SUMMARY"
	case "COMMENT":
		return "BEGIN COMMENT"
	}
	return "BEGIN " + word
}

func hasPrefixFold(s, p string) bool {
	return len(s) >= len(p) && strings.EqualFold(s[:len(p)], p)
}

// indexFoldASCII is strings.Index ignoring ASCII case; needle is upper case.
// Candidates are found with IndexByte on the needle's rarest letter (in
// either case; the next one of each case is remembered) and confirmed with
// strings.EqualFold. An ASCII needle folds only onto ASCII bytes of the
// same letters, so this finds the first match as a plain scan would.
func indexFoldASCII(s, needle string) int {
	n := len(needle)
	if n == 0 {
		return 0
	}
	a := rarestByte(needle)
	lo := needle[a] | 0x20
	hi := lo &^ 0x20
	nl, nh := -2, -2 // next position of lo / hi at or after i; -1 none, -2 unknown
	for i := a; i-a+n <= len(s); {
		if nl != -1 && nl < i {
			if nl = strings.IndexByte(s[i:], lo); nl >= 0 {
				nl += i
			}
		}
		if nh != -1 && nh < i {
			if nh = strings.IndexByte(s[i:], hi); nh >= 0 {
				nh += i
			}
		}
		p := nl
		if p < 0 || nh >= 0 && nh < p {
			p = nh
		}
		if p < 0 || p-a+n > len(s) {
			return -1
		}
		if j := p - a; strings.EqualFold(s[j:j+n], needle) {
			return j
		}
		i = p + 1
	}
	return -1
}

// letterRarity ranks the letters by how rarely they occur in English text.
const letterRarity = "ZQJXKVBPYGFWMUCLDRHSNIOATE"

// rarestByte returns the offset of needle's rarest letter (0 when it has
// no letter).
func rarestByte(needle string) int {
	best, rank := 0, len(letterRarity)+1
	for i := 0; i < len(needle); i++ {
		if r := strings.IndexByte(letterRarity, upper(needle[i])); r >= 0 && r < rank {
			best, rank = i, r
		}
	}
	return best
}
