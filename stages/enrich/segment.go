package enrich

import "strings"

// determiners and other function words never start a name.
var determiners = cueList("determiners")

// camelAbbrev: a capital inside a word after a lower-case letter, as in
// office abbreviations (PolMil, EconOff); not Mc/Mac/De/Di/La/Le/Van names.
func camelAbbrev(w string) bool {
	for i := 1; i < len(w); i++ {
		if w[i] >= 'A' && w[i] <= 'Z' && w[i-1] >= 'a' && w[i-1] <= 'z' {
			switch w[:i] {
			case "Mc", "Mac", "De", "Di", "Da", "La", "Le", "Van", "Von", "Du", "Fitz", "Al", "El":
				return false
			}
			return !strings.ContainsAny(w[:i], "'-’")
		}
	}
	return false
}

// compoundWord: two English words of four letters or more run together.
func (s *scanner) compoundWord(k string) bool {
	if len(k) < 8 {
		return false
	}
	for _, p := range fusedPrefixes {
		if len(k) > len(p)+3 && k[:len(p)] == p && (s.flags(k[len(p):])&fWord != 0 || s.flags(trimPlural(k[len(p):]))&fWord != 0) {
			return true // Counternarcotics, Antiterrorism, Nonproliferation
		}
	}
	for i := 4; i <= len(k)-4; i++ {
		// s.flags(w)&fWord is x.words[w], through the scanner's cache
		if s.flags(k[:i])&fWord != 0 && (s.flags(k[i:])&fWord != 0 || s.flags(trimPlural(k[i:]))&fWord != 0) {
			return true
		}
	}
	return false
}

// fusedPrefixes make English words of English words written as one.
var fusedPrefixes = [...]string{"counter", "anti", "non", "post", "pre", "inter", "multi", "trans", "sub", "super", "over", "under", "cross", "semi", "mis", "re"}

// portfolios: what "Minister of ..." and "Secretary of ..." are in charge of.
var portfolios = cueList("portfolios")

// officeSymbol: EUR/RUS, NEA/ARP, PM/WRA: parts of at most four letters,
// not all English words.
// partyState: "(R/AZ)", "(D-NY)" after a legislator's name: a party and a
// state, not an office symbol (office symbols are ORG only in running text).
func partyState(s *scanner, i int) bool {
	w := s.toks[i].text
	return len(w) == 4 && w[1] == '/' && (w[0] == 'R' || w[0] == 'D' || w[0] == 'I') && i > 0 && s.toks[i-1].text == "("
}

func officeSymbol(x *lexicon, w string) bool {
	parts := strings.Split(w, "/")
	words := 0
	for _, p := range parts {
		if len(p) == 0 || len(p) > 4 || strings.ContainsAny(p, "0123456789") {
			return false
		}
		if x.words[strings.ToLower(p)] {
			words++
		}
	}
	nonEnt := 0
	for _, p := range parts {
		if x.nonEnt[strings.ToLower(p)] {
			nonEnt++
		}
	}
	return len(parts) >= 2 && words < len(parts) && nonEnt < len(parts) // not HIV/AIDS
}

// placeContext words before an unknown single name make it a place.
var placeContext = cueList("place_context")

// longPhrase: a listed name of two or more words, longer than the title n,
// starts at i.
func (s *scanner) longPhrase(i, b, n int) bool {
	gn, _ := s.phraseAt(i, b)
	return gn >= 2 && gn > n
}

// titleBeforeName: a title at a sentence start ("Private", "Leader") counts
// only before something that looks like a name.
func (s *scanner) titleBeforeName(i, n, b int) bool {
	if !s.toks[i].sentStart || s.caps {
		return true
	}
	j := i + n
	for j < b && s.toks[j].kind == tPunct {
		j++
	}
	if n > 1 || !s.is(i, fWord) || (j < b && (s.keys[j] == "of" || s.keys[j] == "for")) {
		return true
	}
	return j < b && s.capWord(j) && (!s.is(j, fWord) || s.is(j, fFirstName))
}

// acronymOK: an acronym in mixed-case text names a body unless it is a
// plural (IOCs), carries digits (M-171), or is two letters no list knows.
func (s *scanner) acronymOK(i int) bool {
	w := s.toks[i].text
	if strings.ContainsAny(w, "0123456789") {
		return false
	}
	if n := len(w); n > 2 && w[n-1] == 's' && w[n-2] >= 'A' && w[n-2] <= 'Z' {
		return false
	}
	if s.flags(w)&fAcronym == 0 && !knownVariant(s.x, w) && (s.defs == nil || s.defs[w].typ == "") { // not x.acronyms[w]
		return false // an acronym no list knows and the cable does not define
	}
	return true
}

// cuedName: the chunk [a, b) follows an organization cue, maybe across an
// opening quote ("business paper “La Vie Eco”", "daily La Nacion"), and
// is a short run of names with no title: the whole chunk is the body's name.
func (s *scanner) cuedName(a, b int) bool {
	if b-a < 1 || b-a > 4 {
		return false
	}
	c := a - 1
	if b-a == 1 { // "the newspaper, the Herald": one word after an appositive article
		if c < 2 || !s.word(c) || s.keys[c] != "the" || s.toks[c].cap || s.caps || s.toks[c-1].text != "," {
			return false
		}
		c--
	}
	if c > 0 && s.toks[c].kind == tPunct && isQuote(s.toks[c].text) {
		c--
	}
	if c > 0 && s.toks[c].text == "," {
		c-- // "the leading business paper, “La Vie Eco”"
	}
	if c < 0 || !s.word(c) || (s.toks[c].cap && !s.caps) || !orgCues[s.keys[c]] {
		return false
	}
	for j := a; j < b; j++ {
		k := s.keys[j]
		if s.toks[j].kind != tWord || s.is(j, fTitle) || s.is(j, fDemonym) || s.is(j, fFirstName) || s.x.phrases[k].typ == "PLACE" {
			return false
		}
	}
	return true
}

func isQuote(t string) bool {
	return t == "\"" || t == "“" || t == "'" || t == "‘"
}

