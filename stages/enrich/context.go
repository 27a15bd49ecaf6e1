package enrich

import "strings"

// Sentence context for names no list knows. A capitalized word that is not
// English is a person's name by default; the words around it can say it is a
// place ("in the province of Hadramaut", "flew to Taiz", "Arghandab-based")
// or an organization ("Hercules Manager John Smith", "John Smith of
// Uralsib", "Nevsun employees"). resolveSenses then gives every mention of
// the same word in a cable the type its clearest mention has.

// placeOfNouns before "of" make the name after it a place: "the province of
// Hadramaut", "off the coast of Hadramaut".
var placeOfNouns = cueList("place_of_nouns")

// motionWords before "to"/"from" make the name after it a place: "flew to
// Taiz", "a trip to Bisha", "returned from Oku".
var motionWords = cueList("motion_words")

// contextType returns PLACE or ORG when the words around the unknown name
// [i, i+n) say what it is, or "".
func (s *scanner) contextType(i, n int) string {
	j := i + n
	// a possessive after the name: "in Smith's view", "in Evo Morales' project" says nothing
	if j < len(s.toks) && (s.toks[j].kind == tPoss || isApos([]rune(s.toks[j].text)[0]) && s.toks[j].start == s.toks[j-1].end) {
		return ""
	}
	if c := j; c < len(s.toks) {
		if s.toks[c].text == "," {
			c++
		}
		if c < len(s.toks) && s.word(c) && s.toks[c].cap && corpSuffixes[s.keys[c]] {
			return "ORG" // "Insitec, Ltd"
		}
	}
	if i > 0 && s.word(i-1) && !s.toks[i-1].cap {
		p := s.keys[i-1]
		// "at Bir al-Mansurab", "in Marjah": short runs with no first name
		if placeContext[p] && n <= 3 && !s.is(i, fFirstName) && !(p == "in" && i > 1 && s.word(i-2) && trustNouns[s.keys[i-2]]) && !s.personAfter(j) {
			return "PLACE"
		}
		if (p == "to" || p == "from") && i > 1 && s.word(i-2) && motionWords[s.keys[i-2]] && n <= 3 {
			return "PLACE"
		}
		if p == "of" && i > 1 && s.word(i-2) && !s.toks[i-2].cap && placeOfNouns[s.keys[i-2]] && n <= 3 {
			return "PLACE"
		}
		if (p == "as" || p == "called" || p == "named") && n <= 3 && s.placeNear(i-1) {
			return "PLACE" // "an area known as Oku"
		}
		if p == "of" && n == 1 && s.personBefore(i-1) {
			return "ORG" // "Chris Weafer of Uralsib"
		}
	}
	// "the hydroelectric dam “Chaparral”", "the village Qarnet": a facility
	// or settlement noun in lower case, then the name in quotes or after "the ... noun"
	if c := i - 1; n <= 3 && c > 0 {
		quoted := s.toks[c].kind == tPunct && isQuote(s.toks[c].text)
		if quoted {
			c--
		}
		if c > 0 && s.lowerAt(c, facilityCues) && (quoted || s.keys[c-1] == "the") && !s.personAfter(j) {
			return "PLACE"
		}
	}
	if j+1 < len(s.toks) && s.toks[j].text == "-" && s.toks[j].start == s.toks[j-1].end && s.keys[j+1] == "based" {
		return "PLACE" // "Arghandab-based"
	}
	if n == 1 && !s.caps && j < len(s.toks) {
		// "Hercules Manager Coleman McDonough": a name, then a title and a name
		if s.capWord(j) && (s.toks[i].sentStart || i > 0 && (s.toks[i-1].kind == tPunct && s.toks[i-1].text != "-" || listStarts[s.keys[i-1]])) {
			if m := s.titleAt(j, len(s.toks)); m > 0 && corpTitles[s.keys[j+m-1]] && j+m < len(s.toks) && s.capWord(j+m) && !s.is(j+m, fWord) {
				return "ORG"
			}
		}
		// "right-wing Paufe leader Luis Patti"
		if s.word(j) && s.toks[j].lower && memberHeads[s.keys[j]] && s.capWord(j+1) {
			return "ORG"
		}
	}
	return ""
}

// personBefore: a person's name of two words or more ends just before token e.
func (s *scanner) personBefore(e int) bool {
	for k := len(s.out) - 1; k >= 0; k-- {
		m := &s.out[k]
		if m.seg != s.seg {
			return false
		}
		if m.tj == e {
			return m.typ == "PERSON" && m.tj-m.ti >= 2 && m.title == ""
		}
		if m.tj < e {
			return false
		}
	}
	return false
}

