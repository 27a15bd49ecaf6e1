package parse

import (
	"strings"

	"github.com/cablewire/cablewire/schemas"
)

// deLine is the routing header's DE line: "DE RUEHMO #4849/01 2761211".
type deLine struct {
	Routing string
	Serial  string
	Stamp   string // Julian day and time, DDDHHMM
}

func parseDE(line string) (deLine, bool) {
	f := strings.Fields(line)
	if len(f) < 2 || f[0] != "DE" || !isRouting(f[1]) {
		return deLine{}, false
	}
	d := deLine{Routing: f[1]}
	for _, t := range f[2:] {
		if strings.HasPrefix(t, "#") {
			s := t[1:]
			if k := strings.IndexByte(s, '/'); k >= 0 {
				s = s[:k]
			}
			if allDigits(s) {
				d.Serial = s
			}
		} else if len(t) == 7 && allDigits(t) {
			d.Stamp = t
		}
	}
	return d, true
}

// isRouting reports a routing indicator: four to seven capitals starting R.
func isRouting(s string) bool {
	if len(s) < 4 || len(s) > 8 || s[0] != 'R' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isUpper(s[i]) {
			return false
		}
	}
	return true
}

var precedenceWords = []string{"NIACT IMMEDIATE", "IMMEDIATE", "PRIORITY", "ROUTINE", "FLASH"}

// parseAddressee reads one TO/INFO line: "RUEHC/SECSTATE WASHDC IMMEDIATE 4347".
func parseAddressee(line string) (schemas.Addressee, bool) {
	s := strings.TrimSpace(line)
	var a schemas.Addressee
	if s == "" {
		return a, false
	}
	first := s
	if k := strings.IndexByte(s, ' '); k >= 0 {
		first = s[:k]
	}
	if k := strings.IndexByte(first, '/'); k > 0 && isRouting(first[:k]) {
		a.Routing = first[:k]
		s = s[k+1:]
	}
	rest := normalizeSpaces(s)
	if k := strings.LastIndexByte(rest, ' '); k >= 0 && allDigits(rest[k+1:]) {
		a.MCN = rest[k+1:]
		rest = rest[:k]
	}
	for _, p := range precedenceWords {
		if strings.HasSuffix(rest, " "+p) || rest == p {
			a.Precedence = p
			rest = strings.TrimSpace(strings.TrimSuffix(rest, p))
			break
		}
	}
	a.Name = rest
	if a.Name == "" {
		return a, false
	}
	return a, true
}

// headerState accumulates the routing header (lines before the
// classification line).
type headerState struct {
	list *[]schemas.Addressee // current TO or INFO list, for continuation lines
	excl bool                 // in an XMT block
	zny  string               // classification from the ZNY line (CCCCC -> CONFIDENTIAL)
	// badDTG is a date-time group line whose year is out of range
	badDTG string
}

// znyLevel maps the ZNY line's security letters to a classification.
func znyLevel(s string) string {
	f := strings.Fields(s)
	if len(f) < 2 {
		return ""
	}
	switch {
	case strings.HasPrefix(f[1], "SSSSS"):
		return Secret
	case strings.HasPrefix(f[1], "CCCCC"):
		return Confidential
	case strings.HasPrefix(f[1], "UUUUU"), strings.HasPrefix(f[1], "EEEEE"):
		return Unclassified
	case strings.HasPrefix(f[1], "TTTTT"):
		return TopSecret
	}
	return ""
}

// headerLine consumes one line of the routing header into c.
func (h *headerState) headerLine(c *schemas.Cable, line string, dt *dtg, de *deLine) {
	s := strings.TrimSpace(line)
	if s == "" {
		h.list = nil
		return
	}
	if isPageLine(s) {
		return // "PAGE 02 STATE 123456 291400Z": a page break, not an addressee
	}
	switch {
	case strings.HasPrefix(s, "VZCZC"):
		if c.TransmissionID == "" {
			c.TransmissionID = strings.Fields(s)[0]
		}
		return
	case strings.HasPrefix(s, "DE "):
		if d, ok := parseDE(s); ok && de.Routing == "" {
			*de = d
		}
		return
	case strings.HasPrefix(s, "FM "):
		if c.Origin == "" {
			c.Origin = strings.TrimSpace(s[3:])
		}
		h.list = nil
		return
	case strings.HasPrefix(s, "TO "):
		h.list, h.excl = &c.To, false
		s = s[3:]
	case strings.HasPrefix(s, "INFO ") && !strings.Contains(s, "-00"):
		h.list, h.excl = &c.Info, false
		s = s[5:]
	case strings.HasPrefix(s, "XMT "):
		if h.list == nil {
			h.list = &c.Info
		}
		h.excl = true
		s = s[4:]
	case strings.HasPrefix(s, "ZNY ") || strings.HasPrefix(s, "ZNR "):
		if h.zny == "" {
			h.zny = znyLevel(s)
		}
		h.list = nil
		return
	case s == "BT" || strings.HasPrefix(s, "ZNR ") || strings.HasPrefix(s, "ZEN"):
		h.list = nil
		return
	}
	if dt.Time.IsZero() {
		if d, ok := parseDTG(s); ok {
			*dt = d
			h.list = nil
			return
		} else if d.Prec == "year" {
			if h.badDTG == "" {
				h.badDTG = s
			}
			h.list = nil
			return
		}
	}
	if h.list != nil {
		if a, ok := parseAddressee(s); ok {
			if l := *h.list; h.excl && len(l) > 0 {
				// An XMT post is taken out of a collective of the list,
				// not sent to: the last collective, else the addressee
				// just before.
				i := len(l) - 1
				for j := i; j >= 0; j-- {
					if isCollective(l[j].Name) {
						i = j
						break
					}
				}
				l[i].Excludes = append(l[i].Excludes, a.Name)
				return
			}
			a.Excluded = h.excl // an XMT with nothing before it to exclude from
			*h.list = append(*h.list, a)
		}
	}
}

// isCollective reports whether an addressee names a group of posts
// ("EUROPEAN POLITICAL COLLECTIVE", "ALL AMERICAN REPUBLIC DIPLOMATIC
// POSTS", "ALL NATO CAPITALS"), the kind an XMT line excludes posts from.
func isCollective(name string) bool {
	if strings.HasPrefix(name, "ALL ") {
		return true
	}
	for _, w := range []string{"COLLECTIVE", " POSTS", "CAPITALS", "MEMBER STATES"} {
		if strings.Contains(name, w) {
			return true
		}
	}
	return false
}
