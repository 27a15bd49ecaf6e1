package enrich

// Word flags: the lists a token's key is in, found with one lookup in
// lexicon.flags and kept per token (scanner.is), instead of one lookup per
// list each time a rule asks.
const (
	fWord uint32 = 1 << iota
	fDemonym
	fNonEnt
	fTitle
	fFirstName
	fPhrase      // a listed phrase (every listed phrase has a type: x.phrases[k].isSet())
	fPrefix      // a proper prefix of a listed phrase (x.prefixes)
	fTitlePrefix // a proper prefix of a title (x.titleInfo)
	fOrgHead
	fPlaceHead
	fDirection
	fConnector
	fCapsStop
	fParticle
	fDeterminer
	fOrgModifier
	fPostWord
	fPortfolio
	fGenericPlural
	fDocNoun
	fTitleModifier

	fDone uint32 = 1 << 31 // the token's flags are computed
)

// lexicon.titleInfo bits.
const (
	titleKey    uint8 = 1 << iota // a title
	titlePrefix                   // words a longer title starts with
)

// buildFlags fills x.flags from the lexicon's lists and the package's word sets.
func buildFlags(x *lexicon) {
	fl := make(map[string]uint32, len(x.words)+len(x.phrases)+len(x.firstNames))
	set := func(m map[string]bool, f uint32) {
		for k, v := range m {
			if v {
				fl[k] |= f
			}
		}
	}
	set(x.words, fWord)
	set(x.demonyms, fDemonym)
	set(x.nonEnt, fNonEnt)
	set(x.titles, fTitle)
	set(x.firstNames, fFirstName)
	for k, p := range x.phrases {
		if !p.isSet() {
			panic("enrich: a listed phrase with no type") // fPhrase stands for both
		}
		fl[k] |= fPhrase
	}
	set(x.prefixes, fPrefix)
	for k, v := range x.titleInfo {
		if v&titlePrefix != 0 {
			fl[k] |= fTitlePrefix
		}
	}
	set(orgHeads, fOrgHead)
	set(placeHeads, fPlaceHead)
	set(directions, fDirection)
	set(connectors, fConnector)
	set(capsStop, fCapsStop)
	set(particles, fParticle)
	set(determiners, fDeterminer)
	set(orgModifiers, fOrgModifier)
	set(postWords, fPostWord)
	set(portfolios, fPortfolio)
	set(genericPlurals, fGenericPlural)
	set(docNouns, fDocNoun)
	set(titleModifiers, fTitleModifier)
	x.flags = fl
}

// is reports whether the key of token i is in any list of f.
func (s *scanner) is(i int, f uint32) bool {
	v := s.fl[i]
	if v == 0 {
		v = s.x.flags[s.keys[i]] | fDone
		s.fl[i] = v
	}
	return v&f != 0
}