// segment classifies the name chunk [a, b) into mentions.
func (s *scanner) segment(a, b int) {
	x := s.x
	if s.cuedName(a, b) {
		st := a
		if a > 0 && s.word(a-1) && strings.HasSuffix(s.keys[a-1], "s") && s.keys[a-1] != "press" {
			// a plural cue: "cooperatives Copersucar and Crystalsev" are two
			for j := a; j < b; j++ {
				if s.keys[j] == "and" || s.keys[j] == "or" {
					if j > st {
						s.emit(st, j, "ORG", "", "", MethodOrgCue, "", false)
					}
					st = j + 1
				}
			}
		}
		if b > st {
			s.emit(st, b, "ORG", "", "", MethodOrgCue, "", false)
		}
		return
	}
	if p := s.partyName(a, b); p >= 0 {
		s.emit(p, b, "ORG", "", "", MethodOrgTail, "", false) // "the Socialist Left party"
		return
	}
	title, titleStart := "", -1
	steps := 0
	for i := a; i < b; {
		if steps++; steps > 4*(b-a)+8 {
			return // a safety net: every branch below advances i
		}
		t := &s.toks[i]
		k := s.keys[i]
		if t.kind == tPunct || !s.word(i) {
			i++
			continue
		}
		if (!t.cap || s.caps) && s.is(i, fConnector) && !s.caps || k == "the" || (s.caps && s.is(i, fCapsStop)) {
			title = "" // a title names only the name right after it
			i++
			continue
		}
		if s.is(i, fDeterminer) && (t.sentStart || !t.allCaps) && !s.caps {
			i++
			continue
		}
		// "Visit Embassy Cairo's ...": a sentence-initial verb is not part of the name
		if t.sentStart && s.is(i, fWord) && !t.allCaps && !s.is(i, fOrgModifier) && !s.caps && i+1 < b && s.postAt(i+1, b) > 0 {
			i++
			continue
		}
		// offices of posts: "Embassy Berlin", "Consulate General Lagos"
		if n := s.postAt(i, b); n > 0 {
			s.emit(i, i+n, "ORG", "", "", MethodPost, "", false)
			i += n
			continue
		}
		// foreign-language bodies, head first: "Conseil de la Nation", "Comando Maisanta"
		if (t.cap || s.caps) && s.is(i, fForeignHead) { // foreignHeads[k]
			if n := s.foreignOrg(i, b); n > 1 {
				s.emit(i, i+n, "ORG", "", "", MethodOrgForeign, "", false)
				i += n
				continue
			}
		}
		// State Department office symbols: EUR/RUS, ISN/MTR
		if t.allCaps && strings.IndexByte(t.text, '/') > 0 && officeSymbol(x, t.text) && !partyState(s, i) {
			s.emit(i, i+1, "ORG", "", "", MethodOfficeSymbol, "", false)
			i++
			continue
		}
		// titles: "President", "Foreign Minister", "D/D" (a listed name of
		// two words or more, "Justice and Development Party", wins)
		if n := s.titleAt(i, b); n > 0 && s.titleBeforeName(i, n, b) && !s.longPhrase(i, b, n) {
			j := i + n
			if j < b && !(s.keys[j] == "of" || s.keys[j] == "for") {
				if title == "" {
					titleStart = i
				}
				title = joinText(s, i, j)
				i = j
				continue
			}
			// "Secretary of Defense Gates", "Minister of Foreign Affairs Qirbi"
			e := j + 1
			port := false // "Chief of the Civil Household": "the" alone is not a portfolio
			for e < b && e-j <= 4 && (s.is(e, fPortfolio) || (s.keys[e] == "the" && e == j+1)) {
				port = port || s.keys[e] != "the"
				e++
			}
			if port && e < b && s.capWord(e) && !s.is(e, fOrgHead) {
				if title == "" {
					titleStart = i
				}
				title = joinText(s, i, e)
				i = e
				continue
			}
			i = j
			if j < b { // "Minister of Finance ...": the "of" part may still hold names
				i++
			}
			continue
		}
		gn, gp := s.phraseAt(i, b)
		if gn > 0 && gp.country == "US" && gp.typ == "PLACE" && i+gn < b {
			if n := s.postAt(i+gn, b); n > 0 { // "US EMBASSY BRASILIA"
				s.emit(i, i+gn+n, "ORG", "", "US", MethodPost, "", false)
				i += gn + n
				continue
			}
		}
		if (k == "para" || k == "paras") && i+1 < len(s.toks) && s.toks[i+1].kind == tNum {
			i++ // "see Para 2": a paragraph, not the state of Para
			continue
		}
		// airlines: "Air Arabia", "Air France" (not "Air Force", "Air Marshal")
		if k == "air" && t.cap && !s.caps && i+1 < b && s.capWord(i+1) && !s.is(i+1, fOrgHead) && !s.is(i+1, fTitle) && !s.is(i+1, fTitlePrefix) && !s.is(i+1, fWord) {
			s.emit(i, i+2, "ORG", "", "", MethodOrgPattern, "", false)
			i += 2
			continue
		}
		if s.is(i, fNonEnt) && gn == 0 {
			i++
			continue
		}
		// "the Bush administration": a capitalized word between "the" and a
		// lower-case "administration" is a president's name, English or not
		if gn == 0 && i+1 == b && !s.caps && t.cap && !t.sentStart && !t.allCaps && s.theAdministration(i) {
			s.emit(i, i+1, "PERSON", "", "", MethodAdministration, title, false)
			i++
			continue
		}
		if s.caps && gn == 1 && (gp.typ == "ORG" || gp.method == "geo:town" || gp.method == "geo:city") && s.is(i, fWord) && (!s.is(i, fOrgHead) || k == "house") && !s.is(i, fFirstName) {
			gn = 0 // "TOTAL" in capitals is a word, not the company; "HIS HOUSE" not the House
		}
		if gn == 1 && !s.caps && t.allCaps && len(t.text) <= 5 && isAcronym(t.text) && (gp.method == "geo:region" || gp.method == "geo:town" || gp.method == "geo:city") {
			gn = 0 // "ALBA" in mixed case is the alliance, not Alba county
		}
		if gn == 1 && gp.typ == "ORG" && i+1 < b && s.capWord(i+1) && strings.IndexByte(t.text, '.') > 0 && len(t.text) <= 6 {
			gn = 0 // "A.Q. Khan": initials, not AQ (al-Qaeda)
		}
		if gn == 1 && (gp.method == "geo:town" || gp.method == "geo:region" && s.is(i, fFirstName)) && !s.cx.has(gp.country) {
			gn = 0 // "Obama" is a town in Japan: not in a Nigeria cable
		}
		on, person := s.orgSpan(i, b)
		// jargon: GOR, GOA (not the Indian state), USG, GIRoA; "the GOI
		// Ministry of External Affairs": the jargon, then the ministry
		if (on <= 1 || !s.caps && i+1 < b && s.keys[i+1] == "ministry") && isAcronym(t.text) && s.cx != nil {
			if can, _, ok := resolveJargon(t.text, s.cx); ok && (on <= 1 || strings.Contains(can, "Government")) {
				s.emit(i, i+1, "ORG", "", "", MethodJargon, "", false)
				i++
				continue
			}
		}
		if person > 0 { // "Bush Administration"
			s.emit(i, i+person, "PERSON", "", "", MethodAdministration, title, false)
			i += person + 1
			title = ""
			continue
		}
		// a first name before a town's name: "Nelson Mandela", "Carolina Barco"
		if s.is(i, fFirstName) && gn == 1 && gp.typ == "PLACE" && gp.method != "geo:country" && gp.method != "list:places" && i+1 < b && s.capWord(i+1) && !s.stopName(i+1) {
			if n := s.personRun(i, b); n > 1 {
				s.emit(i, i+n, "PERSON", "", "", MethodFirstName, title, false)
				title = ""
				i += n
				continue
			}
		}
		pn, pcc := s.placeSpan(i, b)
		// "Cairo Station": a city's intelligence station
		if gn == 1 && gp.typ == "PLACE" && i+1 < len(s.toks) && s.keys[i+1] == "station" && s.word(i+1) && (i+1 < b || i+1 == b && s.toks[i+1].lower) && !s.caps {
			s.emit(i, i+2, "ORG", "", gp.country, MethodStation, "", false)
			i += 2
			continue
		}
		if title != "" && (personalTitle(title) && gn == 1 && gp.typ == "PLACE" && gp.method != "geo:country" && gp.method != "list:places" || !(gn > 0 && (gp.typ == "ORG" || gp.method == "geo:country" || gp.method == "list:places" || (gp.typ == "PLACE" && i+gn == b)) && gn >= on)) && on == 0 {
			if n := s.personRun(i, b); n > 0 {
				if s.signature(i, n) {
					i += n // "FM\n\nSTAPLETON": a signature left in the last paragraph
					continue
				}
				if n == 1 && s.abstractNoun(i) {
					i++ // "Homeland Security and Counterterrorism", "General Officer Discussions": a title's words, no name
					title = ""
					continue
				}
				s.emit(i, i+n, "PERSON", "", "", MethodTitle, title, false)
				title = ""
				i += n
				continue
			}
		}
		// "Magway Division": a listed region and "Division" (Burma's regions) is the region
		if gn > 0 && on == gn+1 && gp.method == "geo:region" && s.keys[i+gn] == "division" && s.capWord(i+gn) {
			s.emit(i, i+on, "PLACE", "", gp.country, MethodPlacePattern, "", false)
			i += on
			continue
		}
		switch {
		case gn > 0 && gn >= on && gn >= pn:
			// a city that starts an unknown name is a person: "Princeton Lyman"
			if (gp.method == "geo:city" || gp.method == "geo:town") && gn == 1 && i+1 < b && s.unknownWord(i+1) && (!s.caps || !s.cx.has(gp.country)) {
				if n := s.personRun(i, b); n > 0 {
					s.emit(i, i+n, "PERSON", "", "", MethodNameRun, "", false)
					i += n
					continue
				}
			}
			s.emit(i, i+gn, gp.typ, gp.canonical, gp.country, gp.method, "", false)
			i += gn
			continue
		case on > 0 && on >= pn:
			if on >= 2 && mediaHeads[s.keys[i+on-1]] {
				on-- // "VEA newspaper": the outlet is VEA
				s.emit(i, i+on, "ORG", "", "", MethodOrgCue, "", false)
				i += on + 1
				continue
			}
			s.emit(i, i+on, "ORG", "", "", MethodOrgPattern, "", false)
			i += on
			continue
		case pn > 0:
			s.emit(i, i+pn, "PLACE", "", pcc, MethodPlacePattern, "", false)
			i += pn
			continue
		}
		_ = titleStart
		if s.is(i, fDemonym) || s.is(i, fTitle) {
			i++
			continue
		}
		// first name + surname
		// (a form's value after "Label:" is not a sentence's first word: "Minister: Martin Zeil")
		if s.is(i, fFirstName) && !(t.sentStart && s.is(i, fWord) && !(i > 0 && s.toks[i-1].text == ":")) && !(s.caps && s.is(i, fWord)) && i+1 < b && s.capWord(i+1) && !s.stopName(i+1) {
			if n := s.personRun(i, b); n > 1 && !(i > 0 && s.keys[i-1] == "the" && allWords(s, i, i+n)) { // not "The Way Forward"
				s.emit(i, i+n, "PERSON", "", "", MethodFirstName, "", false)
				i += n
				continue
			}
		}
		// acronyms
		if !s.caps && isAcronym(t.text) && !s.is(i, fWord) {
			if s.acronymOK(i) {
				s.emit(i, i+1, "ORG", "", "", MethodAcronym, "", false)
			} else if i > 0 && s.word(i-1) && !s.toks[i-1].cap && orgCues[s.keys[i-1]] {
				s.emit(i, i+1, "ORG", "", "", MethodOrgCue, "", false) // "diamond monopoly ALROSA"
			} else if i+1 < b && s.word(i+1) && !s.toks[i+1].cap && acronymOrgAfter[s.keys[i+1]] || i+1 < len(s.toks) && s.toks[i+1].kind == tPoss && i+2 < len(s.toks) && acronymOrgAfter[s.keys[i+2]] {
				s.emit(i, i+1, "ORG", "", "", MethodAcronymCue, "", false) // "the MNR party", "PSO officials"
			} else if militaryCommand(t.text) {
				s.emit(i, i+1, "ORG", "", "", MethodCommand, "", false) // STRATCOM, NORTHCOM, AFRICOM
			} else if len(t.text) >= 3 && letters(t.text) == len(t.text) {
				s.emit(i, i+1, "ORG", "", "", MethodAcronymGuess, "", true) // kept when listed beside a body: "Podemos and MNR"
			}
			i++
			continue
		}
		if s.caps && isAcronymCaps(s, i) {
			s.emit(i, i+1, "ORG", "", "", MethodAcronymList, "", false)
			i++
			continue
		}
		// unknown names: capitalized words that are not English words
		if s.unknownWord(i) {
			n := s.personRun(i, b)
			if n == 0 {
				n = 1
			}
			weak := n == 1
			if s.caps && n == 1 && len(t.text) < 5 {
				i++
				continue
			}
			if s.signature(i, n) {
				i += n // a signature left in the last paragraph
				continue
			}
			if title == "" && s.orgCue(i, i+n) {
				s.emit(i, i+n, "ORG", "", "", MethodOrgCue, "", false) // "state oil company Sonangol", "newspaper Liberte"
				i += n
				if i < b && mediaHeads[s.keys[i]] {
					i++
				}
				continue
			}
			if i > 0 && s.keys[i-1] == "operation" || shipPrefixes[k] && t.allCaps && n > 1 || !s.caps && s.capWord(i+n) && eventHeads[s.keys[i+n]] {
				if !s.caps && s.capWord(i+n) && eventHeads[s.keys[i+n]] {
					n++ // "Fajr Tournament": an event, not annotated
				}
				i += n // "Operation Hakudzokwi": operations are not annotated
				continue
			}
			if title == "" && (n == 1 || n == 2 && s.lowerAt(i+n, geoNouns)) && (s.lowerAt(i+n, placeCues) || s.lowerAt(i+2, placeCues) && s.lowerAt(i+1, nil) && !strings.HasSuffix(s.keys[i+1], "ed") && !personCues[s.keys[i+1]] && !speechVerbs[s.keys[i+1]]) {
				s.emit(i, i+n, "PLACE", "", "", MethodPlaceCue, "", false) // "the Marange fields", "the Hazar chemical plant"
				i += n
				continue
			}
			if title == "" && n >= 2 && s.lowerAt(i+n, programTails) {
				i += n // "the Renta Dignidad program": programs are not annotated
				continue
			}
			if title == "" && n == 1 && i+2 < len(s.toks) && s.toks[i+1].kind == tPunct && (s.keys[i+2] == "class" || s.keys[i+2] == "-class") {
				i++ // "Descubierta" class: a product
				continue
			}
			method := MethodNameRun
			if s.caps && title == "" && (n == 1 || strings.Contains(joinText(s, i, i+n), ".")) {
				method = MethodCapsGuess // kept only when coreference confirms it
			}
			if n == 1 && title == "" && companySuffix(s.keys[i]) {
				s.emit(i, i+1, "ORG", "", "", MethodCompanySuffix, "", true) // Sberbank, Rosneft, Naftogaz
				i++
				continue
			}
			if title == "" {
				switch s.contextType(i, n) {
				case "PLACE": // "in Marjah", "the province of Hadramaut"
					s.emit(i, i+n, "PLACE", "", "", MethodPlaceContext, "", n == 1)
					i += n
					continue
				case "ORG": // "Hercules Manager Coleman McDonough"
					s.emit(i, i+n, "ORG", "", "", MethodOrgContext, "", false)
					i += n
					continue
				}
			}
			if n == 1 && title == "" && !s.caps && (s.theName(i) || s.modifierName(i)) {
				method = MethodTheGuess // "the Mechel incident", "a Chiadzwa diamond deal": kept only when coreference confirms it
			}
			if n == 1 && title == "" && method == MethodNameRun && particleName(t.text) && !(i > 0 && s.capWord(i-1)) {
				// "al-Shabaab", "al-Qa,ida", "al-Jazeera": a bare transliterated
				// name with a lower-case particle is a group or an outlet far
				// more often than a person; a fuller name in the cable retypes it
				s.emit(i, i+1, "ORG", "", "", MethodParticleGroup, "", true)
				i++
				continue
			}
			if n > 1 && title == "" && method == MethodNameRun && !s.caps && !s.is(i, fFirstName) && s.is(i+n-1, fWord) && !s.personEvidence(i+n-1) && !s.innerParticle(i, i+n) && !s.initialsIn(i, i+n) {
				method = MethodBareName // "Thor Leader", "Kroll Report": a run ending in an English noun, with no evidence
			}
			if n == 1 && title == "" && method == MethodNameRun && !s.is(i, fFirstName) && !s.personEvidence(i) {
				method = MethodBareName // kept only when coreference or a second piece of evidence confirms it
			}
			s.emit(i, i+n, "PERSON", "", "", method, title, weak)
			title = ""
			i += n
			continue
		}
		// "the West", "the North"
		if s.is(i, fDirection) && i > 0 && s.keys[i-1] == "the" && !s.caps && (i+1 >= b) {
			s.emit(i, i+1, "PLACE", "", "", MethodDirection, "", false)
		}
		i++
	}
}

