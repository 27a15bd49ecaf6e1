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
	fForeignHead
	// x.acronyms, whose keys are exact text, not keys (no key has capitals):
	// asked of a token's text, never through is
	fAcronym

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
	set(foreignHeads, fForeignHead)
	set(x.acronyms, fAcronym)
	x.flags = fl
}

// is reports whether the key of token i is in any list of f.
func (s *scanner) is(i int, f uint32) bool {
	v := s.fl[i]
	if v == 0 {
		v = s.tokFlags(i)
	}
	return v&f != 0
}

// tokFlags finds and keeps the flags of token i (out of is, so that is
// stays small enough to inline).
//
//go:noinline
func (s *scanner) tokFlags(i int) uint32 {
	v := s.flags(s.keys[i]) | fDone
	s.fl[i] = v
	return v
}

// flagCache is a small set-associative cache of lexicon.flags lookups,
// kept with the pooled scanner. The flags map is large and its lookups
// mostly miss the CPU caches, while the words a cable looks up are few and
// recur from cable to cable. Keys of up to 16 bytes are copied into the
// entries (so a hit reads one entry, and words no list knows are cached
// too); the entries hold no reference to a cable's text and only what the
// lexicon says of a word, so results never depend on earlier calls.
type flagCache [flagSets][2]flagSlot

const (
	flagSetBits = 12
	flagSets    = 1 << flagSetBits
)

// flagSlot is one cached key: its bytes (zero-padded), length and flags
// (with fDone, so that an empty slot, fl == 0, matches nothing).
type flagSlot struct {
	w0, w1 uint64
	fl     uint32
	n      uint8
}

// flags returns x.flags[k], through the scanner's cache.
func (s *scanner) flags(k string) uint32 {
	if len(k) > 16 {
		return s.x.flags[k]
	}
	if s.fcache == nil {
		s.fcache = new(flagCache)
	}
	w0, w1 := packKey(k)
	h := (w0*0x9E3779B97F4A7C15 ^ w1*0xC2B2AE3D27D4EB4F ^ uint64(len(k))) * 0xD6E8FEB86659FD93
	set := &s.fcache[h>>(64-flagSetBits)]
	for w := range set {
		if e := &set[w]; e.fl != 0 && e.w0 == w0 && e.w1 == w1 && int(e.n) == len(k) {
			return e.fl &^ fDone
		}
	}
	v := s.x.flags[k]
	set[1] = set[0] // the older entry goes
	set[0] = flagSlot{w0: w0, w1: w1, fl: v | fDone, n: uint8(len(k))}
	return v
}

// packKey returns the bytes of k (at most 16) in two words, without a loop:
// with overlapping loads that, k's length given, cover every byte, so that
// two keys of a length are equal exactly when their words are.
func packKey(k string) (w0, w1 uint64) {
	switch n := len(k); {
	case n >= 8:
		return le64(k), le64(k[n-8:])
	case n >= 4:
		return uint64(le32(k)) | uint64(le32(k[n-4:]))<<32, 0
	case n > 0:
		return uint64(k[0]) | uint64(k[n/2])<<8 | uint64(k[n-1])<<16, 0
	}
	return 0, 0
}

func le64(k string) uint64 {
	_ = k[7]
	return uint64(k[0]) | uint64(k[1])<<8 | uint64(k[2])<<16 | uint64(k[3])<<24 |
		uint64(k[4])<<32 | uint64(k[5])<<40 | uint64(k[6])<<48 | uint64(k[7])<<56
}

func le32(k string) uint32 {
	_ = k[3]
	return uint32(k[0]) | uint32(k[1])<<8 | uint32(k[2])<<16 | uint32(k[3])<<24
}
