package synth

import (
	"strconv"
	"time"
)

// person is a member of a cable's cast.
type person struct {
	title, first, last string
	mentioned          bool
	redacted           bool
}

// writer builds one cable's text into a reused buffer. Its fields are the
// cable's context: who, where, what, and how it is written.
type writer struct {
	out  []byte // the cable text
	para []byte // scratch: one paragraph or line before wrapping

	r       *rng
	created time.Time
	year    int
	pi      int // index into posts
	post    *post
	serial  int
	ci      int // index into classMix
	level   int
	noforn  bool
	fouo    bool
	target  int // whole-text size to reach

	ctry  *country // focus country
	other *country // a second country
	theme int

	modern   bool // VZCZC header, padded serials, page lines
	caps     bool // ALL CAPITALS telegram
	spaced   bool // "C O N F I D E N T I A L"
	wrap     int  // line width; 0 leaves paragraphs on one line
	marks    bool // paragraph classification markings
	redact   bool // media redactions in this cable
	sections int

	cast     []person
	hostSeen []bool
	intlSeen []bool
	usSeen   []bool
	orgsUsed []int // host org indices mentioned, for reuse

	refs      []string
	headerLen int
	last      int  // last template drawn, not to be repeated at once
	lastOrg   int  // last host org mentioned, not to be repeated at once
	short     bool // acronyms only, nothing marked as mentioned (SUBJECT)
}

func (w *writer) init() {
	w.out = make([]byte, 0, 64<<10)
	w.para = make([]byte, 0, 8<<10)
	w.cast = make([]person, 0, 16)
	w.hostSeen = make([]bool, len(hostOrgs))
	w.intlSeen = make([]bool, len(intlOrgs))
	w.usSeen = make([]bool, len(usOrgs))
	w.orgsUsed = make([]int, 0, 16)
	w.refs = make([]string, 0, 8)
}

// begin resets the writer for a new cable and draws its context.
func (w *writer) begin(r *rng, created time.Time, pi, serial, ci, size int) {
	w.out = w.out[:0]
	w.r = r
	w.created = created
	w.year = created.Year()
	w.pi = pi
	w.post = &posts[pi]
	w.serial = serial
	w.ci = ci
	w.level = classMix[ci].level
	w.noforn = ci == 3 || ci == 5
	w.fouo = ci == 1
	w.target = size - overshoot
	w.cast = w.cast[:0]
	clear(w.hostSeen)
	clear(w.intlSeen)
	clear(w.usSeen)
	w.orgsUsed = w.orgsUsed[:0]
	w.lastOrg = -1
	w.refs = w.refs[:0]

	if w.post.country != "" && !r.chance(0.12) {
		w.ctry = &countries[countryIndex[w.post.country]]
	} else {
		w.ctry = &countries[r.intn(len(countries))]
	}
	w.other = &countries[r.intn(len(countries))]
	if w.other == w.ctry {
		w.other = &countries[(countryIndex[w.ctry.fips]+1)%len(countries)]
	}
	w.theme = r.intn(len(themes))

	y := w.year
	w.modern = y >= 2003 || (y >= 2000 && r.chance(0.5))
	w.caps = y < 1995 || (y < 2000 && r.chance(0.5))
	w.spaced = r.chance(0.85)
	switch {
	case y < 2000:
		w.wrap = r.between(62, 70)
	case y < 2008 && r.chance(0.6):
		w.wrap = r.between(58, 70)
	case y >= 2008 && r.chance(0.15):
		w.wrap = r.between(60, 70)
	default:
		w.wrap = 0
	}
	w.marks = y >= 1995 && (w.level > levelU || r.chance(0.5))
	w.redact = y >= 2005 && w.level > levelU && r.chance(0.12)
	w.sections = 1
	if size > 14000 {
		w.sections = 1 + size/r.between(9000, 14000)
		if w.sections > 99 {
			w.sections = 99
		}
	}
}

// cable writes the whole cable.
func (w *writer) cable() {
	w.header()
	w.headerLen = len(w.out)
	w.out = append(w.out, '\n')
	bodyStart := len(w.out)
	w.body()
	if w.caps {
		upper(w.out[bodyStart:])
	}
}

// ---- slot filling ----

func (w *writer) render(dst []byte, t tmpl) []byte {
	for _, s := range t {
		dst = append(dst, s.lit...)
		if s.slot != 0 {
			dst = w.slot(dst, s.slot)
		}
	}
	return dst
}