func (p phrase) isSet() bool { return p.typ != "" }

func joinText(s *scanner, i, j int) string {
	return s.text[s.toks[i].start:s.toks[j-1].end]
}

// isAcronymCaps: in an all-capitals cable, an acronym only when a list knows it.
func isAcronymCaps(s *scanner, i int) bool {
	w := s.toks[i].text
	if s.flags(w)&fAcronym != 0 || knownVariant(s.x, w) { // x.acronyms[w]
		return true
	}
	if _, ok := fixedJargon[w]; ok {
		return true
	}
	if _, ok := hostJargon[w]; ok {
		return true
	}
	if len(w) >= 3 && len(w) <= 4 && w[0] == 'G' && w[1] == 'O' && !s.is(i, fWord) {
		return true // GOS, GOI: Government of ...
	}
	return false
}

// unknownWord: a capitalized word that no list knows and that is not an
// English word (in all-capitals text: not an English word either).
func (s *scanner) unknownWord(i int) bool {
	if !s.capWord(i) {
		return false
	}
	k := s.keys[i]
	x := s.x
	if s.is(i, fWord) || s.is(i, fDemonym) || s.is(i, fNonEnt) || s.is(i, fTitle) || s.is(i, fOrgHead) || s.is(i, fPlaceHead) || s.is(i, fDirection) {
		return false
	}
	if s.flags(trimPlural(k))&(fWord|fDemonym|fNonEnt) != 0 { // x.words, x.demonyms, x.nonEnt
		return false
	}
	if n := len(k); n > 4 && k[n-1] == 's' && (k[n-3:] == "ans" || k[n-4:] == "ines" || k[n-4:] == "ites" || k[n-4:] == "ists") {
		return false // Colombians, Argentines
	}
	if n := len(k); n > 6 && strings.HasSuffix(k, "ness") {
		return false // Kurdishness: a quality, not a name
	}
	if n := len(k); n > 5 && (strings.HasSuffix(k, "ian") || strings.HasSuffix(k, "ic") && !(n > 6 && strings.HasSuffix(k[:n-2], "v") && strings.ContainsRune("aeio", rune(k[n-4])) /* Markovic, Milosevic: surnames */) || strings.HasSuffix(k, "ist") || strings.HasSuffix(k, "ism") || strings.HasSuffix(k, "ese") ||
		(s.caps && (strings.HasSuffix(k, "ing") || strings.HasSuffix(k, "ed") || strings.HasSuffix(k, "ly") || strings.HasSuffix(k, "tion")))) && (s.caps || !s.toks[i].allCaps) {
		return false // Siberian, Leninist: adjectives, not names
	}
	if a := strings.LastIndexByte(k, '\''); a > 0 {
		switch k[a+1:] {
		case "re", "ll", "t", "ve", "m", "d":
			return false // we're, don't
		}
	}
	t := &s.toks[i]
	if !s.caps && isAcronym(t.text) {
		return false // acronyms are not names
	}
	if !s.caps && camelAbbrev(t.text) {
		return false // PolMil, EconOff, MinPet
	}
	if (!s.caps && !t.allCaps || s.caps && len(k) >= 9) && s.compoundWord(k) {
		return false // Roadmaps, Counterdrug; in capitals POLICYMAKERS, COUNTERNARCOTICS
	}
	if religions[k] {
		return false // "in Islam": a faith, not a place or a person
	}
	if h := strings.IndexByte(k, '-'); h > 0 && combiningPrefixes[k[:h]] {
		return false // Inter-American, Pan-Arab: an adjective
	}
	if strings.IndexByte(k, '-') > 0 || strings.IndexByte(k, '/') > 0 {
		if joinedWords(x, k) {
			return false // Non-Governmental, Request/Objectives
		}
	}
	if t.kind == tNum || strings.ContainsAny(k, "0123456789") {
		return false
	}
	return true
}

