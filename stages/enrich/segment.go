package enrich

import "strings"

// determiners and other function words never start a name.
var determiners = setOf(`a an our their his her its this that these those some many several other both each every all any no such when while
if although after before during in on at for with without by from as since because meanwhile however also then but and or nor so yet
according despite following given under over between among through to of we they he she it i you my your there here what which who
senior former top local`)

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
func compoundWord(x *lexicon, k string) bool {
	if len(k) < 8 {
		return false
	}
	for i := 4; i <= len(k)-4; i++ {
		if x.words[k[:i]] && (x.words[k[i:]] || x.words[trimPlural(k[i:])]) {
			return true
		}
	}
	return false
}

// portfolios: what "Minister of ..." and "Secretary of ..." are in charge of.
var portfolios = setOf(`defense defence state interior finance foreign affairs justice energy commerce treasury agriculture health
education homeland security economy economic trade labor labour industry information culture transport oil petroleum development
planning national public works environment tourism communications social welfare youth sports internal external mines water power
investment and religious endowments awqaf hajj`)

// officeSymbol: EUR/RUS, NEA/ARP, PM/WRA: parts of at most four letters,
// not all English words.
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
	return len(parts) >= 2 && words < len(parts)
}

// placeContext words before an unknown single name make it a place.
var placeContext = setOf(`in near into outside throughout across inside at`)

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
	if n > 1 || !s.x.words[s.keys[i]] || (j < b && (s.keys[j] == "of" || s.keys[j] == "for")) {
		return true
	}
	return j < b && s.capWord(j) && (!s.x.words[s.keys[j]] || s.x.firstNames[s.keys[j]])
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
	if !s.x.acronyms[w] && (s.defs == nil || s.defs[w].typ == "") {
		return false // an acronym no list knows and the cable does not define
	}
	return true
}