func (w *writer) slot(dst []byte, c byte) []byte {
	r := w.r
	switch c {
	case 'p':
		return w.personMention(dst)
	case 's':
		p := w.newPerson()
		if p.redacted {
			return append(dst, "XXXXXXXXXXXX"...)
		}
		return append(dst, p.last...)
	case 'o':
		return w.orgMention(dst, hostOrgs, w.hostSeen, true)
	case 'i':
		return w.orgMention(dst, intlOrgs, w.intlSeen, false)
	case 'x':
		return w.orgMention(dst, usOrgs, w.usSeen, false)
	case 'l':
		cs := w.ctry.cities
		if r.chance(0.4) {
			return append(dst, cs[0]...)
		}
		return append(dst, pick(r, cs)...)
	case 'c':
		return append(dst, w.ctry.name...)
	case 'a':
		return append(dst, w.ctry.adj...)
	case 'k':
		return append(dst, w.other.name...)
	case 'd':
		return w.datePhrase(dst)
	case 'M':
		return append(dst, pick(r, months)...)
	case 'n':
		return strconv.AppendInt(dst, int64(r.between(2, 95)), 10)
	case 'f':
		return strconv.AppendInt(dst, int64(r.between(1, 9)), 10)
	case 'm':
		dst = append(dst, '$')
		dst = strconv.AppendInt(dst, int64(r.between(2, 950)), 10)
		if r.chance(0.8) {
			return append(dst, " million"...)
		}
		return append(dst, " billion"...)
	case 't':
		th := w.theme
		if r.chance(0.15) {
			th = r.intn(len(themes))
		}
		return append(dst, pick(r, themes[th].topics)...)
	case 'u':
		return append(dst, pick(r, usActors)...)
	case 'v':
		return append(dst, pick(r, sayVerbs)...)
	case 'g':
		return append(dst, pick(r, govWords)...)
	case 'q':
		return append(dst, pick(r, quotes)...)
	case 'y':
		return strconv.AppendInt(dst, int64(w.year-r.between(1, 6)), 10)
	case 'U':
		return append(dst, pick(r, visitorTitles)...)
	}
	return dst
}

func (w *writer) newPerson() *person {
	r := w.r
	pool := w.ctry.pool
	if r.chance(0.1) {
		pool = w.other.pool
	}
	w.cast = append(w.cast, person{
		title:    pick(r, hostTitles),
		first:    pick(r, firstNames[pool]),
		last:     pick(r, surnames[pool]),
		redacted: w.redact && r.chance(0.3),
	})
	return &w.cast[len(w.cast)-1]
}

// personMention names a new or known person: title and full name the first
// time, the surname (sometimes with the title) after.
func (w *writer) personMention(dst []byte) []byte {
	r := w.r
	var p *person
	if len(w.cast) == 0 || (len(w.cast) < 14 && r.chance(0.3)) {
		p = w.newPerson()
	} else {
		p = &w.cast[r.intn(len(w.cast))]
	}
	if p.redacted {
		p.mentioned = true
		return append(dst, "XXXXXXXXXXXX"...)
	}
	if !p.mentioned {
		p.mentioned = true
		dst = append(dst, p.title...)
		dst = append(dst, ' ')
		dst = append(dst, p.first...)
		dst = append(dst, ' ')
		return append(dst, p.last...)
	}
	if r.chance(0.2) {
		dst = append(dst, p.title...)
		dst = append(dst, ' ')
	}
	return append(dst, p.last...)
}

// orgMention writes "Full Name (ACR)" the first time, "ACR" after.
func (w *writer) orgMention(dst []byte, list []org, seen []bool, host bool) []byte {
	r := w.r
	var i int
	if host && len(w.orgsUsed) > 1 && r.chance(0.5) {
		i = w.orgsUsed[r.intn(len(w.orgsUsed))]
	} else {
		i = r.intn(len(list))
	}
	if host {
		if i == w.lastOrg {
			i = (i + 1) % len(list)
		}
		w.lastOrg = i
	}
	o := list[i]
	if w.short {
		return append(dst, o.acr...)
	}
	if seen[i] {
		return append(dst, o.acr...)
	}
	seen[i] = true
	if host {
		w.orgsUsed = append(w.orgsUsed, i)
	}
	dst = append(dst, o.name...)
	dst = append(dst, " ("...)
	dst = append(dst, o.acr...)
	return append(dst, ')')
}

func (w *writer) datePhrase(dst []byte) []byte {
	r := w.r
	d := w.created.AddDate(0, 0, -r.intn(21))
	switch x := r.intn(10); {
	case x < 7:
		dst = append(dst, "on "...)
	case x < 9:
	default:
		return append(dst, "last week"...)
	}
	dst = append(dst, months[d.Month()-1]...)
	dst = append(dst, ' ')
	return strconv.AppendInt(dst, int64(d.Day()), 10)
}

// sentence appends one sentence, capitalized.
func (w *writer) sentence(dst []byte, ts []tmpl) []byte {
	start := len(dst)
	i := w.r.intn(len(ts))
	if i == w.last {
		i = (i + 1 + w.r.intn(len(ts)-1)) % len(ts)
	}
	w.last = i
	dst = w.render(dst, ts[i])
	if c := dst[start]; 'a' <= c && c <= 'z' {
		dst[start] = c - 32
	}
	return dst
}
