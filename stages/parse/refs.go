package parse

import "strings"

// refPrefix reports whether line opens a REF block ("REF:", "REFS:",
// "REFTEL:", "REFTELS:", "REF A.", "REFERENCE:") and returns the rest.
func refPrefix(line string) (string, bool) {
	s := trimLeftSpTab(line)
	if len(s) < 4 || !strings.EqualFold(s[:3], "REF") {
		return "", false
	}
	for _, p := range []string{"REFERENCES", "REFERENCE", "REFTELS", "REFTEL", "REFS", "REF"} {
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
func parseRefs(text string, year int) (refs, other []string) {
	for _, item := range splitRefItems(text) {
		ids := findCableIDs(item, year)
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

// splitRefItems splits a REF block at its bullets (A. / B) / (C)) and at
// semicolons; items stay as written otherwise.
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

// findCableIDs finds "[YY|YYYY] STATION SERIAL" ids in one reference item;
// "AND 2764" after an id cites the same station.
func findCableIDs(item string, year int) []string {
	f := strings.FieldsFunc(item, func(r rune) bool { return r == ' ' || r == ',' || r == ':' || r == '(' || r == ')' })
	var ids []string
	lastStation, lastYear, lastSerial := "", 0, -1
	for i := 0; i < len(f); i++ {
		// station of up to four words followed by a serial
		for n := 4; n >= 1; n-- {
			if i+n >= len(f) {
				continue
			}
			words := f[i : i+n]
			if !allAlpha(words) {
				continue
			}
			st := normalizeStation(strings.Join(words, " "))
			if !knownStations[st] {
				continue
			}
			ser := strings.TrimRight(f[i+n], ".")
			if !allDigits(ser) || len(ser) > 7 {
				continue
			}
			y := year
			// a year before the station, unless that number is the
			// previous id's serial ("TEHRAN 1091: TEHRAN 263")
			if p := i - 1; p >= 0 && p != lastSerial && allDigits(f[p]) {
				switch v := atoi(f[p]); {
				case len(f[p]) == 2:
					y = expandYear(v)
				case len(f[p]) == 4 && v >= 1960 && v <= 2029:
					y = v
				}
			}
			if id := canonRefID(y, st, ser); id != "" {
				ids = append(ids, id)
				lastStation, lastYear, lastSerial = st, y, i+n
			}
			i += n
			break
		}
		if lastStation != "" && i+1 < len(f) && (strings.EqualFold(f[i], "AND") || f[i] == "&") && allDigits(strings.TrimRight(f[i+1], ".")) {
			if id := canonRefID(lastYear, lastStation, strings.TrimRight(f[i+1], ".")); id != "" {
				ids = append(ids, id)
			}
			i++
			lastSerial = i
		}
	}
	return ids
}

func allAlpha(ws []string) bool {
	for _, w := range ws {
		if !isAlphaWord(w) || strings.IndexByte(w, '.') >= 0 {
			return false
		}
	}
	return true
}
