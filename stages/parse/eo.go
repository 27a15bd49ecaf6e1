package parse

import (
	"strings"
	"time"
)

// eoOrders are the executive orders that govern classification.
var eoOrders = []string{"12958", "12356", "11652", "12065", "13526", "13292", "10501"}

// eoPrefix reports whether line opens an E.O. line ("E.O. 12958:", "EO 12958",
// "E. O. 12356", "E.O.12356") and returns the text after "E.O.".
func eoPrefix(line string) (string, bool) {
	s := trimLeftSpTab(line)
	if len(s) < 3 || upper(s[0]) != 'E' {
		return "", false
	}
	i := 1
	if s[i] == '.' {
		i++
	}
	for i < len(s) && s[i] == ' ' {
		i++
	}
	if i >= len(s) || upper(s[i]) != 'O' {
		return "", false
	}
	i++
	if i < len(s) && s[i] == '.' {
		i++
	}
	rest := strings.TrimLeft(s[i:], " :")
	if len(rest) < 5 || !allDigits(rest[:5]) {
		return "", false
	}
	return rest, true
}

// parseEO reads an E.O. line into order, declassification date (ISO) and
// text (OADR, N/A, GDS, X1, or the free text as written).
func parseEO(rest string) (order, date, text string) {
	order = rest[:5]
	r := strings.TrimSpace(strings.TrimLeft(rest[5:], " :;,."))
	u := strings.ToUpper(r)
	// strip a leading DECL / DECLASSIFY label
	for _, p := range []string{"DECL:", "DECL :", "DECL", "DECLASSIFY ON:", "DECLASSIFY:"} {
		if strings.HasPrefix(u, p) {
			r = strings.TrimSpace(r[len(p):])
			u = strings.ToUpper(r)
			break
		}
	}
	r = strings.TrimRight(r, " .")
	u = strings.ToUpper(r)
	if r == "" {
		return order, "", ""
	}
	if d, ok := compactDate(r); ok {
		return order, d, ""
	}
	// a date anywhere early on the line: MM/DD/YYYY or MM/DD/YY
	if d, at, ok := findSlashDate(r); ok {
		date = d
		pre := strings.TrimSpace(strings.Trim(r[:at], " :;,"))
		if pre != "" {
			text = pre
		}
		if strings.HasPrefix(u, "DECLASSIFIED") || strings.HasPrefix(u, "AS AMENDED") {
			text, date = r, ""
			// free text that mentions when, not a declassification schedule
		}
		return order, date, text
	}
	switch {
	case strings.HasPrefix(u, "N/A"), u == "NA":
		return order, "", "N/A"
	case strings.HasPrefix(u, "OADR"):
		return order, "", "OADR"
	case u == "GDS" || strings.HasPrefix(u, "GDS "):
		return order, "", "GDS"
	}
	if len(u) <= 3 && len(u) >= 2 && u[0] == 'X' && isDigit(u[1]) {
		return order, "", u
	}
	if t, ok := parseLongDate(r); ok {
		return order, t, ""
	}
	return order, "", r
}

// findSlashDate finds the first MM/DD/YYYY (or YY, or YYYY/MM/DD) date in s.
func findSlashDate(s string) (iso string, at int, ok bool) {
	for i := 0; i+10 <= len(s); i++ {
		// YYYY/MM/DD, as some posts wrote it
		if (i == 0 || !isDigit(s[i-1])) && allDigits(s[i:i+4]) && s[i+4] == '/' && allDigits(s[i+5:i+7]) && s[i+7] == '/' && allDigits(s[i+8:i+10]) {
			y, m, d := atoi(s[i:i+4]), atoi(s[i+5:i+7]), atoi(s[i+8:i+10])
			if t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC); m >= 1 && m <= 12 && t.Day() == d {
				return t.Format("2006-01-02"), i, true
			}
		}
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) || (i > 0 && isDigit(s[i-1])) {
			continue
		}
		j := i
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		if j-i > 2 || j >= len(s) || s[j] != '/' && s[j] != '-' {
			continue
		}
		sep := s[j]
		k := j + 1
		for k < len(s) && isDigit(s[k]) {
			k++
		}
		if k-j-1 < 1 || k-j-1 > 2 || k >= len(s) || s[k] != sep {
			continue
		}
		l := k + 1
		for l < len(s) && isDigit(s[l]) {
			l++
		}
		yl := l - k - 1
		if yl != 2 && yl != 4 {
			continue
		}
		m, d, y := atoi(s[i:j]), atoi(s[j+1:k]), atoi(s[k+1:l])
		if yl == 2 {
			y = expandYear(y)
		}
		if m < 1 || m > 12 || d < 1 || d > 31 {
			continue
		}
		t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
		if t.Day() != d {
			continue
		}
		return t.Format("2006-01-02"), i, true
	}
	return "", 0, false
}

// parseLongDate reads "JUNE 21, 2006" or "21 JUN 2006".
func parseLongDate(s string) (string, bool) {
	f := strings.Fields(strings.NewReplacer(",", " ").Replace(s))
	if len(f) != 3 {
		return "", false
	}
	if m := monthIndex(f[0]); m >= 0 && allDigits(f[1]) && allDigits(f[2]) && len(f[2]) == 4 {
		return time.Date(atoi(f[2]), time.Month(m+1), atoi(f[1]), 0, 0, 0, 0, time.UTC).Format("2006-01-02"), true
	}
	if m := monthIndex(f[1]); m >= 0 && allDigits(f[0]) && allDigits(f[2]) && len(f[2]) == 4 {
		return time.Date(atoi(f[2]), time.Month(m+1), atoi(f[0]), 0, 0, 0, 0, time.UTC).Format("2006-01-02"), true
	}
	return "", false
}

// declPrefix reports a declassification line standing without its E.O.
// label ("DECL: 11/22/2012", "DECL 11/22/12") and returns the text after
// "DECL".
func declPrefix(line string) (string, bool) {
	s := trimLeftSpTab(line)
	if !asciiHasPrefixFold(s, "DECL") || len(s) < 6 {
		return "", false
	}
	r := s[4:]
	if r[0] != ':' && r[0] != ' ' {
		return "", false
	}
	r = strings.TrimLeft(r, ": \t")
	if r == "" || !isDigit(r[0]) && !asciiHasPrefixFold(r, "OADR") {
		return "", false
	}
	return r, true
}

// compactDate reads a YYYYMMDD declassification date ("DECL: 20121122").
func compactDate(s string) (string, bool) {
	if len(s) < 8 || !allDigits(s[:8]) || len(s) > 8 && isDigit(s[8]) {
		return "", false
	}
	y, m, d := atoi(s[:4]), atoi(s[4:6]), atoi(s[6:8])
	if y < 1950 || y > 2099 || m < 1 || m > 12 || d < 1 {
		return "", false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return "", false
	}
	return t.Format("2006-01-02"), true
}
