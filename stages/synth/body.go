package synth

import (
	"strconv"
	"time"
)

// body writes everything from the classification line to the signature.
func (w *writer) body() {
	r := w.r
	bodyStart := len(w.out)
	w.classLine(1)
	w.out = append(w.out, '\n')
	w.caveats()
	w.eoLine()
	w.tags()
	w.subject()
	w.out = append(w.out, '\n')
	w.refBlock()
	w.classifiedBy()

	// Thresholds at which a new section starts.
	next := 2
	sectionAt := func() int {
		return bodyStart + (w.target-bodyStart)*(next-1)/w.sections
	}
	n := 1
	if w.level > levelU && w.year >= 1985 && w.year < 2003 && r.chance(0.5) {
		w.paraStart(n, "")
		w.para = append(w.para, classWords[w.level]...)
		w.para = append(w.para, " - ENTIRE TEXT."...)
		w.paraEnd()
		n++
	}
	if w.target > 2500 && r.chance(0.6) {
		w.paraStart(n, w.mark())
		w.para = append(w.para, "Summary: "...)
		w.para = w.sentence(w.para, leads)
		for i, k := 0, r.between(2, 4); i < k; i++ {
			w.para = append(w.para, ' ')
			w.para = w.sentence(w.para, sentences)
		}
		w.para = append(w.para, " End Summary."...)
		w.paraEnd()
		n++
	}
	comment := w.target > 3000 && r.chance(0.45)
	reserve := 30
	if comment {
		reserve = 700
	}
	for n == 1 || len(w.out) < w.target-reserve {
		for w.sections >= next && len(w.out) >= sectionAt() {
			w.sectionBreak(next)
			next++
		}
		if w.modern && w.target > 12000 && r.chance(0.1) {
			w.heading()
		}
		w.paraStart(n, w.mark())
		for i, k := 0, r.between(2, 7); i < k; i++ {
			if i > 0 {
				w.para = append(w.para, ' ')
			}
			w.para = w.sentence(w.para, sentences)
		}
		w.paraEnd()
		if r.chance(0.08) {
			for i, k := 0, r.between(2, 4); i < k; i++ {
				w.para = append(w.para[:0], "-- "...)
				w.para = w.sentence(w.para, sentences)
				w.emitPara()
				w.out = append(w.out, '\n')
			}
			w.out = append(w.out, '\n')
		}
		n++
	}
	for w.sections >= next {
		w.sectionBreak(next)
		next++
	}
	if comment {
		w.paraStart(n, w.mark())
		w.para = append(w.para, "Comment: "...)
		for i, k := 0, r.between(2, 4); i < k; i++ {
			if i > 0 {
				w.para = append(w.para, ' ')
			}
			w.para = w.sentence(w.para, comments)
		}
		w.para = append(w.para, " End Comment."...)
		w.paraEnd()
	}
	w.signature()
}

var classWords = [...]string{"UNCLASSIFIED", "CONFIDENTIAL", "SECRET"}
var spacedWords = [...]string{"UNCLAS", "C O N F I D E N T I A L", "S E C R E T"}

// classLine writes e.g. "C O N F I D E N T I A L SECTION 01 OF 03 MOSCOW 004849".
func (w *writer) classLine(section int) {
	out := w.out
	switch {
	case w.level == levelU && (w.modern || w.r.chance(0.5)):
		out = append(out, "UNCLAS"...)
	case w.spaced:
		out = append(out, spacedWords[w.level]...)
	default:
		out = append(out, classWords[w.level]...)
	}
	out = append(out, ' ')
	if w.sections > 1 {
		out = append(out, "SECTION "...)
		if w.modern {
			out = appendPad(out, section, 2)
			out = append(out, " OF "...)
			out = appendPad(out, w.sections, 2)
		} else {
			out = strconv.AppendInt(out, int64(section), 10)
			out = append(out, " OF "...)
			out = strconv.AppendInt(out, int64(w.sections), 10)
		}
		out = append(out, ' ')
	}
	out = append(out, w.post.cls...)
	out = append(out, ' ')
	if w.year >= 1998 {
		out = appendPad(out, w.serial, 6)
	} else {
		out = strconv.AppendInt(out, int64(w.serial), 10)
	}
	w.out = append(out, '\n')
}

