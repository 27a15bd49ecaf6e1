package enrich

import (
	"slices"
	"strings"
	"unicode"
)

// resolve applies the cable-level rules to the mentions of all segments:
// acronym definitions, coreference of surnames and short forms, jargon, and
// the countries of places; it adds mentions of surnames and short forms that
// the first pass could not type by themselves, and generic references.
//
// sc is the call's scanner, for its cache of word-list lookups (sc.flags).
func resolve(ms []mention, defs map[string]acrDef, cx *cableContext, x *lexicon, caps bool,
	seg func(int) (string, []token, []string), nseg int, sc *scanner) []mention {
	// 1. acronyms defined in the cable
	for i := range ms {
		m := &ms[i]
		if d, ok := defs[m.text]; ok && m.tj-m.ti == 1 {
			m.typ, m.canonical, m.method, m.weak = d.typ, d.canonical, MethodAcronymDef, false
			if d.country != "" {
				m.country = d.country
			}
		}
	}
	if len(defs) > 0 {
		n := len(ms)
		kept := ms[:0]
		for _, m := range ms {
			if d, ok := defs[m.text]; ok && d.typ == notEntity {
				continue // "Exercise Support Agreement (ESA)"
			}
			kept = append(kept, m)
		}
		ms = kept
		clear(ms[len(ms):n]) // nothing is left past len(ms) (see Enrich)
	}
	// an unknown name run defined with an acronym is an organization
	for i := range ms {
		m := &ms[i]
		if m.method == MethodNameRun && m.tj-m.ti >= 2 {
			for a, d := range defs {
				if d.canonical == m.canonical && len(a) >= 3 {
					m.typ, m.method = "ORG", MethodAcronymDef
				}
			}
		}
	}
	// 2. index the full names of people and organizations
	// keys are built in kb and kb2 for lookups (m[string(kb)] does not
	// allocate); a key becomes a string only when it is added to a map
	var kbuf, kbuf2 [64]byte
	kb, kb2 := kbuf[:0], kbuf2[:0]
	short := map[string]int{} // key of a surname or short form -> mention index
	for i := range ms {
		m := &ms[i]
		n := m.tj - m.ti
		if n < 2 {
			continue
		}
		firstWord, lastWord, nw := fieldEnds(m.canonical)
		if nw < 2 {
			continue
		}
		switch m.typ {
		case "PERSON":
			kb = appendKey(kb[:0], lastWord)
			if _, ok := short[string(kb)]; !ok {
				short[string(kb)] = i
			}
		case "PLACE":
			// "Manas Air Base" types a later "Manas"
			kb = appendKey(kb[:0], firstWord)
			kb2 = appendKey(kb2[:0], lastWord)
			// (every listed phrase has a type: fPhrase is x.phrases[k].isSet())
			if placeHeads[string(kb2)] && sc.flags(string(kb))&(fWord|fDemonym|fPhrase|fDirection) == 0 && len(kb) > 3 {
				if _, ok := short[string(kb)]; !ok {
					short[string(kb)] = i
				}
			}
		case "ORG":
			kb = appendKey(kb[:0], firstWord)
			if sc.flags(string(kb))&(fWord|fDemonym|fPhrase) == 0 && len(kb) > 3 {
				if _, ok := short[string(kb)]; !ok {
					short[string(kb)] = i
				}
			}
		}
	}
	for i := range ms {
		m := &ms[i]
		if m.typ == "PERSON" && m.tj-m.ti == 1 && (m.title != "" || m.method == MethodAdministration) {
			kb = appendKey(kb[:0], m.text)
			if _, ok := short[string(kb)]; !ok {
				short[string(kb)] = i // "President Obama" types a later "Obama"
			}
		}
		if (m.method == MethodOrgCue || m.method == MethodPlaceCue) && m.tj-m.ti == 1 {
			kb = appendKey(kb[:0], m.text)
			if _, ok := short[string(kb)]; !ok {
				short[string(kb)] = i // "firm Izar" types a later "Izar's"
			}
		}
	}
	for i := range ms {
		m := &ms[i]
		if m.typ != "PERSON" || m.tj-m.ti < 2 {
			continue
		}
		firstWord, _, nw := fieldEnds(m.canonical)
		if nw == 0 {
			continue // cannot happen for a mention of two tokens; never panic on input
		}
		kb = appendKey(kb[:0], firstWord)
		if _, ok := short[string(kb)]; !ok && sc.flags(string(kb))&(fFirstName|fWord) == 0 {
			short[string(kb)] = i // "Isaias" for Isaias Afwerki, "Lee" for Lee Myung-bak
		}
	}
	// 3. single words that are a surname or short form take the full name
	cov := make([][]bool, nseg)
	ntok := 0
	for si := range cov {
		_, toks, _ := seg(si)
		ntok += len(toks)
	}
	covAll := make([]bool, ntok)
	for si := range cov {
		_, toks, _ := seg(si)
		cov[si], covAll = covAll[:len(toks):len(toks)], covAll[len(toks):]
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
		kb = appendKey(kb[:0], m.text)
		j, ok := short[string(kb)]
		if !ok {
			continue
		}
		full := &ms[j]
		if j == i {
			continue
		}
		if m.weak || m.method == "geo:city" || m.method == "geo:region" || m.method == "geo:town" && full.typ == "PERSON" || m.typ == full.typ || m.method == MethodAcronymList || (m.method == MethodOrgCue && full.typ == "PERSON" && full.tj-full.ti >= 2) {
			m.typ, m.canonical, m.weak = full.typ, full.canonical, false
			if m.method == MethodNameRun || m.method == MethodBareName || m.method == MethodTheGuess || strings.HasPrefix(string(m.method), "geo:") {
				m.method = MethodCoref
			}
			if m.title == "" {
				m.title = full.title
			}
		}
	}
	orgPrefixes(ms)
	resolveSenses(ms, seg)
	// 4. surnames the first pass skipped (English words: Wood, Gates, Ward)
	for si := 0; si < nseg; si++ {
		text, toks, keys := seg(si)
		for t := range toks {
			tk := &toks[t]
			if !tk.cap || tk.kind != tWord || tk.masked || covered(si, t) { // (the cheap tests first)
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
				typ: full.typ, canonical: full.canonical, country: full.country, method: MethodCoref})
			cov[si][t] = true
		}
	}
	// 5. jargon and countries
	for i := range ms {
		m := &ms[i]
		if m.typ == "ORG" && m.tj-m.ti == 1 {
			if can, cc, ok := resolveJargon(m.text, cx); ok && m.method != MethodAcronymDef {
				m.canonical, m.method = can, MethodJargon
				if cc != "" {
					m.country = cc
				}
			}
		}
		if m.typ == "PLACE" && m.country == "" {
			kb = sc.appendPhraseKey(kb[:0], m.canonical)
			if p, ok := x.phrases[string(kb)]; ok { // x.phrases[phraseKey(m.canonical)]
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
				if !tk.cap || tk.masked || (keys[t] != "embassy" && keys[t] != "post") || covered(si, t) { // (the cheap tests first)
					continue
				}
				if keys[t] == "post" && t > 0 && toks[t-1].cap && !toks[t-1].sentStart {
					continue // "Washington Post"
				}
				ms = append(ms, mention{seg: si, ti: t, tj: t + 1, start: tk.start, end: tk.end, text: text[tk.start:tk.end],
					typ: "ORG", canonical: "Embassy " + cx.post, country: "US", method: MethodJargonPost, generic: true})
			}
		}
	}
	// all-capitals guesses that nothing confirmed are dropped, unless the
	// same long word is guessed twice; plurals of people ("the Kirchners") too
	guesses := map[string]int{}
	for _, m := range ms {
		if m.method == MethodCapsGuess {
			guesses[m.text]++
		}
	}
	sortMentions(ms)
	confirmByOtherMentions(ms)
	confirmListedNames(ms, seg)
	n := len(ms)
	kept := ms[:0]
	for _, m := range ms {
		if m.method == MethodCapsGuess && (guesses[m.text] < 2 || len(m.text) < 6) || m.method == MethodTheGuess || m.method == MethodBareName || m.method == MethodAcronymGuess {
			continue
		}
		if m.weak && m.typ == "PERSON" && len(m.text) > 4 && strings.HasSuffix(m.text, "s") {
			kb = appendKey(kb[:0], m.text[:len(m.text)-1])
			if _, ok := short[string(kb)]; ok {
				continue
			}
		}
		kept = append(kept, m)
	}
	ms = kept
	clear(ms[len(ms):n]) // nothing is left past len(ms) (see Enrich)
	sortMentions(ms)
	return ms
}

