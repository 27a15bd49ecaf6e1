package parse

import "strings"

// refPrefix reports whether line opens a REF block ("REF:", "REFS:",
// "REFTEL:", "REFTELS:", "REF A.", "REFERENCE:") and returns the rest.
func refPrefix(line string) (string, bool) {
	s := trimLeftSpTab(line)
	if asciiHasPrefixFold(s, "PROGRAM REF") {
		s = s[len("PROGRAM "):]
	}
	if len(s) < 4 || !strings.EqualFold(s[:3], "REF") {
		return "", false
	}
	for _, p := range []string{"REFERENCES", "REFERENCE", "REFTELS", "REFTEL", "REF(S)", "REFS", "REF"} {
		if len(s) >= len(p) && strings.EqualFold(s[:len(p)], p) {
			r := s[len(p):]
			if r == "" {
				return "", true
			}
			switch r[0] {
			case ':', ' ', '\t', '.':
				return strings.TrimLeft(r, ":. \t"), true
			}
			return "", false
		}
	}
	return "", false
}

// parseRefs finds the cable ids of a REF block and keeps what is not a
// cable (e-mails, telcons, memcons, reports) as written. year is the
// citing cable's year, used for ids written without one ("TBILISI 2601").
// When it is unknown (a fragment with no date-time group), a year written
// before an id ("A. 08 STATE 123") carries forward to the ids after it
// that have none ("B. STATE 456"). A bullet holding only a serial ("B.
// 457") cites the station and year of the id before it.
func parseRefs(text string, year int) (refs, other []string) {
	rs := refScan{year: year}
	for _, item := range splitRefItems(text) {
		ids := rs.findCableIDs(item)
		if len(ids) == 0 {
			if o := strings.Trim(item, " .;,"); o != "" && len(o) > 1 {
				other = append(other, o)
			}
			continue
		}
		for _, id := range ids {
			refs = appendUnique(refs, id)
		}
	}
	return refs, other
}

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// refBullet reports a list bullet at the start of s: a single capital
// letter ("A." "B)" "(C)"), optionally after a pilcrow; it returns the
// letter and the length of the bullet with its space.
func refBullet(s string) (byte, int) {
	if strings.HasPrefix(s, pilcrow) {
		b, n := refBullet(trimLeftSpTab(s[len(pilcrow):]))
		return b, n
	}
	switch {
	case len(s) >= 3 && isUpper(s[0]) && (s[1] == '.' || s[1] == ')') && (s[2] == ' ' || s[2] == '\t'):
		return s[0], 3
	case len(s) >= 4 && s[0] == '(' && isUpper(s[1]) && s[2] == ')' && (s[3] == ' ' || s[3] == '\t'):
		return s[1], 4
	}
	return 0, 0
}

// nextRefBullet reports whether line (after a blank line) goes on with a
// REF list: it opens with the bullet that follows the last one in text.
func nextRefBullet(text, line string) bool {
	b, _ := refBullet(trimLeftSpTab(line))
	if b == 0 || b == 'A' {
		return false
	}
	last := byte(0)
	for i := 0; i < len(text); i++ {
		if i == 0 || text[i-1] == ' ' || text[i-1] == '(' {
			if x, _ := refBullet(text[i:]); x != 0 || i > 0 && text[i-1] == '(' && isUpper(text[i]) && i+1 < len(text) && text[i+1] == ')' {
				if x == 0 {
					x = text[i]
				}
				last = max(last, x)
			}
		}
	}
	return last != 0 && b == last+1
}

// splitRefItems splits a REF block at its bullets (A. / B) / (C), also
// written twice: "A. A) STATE 1") and at semicolons; items stay as
// written otherwise.
func splitRefItems(s string) []string {
	s = normalizeSpaces(strings.ReplaceAll(s, pilcrow, ""))
	var items []string
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ';' {
			items = append(items, s[start:i])
			start = i + 1
			continue
		}
		// a bullet: a single capital letter (or "(A)") at a word start,
		// followed by "." or ")", then a space
		if isUpper(c) && (i == 0 || s[i-1] == ' ' || s[i-1] == '(') && i+2 < len(s) && (s[i+1] == '.' || s[i+1] == ')') && s[i+2] == ' ' {
			b := i
			if b > 0 && s[b-1] == '(' {
				b--
			}
			if b > start {
				items = append(items, s[start:b])
			}
			start = i + 3
			i += 2
		}
	}
	items = append(items, s[start:])
	return items
}