// sectionBreak starts section k: a page line (modern) or a repeated
// classification line.
func (w *writer) sectionBreak(k int) {
	if w.modern {
		w.out = append(w.out, w.post.cls...)
		w.out = append(w.out, ' ')
		w.out = appendPad(w.out, w.serial, 8)
		w.out = append(w.out, ' ')
		w.out = appendPad(w.out, k, 3)
		w.out = append(w.out, " OF "...)
		w.out = appendPad(w.out, w.sections, 3)
		w.out = append(w.out, "\n\n"...)
		return
	}
	w.classLine(k)
	w.out = append(w.out, '\n')
}

func (w *writer) caveats() {
	r := w.r
	if w.noforn {
		w.out = append(w.out, "NOFORN\n\n"...)
	}
	if w.year >= 2002 && r.chance(0.85) {
		w.out = append(w.out, "SIPDIS\n\n"...)
		if r.chance(0.3) {
			w.out = append(w.out, "SIPDIS\n\n"...)
		}
	}
	if w.fouo {
		switch x := r.intn(10); {
		case x < 5:
			w.out = append(w.out, "SENSITIVE\n\n"...)
		case x < 8:
			w.out = append(w.out, "SENSITIVE BUT UNCLASSIFIED\n\n"...)
		default:
			w.out = append(w.out, "FOR OFFICIAL USE ONLY\n\n"...)
		}
	}
	if r.chance(0.3) {
		if w.pi == 0 {
			w.out = append(w.out, "FOR "...)
		} else if r.chance(0.5) {
			w.out = append(w.out, "DEPARTMENT FOR "...)
		} else {
			w.out = append(w.out, "STATE FOR "...)
		}
		w.out = append(w.out, pick(r, bureaus)...)
		if r.chance(0.4) {
			w.out = append(w.out, " AND "...)
			w.out = append(w.out, pick(r, bureaus)...)
		}
		w.out = append(w.out, "\n\n"...)
	}
}

func appendDate(dst []byte, t time.Time, yearDigits int) []byte {
	dst = appendPad(dst, int(t.Month()), 2)
	dst = append(dst, '/')
	dst = appendPad(dst, t.Day(), 2)
	dst = append(dst, '/')
	if yearDigits == 2 {
		return appendPad(dst, t.Year()%100, 2)
	}
	return appendPad(dst, t.Year(), 4)
}

// E.O. eras.
var (
	eo11652 = time.Date(1972, 6, 1, 0, 0, 0, 0, time.UTC)
	eo12065 = time.Date(1978, 12, 1, 0, 0, 0, 0, time.UTC)
	eo12356 = time.Date(1982, 8, 1, 0, 0, 0, 0, time.UTC)
	eo12958 = time.Date(1995, 10, 14, 0, 0, 0, 0, time.UTC)
	eo13526 = time.Date(2009, 12, 29, 0, 0, 0, 0, time.UTC)
)

// eoLine writes the era's E.O. line.
func (w *writer) eoLine() {
	r := w.r
	t := w.created
	classified := w.level > levelU
	out := w.out
	decl := t.AddDate(10, 0, -r.intn(5))
	if r.chance(0.1) {
		decl = t.AddDate(25, 0, 0)
	}
	switch {
	case t.Before(eo11652):
		out = append(out, "E.O. 12958: N/A"...)
	case t.Before(eo12065):
		switch {
		case !classified:
			out = append(out, "E.O. 11652: N/A"...)
		case r.chance(0.8):
			out = append(out, "E.O. 11652: GDS"...)
		default:
			out = append(out, "E.O. 11652: XGDS-1"...)
		}
	case t.Before(eo12356):
		if !classified {
			out = append(out, "E.O. 12065: N/A"...)
			break
		}
		if r.chance(0.8) {
			out = append(out, "E.O. 12065: GDS "...)
		} else {
			out = append(out, "E.O. 12065: RDS-1 "...)
		}
		out = appendDate(out, t.AddDate(6, 0, 0), 2)
		out = append(out, " ("...)
		out = append(out, pick(r, surnames[poolAnglo])...)
		out = append(out, ", "...)
		out = append(out, pick(r, firstNames[poolAnglo])[0], ')')
		out = append(out, " OR-P"...)
	case t.Before(eo12958):
		if classified {
			out = append(out, "E.O. 12356: DECL: OADR"...)
		} else {
			out = append(out, "E.O. 12356: N/A"...)
		}
	case t.Before(eo13526) || r.chance(0.3):
		switch x := r.intn(20); {
		case !classified && x < 18:
			out = append(out, "E.O. 12958: N/A"...)
		case !classified:
			out = append(out, "EO 12958 N/A"...)
		case x < 15:
			out = append(out, "E.O. 12958: DECL: "...)
			out = appendDate(out, decl, 4)
		case x < 17:
			out = append(out, "EO 12958 DECL: "...)
			out = appendDate(out, decl, 4)
		case x < 18 && w.year >= 2003:
			out = append(out, "E.O. 12958 (AS AMENDED): DECL: "...)
			out = appendDate(out, decl, 4)
		default:
			out = append(out, "E.O. 12958: DECL: "...)
			out = appendDate(out, decl, 4)
		}
	default:
		if classified {
			out = append(out, "E.O. 13526: DECL: "...)
			out = appendDate(out, decl, 4)
		} else {
			out = append(out, "E.O. 13526: N/A"...)
		}
	}
	w.out = append(out, '\n')
}