// religions are never names by themselves (inside a name they may be: "Saif
// al-Islam").
var religions = cueList("religions")

// combiningPrefixes start capitalized compounds that stay whole: "Inter-American
// Development Bank", "Pan-American Highway", "Trans-Caspian".
var combiningPrefixes = cueList("combining_prefixes")

// romanNumerals end a regnal name: "Abdullah II".
var romanNumerals = cueList("roman_numerals")

// orgCues before a name make it an organization: "state oil company
// Sonangol", "daily newspaper Liberte", "shipbuilder Izar".
var orgCues = cueList("org_cues")

// appositiveLinks may follow an organization cue before the name's comma.
var appositiveLinks = cueList("appositive_links")

// mediaHeads after a name make it an outlet: "VEA newspaper".
var mediaHeads = cueList("media_heads")

// orgCue: the name [i, j) follows an organization cue word written in lower
// case (any case in capitals), or precedes a media head.
func (s *scanner) orgCue(i, j int) bool {
	c := i - 1
	if c > 0 && s.toks[c].kind == tPunct && isQuote(s.toks[c].text) {
		c-- // `state chemical concern "Turkmenkhimiya"`
	}
	if c >= 0 && s.word(c) && (!s.toks[c].cap || s.caps) && orgCues[s.keys[c]] {
		return true
	}
	// an appositive: "a sixth company under investigation, Podravka, ..."
	if i > 1 && s.toks[i-1].text == "," {
		for c := i - 2; c >= 0 && c >= i-5; c-- {
			if !s.word(c) || (s.toks[c].cap && !s.caps) {
				break
			}
			if orgCues[s.keys[c]] {
				return c == i-2 || appositiveLinks[s.keys[c+1]]
			}
		}
	}
	// "Nevsun, the Canadian company", "Nevsun is the Canadian company"
	if j+1 < len(s.toks) && (s.toks[j].text == "," || s.keys[j] == "is" || s.keys[j] == "was") && (s.keys[j+1] == "the" || s.keys[j+1] == "a" || s.keys[j+1] == "an") {
		for c := j + 2; c < len(s.toks) && c <= j+5; c++ {
			if s.toks[c].kind == tPoss {
				continue
			}
			if !s.word(c) || (s.toks[c].cap && !s.caps && !s.is(c, fDemonym)) || placeContext[s.keys[c]] || s.keys[c] == "of" || s.keys[c] == "for" || s.keys[c] == "by" || s.keys[c] == "with" || s.is(c, fTitle) {
				break // "Tesic, the owner of the company": a person
			}
			if orgCues[s.keys[c]] || orgTails[s.keys[c]] {
				return true
			}
		}
	}
	if j < len(s.toks) && s.word(j) && !s.toks[j].cap && orgTails[s.keys[j]] {
		return true // "Acima supermarket chain" is caught below; "Wana subsidiary"
	}
	if j+1 < len(s.toks) && s.word(j) && s.word(j+1) && !s.toks[j].cap && !s.toks[j+1].cap && orgTails[s.keys[j+1]] && !s.is(j, fDemonym) {
		return true // "the Acima supermarket chain"
	}
	return j < len(s.toks) && s.word(j) && mediaHeads[s.keys[j]] && (!s.toks[j].cap || s.caps || j == i+1)
}

