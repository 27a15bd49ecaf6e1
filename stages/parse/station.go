package parse

import "strings"

// stationPrefixes are post-type words that are not part of a station's name
// in a reference id ("AMEMBASSY MOSCOW" -> MOSCOW).
var stationPrefixes = []string{"AMEMBASSY", "AMEMB", "EMBASSY", "USMISSION", "USMISSIN", "US MISSION", "AMCONSUL", "AMCONSULATE", "CONSULATE", "AMCONGEN", "USOFFICE", "AMCOMSUL", "USLO", "USINT", "AMEMBASSY/USINT"}

// stationAliases maps spellings seen in cables (squeezed: upper case, no
// spaces) to the station as reference ids write it.
var stationAliases = map[string]string{
	"SECSTATE": "STATE", "SECSTATEWASHDC": "STATE", "STATEWASHDC": "STATE", "DEPTOFSTATE": "STATE",
	"USUNNEWYORKNY": "USUNNEWYORK", "USUN": "USUNNEWYORK", "USUNNY": "USUNNEWYORK", "USUNNEWYORKCITY": "USUNNEWYORK",
	"USNATOBRUSSELS": "USNATO", "USNATOBRUSSELSBE": "USNATO", "USNATOBE": "USNATO",
	"UNVIE": "UNVIEVIENNA", "USUNVIEVIENNA": "UNVIEVIENNA", "UNVIEVIENNAAU": "UNVIEVIENNA",
	"USEU": "USEUBRUSSELS", "USEUBRUSSELSBE": "USEUBRUSSELS",
	"USOSCEVIENNA": "USOSCE", "USOSCEVIENNAAU": "USOSCE",
	"USMISSIONGENEVA": "GENEVA", "CDGENEVA": "CDGENEVA",
	"USTRGENEVA": "GENEVA", "CAPET": "CAPETOWN", "KIEV": "KYIV",
	"RPODUBAIAE": "RPODUBAI", "HONGKONG": "HONGKONG", "HOCHIMINHCITY": "HOCHIMINHCITY",
	"MEXICOCITY": "MEXICO", "TELAVIVIS": "TELAVIV", "JERUSALEMIS": "JERUSALEM",
	"AITTAIPEI": "TAIPEI", "USINTHAVANA": "HAVANA", "USINTERESTSSECTIONHAVANA": "HAVANA",
	"USDELMTNGENEVA": "GENEVA", "USDELGENEVA": "GENEVA",
	// posts whose name has "CITY" where reference ids have none
	// (AMEMBASSY GUATEMALA CITY -> 07GUATEMALA100)
	"GUATEMALACITY": "GUATEMALA", "PANAMACITY": "PANAMA", "VATICANCITY": "VATICAN",
	// missions and offices that file cables under their own station
	"SECDEFWASHDC": "SECDEF", "SECDEFWASHINGTONDC": "SECDEF",
	"UNESCOPARIS": "UNESCOPARISFR", "USMISSIONUNESCOPARIS": "UNESCOPARISFR",
	"DEPTEL": "STATE", "HOLYSEE": "VATICAN",
}

// squeeze upper-cases s and removes spaces, dots and hyphens.
func squeeze(s string) string {
	k := 0
	for k < len(s) && (isUpper(s[k]) || isDigit(s[k])) {
		k++
	}
	if k == len(s) {
		return s // already squeezed
	}
	var sb strings.Builder
	sb.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := upper(s[i])
		if isUpper(c) || isDigit(c) {
			sb.WriteByte(c)
		}
	}
	return sb.String()
}

// hasWordPrefix is strings.HasPrefix(s, p+" ") without the concatenation.
func hasWordPrefix(s, p string) bool {
	return len(s) > len(p) && s[len(p)] == ' ' && s[:len(p)] == p
}

// normalizeStation turns a station as written ("SECSTATE", "AMEMBASSY NEW
// DELHI", "usun new york") into the form reference ids use ("STATE",
// "NEWDELHI", "USUNNEWYORK").
func normalizeStation(s string) string {
	u := strings.ToUpper(strings.TrimSpace(s))
	for _, p := range stationPrefixes {
		if hasWordPrefix(u, p) {
			u = u[len(p)+1:]
			break
		}
	}
	q := squeeze(u)
	if a, ok := stationAliases[q]; ok {
		return a
	}
	return q
}

// stationFromPost derives a reference-id station from a post name of
// route2name.csv or a FM line ("AMEMBASSY MOSCOW" -> MOSCOW); posts that are
// not embassies, consulates, missions or the Department yield "".
func stationFromPost(post string) string {
	u := strings.ToUpper(strings.TrimSpace(post))
	if strings.HasPrefix(u, "SECSTATE") {
		return "STATE"
	}
	for _, p := range stationPrefixes {
		if hasWordPrefix(u, p) {
			return normalizeStation(u)
		}
	}
	return ""
}