// contextMethod: the method of a mention typed by its context, which the
// other mentions of the same word in the cable follow. (A switch, not a
// set: it is asked of every mention, several times.)
func contextMethod(method Method) bool {
	switch method {
	case "place-context", "place-cue", "place-of", "org-cue", "org-context":
		return true
	}
	return false
}

// resolveSenses: one sense per cable. A single-word name typed PERSON only by
// default (no title, no first name, no full name to refer to) takes the type
// of another mention of the same word that its context typed as a place or an
// organization; a default name listed between places is a place ("Tatarstan,
// Bashkiria and the North Caucasus").
func resolveSenses(ms []mention, seg func(int) (string, []token, []string)) {
	guessed := func(m *mention) bool {
		return m.typ == "PERSON" && m.tj-m.ti == 1 && m.title == "" && (m.method == MethodNameRun || m.method == MethodBareName || m.method == MethodCapsGuess || m.method == MethodTheGuess) && m.weak
	}
	for i := range ms {
		m := &ms[i]
		if !guessed(m) {
			continue
		}
		_, toks, keys := seg(m.seg)
		if m.tj < len(toks) && (toks[m.tj].kind == tPoss || speechVerbs[keys[m.tj]]) {
			continue // "Moscow and Lavrov's visit"
		}
		for _, d := range []int{-1, 1} {
			k := i + d
			if k < 0 || k >= len(ms) || ms[k].seg != m.seg {
				continue
			}
			o := &ms[k]
			if o.typ != "PLACE" || o.weak || !(strings.HasPrefix(string(o.method), "geo:") || strings.HasPrefix(string(o.method), "list:")) || o.method == "geo:town" {
				continue
			}
			a, b := m.tj, o.ti // the tokens between the two
			if d < 0 {
				a, b = o.tj, m.ti
			}
			if listGap(toks, keys, a, b) && (keys[a] != "," || b-a > 1 || listGoesOn(toks, keys, ms, i, k)) {
				m.typ, m.method, m.weak = "PLACE", MethodPlaceCoord, false
				break
			}
		}
	}
	// a word that some mention shows as a person's ("Mugabe himself", "told
	// Mugabe", "Mugabe asks") keeps that sense: "go to Mugabe" is not a place
	var person map[string]bool
	for i := range ms {
		m := &ms[i]
		if m.tj-m.ti != 1 || !(guessed(m) || contextMethod(m.method)) {
			continue
		}
		_, toks, keys := seg(m.seg)
		if guessed(m) && m.tj < len(toks) && personCues[keys[m.tj]] || m.ti > 0 && personObjects[keys[m.ti-1]] {
			if person == nil {
				person = map[string]bool{}
			}
			person[key(m.text)] = true
		}
	}
	var kbuf [64]byte
	kb := kbuf[:0]
	if person != nil {
		for i := range ms {
			m := &ms[i]
			if m.tj-m.ti == 1 && contextMethod(m.method) && person[string(appendKey(kb[:0], m.text))] {
				m.typ, m.method, m.weak = "PERSON", MethodNameRun, true
			}
		}
	}
	var sense map[string]int
	for i := range ms {
		if ms[i].tj-ms[i].ti <= 3 && contextMethod(ms[i].method) && ms[i].typ != "PERSON" {
			if sense == nil {
				sense = map[string]int{}
			}
			kb = appendKey(kb[:0], ms[i].text)
			if _, ok := sense[string(kb)]; !ok {
				sense[string(kb)] = i
			}
		}
	}
	if sense == nil {
		return
	}
	for i := range ms {
		m := &ms[i]
		if !guessed(m) {
			continue
		}
		if j, ok := sense[string(appendKey(kb[:0], m.text))]; ok {
			m.typ, m.canonical, m.method, m.weak = ms[j].typ, ms[j].canonical, ms[j].method, false
		}
	}
}

// listGap: tokens [a, b) join two items of a list: ",", "and", "or", ", and".
func listGap(toks []token, keys []string, a, b int) bool {
	if b <= a || b-a > 2 {
		return false
	}
	for t := a; t < b; t++ {
		switch keys[t] {
		case ",", "and", "or":
		default:
			return false
		}
	}
	return !(b-a == 2 && keys[a] != ",")
}