// orgTails after a name (in lower case) make it a company: "Acima supermarket
// chain", "Wana, the company's telecommunications subsidiary".
var orgTails = cueList("org_tails")

// placeCues after a single unknown name make it a place: "the Marange fields".
var placeCues = cueList("place_cues")

// geoNouns are the placeCues that also follow a two-word name: "the Arakan
// Yoma mountains".
var geoNouns = cueList("geo_nouns")

// foreignHeads start an organization's name in French, Spanish, Portuguese,
// Italian or transliterated Arabic/Persian: "Conseil de la Nation", "Partido
// Justicialista", "Comando Maisanta", "Majlis al-Shura".
var foreignHeads = cueList("foreign_heads")

// foreignOrg: the length of a head-first name at i: the head, then names and
// particles ("de la"), up to six words; in capitals only words that are not
// English.
func (s *scanner) foreignOrg(i, b int) int {
	j := i + 1
	last := i + 1
	for j < b && j-i <= 6 {
		k := s.keys[j]
		if s.word(j) && (s.is(j, fParticle) || k == "des" || k == "de" || k == "al" || k == "el") && (!s.toks[j].cap || s.caps) {
			j++
			continue
		}
		if !s.capWord(j) || s.is(j, fTitle) || s.is(j, fDemonym) {
			break
		}
		if s.caps && (s.is(j, fWord) || s.is(j, fCapsStop)) && !s.is(j, fOrgModifier) {
			break
		}
		if n, p := s.phraseAt(j, b); n > 0 && p.typ == "ORG" && j == i+1 {
			break
		}
		j++
		last = j
	}
	return last - i
}

// personalTitles are honorifics that name only a person: "Empress Farah".
var personalTitles = cueList("personal_titles")

func personalTitle(title string) bool {
	_, last, n := fieldEnds(title)
	var kbuf [32]byte
	return n > 0 && personalTitles[string(appendKey(kbuf[:0], strings.TrimSuffix(last, ".")))]
}

// MethodCompanySuffix: one word ending as company names do (companySuffix).

// companySuffix: a word of six letters or more ending in -bank, -neft,
// -prom, -gaz or -energo: Sberbank, Priorbank, Rosneft, Gazprom, Naftogaz.
func companySuffix(k string) bool {
	if len(k) < 6 {
		return false
	}
	for _, suf := range [...]string{"bank", "neft", "prom", "gaz", "energo"} {
		if strings.HasSuffix(k, suf) && len(k) > len(suf)+2 {
			return true
		}
	}
	return false
}

// MethodAcronymGuess: an acronym no list knows and no cue types; coreference
// keeps it only when it is listed beside a body ("Podemos and MNR").

// innerParticle: a name particle inside [i, j): "Usama Bin Laden", "Roberto
// de La Cruz" (a person's patronymic or nobiliary particle).
func (s *scanner) innerParticle(i, j int) bool {
	for t := i + 1; t < j-1; t++ {
		if s.is(t, fParticle) {
			return true
		}
	}
	return false
}

// initialsIn: initials before the last word of [i, j): "A.Q. Khan", "M. K. Gandhi".
func (s *scanner) initialsIn(i, j int) bool {
	for t := i; t < j-1; t++ {
		w := s.toks[t].text
		if len(w) == 1 && t+1 < j && s.toks[t+1].text == "." || strings.Count(w, ".") >= 1 && letters(w) <= 3 && letters(w) == len(w)-strings.Count(w, ".") {
			return true
		}
	}
	return false
}

// acronymOrgAfter: words after an unknown acronym that only a body takes.
var acronymOrgAfter = cueList("acronym_org_after")

// particleName: the word starts with a lower-case Arabic article joined by a
// hyphen: al-Shabaab, el-Nour, ud-Dawa.
func particleName(w string) bool {
	return len(w) > 4 && (w[:3] == "al-" || w[:3] == "el-" || w[:3] == "ud-" || w[:3] == "ad-" || w[:3] == "as-" || w[:3] == "an-")
}

// personEvidence: a verb of speech after the word ("Iglesias said",
// "Morgan noted her belief"), or one of the verbs and prepositions that take
// a person before it ("told Iglesias", "according to Nabhan", "met with X").
func (s *scanner) personEvidence(i int) bool {
	j := i + 1
	if i > 0 && s.word(i-1) && (personBefore[s.keys[i-1]] || personObjects[s.keys[i-1]]) {
		return true
	}
	if i > 1 && s.word(i-2) && s.word(i-1) && (s.keys[i-2] == "according" && s.keys[i-1] == "to" || s.keys[i-2] == "met" && s.keys[i-1] == "with") {
		return true
	}
	if j < len(s.toks) && s.toks[j].kind == tPunct && s.toks[j].text == "," {
		return j+1 < len(s.toks) && s.word(j+1) && (s.keys[j+1] == "who" || s.keys[j+1] == "whose") // "Mendrak, who said"
	}
	if j < len(s.toks) && s.word(j) && (speechVerbs[s.keys[j]] || personAfter[s.keys[j]] || personCues[s.keys[j]]) {
		return true
	}
	if j+1 < len(s.toks) && s.word(j) && s.word(j+1) && (s.keys[j] == "also" || s.keys[j] == "then" || s.keys[j] == "later" || s.keys[j] == "has" || s.keys[j] == "had") && speechVerbs[s.keys[j+1]] {
		return true
	}
	if j < len(s.toks) && s.toks[j].kind == tPoss && j+1 < len(s.toks) && s.word(j+1) && !s.toks[j+1].cap {
		return true // "Allawi's list", "Chavez's speech"
	}
	if j < len(s.toks) && s.word(j) && !s.toks[j].cap && personHeads[s.keys[j]] {
		return true // "the Saddam regime", "a Lula government"
	}
	return s.pronounAfter(i) || s.surnameShape(i)
}

// surnameEndings: endings of surnames by the morphology of their languages
// (Slavic -ov/-ski/-vic, Georgian -shvili/-dze, Armenian -yan, Turkish
// -oglu, Greek -opoulos/-akis, Persian -zadeh).
var surnameEndings = cueList("surname_endings")