// knownStations holds every station derivable from route2name.csv, plus the
// Department and the missions, used to find cable ids in REF lines.
var knownStations = func() map[string]bool {
	m := map[string]bool{"STATE": true, "SECSTATE": true, "SECDEF": true}
	// posts closed before the routing list was compiled
	for _, st := range []string{"TEHRAN", "SAIGON", "VIENTIANE", "PHNOMPENH", "BONN", "EASTBERLIN", "LENINGRAD", "BERLIN", "DANANG", "ASMARA", "KABUL", "BAGHDAD", "TRIPOLI", "MOGADISHU", "BEIRUT", "HAVANA", "CAPETOWN", "JIDDA", "DHAHRAN"} {
		m[st] = true
	}
	for _, a := range stationAliases {
		m[a] = true
	}
	for _, post := range routeToPost {
		if st := stationFromPost(post); st != "" {
			m[st] = true
		}
	}
	return m
}()

// isRedacted reports a station replaced by the media partners' XXXXXX.
func isRedacted(s string) bool {
	return strings.Count(strings.ToUpper(s), "X") >= 4 && strings.Trim(strings.ToUpper(s), "X ") == ""
}

// canonRefID builds a reference id from its parts: two-digit year, station
// (normalized) and serial without leading zeros.
func canonRefID(year int, station, serial string) string {
	st := normalizeStation(station)
	serial = strings.TrimLeft(serial, "0")
	if st == "" || serial == "" || year <= 0 {
		return ""
	}
	y := year % 100
	return twoDigits[2*y:2*y+2] + st + serial
}

const twoDigits = "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"

// normalizeRefID canonicalizes an id given whole ("07MOSCOW004849",
// "07 MOSCOW 4849"): station aliases mapped, leading zeros of the serial dropped.
func normalizeRefID(id string) string {
	q := squeeze(id)
	if len(q) < 4 || !isDigit(q[0]) || !isDigit(q[1]) {
		return ""
	}
	j := len(q)
	for j > 2 && isDigit(q[j-1]) {
		j--
	}
	if j == len(q) || j == 2 {
		return ""
	}
	st := q[2:j]
	for k := 0; k < len(st); k++ {
		if !isUpper(st[k]) {
			return ""
		}
	}
	return canonRefID(atoi(q[:2])+2000, st, q[j:])
}

// refStation returns the station a REF list names with words ("MOSCOW",
// "USUN NEW YORK", "SECSTATE", an abbreviation such as "RIO DE JAN"), or "".
func refStation(words []string) string {
	if len(words) == 1 && len(words[0]) > 24 {
		return ""
	}
	if st := normalizeStation(strings.Join(words, " ")); knownStations[st] {
		return st
	}
	return abbreviatedStation(words)
}

// stationWords holds the words of every post name of the routing list
// ("RIO", "DE", "JANEIRO") with its station, keyed by the first letter, for
// abbreviations.
var stationWords = func() map[byte][]postWords {
	m := map[byte][]postWords{}
	seen := map[string]bool{}
	for _, post := range routeToPost {
		st := stationFromPost(post)
		if st == "" {
			continue
		}
		u := strings.ToUpper(post)
		for _, p := range stationPrefixes {
			if hasWordPrefix(u, p) {
				u = u[len(p)+1:]
				break
			}
		}
		ws := strings.Fields(u)
		key := strings.Join(ws, " ")
		if len(ws) == 0 || seen[key] {
			continue
		}
		seen[key] = true
		m[ws[0][0]] = append(m[ws[0][0]], postWords{ws, st})
	}
	return m
}()

type postWords struct {
	words   []string
	station string
}

// abbreviatedStation matches words written as prefixes of a post's words
// ("RIO DE JAN" for RIO DE JANEIRO, "BUENOS AIR"), word for word, for
// names of two words or more with one written whole (a single word such
// as "PARA" is too easily a prefix of some post); an abbreviation that
// fits more than one station matches none.
func abbreviatedStation(words []string) string {
	if len(words) < 2 || words[0] == "" {
		return ""
	}
	found := ""
	for _, pw := range stationWords[upper(words[0][0])] {
		if len(pw.words) != len(words) {
			continue
		}
		ok, whole := true, false
		for k, w := range words {
			p := pw.words[k]
			if len(w) > len(p) || len(w) < 3 && len(w) != len(p) || !strings.EqualFold(p[:len(w)], w) {
				ok = false
				break
			}
			whole = whole || len(w) == len(p)
		}
		if !ok || !whole {
			continue
		}
		if found != "" && found != pw.station {
			return ""
		}
		found = pw.station
	}
	return found
}
