package enrich

import "strings"

// cableContext is what jargon is resolved with: the countries of the
// cable's geographic TAGS and of its post.
type cableContext struct {
	countries []string // ISO alpha-2, TAGS first, then the post's
	host      string   // the post's country, or the first TAGS country
	post      string   // "Moscow" for AMEMBASSY MOSCOW
}

// fixedJargon are terms with a meaning independent of the cable.
var fixedJargon = map[string]struct{ canonical, country string }{
	"USG":   {"U.S. Government", "US"},
	"HMG":   {"Her Majesty's Government", "GB"},
	"GIROA": {"Government of the Islamic Republic of Afghanistan", "AF"},
	"ROYG":  {"Republic of Yemen Government", "YE"},
	"RGOB":  {"Royal Government of Bhutan", "BT"},
	"SAG":   {"South African Government", "ZA"},
	"SARG":  {"Syrian Arab Republic Government", "SY"},
	"GNU":   {"Government of National Unity", ""},
	"TFG":   {"Transitional Federal Government", "SO"},
	"PA":    {"Palestinian Authority", "PS"},
	"FRG":   {"Government of the Federal Republic of Germany", "DE"}, // the government, as GOR is Russia's
}

// shortCountry: names cables use where ISO's short name is long.
var shortCountry = map[string]string{"RU": "Russia", "SU": "Soviet Union", "CS": "Czechoslovakia", "DD": "East Germany", "US": "the United States"}

// hostJargon are terms for a body of the host country.
var hostJargon = map[string]string{
	"MFA":    "Ministry of Foreign Affairs",
	"MOFA":   "Ministry of Foreign Affairs",
	"MOD":    "Ministry of Defense",
	"MOI":    "Ministry of Interior",
	"MOF":    "Ministry of Finance",
	"MOJ":    "Ministry of Justice",
	"MOE":    "Ministry of Economy",
	"MOH":    "Ministry of Health",
	"MFAT":   "Ministry of Foreign Affairs and Trade",
	"MOFAT":  "Ministry of Foreign Affairs and Trade",
	"MINPET": "Ministry of Petroleum",
	"FONOFF": "Foreign Office",
	"MINDEF": "Ministry of Defense",
}

// resolveJargon returns the canonical name and country of a jargon term
// (GOR, USG, MFA), or ok=false.
func resolveJargon(w string, cx *cableContext) (canonical, country string, ok bool) {
	u := strings.ToUpper(w)
	if j, ok := fixedJargon[u]; ok && !(u == "PA" && w != "PA") {
		return j.canonical, j.country, true
	}
	if n, ok := hostJargon[u]; ok {
		return n, cx.host, true
	}
	// UAEG, RGOB-like: a place's abbreviation + G
	if len(u) >= 3 && len(u) <= 5 && u[len(u)-1] == 'G' && w == u {
		if p, ok := getLexicon().phrases[key(w[:len(w)-1])]; ok && p.typ == "PLACE" && p.country != "" {
			return "Government of " + p.canonical, p.country, true
		}
	}
	// GRx: Government of the Republic of <a cable country>: GRA (Angola)
	if len(u) == 3 && strings.HasPrefix(u, "GR") && w == u {
		for _, cc := range cx.countries {
			name := isoName(cc)
			if short, ok := shortCountry[cc]; ok {
				name = short
			}
			if strings.HasPrefix(strings.ToUpper(name), u[2:]) {
				return "Government of the Republic of " + name, cc, true
			}
		}
	}
	// GOx: Government of <a cable country whose name starts with x>
	if len(u) >= 3 && len(u) <= 4 && strings.HasPrefix(u, "GO") {
		rest := u[2:]
		for _, cc := range cx.countries {
			name := isoName(cc)
			if short, ok := shortCountry[cc]; ok {
				name = short
			}
			if initials(name) == rest || (len(rest) == 1 && strings.HasPrefix(strings.ToUpper(name), rest)) {
				return "Government of " + name, cc, true
			}
		}
		return "", "", false
	}
	return "", "", false
}

func initials(name string) string {
	var b strings.Builder
	for _, f := range strings.Fields(name) {
		if f == "of" || f == "the" || f == "and" {
			continue
		}
		b.WriteByte(strings.ToUpper(f[:1])[0])
	}
	return b.String()
}

// newContext derives the jargon context from TAGS and the origin post.
func newContext(tags []string, origin string) (*cableContext, []string, []string) {
	cx := &cableContext{}
	var codes, names []string
	seen := map[string]bool{}
	for _, t := range tags {
		t = strings.ToUpper(strings.TrimSpace(t))
		if iso, ok := fipsToISO[t]; ok && !seen[iso] {
			seen[iso] = true
			codes = append(codes, iso)
			names = append(names, isoName(iso))
		}
	}
	cx.countries = append(cx.countries, codes...)
	post := strings.TrimSpace(origin)
	for _, p := range []string{"AMEMBASSY ", "AMCONSUL ", "USMISSION ", "Embassy ", "Consulate ", "US Mission ", "USMISSION", "Mission "} {
		post = strings.TrimPrefix(post, p)
	}
	if post != "" {
		cx.post = titleCase(post)
		if p, ok := getLexicon().phrases[phraseKey(post)]; ok && p.typ == "PLACE" && p.country != "" {
			cx.host = p.country
			if !seen[p.country] {
				cx.countries = append(cx.countries, p.country)
			}
		}
	}
	if cx.host == "" || cx.host == "US" {
		for _, c := range codes {
			if c != "US" {
				cx.host = c
				break
			}
		}
	}
	return cx, codes, names
}

func (cx *cableContext) has(cc string) bool {
	if cx == nil {
		return false
	}
	for _, c := range cx.countries {
		if c == cc {
			return true
		}
	}
	return false
}

func titleCase(s string) string {
	f := strings.Fields(strings.ToLower(s))
	for i, w := range f {
		f[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(f, " ")
}