// refScan finds cable ids in the items of one REF block, carrying the
// last written year forward.
type refScan struct {
	year    int // the citing cable's year (0: unknown)
	written int // the last year written before an id, carried forward
	// the last id's station and year, for a bullet of a serial alone
	station     string
	stationYear int
}

func refTokens(item string) []string {
	return strings.FieldsFunc(item, func(r rune) bool {
		return r == ' ' || r == ',' || r == ':' || r == '(' || r == ')' || r == '\t'
	})
}

// findCableIDs finds "[YY|YYYY] STATION SERIAL" ids in one reference item;
// "AND 2764" or ", 2764" after an id cites the same station.
func (rs *refScan) findCableIDs(item string) []string {
	f := refTokens(item)
	var ids []string
	if len(f) == 1 && rs.station != "" {
		if ser := strings.TrimRight(f[0], "."); allDigits(ser) && len(ser) >= 2 && len(ser) <= 7 {
			if id := canonRefID(rs.stationYear, rs.station, ser); id != "" {
				return []string{id}
			}
		}
	}
	lastStation, lastYear, lastSerial := "", 0, -1
	for i := 0; i < len(f); i++ {
		// an id written whole: 08STATE123
		if w := strings.TrimRight(f[i], "."); len(w) >= 5 && isDigit(w[0]) && isDigit(w[1]) && isUpper(w[2]) && isDigit(w[len(w)-1]) {
			if id := normalizeRefID(w); id != "" && knownStations[stationOf(id)] {
				ids = append(ids, id)
				continue
			}
		}
		// station of up to four words followed by a serial
		found := false
		for n := 4; n >= 1; n-- {
			if i+n >= len(f) {
				continue
			}
			words := f[i : i+n]
			if !allAlpha(words) {
				continue
			}
			st := refStation(words)
			if st == "" {
				continue
			}
			ser := strings.TrimRight(f[i+n], ".")
			if k := strings.IndexByte(ser, '/'); k > 0 {
				ser = ser[:k] // "STATE 123456/01"
			}
			if !allDigits(ser) || len(ser) > 7 {
				continue
			}
			y := rs.year
			if y == 0 {
				y = rs.written
			}
			// a year before the station, unless that number is the
			// previous id's serial ("TEHRAN 1091: TEHRAN 263")
			if p := i - 1; p >= 0 && p != lastSerial && allDigits(f[p]) {
				switch v := atoi(f[p]); {
				case len(f[p]) == 2:
					y = expandYear(v)
					rs.written = y
				case len(f[p]) == 4 && v >= 1960 && v <= 2029:
					y = v
					rs.written = y
				}
			}
			if id := canonRefID(y, st, ser); id != "" {
				ids = append(ids, id)
				lastStation, lastYear, lastSerial = st, y, i+n
			}
			i += n
			found = true
			break
		}
		if found || lastStation == "" || i+1 >= len(f) {
			continue
		}
		// more serials of the same station: "AND 2764", "& 2764", ", 2764"
		next := i
		if strings.EqualFold(f[i], "AND") || f[i] == "&" {
			next = i + 1
		} else if i != lastSerial+1 {
			continue
		}
		ser := strings.TrimRight(f[next], ".")
		if !allDigits(ser) || len(ser) < 2 || len(ser) > 7 {
			continue
		}
		if next+1 < len(f) && (monthIndex(f[next+1]) >= 0 || stationSerialAt(f, next+1)) {
			continue // "4 MAY", or a year opening the next id ("08 MOSCOW 5")
		}
		if id := canonRefID(lastYear, lastStation, ser); id != "" {
			ids = append(ids, id)
		}
		i = next
		lastSerial = i
	}
	if lastStation != "" {
		rs.station, rs.stationYear = lastStation, lastYear
	}
	return ids
}

// stationSerialAt reports a station of one to four words at f[k]
// followed by a serial.
func stationSerialAt(f []string, k int) bool {
	for n := 1; n <= 4 && k+n < len(f); n++ {
		if allAlpha(f[k:k+n]) && refStation(f[k:k+n]) != "" && allDigits(strings.TrimRight(f[k+n], ".")) {
			return true
		}
	}
	return false
}

func allAlpha(ws []string) bool {
	for _, w := range ws {
		if !isAlphaWord(w) || strings.IndexByte(w, '.') >= 0 {
			return false
		}
	}
	return true
}
