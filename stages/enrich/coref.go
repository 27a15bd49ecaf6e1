package enrich

import (
	"sort"
	"strings"
)

// resolve applies the cable-level rules to the mentions of all segments:
// acronym definitions, coreference of surnames and short forms, jargon, and
// the countries of places; it adds mentions of surnames and short forms that
// the first pass could not type by themselves, and generic references.
func resolve(ms []mention, defs map[string]acrDef, cx *cableContext, x *lexicon, caps bool,
	seg func(int) (string, []token, []string), nseg int) []mention {
	// 1. acronyms defined in the cable
	for i := range ms {
		m := &ms[i]
		if d, ok := defs[m.text]; ok && m.tj-m.ti == 1 {
			m.typ, m.canonical, m.method, m.weak = d.typ, d.canonical, "acronym-def", false
			if d.country != "" {
				m.country = d.country
			}
		}
	}
	if len(defs) > 0 {
		kept := ms[:0]
		for _, m := range ms {
			if d, ok := defs[m.text]; ok && d.typ == notEntity {
				continue // "Exercise Support Agreement (ESA)"
			}
			kept = append(kept, m)
		}
		ms = kept
	}
	// an unknown name run defined with an acronym is an organization
	for i := range ms {
		m := &ms[i]
		if m.method == "name-run" && m.tj-m.ti >= 2 {
			for a, d := range defs {
				if d.canonical == m.canonical && len(a) >= 3 {
					m.typ, m.method = "ORG", "acronym-def"
				}
			}
		}
	}
	// 2. index the full names of people and organizations
	short := map[string]int{} // key of a surname or short form -> mention index
	for i := range ms {
		m := &ms[i]
		n := m.tj - m.ti
		if n < 2 {
			continue
		}
		words := strings.Fields(m.canonical)
		if len(words) < 2 {
			continue
		}
		switch m.typ {
		case "PERSON":
			last := key(words[len(words)-1])
			if _, ok := short[last]; !ok {
				short[last] = i
			}
		case "PLACE":
			// "Manas Air Base" types a later "Manas"
			first := key(words[0])
			if placeHeads[key(words[len(words)-1])] && !x.words[first] && !x.demonyms[first] && !x.phrases[first].isSet() && !directions[first] && len(first) > 3 {
				if _, ok := short[first]; !ok {
					short[first] = i
				}
			}
		case "ORG":
			first := key(words[0])
			if !x.words[first] && !x.demonyms[first] && !x.phrases[first].isSet() && len(first) > 3 {
				if _, ok := short[first]; !ok {
					short[first] = i
				}
			}
		}
	}
	for i := range ms {
		m := &ms[i]
		if m.typ == "PERSON" && m.tj-m.ti == 1 && (m.title != "" || m.method == "administration") {
			k := key(m.text)
			if _, ok := short[k]; !ok {
				short[k] = i // "President Obama" types a later "Obama"
			}
		}
		if (m.method == "org-cue" || m.method == "place-cue") && m.tj-m.ti == 1 {
			k := key(m.text)
			if _, ok := short[k]; !ok {
				short[k] = i // "firm Izar" types a later "Izar's"
			}
		}
	}
	for i := range ms {
		m := &ms[i]
		if m.typ != "PERSON" || m.tj-m.ti < 2 {
			continue
		}
		words := strings.Fields(m.canonical)
		first := key(words[0])
		if _, ok := short[first]; !ok && !x.firstNames[first] && !x.words[first] {
			short[first] = i // "Isaias" for Isaias Afwerki, "Lee" for Lee Myung-bak
		}
	}
	// 3. single words that are a surname or short form take the full name
	cov := make([][]bool, nseg)
	for si := range cov {
		_, toks, _ := seg(si)
		cov[si] = make([]bool, len(toks))
	}
	covered := func(si, t int) bool { return cov[si][t] }
	for i := range ms {
		m := &ms[i]
		for t := m.ti; t < m.tj; t++ {
			cov[m.seg][t] = true
		}
		if m.tj-m.ti != 1 {
			continue
		}
		j, ok := short[key(m.text)]
		if !ok {
			continue
		}
		full := &ms[j]
		if j == i {
			continue
		}
		if m.weak || m.method == "geo:city" || m.method == "geo:region" || m.typ == full.typ || m.method == "acronym-list" || (m.method == "org-cue" && full.typ == "PERSON" && full.tj-full.ti >= 2) {
			m.typ, m.canonical, m.weak = full.typ, full.canonical, false
			if m.method == "name-run" || m.method == "the-guess" || strings.HasPrefix(m.method, "geo:") {
				m.method = "coref"
			}
			if m.title == "" {
				m.title = full.title
			}
		}
	}
	resolveSenses(ms, seg)
	// 4. surnames the first pass skipped (English words: Wood, Gates, Ward)
	for si := 0; si < nseg; si++ {
		text, toks, keys := seg(si)
		for t := range toks {
			tk := &toks[t]
			if tk.kind != tWord || tk.masked || covered(si, t) || !(tk.cap) {
				continue
			}
			if tk.allCaps && !caps && len(tk.text) > 1 {
				continue
			}
			j, ok := short[keys[t]]
			if !ok {
				continue
			}
			full := &ms[j]
			ms = append(ms, mention{seg: si, ti: t, tj: t + 1, start: tk.start, end: tk.end, text: text[tk.start:tk.end],
				typ: full.typ, canonical: full.canonical, country: full.country, method: "coref"})
			cov[si][t] = true
		}
	}
	// 5. jargon and countries
	for i := range ms {
		m := &ms[i]
		if m.typ == "ORG" && m.tj-m.ti == 1 {
			if can, cc, ok := resolveJargon(m.text, cx); ok && m.method != "acronym-def" {
				m.canonical, m.method = can, "jargon"
				if cc != "" {
					m.country = cc
				}
			}
		}
		if m.typ == "PLACE" && m.country == "" {
			if p, ok := x.phrases[phraseKey(m.canonical)]; ok {
				m.country = p.country
			}
		}
	}
	// 6. generic references: "the Embassy", "Post"
	if !caps && cx.post != "" {
		for si := 0; si < nseg; si++ {
			text, toks, keys := seg(si)
			for t := range toks {
				tk := &toks[t]
				if tk.masked || covered(si, t) || (keys[t] != "embassy" && keys[t] != "post") || !tk.cap {
					continue
				}
				if keys[t] == "post" && t > 0 && toks[t-1].cap && !toks[t-1].sentStart {
					continue // "Washington Post"
				}
				ms = append(ms, mention{seg: si, ti: t, tj: t + 1, start: tk.start, end: tk.end, text: text[tk.start:tk.end],
					typ: "ORG", canonical: "Embassy " + cx.post, country: "US", method: "jargon-post", generic: true})
			}
		}
	}
	// all-capitals guesses that nothing confirmed are dropped, unless the
	// same long word is guessed twice; plurals of people ("the Kirchners") too
	guesses := map[string]int{}
	for _, m := range ms {
		if m.method == "caps-guess" {
			guesses[m.text]++
		}
	}
	kept := ms[:0]
	for _, m := range ms {
		if m.method == "caps-guess" && (guesses[m.text] < 2 || len(m.text) < 6) || m.method == "the-guess" {
			continue
		}
		if m.weak && m.typ == "PERSON" && len(m.text) > 4 && strings.HasSuffix(m.text, "s") {
			if _, ok := short[key(m.text[:len(m.text)-1])]; ok {
				continue
			}
		}
		kept = append(kept, m)
	}
	ms = kept
	sort.SliceStable(ms, func(a, b int) bool {
		if ms[a].seg != ms[b].seg {
			return ms[a].seg < ms[b].seg
		}
		return ms[a].start < ms[b].start
	})
	return ms
}