// surnameShape: the word at i is no English word and no list's, is
// capitalized in mixed-case text and ends as surnames do ("Medvedev",
// "Saakashvili", "Milosevic").
func (s *scanner) surnameShape(i int) bool {
	t := &s.toks[i]
	if s.caps || !t.cap || t.allCaps || len(t.text) < 5 || s.is(i, fWord) || s.is(i, fPhrase) || s.is(i, fDemonym) || strings.IndexByte(t.text, '-') >= 0 {
		return false
	}
	k := s.keys[i]
	for n := 2; n <= 7 && n < len(k)-2; n++ {
		if surnameEndings[k[len(k)-n:]] {
			return true
		}
	}
	return false
}

// pronounAfter: a personal pronoun follows the word at i in its sentence,
// with no other capitalized word between ("Qaddafi moderated his
// position", "when Netanyahu and half of his cabinet visit"): the pronoun
// can only refer back to it.
func (s *scanner) pronounAfter(i int) bool {
	for j := i + 1; j < len(s.toks) && j <= i+8; j++ {
		t := &s.toks[j]
		if t.kind == tPunct {
			if t.text == "." || t.text == ";" || t.text == ":" || t.text == "(" || t.text == "?" || t.text == "!" {
				return false
			}
			continue
		}
		if t.cap || t.masked {
			return false
		}
		if personalPronouns[s.keys[j]] {
			return true
		}
	}
	return false
}

// personalPronouns refer to a person (not "it", "they", "its").
var personalPronouns = setOf("he his him himself she her hers herself")

// personAfter and personBefore: verbs that take a person as subject or object.
var personAfter = cueList("person_after")
var personHeads = cueList("person_heads")
var personBefore = cueList("person_before")

// speechVerbs after a name in capitals make it a person's.
var speechVerbs = cueList("speech_verbs")

// capsSurname: in capitals, the English word at j ends a person's name when
// a comma, a possessive or a verb of speech follows.
func (s *scanner) capsSurname(j int) bool {
	k := s.keys[j]
	if s.is(j, fCapsStop) || s.is(j, fTitle) || s.is(j, fOrgHead) || s.is(j, fPlaceHead) || s.is(j, fDirection) || s.is(j, fDemonym) || s.is(j, fNonEnt) || s.is(j, fPhrase) || len(k) < 4 {
		return false
	}
	if len(k) > 5 && strings.HasSuffix(k, "ed") || speechVerbs[k] {
		return false // "TSVANGIRAI PROFESSED, ...": a verb after the name, not a surname
	}
	if j+1 >= len(s.toks) {
		return false
	}
	nt := &s.toks[j+1]
	return nt.text == "," || nt.text == ")" || nt.kind == tPoss || (s.word(j+1) && (speechVerbs[s.keys[j+1]] || s.keys[j+1] == "and"))
}

// facilityHeads end the name of a building: "Old Mutare Mission Hospital".
var facilityHeads = cueList("facility_heads")

// agencyWords name what an "X Administration" administers: "Tax
// Administration", "Food and Drug Administration" (not a president's name).
var agencyWords = cueList("agency_words")

// broadcastHeads after a nationality name a broadcaster: "Croatian Radio".
var broadcastHeads = cueList("broadcast_heads")

// properBefore: a word in [i, h) is a proper name (not English, not a modifier).
func (s *scanner) properBefore(i, h int) bool {
	for j := i; j < h; j++ {
		if s.toks[j].kind == tWord && !s.is(j, fWord) && !s.is(j, fOrgModifier) && !s.is(j, fDemonym) && !s.is(j, fPhrase) && !isAcronym(s.toks[j].text) {
			return true
		}
	}
	return false
}

// placeTail: a country or listed place starts at j and ends the chunk.
func (s *scanner) placeTail(j, b int) bool {
	if j < b && s.keys[j] == "the" {
		j++
	}
	if j >= b {
		return false
	}
	n, p := s.phraseAt(j, b)
	return n > 0 && j+n == b && p.typ == "PLACE" && (p.method == "geo:country" || p.method == "list:places")
}

func trimPlural(k string) string {
	if len(k) > 3 && k[len(k)-1] == 's' {
		return k[:len(k)-1]
	}
	return k
}

// stopName: token i cannot continue a person's name.
func (s *scanner) stopName(i int) bool {
	return s.is(i, fOrgHead) || s.is(i, fDemonym) || s.is(i, fNonEnt) || s.is(i, fTitle) || (!s.caps && (isAcronym(s.toks[i].text) || camelAbbrev(s.toks[i].text))) ||
		s.toks[i].allCaps && strings.IndexByte(s.toks[i].text, '/') > 0 && officeSymbol(s.x, s.toks[i].text) // "Chris Herrington ISN/CPI"
}

// personRun returns the length of a person's name starting at i: up to five
// capitalized words, particles and initials.
func (s *scanner) personRun(i, b int) int {
	j := i
	words := 0
	for j < b && words < 5 {
		t := &s.toks[j]
		if t.kind == tPunct {
			if t.text == "." && j > i && len(s.toks[j-1].text) == 1 {
				j++
				continue
			}
			break
		}
		k := s.keys[j]
		if s.is(j, fParticle) && (!t.cap || s.caps) && j > i && (s.capWord(j+1) || (j+2 < b && s.is(j+1, fParticle) && s.capWord(j+2))) {
			j++
			continue
		}
		if j > i && romanNumerals[t.text] && s.capWord(j-1) {
			j++ // "Abdullah II", "Juan Carlos I"
			break
		}
		capsSurname := !s.caps && j > i && t.allCaps && len(t.text) >= 4 && s.flags(t.text)&fAcronym == 0 && !s.is(j, fPhrase) && !s.is(j, fWord) && strings.IndexByte(t.text, '/') < 0
		if !s.capWord(j) || (s.caps && s.is(j, fCapsStop)) || (!s.caps && !capsSurname && (isAcronym(t.text) || camelAbbrev(t.text))) {
			break
		}
		if j > i && !s.caps && s.is(j, fWord) && (j+1 < b || j+1 < len(s.toks)) && s.toks[j+1].text == ":" {
			break // a form's label: "Name: Smith, Roderick Gender: Male"
		}
		if j > i && !s.caps && len(k) > 5 && strings.HasSuffix(k, "ed") && s.is(j, fWord) && !s.is(j, fFirstName) {
			break // a verb: "Rangoon Shipped from ..."
		}
		if j > i && !s.caps && (eventHeads[k] || pluralNoun(s.x, k) && s.headingEnd(j)) && !s.is(j, fFirstName) && !s.is(i, fFirstName) {
			break // a heading: "Gabala Issues", "Kandahar Talks"
		}
		if j > i && s.stopName(j) && !capsSurname {
			// "Phil French", "Dale Prince": a nationality or title word as the
			// last word after a first name
			if !((s.is(j, fDemonym) || s.is(j, fTitle)) && j == i+1 && s.is(i, fFirstName) && !s.capWord(j+1)) {
				break
			}
		}
		if s.caps && s.is(j, fWord) && !s.is(j, fFirstName) {
			if j >= i+2 && s.toks[j-1].text == "." && len(s.toks[j-2].text) == 1 && !s.is(j, fCapsStop) && !speechVerbs[k] {
				j++ // "SUSAN E. RICE": after an initial, the surname, English word or not
				words++
				break
			}
			// "DOUGLAS BRAVO, A FORMER ...", "HERMA MARKSMAN STATED": an English
			// word as the surname after a name, before a comma, 'S or a verb of speech
			if (j == i+1 && !s.is(i, fWord) || j == i+2 && !s.is(i, fWord) && !s.is(i+1, fWord)) && !(i > 0 && s.toks[i-1].end == s.toks[i].start && s.toks[i-1].text == "-") {
				if s.capsSurname(j) {
					j++
					words++
				}
			}
			break
		}
		if j > i {
			if n, p := s.phraseAt(j, b); n > 0 && (p.typ == "ORG" || p.method == "geo:country" || (s.caps && p.method == "list:places")) &&
				!(n == 1 && j == i+1 && p.typ == "ORG" && s.is(i, fFirstName) && !t.allCaps && !s.capWord(j+1)) { // "Alfredo Rada": a surname that a list knows as a body
				break
			}
		}
		j++
		words++
	}
	for j > i && (s.toks[j-1].kind == tPunct && s.toks[j-1].text != "." || s.is(j-1, fParticle)) {
		j--
	}
	return j - i
}