func (w *writer) tags() {
	r := w.r
	sep := " "
	if w.year < 1995 && r.chance(0.4) {
		sep = ", "
	}
	out := append(w.out, "TAGS: "...)
	th := themes[w.theme].tags
	k := r.between(1, len(th))
	first := r.intn(len(th))
	for i := 0; i < k; i++ {
		if i > 0 {
			out = append(out, sep...)
		}
		out = append(out, th[(first+i)%len(th)]...)
	}
	if r.chance(0.3) {
		out = append(out, sep...)
		out = append(out, pick(r, subjectTags)...)
	}
	if r.chance(0.1) {
		out = append(out, sep...)
		out = append(out, pick(r, orgTags)...)
	}
	out = append(out, sep...)
	out = append(out, w.ctry.fips...)
	if r.chance(0.25) {
		out = append(out, sep...)
		out = append(out, w.other.fips...)
	}
	w.out = append(out, '\n')
}

func (w *writer) subject() {
	r := w.r
	if w.year < 1985 && r.chance(0.4) {
		w.out = append(w.out, "SUBJ: "...)
	} else {
		w.out = append(w.out, "SUBJECT: "...)
	}
	w.short = true
	w.para = w.render(w.para[:0], subjects[r.intn(len(subjects))])
	w.short = false
	upper(w.para)
	s := w.para
	if len(s) > 50 && r.chance(0.5) {
		for i := 40; i < len(s); i++ {
			if s[i] == ' ' {
				w.out = append(w.out, s[:i]...)
				w.out = append(w.out, '\n')
				s = s[i+1:]
				break
			}
		}
	}
	w.out = append(w.out, s...)
	w.out = append(w.out, '\n')
}

// refBlock writes an optional REF block and records the referenced ids.
func (w *writer) refBlock() {
	r := w.r
	if !r.chance(0.45) {
		return
	}
	n := 1
	if r.chance(0.5) {
		n = r.between(2, 4)
	}
	out := append(w.out, "REF: "...)
	for i := 0; i < n; i++ {
		if i > 0 {
			out = append(out, "\n     "...)
		}
		if n > 1 {
			out = append(out, byte('A'+i), '.', ' ')
		}
		pi := w.pi
		switch x := r.intn(20); {
		case x < 6:
			pi = 0
		case x < 9:
			pi = r.intn(len(posts))
		}
		p := &posts[pi]
		var year, serial int
		var ref []byte
		for try := 0; ; try++ {
			year = w.year
			if r.chance(0.3) || (pi == w.pi && w.serial < 2) {
				year -= r.between(1, 3)
			}
			if year < firstYear {
				year = firstYear
			}
			serial = 1 + r.intn(p.annual)
			if year == w.year && pi == w.pi {
				serial = 1 + r.intn(w.serial-1)
			}
			ref = appendPad(ref[:0], year%100, 2)
			ref = append(ref, refStations[pi]...)
			ref = strconv.AppendInt(ref, int64(serial), 10)
			if try == 5 || !w.hasRef(ref) {
				break
			}
		}
		if year != w.year {
			out = appendPad(out, year%100, 2)
			out = append(out, ' ')
		}
		out = append(out, p.cls...)
		out = append(out, ' ')
		out = strconv.AppendInt(out, int64(serial), 10)
		w.refs = append(w.refs, string(ref))
	}
	w.out = append(out, "\n\n"...)
}