// segment classifies the name chunk [a, b) into mentions.
func (s *scanner) segment(a, b int) {
	x := s.x
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
		if (!t.cap || s.caps) && connectors[k] && !s.caps || k == "the" || (s.caps && capsStop[k]) {
			title = "" // a title names only the name right after it
			i++
			continue
		}
		if determiners[k] && (t.sentStart || !t.allCaps) && !s.caps {
			i++
			continue
		}
		// offices of posts: "Embassy Berlin", "Consulate General Lagos"
		if n := s.postAt(i, b); n > 0 {
			s.emit(i, i+n, "ORG", "", "", "post", "", false)
			i += n
			continue
		}
		// State Department office symbols: EUR/RUS, ISN/MTR
		if t.allCaps && strings.IndexByte(t.text, '/') > 0 && officeSymbol(x, t.text) {
			s.emit(i, i+1, "ORG", "", "", "office-symbol", "", false)
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
			for e < b && e-j <= 4 && (portfolios[s.keys[e]] || (s.keys[e] == "the" && e == j+1)) {
				e++
			}
			if e > j+1 && e < b && s.capWord(e) && !orgHeads[s.keys[e]] {
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
				s.emit(i, i+gn+n, "ORG", "", "US", "post", "", false)
				i += gn + n
				continue
			}
		}
		if x.nonEnt[k] && gn == 0 {
			i++
			continue
		}
		if s.caps && gn == 1 && gp.typ == "ORG" && x.words[k] && !orgHeads[k] {
			gn = 0 // "TOTAL" in capitals is a word, not the company
		}
		if gn == 1 && gp.method == "geo:town" && !s.cx.has(gp.country) {
			gn = 0 // "Obama" is a town in Japan: not in a Nigeria cable
		}
		on, person := s.orgSpan(i, b)
		// jargon: GOR, GOA (not the Indian state), USG, GIRoA
		if on <= 1 && isAcronym(t.text) && s.cx != nil {
			if _, _, ok := resolveJargon(t.text, s.cx); ok {
				s.emit(i, i+1, "ORG", "", "", "jargon", "", false)
				i++
				continue
			}
		}
		if person > 0 { // "Bush Administration"
			s.emit(i, i+person, "PERSON", "", "", "administration", title, false)
			i += person + 1
			title = ""
			continue
		}
		// a first name before a town's name: "Nelson Mandela", "Carolina Barco"
		if x.firstNames[k] && gn == 1 && gp.typ == "PLACE" && gp.method != "geo:country" && gp.method != "list:places" && i+1 < b && s.capWord(i+1) && !s.stopName(i+1) {
			if n := s.personRun(i, b); n > 1 {
				s.emit(i, i+n, "PERSON", "", "", "first-name", title, false)
				title = ""
				i += n
				continue
			}
		}
		pn, pcc := s.placeSpan(i, b)
		if title != "" && !(gn > 0 && (gp.typ == "ORG" || gp.method == "geo:country" || gp.method == "list:places" || (gp.typ == "PLACE" && i+gn == b)) && gn >= on) && on == 0 {
			if n := s.personRun(i, b); n > 0 {
				s.emit(i, i+n, "PERSON", "", "", "title", title, false)
				title = ""
				i += n
				continue
			}
		}
		switch {
		case gn > 0 && gn >= on && gn >= pn:
			// a city that starts an unknown name is a person: "Princeton Lyman"
			if gp.method == "geo:city" && gn == 1 && i+1 < b && s.unknownWord(i+1) && !s.caps {
				if n := s.personRun(i, b); n > 0 {
					s.emit(i, i+n, "PERSON", "", "", "name-run", "", false)
					i += n
					continue
				}
			}
			s.emit(i, i+gn, gp.typ, gp.canonical, gp.country, gp.method, "", false)
			i += gn
			continue
		case on > 0 && on >= pn:
			s.emit(i, i+on, "ORG", "", "", "org-pattern", "", false)
			i += on
			continue
		case pn > 0:
			s.emit(i, i+pn, "PLACE", "", pcc, "place-pattern", "", false)
			i += pn
			continue
		}
		_ = titleStart
		if x.demonyms[k] || x.titles[k] {
			i++
			continue
		}
		// first name + surname
		if x.firstNames[k] && !(t.sentStart && x.words[k]) && i+1 < b && s.capWord(i+1) && !s.stopName(i+1) {
			if n := s.personRun(i, b); n > 1 {
				s.emit(i, i+n, "PERSON", "", "", "first-name", "", false)
				i += n
				continue
			}
		}
		// acronyms
		if !s.caps && isAcronym(t.text) && !x.words[k] {
			if s.acronymOK(i) {
				s.emit(i, i+1, "ORG", "", "", "acronym", "", false)
			}
			i++
			continue
		}
		if s.caps && isAcronymCaps(s, i) {
			s.emit(i, i+1, "ORG", "", "", "acronym-list", "", false)
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
			if s.last && i+n == len(s.toks) && t.allCaps {
				i += n // a signature left in the last paragraph
				continue
			}
			method := "name-run"
			if s.caps && title == "" && (n == 1 || strings.Contains(joinText(s, i, i+n), ".")) {
				method = "caps-guess" // kept only when coreference confirms it
			}
			if n == 1 && title == "" && i > 0 && placeContext[s.keys[i-1]] && !(i+1 < len(s.toks) && s.toks[i+1].kind == tPoss) {
				s.emit(i, i+1, "PLACE", "", "", "place-context", "", true) // "in Marjah"
				i++
				continue
			}
			s.emit(i, i+n, "PERSON", "", "", method, title, weak)
			title = ""
			i += n
			continue
		}
		// "the West", "the North"
		if directions[k] && i > 0 && s.keys[i-1] == "the" && !s.caps && (i+1 >= b) {
			s.emit(i, i+1, "PLACE", "", "", "direction", "", false)
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
	if s.x.acronyms[w] {
		return true
	}
	if _, ok := fixedJargon[w]; ok {
		return true
	}
	if _, ok := hostJargon[w]; ok {
		return true
	}
	if len(w) >= 3 && len(w) <= 4 && w[0] == 'G' && w[1] == 'O' {
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
	if x.words[k] || x.demonyms[k] || x.nonEnt[k] || x.titles[k] || orgHeads[k] || placeHeads[k] || directions[k] {
		return false
	}
	if x.words[trimPlural(k)] || x.demonyms[trimPlural(k)] || x.nonEnt[trimPlural(k)] {
		return false
	}
	if n := len(k); n > 4 && k[n-1] == 's' && (k[n-3:] == "ans" || k[n-4:] == "ines" || k[n-4:] == "ites" || k[n-4:] == "ists") {
		return false // Colombians, Argentines
	}
	if n := len(k); n > 5 && (strings.HasSuffix(k, "ian") || strings.HasSuffix(k, "ic") || strings.HasSuffix(k, "ist") || strings.HasSuffix(k, "ism") || strings.HasSuffix(k, "ese") ||
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
	if !s.caps && !t.allCaps && compoundWord(x, k) {
		return false // Roadmaps, Counterdrug
	}
	if t.kind == tNum || strings.ContainsAny(k, "0123456789") {
		return false
	}
	return true
}

func trimPlural(k string) string {
	if len(k) > 3 && k[len(k)-1] == 's' {
		return k[:len(k)-1]
	}
	return k
}

// stopName: token i cannot continue a person's name.
func (s *scanner) stopName(i int) bool {
	k := s.keys[i]
	return orgHeads[k] || s.x.demonyms[k] || s.x.nonEnt[k] || s.x.titles[k] || (!s.caps && (isAcronym(s.toks[i].text) || camelAbbrev(s.toks[i].text)))
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
		if particles[k] && (!t.cap || s.caps) && j > i && (s.capWord(j+1) || (j+2 < b && particles[s.keys[j+1]] && s.capWord(j+2))) {
			j++
			continue
		}
		capsSurname := !s.caps && j > i && t.allCaps && len(t.text) >= 4 && !s.x.acronyms[t.text] && !s.x.phrases[k].isSet() && !s.x.words[k]
		if !s.capWord(j) || (s.caps && capsStop[k]) || (!s.caps && !capsSurname && (isAcronym(t.text) || camelAbbrev(t.text))) {
			break
		}
		if j > i && s.stopName(j) && !capsSurname {
			// "Phil French", "Dale Prince": a nationality or title word as the
			// last word after a first name
			if !((s.x.demonyms[k] || s.x.titles[k]) && j == i+1 && s.x.firstNames[s.keys[i]] && !s.capWord(j+1)) {
				break
			}
		}
		if s.caps && s.x.words[k] && !s.x.firstNames[k] {
			break
		}
		if j > i {
			if n, p := s.phraseAt(j, b); n > 0 && (p.typ == "ORG" || p.method == "geo:country") {
				break
			}
		}
		j++
		words++
	}
	for j > i && (s.toks[j-1].kind == tPunct && s.toks[j-1].text != "." || particles[s.keys[j-1]]) {
		j--
	}
	return j - i
}

// postAt: "Embassy Berlin", "Consulate General Lagos", "ConGen Istanbul".
func (s *scanner) postAt(i, b int) int {
	k := s.keys[i]
	if !postWords[k] {
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
		if p, ok := x.phrases[s.keys[i]]; ok && p.typ == "PLACE" && !(i+1 < b && cityHeads[s.keys[i+1]]) {
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
		k := s.keys[h]
		if !s.capWord(h) {
			if (k == "of" || k == "for" || particles[k]) && !(h > i && orgHeads[s.keys[h-1]]) {
				break // "Fernando de la Rua of the ...": not one name
			}
			if connectors[k] && (k != "and" || s.andInName(i, h, b)) {
				continue
			}
			break
		}
		if h > i && (x.titles[k] || s.titleAt(h, b) > 1) && !orgHeads[k] && !(h+1 < b && (orgModifiers[s.keys[h+1]] || orgHeads[s.keys[h+1]])) {
			break // a title before a name ends the organization; "General Intelligence Service" does not
		}
		if s.caps && !orgHeads[k] && !orgModifiers[k] && (x.words[k] || capsStop[k]) && !x.demonyms[k] && !x.phrases[k].isSet() {
			break
		}
		if s.caps && h-i > 4 {
			break
		}
		if !orgHeads[k] {
			continue
		}
		of := h+1 < b && (s.keys[h+1] == "of" || s.keys[h+1] == "for")
		if h == i && !of {
			continue // a head alone is generic ("the Ministry")
		}
		if k == "administration" && !of && h == i+1 {
			prev := s.keys[h-1]
			if (s.caps && !x.words[prev]) || (!s.caps && !(x.words[prev] && adjectival(prev))) {
				return 0, 1 // "Bush Administration": Bush
			}
		}
		if genericPlurals[k] && !of && allWords(s, i, h) {
			continue // "Military Forces", "Security Services"
		}
		if weakHeads[k] && !of {
			prev := s.keys[h-1]
			if h == i+1 && (x.demonyms[prev] || x.phrases[prev].isSet() || isAcronym(s.toks[h-1].text) || (!x.words[prev] && !orgModifiers[prev])) {
				continue // "Russian Government", "INL Office", "U.S. Office"
			}
		}
		end := h + 1
		if of {
			end = s.ofTail(h, b)
		}
		if end-i > best {
			best = end - i
		}
	}
	return best, 0
}

// andInName: "and" at h joins words of one name ("Justice and Development
// Party"), not two names ("Afghanistan and Coalition Forces").
func (s *scanner) andInName(i, h, b int) bool {
	if h == 0 || h+1 >= b || orgHeads[s.keys[h-1]] || s.keys[h+1] == "the" || !s.capWord(h+1) {
		return false
	}
	if n, p := s.phraseAt(i, h); n > 0 && p.typ == "PLACE" {
		return false
	}
	for _, j := range []int{h - 1, h + 1} {
		k := s.keys[j]
		if !s.x.words[k] && !orgModifiers[k] {
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
			if ((s.x.titles[k] || (e > h+2 && s.titleAt(e, b) > 0 && !orgHeads[k])) && s.capWord(e+1)) || docNouns[k] {
				break
			}
			if s.caps && (e-h > 4 || s.x.nonEnt[k] || capsStop[k] || (e > h+2 && (strings.HasSuffix(k, "ed") || strings.HasSuffix(k, "ing")))) {
				break
			}
			e++
			continue
		}
		k := s.keys[e]
		if k == "and" && ands == 0 && e+1 < b && s.capWord(e+1) && !orgHeads[s.keys[e+1]] {
			if n, p := s.phraseAt(e+1, b); n > 0 && (p.typ == "ORG" || p.method == "geo:country" || p.method == "list:places") && s.keys[e-1] != "of" {
				break // "Ministry of Finance and Russia"
			}
			ands++
			e++
			continue
		}
		if (k == "of" || k == "the" || particles[k]) && s.lowerConnector(e) {
			e++
			continue
		}
		break
	}
	for e > h+2 && (connectors[s.keys[e-1]] || s.toks[e-1].kind == tPunct) {
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

var genericPlurals = setOf(`forces services parties partners groups companies organizations ministries agencies`)

// allWords: tokens [i, h) are all English words.
func allWords(s *scanner, i, h int) bool {
	for j := i; j < h; j++ {
		if s.toks[j].kind == tWord && !s.x.words[s.keys[j]] {
			return false
		}
	}
	return true
}

// cityHeads make an institution of a city's name: "TEHRAN UNIVERSITY".
var cityHeads = setOf(`university college institute academy radio television club`)

// docNouns end an organization's "of" part: "Department of Defense Policy".
var docNouns = setOf(`policy policies program programme plan plans strategy initiative treaty agreement convention resolution report
conference summit meeting talks dialogue project act law bill decree protocol framework review round process mechanism`)

// orgModifiers may sit before an organization head in all-capitals text.
var orgModifiers = setOf(`national central supreme federal international state people's peoples popular democratic revolutionary islamic communist
liberal socialist united general foreign defense defence security oil petroleum economic development armed air military police public high
higher trade business commerce human rights civil social labor labour workers women's youth student students electoral constitutional
administrative religious catholic orthodox muslim party council south north east west new american african arab european world
free independent republican conservative progressive green radical civic justice unity reform liberation patriotic christian
intelligence interior finance energy education health agriculture environment industry industries industrial agency mining gas
investment development bank monetary reserve regional provincial municipal city district presidential parliamentary executive
legislative judicial appeals court criminal investigative special anti-corruption`)

// placeSpan: a name ending in a place head word ("Rivers State", "Kandahar
// Airfield"), or a direction before a known place ("Northern Nigeria").
func (s *scanner) placeSpan(i, b int) (int, string) {
	k := s.keys[i]
	if directions[k] && i+1 < b {
		if n, p := s.phraseAt(i+1, b); n > 0 && p.typ == "PLACE" {
			return n + 1, p.country
		}
	}
	best, cc := 0, ""
	if s.caps && s.x.words[k] && !directions[k] {
		return 0, ""
	}
	for h := i + 1; h < b && h < i+4; h++ {
		if !s.capWord(h) {
			break
		}
		if s.x.titles[s.keys[h]] || orgHeads[s.keys[h]] {
			break
		}
		if s.caps && !placeHeads[s.keys[h]] && s.x.words[s.keys[h]] {
			break
		}
		if placeHeads[s.keys[h]] {
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