// postAt: "Embassy Berlin", "Consulate General Lagos", "ConGen Istanbul".
func (s *scanner) postAt(i, b int) int {
	k := s.keys[i]
	if !s.is(i, fPostWord) {
		return 0
	}
	j := i + 1
	if k == "consulate" && j < b && s.keys[j] == "general" {
		j++
	}
	if j < b && s.capWord(j) {
		if n, p := s.phraseAt(j, b); n > 0 && p.typ == "PLACE" {
			return j + n - i
		}
	}
	return 0
}

// orgSpan: a name ending in an organization head word ("Finance Ministry",
// "Colombian Army"), or a head followed by "of ..." ("Ministry of Finance").
// person > 0 reports "X Administration": X (person tokens) is a person.
func (s *scanner) orgSpan(i, b int) (n, person int) {
	best := 0
	x := s.x
	if s.caps {
		p, ok := x.phrases[s.keys[i]]
		place := ok && p.typ == "PLACE"
		// "IRANIAN RESURGENCE PARTY", "IRAN NOVIN PARTY": a nationality or a
		// country, one word, a party-like head
		if (place || s.is(i, fDemonym)) && i+2 < b && partyHeads[s.keys[i+2]] && s.capWord(i+1) && !s.is(i+1, fCapsStop) &&
			!s.is(i+1, fOrgHead) && !s.is(i+1, fPhrase) && !(i+3 < b && (s.keys[i+3] == "of" || s.is(i+3, fOrgHead))) {
			return 3, 0
		}
		if place && !(i+1 < b && cityHeads[s.keys[i+1]]) {
			return 0, 0 // "TEHRAN UNIVERSITY" yes, "TEHRAN NATIONAL IRANIAN OIL COMPANY" no
		}
	}
	for h := i; h < b; h++ {
		t := &s.toks[h]
		if t.kind == tPunct {
			if t.text == "." || t.text == "+" || t.text == "'" || t.text == "\u2019" {
				continue
			}
			break
		}
		if t.kind == tPoss && h > i && possessiveNames[s.keys[h-1]] && h+1 < b && s.capWord(h+1) {
			continue // "European People's Party"
		}
		k := s.keys[h]
		if !s.capWord(h) {
			if (k == "of" || k == "for" || s.is(h, fParticle)) && !(h > i && s.is(h-1, fOrgHead)) {
				break // "Fernando de la Rua of the ...": not one name
			}
			if (k == "in" || k == "on" || k == "at") && !s.headIn(i, h) {
				break // "Hamas in the West Bank", "MAS in the Senate": a place or a body after the name, not part of it
			}
			if s.is(h, fConnector) && (k != "and" || s.andInName(i, h, b)) {
				continue
			}
			break
		}
		if h > i && (s.is(h, fTitle) || s.titleAt(h, b) > 1) && !s.is(h, fOrgHead) && !(h+1 < b && (s.is(h+1, fOrgModifier) || s.is(h+1, fOrgHead))) {
			break // a title before a name ends the organization; "General Intelligence Service" does not
		}
		if s.caps && !s.is(h, fOrgHead) && !s.is(h, fOrgModifier) && (s.is(h, fWord) || s.is(h, fCapsStop)) && !s.is(h, fDemonym) && !s.is(h, fPhrase) {
			break
		}
		if s.caps && h-i > 4 {
			break
		}
		if !s.is(h, fOrgHead) {
			continue
		}
		if !s.caps && h > i+1 && s.keys[h-1] == "the" && s.keys[h-2] == "of" && h+1 < b && (s.keys[h+1] == "of" || s.keys[h+1] == "for") {
			break // "... Department of the Ministry of Interior": the ministry is a body of its own (ofTail)
		}
		of := h+1 < b && (s.keys[h+1] == "of" || s.keys[h+1] == "for")
		if h == i && !of {
			continue // a head alone is generic ("the Ministry")
		}
		if k == "administration" && !of && h == i+1 {
			prev := s.keys[h-1]
			if ((s.caps && !x.words[prev]) || (!s.caps && !(x.words[prev] && adjectival(prev)))) && !portfolios[prev] && !orgModifiers[prev] && !agencyWords[prev] {
				return 0, 1 // "Bush Administration": Bush
			}
		}
		if s.is(h, fGenericPlural) && !of && allWords(s, i, h) {
			continue // "Military Forces", "Security Services"
		}
		if weakHeads[k] && !of {
			prev := s.keys[h-1]
			placeGroup := k == "group" && !x.demonyms[prev] && (x.phrases[prev].typ == "PLACE" || !x.words[prev] && !isAcronym(s.toks[h-1].text)) && s.toks[h].cap // "Rio Group", "Visegrad Group", "Alfa Group": a forum or a company
			if h == i+1 && !placeGroup && !(x.demonyms[prev] && broadcastHeads[k] && !s.caps && s.toks[h].cap) && (x.demonyms[prev] || x.phrases[prev].isSet() || isAcronym(s.toks[h-1].text) || (!x.words[prev] && !orgModifiers[prev])) {
				continue // "Russian Government", "INL Office", "U.S. Office"
			}
		}
		end := h + 1
		if of && h > i && s.properBefore(i, h) && s.placeTail(h+2, b) {
			of = false // "Hypo Alpe Adria Bank Group of Austria": the bank, then Austria
		}
		if of {
			end = s.ofTail(h, b)
			if h == i && end == h+1 {
				continue // a head alone is generic ("the Commission of the ...")
			}
		}
		if end-i > best {
			best = end - i
		}
	}
	if s.caps && best == 2 && genericFirst[s.keys[i]] {
		return 0, 0 // "EXECUTIVE BOARD", "POLITICAL PARTY": generic in capitals
	}
	return best, 0
}

// headIn: a body's head word lies in [i, h) ("Organization for Security
// and Co-operation in Europe", "Committee on Foreign Relations").
func (s *scanner) headIn(i, h int) bool {
	for j := i; j < h; j++ {
		if s.is(j, fOrgHead) {
			return true
		}
	}
	return false
}

// genericFirst words make a two-word capitals "organization" generic.
var genericFirst = cueList("generic_first")

// partyHeads end a party's or movement's name.
var partyHeads = cueList("party_heads")

// andInName: "and" at h joins words of one name ("Justice and Development
// Party"), not two names ("Afghanistan and Coalition Forces").
func (s *scanner) andInName(i, h, b int) bool {
	if h == 0 || h+1 >= b || s.is(h-1, fOrgHead) || s.keys[h+1] == "the" || !s.capWord(h+1) {
		return false
	}
	if n, p := s.phraseAt(i, h); n > 0 && p.typ == "PLACE" {
		return false
	}
	for _, j := range []int{h - 1, h + 1} {
		k := s.keys[j]
		if !s.is(j, fWord) && !s.is(j, fOrgModifier) && !(s.toks[j].joined && joinedWords(s.x, k)) {
			return false
		}
		if p, ok := s.x.phrases[k]; ok && p.typ == "PLACE" {
			return false
		}
	}
	return true
}