// listGoesOn: items i and k, joined by a comma alone, are part of a longer
// list (a comma or "and" before the first or after the last): not "With
// regard to Jordan, Hamdan reported".
func listGoesOn(toks []token, keys []string, ms []mention, i, k int) bool {
	lo, hi := &ms[i], &ms[k]
	if k < i {
		lo, hi = hi, lo
	}
	if hi.tj < len(toks) && (keys[hi.tj] == "," || keys[hi.tj] == "and" || keys[hi.tj] == "or") {
		return true
	}
	return lo.ti > 0 && keys[lo.ti-1] == ","
}

// pluralNoun: an English plural noun ("Issues", "Steps", "Talks").
func pluralNoun(x *lexicon, k string) bool {
	n := len(k)
	if n < 5 || k[n-1] != 's' || k[n-2] == 's' || !x.words[k] {
		return false
	}
	return x.words[k[:n-1]] || (k[n-2] == 'e' && x.words[k[:n-2]]) || (strings.HasSuffix(k, "ies") && x.words[k[:n-3]+"y"])
}

// featureHeads after a nationality word name a natural feature: "Arabian Sea".
var featureHeads = cueList("feature_heads")

// signature: the name [i, i+n) ends the cable's last paragraph in capitals,
// or, in any case, stands alone on the paragraph's last line ("\n\nCrockart").
func (s *scanner) signature(i, n int) bool {
	if !s.last {
		return false
	}
	if !s.toks[i].allCaps && !(n <= 2 && s.lineStart(i)) {
		return false
	}
	j := i + n
	for j < len(s.toks) && s.toks[j].kind == tPunct && s.toks[j].text == "." {
		j++
	}
	return j == len(s.toks)
}

// placeNear: a place noun within three words before token e ("an area known
// as", "a village called").
func (s *scanner) placeNear(e int) bool {
	for c := e - 1; c >= 0 && c >= e-3; c-- {
		if !s.word(c) || s.toks[c].cap {
			return false
		}
		if placeOfNouns[s.keys[c]] || placeCues[s.keys[c]] {
			return true
		}
	}
	return false
}

// isPartyTail: party tails in lower case after a capitalized name make it a
// party's or a movement's name: "the Socialist Left party". (A switch, not
// a set: it is asked after every name.)
func isPartyTail(k string) bool {
	switch k {
	case "party", "movement", "faction", "bloc":
		return true
	}
	return false
}

// partyName returns where the name [p, b) before a lower-case party word
// starts, or -1: up to four capitalized words, not only nationalities or
// places, no title.
func (s *scanner) partyName(a, b int) int {
	if s.caps || b >= len(s.toks) || !s.word(b) || !s.toks[b].lower || !isPartyTail(s.keys[b]) || s.toks[b-1].kind != tWord {
		return -1
	}
	for a < b && (s.keys[a] == "the" || s.is(a, fDeterminer)) {
		a++
	}
	if a > 0 && s.toks[a-1].text == "-" && s.toks[a-1].end == s.toks[a].start {
		return -1 // "the anti-Kirchner movement"
	}
	if b-a < 1 || b-a > 4 {
		return -1
	}
	proper := false
	for j := a; j < b; j++ {
		if s.toks[j].kind != tWord || !s.toks[j].cap || s.is(j, fTitle) || s.is(j, fOrgHead) {
			return -1
		}
		if !s.is(j, fDemonym) && !s.is(j, fPhrase) && !s.is(j, fDirection) {
			proper = true
		}
	}
	if !proper {
		return -1
	}
	return a
}

// knownVariant: an acronym a list knows with a US prefix ("USEUCOM" for
// EUCOM) or a one-letter suffix ("MNF-I" for MNF).
func knownVariant(x *lexicon, w string) bool {
	if len(w) >= 6 && strings.HasPrefix(w, "US") && x.acronyms[w[2:]] {
		return true
	}
	n := len(w)
	return n >= 4 && w[n-2] == '-' && w[n-1] >= 'A' && w[n-1] <= 'Z' && x.acronyms[w[:n-2]]
}

// memberHeads in lower case between two names make the first an
// organization: "Paufe leader Luis Patti".
var memberHeads = cueList("member_heads")

// shipPrefixes start a vessel's name, which is not annotated: "U.S.S. Ashland".
var shipPrefixes = cueList("ship_prefixes")

// personNouns after "the X" keep X a person: "the Obama administration".
var personNouns = cueList("person_nouns")