func (w *writer) hasRef(ref []byte) bool {
	for _, s := range w.refs {
		if s == string(ref) {
			return true
		}
	}
	return false
}

// classifiedBy writes the "Classified By:" line of classified cables.
func (w *writer) classifiedBy() {
	r := w.r
	if w.level == levelU || w.year < 1995 || r.chance(0.08) {
		return
	}
	out := w.out
	if r.chance(0.15) {
		out = append(out, "CLASSIFIED BY: "...)
	} else {
		out = append(out, "Classified By: "...)
	}
	out = append(out, pick(r, usTitles)...)
	out = append(out, ' ')
	out = append(out, pick(r, firstNames[poolAnglo])...)
	if r.chance(0.4) {
		out = append(out, ' ', byte('A'+r.intn(26)), '.')
	}
	out = append(out, ' ')
	out = append(out, pick(r, surnames[poolAnglo])...)
	section := "1.4"
	if w.created.Before(time.Date(2003, 3, 25, 0, 0, 0, 0, time.UTC)) {
		section = "1.5"
	}
	switch r.intn(4) {
	case 0:
		out = append(out, ". Reasons "...)
	case 1:
		out = append(out, " for reasons "...)
	case 2:
		out = append(out, ", Reason "...)
	default:
		out = append(out, " per "...)
	}
	out = append(out, section...)
	switch r.intn(5) {
	case 0:
		out = append(out, " (b) and (d)"...)
	case 1:
		out = append(out, " (d)"...)
	case 2:
		out = append(out, " (B/D)"...)
	case 3:
		out = append(out, " (b), (c), and (d)"...)
	default:
		out = append(out, " (c)"...)
	}
	if r.chance(0.5) {
		out = append(out, '.')
	}
	w.out = append(out, "\n\n"...)
}

// mark returns a paragraph marking for this cable ("" for none).
func (w *writer) mark() string {
	if !w.marks {
		return ""
	}
	x := w.r.intn(20)
	switch w.level {
	case levelU:
		if w.fouo && x < 14 {
			return "SBU"
		}
		return "U"
	case levelC:
		switch {
		case w.noforn && x < 8:
			return "C//NF"
		case x < 13:
			return "C"
		case x < 16:
			return "SBU"
		}
		return "U"
	}
	switch {
	case w.noforn && x < 8:
		return "S//NF"
	case x < 11:
		return "S"
	case x < 16:
		return "C"
	}
	return "U"
}

// paraStart begins a numbered paragraph in the scratch buffer.
func (w *writer) paraStart(n int, mark string) {
	w.para = strconv.AppendInt(w.para[:0], int64(n), 10)
	w.para = append(w.para, ". "...)
	if mark != "" {
		w.para = append(w.para, '(')
		w.para = append(w.para, mark...)
		w.para = append(w.para, ") "...)
	}
}

// emitPara appends the scratch paragraph, wrapped if the cable wraps.
func (w *writer) emitPara() {
	if w.wrap > 0 {
		w.out = appendWrapped(w.out, w.para, w.wrap)
	} else {
		w.out = append(w.out, w.para...)
	}
}

func (w *writer) paraEnd() {
	w.emitPara()
	w.out = append(w.out, "\n\n"...)
}

func (w *writer) heading() {
	w.para = w.render(w.para[:0], headings[w.r.intn(len(headings))])
	if c := w.para[0]; 'a' <= c && c <= 'z' {
		w.para[0] = c - 32
	}
	dashes := len(w.para)
	for i := 0; i < dashes; i++ {
		w.out = append(w.out, '-')
	}
	w.out = append(w.out, '\n')
	w.out = append(w.out, w.para...)
	w.out = append(w.out, '\n')
	for i := 0; i < dashes; i++ {
		w.out = append(w.out, '-')
	}
	w.out = append(w.out, "\n\n"...)
}

func (w *writer) signature() {
	start := len(w.out)
	w.out = append(w.out, pick(w.r, surnames[poolAnglo])...)
	upper(w.out[start:])
	w.out = append(w.out, '\n')
}