// ofTail extends a head followed by "of"/"for" over the capitalized words
// after it: "Ministry of Economic Development", "Department of Education and
// Training", "Government of the Islamic Republic of Afghanistan".
func (s *scanner) ofTail(h, b int) int {
	e := h + 2
	ands := 0
	for e < b && e-h < 10 {
		if s.capWord(e) {
			k := s.keys[e]
			// "Diplomatic Security Department of the Ministry of Interior":
			// a head-first name after "of the" is a body of its own
			if !s.caps && e > h+2 && s.keys[e-1] == "the" && s.is(e, fOrgHead) && e+1 < b && (s.keys[e+1] == "of" || s.keys[e+1] == "for") {
				return h + 1
			}
			if ((s.is(e, fTitle) || (e > h+2 && s.titleAt(e, b) > 0 && !s.is(e, fOrgHead))) && s.capWord(e+1)) || s.is(e, fDocNoun) {
				break
			}
			if s.caps && (e-h > 4 || s.is(e, fNonEnt) || s.is(e, fCapsStop) || (e > h+2 && (strings.HasSuffix(k, "ed") || strings.HasSuffix(k, "ing")))) {
				break
			}
			e++
			continue
		}
		k := s.keys[e]
		if k == "and" && ands == 0 && e+1 < b && s.capWord(e+1) && !s.is(e+1, fOrgHead) {
			if n, p := s.phraseAt(e+1, b); n > 0 && (p.typ == "ORG" || p.method == "geo:country" || p.method == "list:places") && s.keys[e-1] != "of" {
				break // "Ministry of Finance and Russia"
			}
			if !s.is(e+1, fWord) && !s.is(e+1, fOrgModifier) && !s.capWord(e+2) && !(s.toks[e+1].joined && joinedWords(s.x, s.keys[e+1])) {
				break // "Bank of China and Dresdner": a second body's one-word name, not a field of the first
			}
			ands++
			e++
			continue
		}
		if (k == "of" || k == "the" || s.is(e, fParticle)) && s.lowerConnector(e) {
			e++
			continue
		}
		break
	}
	for e > h+2 && (s.is(e-1, fConnector) || s.toks[e-1].kind == tPunct) {
		e--
	}
	if e > h+2 {
		return e
	}
	return h + 1
}

// adjectival: an English word that reads as an adjective before a noun.
func adjectival(w string) bool {
	for _, suf := range []string{"al", "ic", "ive", "ary", "ian", "ed", "ial", "ous", "ent"} {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

var genericPlurals = cueList("generic_plurals")

// allWords: tokens [i, h) are all English words.
func allWords(s *scanner, i, h int) bool {
	for j := i; j < h; j++ {
		if s.toks[j].kind == tWord && !s.is(j, fWord) {
			return false
		}
	}
	return true
}

// cityHeads make an institution of a city's name: "TEHRAN UNIVERSITY".
var cityHeads = cueList("city_heads")

// docNouns end an organization's "of" part: "Department of Defense Policy".
var docNouns = cueList("doc_nouns")

// orgModifiers may sit before an organization head in all-capitals text.
var orgModifiers = cueList("org_modifiers")

// placeSpan: a name ending in a place head word ("Rivers State", "Kandahar
// Airfield"), or a direction before a known place ("Northern Nigeria").
func (s *scanner) placeSpan(i, b int) (int, string) {
	if s.is(i, fDirection) && i+1 < b {
		if n, p := s.phraseAt(i+1, b); n > 0 && p.typ == "PLACE" {
			return n + 1, p.country
		}
	}
	best, cc := 0, ""
	if s.is(i, fDemonym) {
		if i+1 < b && s.capWord(i+1) && (featureHeads[s.keys[i+1]] || regionHeads[s.keys[i+1]]) && !s.caps {
			return 2, "" // "Arabian Sea", "Libyan Desert", "Balkan Province"
		}
		return 0, "" // "Argentine coast", "Afghan border": adjectives
	}
	if s.caps && s.is(i, fWord) && !s.is(i, fDirection) && !(i > 0 && placeContext[s.keys[i-1]]) {
		return 0, "" // but "AT MARBLE PALACE"
	}
	for h := i + 1; h < b && h < i+4; h++ {
		if !s.capWord(h) {
			break
		}
		if (s.is(h, fTitle) || s.is(h, fOrgHead)) && !(h+1 < b && facilityHeads[s.keys[h+1]]) {
			break
		}
		if s.caps && !s.is(h, fPlaceHead) && s.is(h, fWord) {
			break
		}
		if s.is(h, fPlaceHead) {
			if s.keys[h] == "state" && h+1 < b && s.capWord(h+1) && s.is(h+1, fTitle) {
				break // "MOEnv State Secretary": a title
			}
			best = h + 1 - i
		}
	}
	if best > 0 {
		if n, p := s.phraseAt(i, b); n > 0 && p.typ == "PLACE" {
			cc = p.country
		}
	}
	return best, cc
}

// wordPrefixes may start a hyphenated English word: "non-governmental".
var wordPrefixes = cueList("word_prefixes")

// joinedWords: the key is English words (or prefixes) joined by hyphens or
// slashes, each of two letters or more: "non-governmental", "request/objectives".
func joinedWords(x *lexicon, k string) bool {
	start := 0
	for i := 0; i <= len(k); i++ {
		if i < len(k) && k[i] != '-' && k[i] != '/' {
			continue
		}
		p := k[start:i]
		if len(p) < 2 || !(x.words[p] || x.words[trimPlural(p)] || wordPrefixes[p] && i < len(k)) {
			return false
		}
		start = i + 1
	}
	return true
}

// theAdministration: "the X administration", X one capitalized word that is
// not a nationality, a title, a direction or an organization's modifier
// ("the Federal administration").
func (s *scanner) theAdministration(i int) bool {
	if i == 0 || s.keys[i-1] != "the" || i+1 >= len(s.toks) || s.keys[i+1] != "administration" || !s.toks[i+1].lower {
		return false
	}
	return !s.is(i, fDemonym|fTitle|fDirection|fOrgModifier|fOrgHead|fPlaceHead|fCapsStop)
}

// militaryCommand: a combatant or component command's short name, a
// capitals word of five letters or more ending in COM (CENTCOM, STRATCOM,
// NAVEURCOM): a body, whether or not a list knows it.
func militaryCommand(w string) bool {
	n := len(w)
	return n >= 5 && n <= 10 && letters(w) == n && w == strings.ToUpper(w) && w[n-3:] == "COM"
}

// abstractNoun: the word at i reads as an English abstract noun or a plural
// (counterterrorism, discussions, negotiations), never a surname after a
// title.
func (s *scanner) abstractNoun(i int) bool {
	k := s.keys[i]
	if len(k) < 7 || s.is(i, fFirstName) {
		return false
	}
	for _, suf := range []string{"ism", "tion", "tions", "sion", "sions", "ment", "ments", "ity", "ities", "ness", "ance", "ence"} {
		if strings.HasSuffix(k, suf) {
			return true
		}
	}
	return k[len(k)-1] == 's' && s.x.words[k[:len(k)-1]] && s.is(i, fWord) // discussions
}