// theName: the unknown name at i follows "the" and is not a person's by what
// comes after it ("the Mechel incident", "the Gripen"; not "the Obama
// administration", "the Zapatero government").
func (s *scanner) theName(i int) bool {
	if i == 0 || s.keys[i-1] != "the" {
		return false
	}
	j := i + 1
	if j < len(s.toks) && (s.toks[j].kind == tPoss || s.word(j) && personNouns[s.keys[j]]) {
		return false
	}
	return true
}

// modifierName: the unknown name at i modifies a common noun after a
// lower-case word or a number ("an Ipanema night club", "convicted Lockerbie
// bomber", "further Indo-Pak cooperation"): a place's, a body's or a thing's
// name, not a person's, unless the noun is one that takes a person ("a
// Mugabe loyalist") or the word after it may be a verb ("Putin embraces",
// "Mugabe reportedly").
func (s *scanner) modifierName(i int) bool {
	j := i + 1
	if i == 0 || j >= len(s.toks) || s.toks[i].sentStart {
		return false
	}
	if p := &s.toks[i-1]; !(p.kind == tNum || s.word(i-1) && p.lower && !personObjects[s.keys[i-1]] && !speechVerbs[s.keys[i-1]]) {
		return false
	}
	if !s.word(j) || !s.toks[j].lower || !s.is(j, fWord) || s.is(j, fCapsStop) || s.is(j, fConnector) || s.is(j, fDeterminer) {
		return false // "when Quelvoran and ...": a function word, not a noun the name modifies
	}
	k := s.keys[j]
	if personNouns[k] || personCues[k] || speechVerbs[k] || personModNouns[k] {
		return false
	}
	n := len(k)
	return n > 2 && k[n-1] != 's' && !strings.HasSuffix(k, "ed") && !strings.HasSuffix(k, "ly") && !strings.HasSuffix(k, "ing")
}

// personModNouns after a name take a person: "a Mugabe loyalist", "the
// Karzai speech".
var personModNouns = cueList("person_mod_nouns")

// eventHeads end the name of an event, which is not annotated: "Fajr
// Tournament"; a name before them is not a person's.
var eventHeads = cueList("event_heads")

// corpSuffixes after a name make it a company's: "Insitec, Ltd".
var corpSuffixes = cueList("corp_suffixes")

// headingEnd: token j ends a heading: the end of the text or of a line, or a
// capitalized word runs on ("Gabala Issues Responding to ...").
func (s *scanner) headingEnd(j int) bool {
	if j+1 >= len(s.toks) {
		return true
	}
	return strings.IndexByte(s.text[s.toks[j].end:s.toks[j+1].start], '\n') >= 0 || s.capWord(j+1)
}

// trustNouns before "in" take a person: "faith in Salam Fayyad".
var trustNouns = cueList("trust_nouns")

// listStarts may come before an organization that starts a list item:
// "the Hercules Manager ...", "and Hercules Manager ...".
var listStarts = cueList("list_starts")

// corpTitles end a company officer's title: "Hercules Manager Coleman
// McDonough" (not "Sarkozy Chief of Staff Claude Gueant").
var corpTitles = cueList("corp_titles")

// personAfter: a verb of speech follows token j: "in Putin said" never, but
// "Mugabe told" after a place word is a person.
func (s *scanner) personAfter(j int) bool {
	return j < len(s.toks) && s.word(j) && speechVerbs[s.keys[j]]
}

// personCues after a name and personObjects before it show a person.
var personCues = cueList("person_cues")

var personObjects = cueList("person_objects")

// regionHeads after a nationality word name a region: "Northern Province".
var regionHeads = cueList("region_heads")

// lowerAt: token j is a lower-case word (in set, when set is not nil).
func (s *scanner) lowerAt(j int, set map[string]bool) bool {
	return j < len(s.toks) && s.word(j) && s.toks[j].lower && (set == nil || set[s.keys[j]])
}

// lineStart: token i starts a line after a blank line.
func (s *scanner) lineStart(i int) bool {
	if i == 0 {
		return false
	}
	return strings.Contains(s.text[s.toks[i-1].end:s.toks[i].start], "\n\n")
}

// facilityCues before a name make it a place: "the dam “Chaparral”".
var facilityCues = cueList("facility_cues")

// programTails in lower case after a name of two words or more make it a
// program's name, which is not annotated: "the Renta Dignidad program".
var programTails = cueList("program_tails")
