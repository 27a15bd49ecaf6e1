package enrich

import (
	"bufio"
	"embed"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
	"unicode"
)

//go:embed data/*.txt data/*.tsv lists/*.txt lists/cues/*.txt
var listFS embed.FS

// phrase is a gazetteer entry: a known name of a place or organization.
type phrase struct {
	typ       string // PERSON, ORG, PLACE
	canonical string
	country   string
	method    Method // list it came from
}

// lexicon holds every compiled list, keyed by normalized text (see key).
type lexicon struct {
	phrases    map[string]phrase
	prefixes   map[string]bool // proper prefixes of multi-word phrases
	maxPhrase  int             // most tokens in a phrase
	titles     map[string]bool
	maxTitle   int
	titleInfo  map[string]uint8 // titles (titleKey) and their proper prefixes (titlePrefix)
	firstNames map[string]bool
	words      map[string]bool // English lowercase words
	acronyms   map[string]bool // organization TAGS and cable acronyms (exact case)
	demonyms   map[string]bool
	nonEnt     map[string]bool
	countries  map[string]string // ISO alpha-2 -> short name
	flags      map[string]uint32 // key -> the lists above it is in (flags.go)
}

var (
	lexOnce sync.Once
	lex     *lexicon
)

func getLexicon() *lexicon {
	lexOnce.Do(func() { lex = loadLexicon() })
	return lex
}

func readList(name string, fn func(line string)) {
	f, err := listFS.Open(name)
	if err != nil {
		panic("enrich: missing embedded list " + name) // a build error, not input
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		l := strings.TrimRight(sc.Text(), "\r")
		if l == "" || l[0] == '#' {
			continue
		}
		fn(l)
	}
}

func loadLexicon() *lexicon {
	x := &lexicon{
		phrases: make(map[string]phrase, 40000), prefixes: map[string]bool{}, titles: map[string]bool{}, titleInfo: map[string]uint8{},
		firstNames: make(map[string]bool, 9000), words: make(map[string]bool, 70000),
		acronyms: map[string]bool{}, demonyms: map[string]bool{}, nonEnt: map[string]bool{},
		countries: map[string]string{},
	}
	add := func(name string, p phrase, override bool) {
		k := phraseKey(name)
		if k == "" {
			return
		}
		if _, ok := x.phrases[k]; ok && !override {
			return
		}
		x.phrases[k] = p
		for i := 0; i < len(k); i++ {
			if k[i] == ' ' {
				x.prefixes[k[:i]] = true
			}
		}
		if n := strings.Count(k, " ") + 1; n > x.maxPhrase {
			x.maxPhrase = n
		}
	}
	curated := func(file, typ string) {
		readList(file, func(l string) {
			names, cc, _ := strings.Cut(l, "\t")
			parts := strings.Split(names, "|")
			for _, n := range parts {
				add(n, phrase{typ: typ, canonical: parts[0], country: cc, method: Method("list:" + strings.TrimSuffix(strings.TrimPrefix(file, "lists/"), ".txt"))}, true)
			}
		})
	}
	curated("lists/orgs.txt", "ORG")
	curated("lists/places.txt", "PLACE")
	readList("data/countries.tsv", func(l string) {
		cc, name, _ := strings.Cut(l, "\t")
		x.countries[cc] = name
	})
	// generated geography: countries first, then regions, then cities
	for _, kind := range []string{"country", "historic", "region", "city", "town"} {
		readList("data/geo.tsv", func(l string) {
			f := strings.Split(l, "\t")
			if len(f) != 3 || f[0] != kind {
				return
			}
			p := phrase{typ: "PLACE", canonical: f[1], country: f[2], method: Method("geo:" + kind)}
			add(f[1], p, false)
			if kind == "region" {
				if a, b, ok := strings.Cut(f[1], "-"); ok && len(a) > 2 && len(b) > 2 && a[0] >= 'A' && a[0] <= 'Z' && b[0] >= 'A' && b[0] <= 'Z' && !strings.ContainsAny(b, "- ") {
					add(a+" "+b, p, false) // "Schleswig Holstein" for Schleswig-Holstein
				}
			}
		})
	}
	readList("lists/titles.txt", func(l string) {
		k := phraseKey(l)
		x.titles[k] = true
		x.titleInfo[k] |= titleKey
		for i := 0; i < len(k); i++ {
			if k[i] == ' ' {
				x.titleInfo[k[:i]] |= titlePrefix
			}
		}
		if n := strings.Count(k, " ") + 1; n > x.maxTitle {
			x.maxTitle = n
		}
	})
	readList("data/firstnames.txt", func(l string) { x.firstNames[strings.ToLower(l)] = true })
	readList("data/words.txt", func(l string) { x.words[l] = true })
	readList("data/acronyms.txt", func(l string) { x.acronyms[l] = true })
	readList("lists/demonyms.txt", func(l string) {
		for _, w := range strings.Fields(l) {
			x.demonyms[key(w)] = true
		}
	})
	readList("lists/nonentities.txt", func(l string) {
		for _, w := range strings.Fields(l) {
			x.nonEnt[key(w)] = true
		}
	})
	buildFlags(x)
	return x
}

var foldT = sync.Pool{New: func() any {
	return transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
}}

// key normalizes one word for lookups: lower case, accents removed, curly
// apostrophes straightened, dots dropped (U.S. -> us).
func key(w string) string {
	ascii := true
	needs := false
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
		if (c >= 'A' && c <= 'Z') || c == '.' {
			needs = true
		}
	}
	if ascii && !needs {
		return w
	}
	if !ascii {
		t := foldT.Get().(transform.Transformer)
		t.Reset()
		r, _, err := transform.String(t, w)
		foldT.Put(t)
		if err == nil {
			w = r
		}
		w = strings.ReplaceAll(w, "\u2019", "'")
	}
	var b strings.Builder
	b.Grow(len(w))
	for _, r := range w {
		if r == '.' {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// phraseKey normalizes a multi-word name the way tokens are keyed and joined.
func phraseKey(s string) string {
	toks := tokenize(s, nil)
	var b strings.Builder
	for i, t := range toks {
		if t.kind == tPunct && t.text != "+" && t.text != "&" {
			continue
		}
		if i > 0 && b.Len() > 0 {
			b.WriteByte(' ')
		}
		if t.kind == tPoss {
			b.WriteString("'s")
			continue
		}
		b.WriteString(key(t.text))
	}
	return b.String()
}

// appendPhraseKey appends phraseKey(s) to dst, with the scanner's scratch
// space for the tokens (and no string built).
func (sc *scanner) appendPhraseKey(dst []byte, s string) []byte {
	toks := tokenize(s, sc.ptoks[:0])
	start := len(dst)
	for i, t := range toks {
		if t.kind == tPunct && t.text != "+" && t.text != "&" {
			continue
		}
		if i > 0 && len(dst) > start {
			dst = append(dst, ' ')
		}
		if t.kind == tPoss {
			dst = append(dst, "'s"...)
			continue
		}
		dst = appendKey(dst, t.text)
	}
	clear(toks) // keep no text in the scratch space
	sc.ptoks = toks[:0]
	return dst
}
