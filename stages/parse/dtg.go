package parse

import (
	"strings"
	"time"
)

var months = [...]string{"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"}

// dtg is a parsed date-time group such as "O 031211Z OCT 07".
type dtg struct {
	Prec string // precedence letters as written (O, OO, P R, Z), may be empty
	Time time.Time
}

// parseDTG reads a date-time group line: optional precedence letters, then
// DDHHMMZ, month and a two- or four-digit year. Anything after the year is
// ignored. Month names are matched without regard to case ("Nov").
func parseDTG(line string) (dtg, bool) {
	if !hasDTGGroup(line) {
		return dtg{}, false
	}
	f := strings.Fields(line)
	i := 0
	var prec []string
	for i < len(f) && i < 3 && isPrecLetters(f[i]) {
		prec = append(prec, f[i])
		i++
	}
	if i+2 >= len(f) {
		return dtg{}, false
	}
	g := f[i]
	if len(g) != 7 || (g[6] != 'Z' && g[6] != 'z') || !allDigits(g[:6]) {
		return dtg{}, false
	}
	mon := monthIndex(f[i+1])
	if mon < 0 {
		return dtg{}, false
	}
	y := strings.TrimRight(f[i+2], ".,")
	if !allDigits(y) || (len(y) != 2 && len(y) != 4) {
		return dtg{}, false
	}
	year := atoi(y)
	if len(y) == 2 {
		year = expandYear(year)
	}
	if !yearInRange(year) {
		return dtg{Prec: "year"}, false // a DTG, but not a date to trust
	}
	day, hh, mm := atoi(g[0:2]), atoi(g[2:4]), atoi(g[4:6])
	if day < 1 || day > 31 || hh > 24 || mm > 59 {
		return dtg{}, false
	}
	t := time.Date(year, time.Month(mon+1), day, hh, mm, 0, 0, time.UTC)
	if t.Month() != time.Month(mon+1) { // 31 FEB and the like
		return dtg{}, false
	}
	return dtg{Prec: strings.Join(prec, " "), Time: t}, true
}

// hasDTGGroup reports whether line holds six digits followed by Z or z,
// which every date-time group has (a cheap test before splitting a line).
func hasDTGGroup(line string) bool {
	run := 0
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case isDigit(c):
			run++
		case (c == 'Z' || c == 'z') && run >= 6:
			return true
		default:
			run = 0
		}
	}
	return false
}

// expandYear maps a two-digit year to the cables' 1960-2059 span.
func expandYear(y int) int {
	if y >= 60 {
		return 1900 + y
	}
	return 2000 + y
}

func isPrecLetters(s string) bool {
	if len(s) == 0 || len(s) > 2 {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case 'Z', 'O', 'P', 'R', 'Y':
		default:
			return false
		}
	}
	return true
}

func monthIndex(s string) int {
	s = strings.TrimRight(s, ".,")
	if isASCII(s) {
		// ASCII: compare ignoring case, without upper-casing a copy
		for k, m := range months {
			if len(s) == 3 && asciiEqualFold(s, m) || len(s) > 3 && asciiEqualFold(s, monthNames[k]) {
				return k
			}
		}
		return -1
	}
	s = strings.ToUpper(s)
	for k, m := range months {
		if s == m || s == strings.ToUpper(time.Month(k+1).String()) {
			return k
		}
	}
	return -1
}

// monthNames are the full month names, upper case.
var monthNames = func() (m [12]string) {
	for k := range m {
		m[k] = strings.ToUpper(time.Month(k + 1).String())
	}
	return m
}()

// precedenceName maps a DTG's first precedence letter to its name.
func precedenceName(letters string) string {
	if letters == "" {
		return ""
	}
	switch letters[0] {
	case 'Z':
		return "FLASH"
	case 'O':
		return "IMMEDIATE"
	case 'P':
		return "PRIORITY"
	case 'R':
		return "ROUTINE"
	}
	return ""
}

// deTime reads the DE line's Julian stamp "2761211" (day of year, HHMM) in
// the given year, the creation time when a cable has no date-time group.
func deTime(stamp string, year int) (time.Time, bool) {
	if len(stamp) != 7 || !allDigits(stamp) || year == 0 {
		return time.Time{}, false
	}
	doy, hh, mm := atoi(stamp[:3]), atoi(stamp[3:5]), atoi(stamp[5:7])
	if doy < 1 || doy > 366 || hh > 23 || mm > 59 {
		return time.Time{}, false
	}
	return time.Date(year, 1, 1, hh, mm, 0, 0, time.UTC).AddDate(0, 0, doy-1), true
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// atoi parses a short run of ASCII digits; it returns 0 for anything else.
func atoi(s string) int {
	n := 0
	for i := 0; i < len(s) && i < 9; i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0
		}
		n = n*10 + int(c-'0')
	}
	return n
}
