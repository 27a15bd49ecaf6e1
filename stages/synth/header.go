package synth

import "strconv"

// Washington addressees and collectives seen in INFO lines. The agency
// routing indicators come from the cablemap reference table (see NOTICE);
// the collectives are generic.
var agencyAddressees = []string{
	"RUEKJCS/SECDEF WASHDC", "RUEKJCS/JOINT STAFF WASHDC", "RHEHNSC/NSC WASHDC",
	"RUEAIIA/CIA WASHDC", "RUCPDOC/USDOC WASHDC", "RUEATRS/DEPT OF TREASURY WASHDC",
	"RUEKDIA/DIA WASHDC", "RUEHZL/EUROPEAN POLITICAL COLLECTIVE", "RUEHZM/GCC COLLECTIVE",
	"RUEHXR/ASIAN REGIONAL COLLECTIVE", "RUEHZO/AFRICAN UNION COLLECTIVE",
	"RUEHWH/WESTERN HEMISPHERE POSTS COLLECTIVE",
}

func precWord(p byte) string {
	switch p {
	case 'Z':
		return "FLASH"
	case 'O':
		return "IMMEDIATE"
	case 'P':
		return "PRIORITY"
	}
	return ""
}

func (w *writer) drawPrec() byte {
	switch x := w.r.intn(1000); {
	case x < 3:
		return 'Z'
	case x < 200:
		return 'O'
	case x < 500:
		return 'P'
	}
	return 'R'
}

// addressee appends one TO or INFO entry: routing/name (modern) or name,
// the precedence word, and sometimes a message control number.
func (w *writer) addressee(dst []byte, route, name string, prec byte, mcn bool) []byte {
	if w.modern && route != "" {
		dst = append(dst, route...)
		dst = append(dst, '/')
	}
	dst = append(dst, name...)
	if pw := precWord(prec); pw != "" {
		dst = append(dst, ' ')
		dst = append(dst, pw...)
	}
	if mcn {
		dst = append(dst, ' ')
		dst = strconv.AppendInt(dst, int64(w.r.between(1, 9999)), 10)
	}
	return append(dst, '\n')
}

// postName is a post's name as an addressee ("SECSTATE WASHDC" for State).
func postName(p *post) string { return p.fm }

// header writes the routing lines, each ending in "\n".
func (w *writer) header() {
	r := w.r
	p := w.post
	prec := w.drawPrec()
	infoPrec := prec
	if r.chance(0.5) {
		infoPrec = 'R'
	}
	state := w.pi == 0
	nInfo := 0
	if r.chance(0.7) {
		nInfo = r.between(1, 8)
	}
	out := w.out
	t := w.created

	if w.modern {
		out = append(out, "VZCZC"...)
		if nInfo > 0 && r.chance(0.7) {
			out = append(out, "XRO"...)
		} else {
			out = append(out, "XYZ"...)
		}
		out = appendPad(out, r.between(1, 9999), 4)
		out = append(out, '\n', prec, prec, ' ')
		nRelay := r.between(1, 12)
		for i := 0; i < nRelay; i++ {
			if i > 0 {
				if i%9 == 0 {
					out = append(out, '\n')
				} else {
					out = append(out, ' ')
				}
			}
			out = append(out, posts[r.intn(len(posts))].route...)
		}
		out = append(out, "\nDE "...)
		out = append(out, p.route...)
		out = append(out, " #"...)
		out = appendPad(out, w.serial%10000, 4)
		if w.sections > 1 {
			out = append(out, "/01"...)
		}
		out = append(out, ' ')
		out = appendPad(out, t.YearDay(), 3)
		out = appendPad(out, t.Hour(), 2)
		out = appendPad(out, t.Minute(), 2)
		switch w.level {
		case levelU:
			out = append(out, "\nZNR UUUUU ZZH\n"...)
		case levelC:
			out = append(out, "\nZNY CCCCC ZZH\n"...)
		default:
			out = append(out, "\nZNY SSSSS ZZH\n"...)
		}
		out = append(out, prec, ' ')
	} else {
		out = append(out, prec, ' ')
		if nInfo > 0 {
			out = append(out, infoPrec, ' ')
		}
	}
	// Date-time group: O 031211Z OCT 07
	out = appendPad(out, t.Day(), 2)
	out = appendPad(out, t.Hour(), 2)
	out = appendPad(out, t.Minute(), 2)
	out = append(out, "Z "...)
	out = append(out, monthAbbr[t.Month()-1]...)
	out = append(out, ' ')
	out = appendPad(out, w.year%100, 2)
	out = append(out, "\nFM "...)
	out = append(out, p.fm...)
	out = append(out, "\nTO "...)
	if state {
		nTo := r.between(1, 4)
		for i := 0; i < nTo; i++ {
			q := &posts[1+r.intn(len(posts)-1)]
			out = w.addressee(out, q.route, postName(q), prec, false)
		}
	} else {
		if r.chance(0.12) {
			out = w.addressee(out, "RUEKJCS", "SECDEF WASHDC", prec, false)
		}
		out = w.addressee(out, "RUEHC", "SECSTATE WASHDC", prec, true)
	}
	for i := 0; i < nInfo; i++ {
		if i == 0 {
			out = append(out, "INFO "...)
		}
		if w.modern && r.chance(0.2) {
			a := pick(r, agencyAddressees)
			out = append(out, a...)
			if pw := precWord(infoPrec); pw != "" {
				out = append(out, ' ')
				out = append(out, pw...)
			}
			out = append(out, '\n')
			continue
		}
		q := &posts[1+r.intn(len(posts)-1)]
		out = w.addressee(out, q.route, postName(q), infoPrec, w.modern && r.chance(0.6))
	}
	w.out = out
}