// fieldEnds returns the first and the last of strings.Fields(s) and how
// many fields there are, up to two.
func fieldEnds(s string) (first, last string, n int) {
	start := -1
	for i, r := range s {
		if unicode.IsSpace(r) {
			if start >= 0 {
				if n == 0 {
					first = s[start:i]
				}
				last = s[start:i]
				n = min(n+1, 2)
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		if n == 0 {
			first = s[start:]
		}
		last = s[start:]
		n = min(n+1, 2)
	}
	return first, last, n
}

// orgPrefixes: an unknown name run of two words or more that starts the name
// of an organization in the cable is its short form: "Zhejiang Dali
// Technology" for "Zhejiang Dali Technology Company Ltd".
func orgPrefixes(ms []mention) {
	var orgs []int
	for i := range ms {
		if ms[i].typ == "ORG" && ms[i].tj-ms[i].ti >= 3 {
			orgs = append(orgs, i)
		}
	}
	if len(orgs) == 0 {
		return
	}
	for i := range ms {
		m := &ms[i]
		if m.typ != "PERSON" || m.method != MethodNameRun || m.title != "" || m.tj-m.ti < 2 {
			continue
		}
		for _, j := range orgs {
			o := &ms[j]
			if len(o.text) > len(m.text)+1 && o.text[len(m.text)] == ' ' && strings.EqualFold(o.text[:len(m.text)], m.text) {
				m.typ, m.canonical, m.method, m.weak = "ORG", o.canonical, MethodCoref, false
				break
			}
		}
	}
}

// sortMentions sorts ms by segment and start, stably (as sort.SliceStable
// would). Mentions are large and mostly in order already (the first pass
// emits them so; coreference adds some at the end): when they are not, an
// index is sorted and the mentions are moved once, along the cycles of the
// permutation.
func sortMentions(ms []mention) {
	before := func(a, b *mention) bool {
		if a.seg != b.seg {
			return a.seg < b.seg
		}
		return a.start < b.start
	}
	sorted := true
	for i := 1; i < len(ms) && sorted; i++ {
		sorted = !before(&ms[i], &ms[i-1])
	}
	if sorted {
		return
	}
	idx := make([]int32, len(ms))
	for i := range idx {
		idx[i] = int32(i)
	}
	slices.SortStableFunc(idx, func(a, b int32) int {
		if before(&ms[a], &ms[b]) {
			return -1
		}
		if before(&ms[b], &ms[a]) {
			return 1
		}
		return 0
	})
	// ms[i] becomes the old ms[idx[i]]; idx[j] = j marks a placed slot
	for i := range idx {
		if idx[i] == int32(i) {
			continue
		}
		tmp := ms[i]
		j := i
		for {
			k := int(idx[j])
			idx[j] = int32(j)
			if k == i {
				ms[j] = tmp
				break
			}
			ms[j] = ms[k]
			j = k
		}
	}
}

// confirmListedNames keeps a bare name listed beside a person ("Mousavi,
// Rafsanjani, and Karrubi" after one of them is confirmed): coordination
// with a person is evidence. Names confirmed this way confirm their
// neighbours in turn.
func confirmListedNames(ms []mention, seg func(int) (string, []token, []string)) {
	for changed := true; changed; {
		changed = false
		for i := range ms {
			if ms[i].method != MethodBareName && ms[i].method != MethodAcronymGuess {
				continue
			}
			for _, d := range [2]int{-1, 1} {
				j := i + d
				if j < 0 || j >= len(ms) || ms[j].seg != ms[i].seg || ms[j].method == MethodBareName || ms[j].method == MethodAcronymGuess || ms[j].method == MethodCapsGuess || ms[j].generic {
					continue
				}
				if ms[j].typ != "ORG" && (ms[j].typ != "PERSON" || ms[i].method == MethodAcronymGuess) {
					continue // a person vouches for a bare name, a body for a bare name or an acronym
				}
				a, b := &ms[i], &ms[j]
				if d < 0 {
					a, b = b, a
				}
				_, toks, keys := seg(ms[i].seg)
				if coordGap(toks, keys, a.tj, b.ti) {
					ms[i].method, ms[i].typ, ms[i].canonical = MethodListedName, ms[j].typ, ms[i].text
					changed = true
					break
				}
			}
		}
	}
}

// coordGap: only a comma, "and" or "or" (or a comma and one of them) lies
// between tokens i and j.
func coordGap(toks []token, keys []string, i, j int) bool {
	if j <= i || j-i > 2 || j > len(toks) {
		return false
	}
	for t := i; t < j; t++ {
		if !(toks[t].text == "," || keys[t] == "and" || keys[t] == "or") {
			return false
		}
	}
	return true
}

// confirmByOtherMentions: a bare name is a person's when another mention of
// the same word in the cable has the evidence it lacks ("Mousavi said" in
// one paragraph vouches for "Mousavi" in another).
func confirmByOtherMentions(ms []mention) {
	var people map[string]bool
	for i := range ms {
		m := &ms[i]
		if m.typ == "PERSON" && m.tj-m.ti == 1 && m.method != MethodBareName && m.method != MethodCapsGuess && m.method != MethodTheGuess {
			if people == nil {
				people = map[string]bool{}
			}
			people[m.text] = true
		}
	}
	if people == nil {
		return
	}
	for i := range ms {
		if ms[i].method == MethodBareName && people[ms[i].text] {
			ms[i].method = MethodNameRun
		}
	}
}
