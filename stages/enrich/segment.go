package enrich

// segment classifies the name chunk [a, b) into mentions.
func (s *scanner) segment(a, b int) {
	x := s.x
	title, titleStart := "", -1
	for i := a; i < b; {
		t := &s.toks[i]
		k := s.keys[i]
		if t.kind == tPunct || !s.word(i) {
			i++
			continue
		}
		if (!t.cap || s.caps) && connectors[k] && !s.caps || k == "the" || (s.caps && capsStop[k]) {
			i++
			continue
		}
		if x.nonEnt[k] && !x.phrases[k].isSet() {
			i++
			continue
		}
		// titles: "President", "Foreign Minister", "D/D"
		if n := s.titleAt(i, b); n > 0 {
			j := i + n
			if j < b && !(s.keys[j] == "of" || s.keys[j] == "for") {
				if title == "" {
					titleStart = i
				}
				title = joinText(s, i, j)
				i = j
				continue
			}
			i = j
			if j < b { // "Minister of Finance ...": the "of" part may still hold names
				i++
			}
			continue
		}
		// offices of posts: "Embassy Berlin", "Consulate General Lagos"
		if n := s.postAt(i, b); n > 0 {
			s.emit(i, i+n, "ORG", "", "", "post", "", false)
			i += n
			continue
		}
		gn, gp := s.phraseAt(i, b)
		on := s.orgSpan(i, b)
		pn, pcc := s.placeSpan(i, b)
		if title != "" && !(gn > 0 && (gp.typ == "ORG" || gp.method == "geo:country" || gp.method == "list:places") && gn >= on) && on == 0 {
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
				n := s.personRun(i, b)
				s.emit(i, i+n, "PERSON", "", "", "name-run", "", false)
				i += n
				continue
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
		if x.firstNames[k] && i+1 < b && s.capWord(i+1) && !s.stopName(i+1) {
			if n := s.personRun(i, b); n > 1 {
				s.emit(i, i+n, "PERSON", "", "", "first-name", "", false)
				i += n
				continue
			}
		}
		// acronyms
		if t.allCaps && len(t.text) >= 2 && !s.caps && !x.words[k] {
			s.emit(i, i+1, "ORG", "", "", "acronym", "", false)
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
			s.emit(i, i+n, "PERSON", "", "", "name-run", "", weak)
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
	if x.words[trimPlural(k)] {
		return false
	}
	t := &s.toks[i]
	if !s.caps && t.allCaps && len(t.text) > 1 {
		return false // acronyms are not names
	}
	if t.kind == tNum {
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
	return orgHeads[k] || s.x.demonyms[k] || s.x.nonEnt[k] || s.x.titles[k] || (s.toks[i].allCaps && !s.caps && len(s.toks[i].text) > 1)
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
		if particles[k] && (!t.cap || s.caps) && j > i && s.capWord(j+1) {
			j++
			continue
		}
		if !s.capWord(j) || (j > i && s.stopName(j)) || (s.caps && capsStop[k]) {
			break
		}
		if j > i {
			if n, p := s.phraseAt(j, b); n > 0 && (p.typ == "ORG" || p.method == "geo:country") {
				break
			}
			if s.caps && s.x.words[k] && !s.x.firstNames[k] {
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
func (s *scanner) orgSpan(i, b int) int {
	best := 0
	x := s.x
	for h := i; h < b; h++ {
		t := &s.toks[h]
		if t.kind == tPunct {
			if t.text == "." || t.text == "+" {
				continue
			}
			break
		}
		k := s.keys[h]
		if !s.capWord(h) {
			if connectors[k] {
				continue
			}
			break
		}
		if h > i && s.x.titles[k] && !orgHeads[k] {
			break
		}
		if !orgHeads[k] {
			continue
		}
		of := h+1 < b && (s.keys[h+1] == "of" || s.keys[h+1] == "for" || s.keys[h+1] == "on")
		if h == i && !of {
			continue // a head alone is generic ("the Ministry")
		}
		if weakHeads[k] && !of {
			prev := s.keys[h-1]
			if h == i+1 && (x.demonyms[prev] || (!x.words[prev] && !x.phrases[prev].isSet())) {
				continue // "Russian Government", "Bush Administration"
			}
		}
		end := h + 1
		if of {
			e := h + 2
			for e < b {
				if s.capWord(e) {
					if e > h+2 && orgHeads[s.keys[e]] && s.keys[e-1] == "and" {
						e--
						break
					}
					e++
					continue
				}
				if s.lowerConnector(e) && s.keys[e] != "for" {
					e++
					continue
				}
				break
			}
			for e > h+2 && connectors[s.keys[e-1]] {
				e--
			}
			if e > h+2 {
				end = e
			}
		}
		if end-i > best {
			best = end - i
		}
	}
	return best
}

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
	for h := i + 1; h < b && h < i+4; h++ {
		if !s.capWord(h) {
			break
		}
		if s.x.titles[s.keys[h]] || orgHeads[s.keys[h]] {
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
