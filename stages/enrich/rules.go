package enrich

// Method names the rule that found a mention (schemas.Entity.Method). Every
// rule the tagger has is an entry of Rules, in the order the first pass
// tries them; the eval's per-rule table (cablewire eval entities --rules)
// and --misses report mentions by these names.
type Method string

// Rule is one named rule: its method, how far its mentions are trusted
// (Confidence, the share of its predictions that were right over all the
// gold sets when it was last measured, rounded), whether coreference must
// confirm it before it is kept (Guess), and what it does.
type Rule struct {
	Method     Method
	Confidence float64
	Guess      bool
	Doc        string
}

// The methods. Those of the lists are "list:" + the list file's name and
// "geo:" + the kind of place (country, region, city, town), see lists.go.
const (
	MethodWebsite        Method = "website"
	MethodOfficeSymbol   Method = "office-symbol"
	MethodOrgForeign     Method = "org-foreign"
	MethodTitle          Method = "title"
	MethodFirstName      Method = "first-name"
	MethodOrgPattern     Method = "org-pattern"
	MethodPlacePattern   Method = "place-pattern"
	MethodAcronymDef     Method = "acronym-def"
	MethodAcronym        Method = "acronym"
	MethodAcronymList    Method = "acronym-list"
	MethodAcronymCue     Method = "acronym-cue"
	MethodAcronymGuess   Method = "acronym-guess"
	MethodCommand        Method = "military-command"
	MethodOrgCue         Method = "org-cue"
	MethodOrgTail        Method = "org-tail"
	MethodPlaceCue       Method = "place-cue"
	MethodPlaceCoord     Method = "place-coord"
	MethodStation        Method = "station"
	MethodPost           Method = "post"
	MethodPlaceContext   Method = "place-context"
	MethodOrgContext     Method = "org-context"
	MethodCompanySuffix  Method = "company-suffix"
	MethodParticleGroup  Method = "particle-group"
	MethodNameRun        Method = "name-run"
	MethodBareName       Method = "bare-name"
	MethodCapsGuess      Method = "caps-guess"
	MethodTheGuess       Method = "the-guess"
	MethodAdministration Method = "administration"
	MethodDirection      Method = "direction"
	MethodCoref          Method = "coref"
	MethodListedName     Method = "listed-name"
	MethodJargon         Method = "jargon"
	MethodJargonPost     Method = "jargon-post"
)

// Rules are the tagger's rules in the order the first pass tries them
// (segment.go), then the cable-level ones (coref.go). Confidence is the
// precision over the gold sets measured with `cablewire eval entities
// --rules` (README); the guesses have none of their own: what is kept of
// them is what coreference or context confirmed.
var Rules = []Rule{
	{MethodWebsite, 0.9, false, "a web site written as its domain: 26sep.com"},
	{"list:", 0.95, false, "a name in one of lists/*.txt (orgs, places)"},
	{"geo:", 0.96, false, "a country, region, city or town of data/geo.tsv"},
	{MethodOrgForeign, 1, false, "a foreign-language body, head first: Conseil de la Nation"},
	{MethodOfficeSymbol, 0.7, false, "a State Department office symbol in running text: EUR/RUS (not (R/AZ))"},
	{MethodTitle, 0.97, false, "a name after a title: President Putin"},
	{MethodFirstName, 0.91, false, "a run that starts with a listed first name"},
	{MethodOrgPattern, 0.88, false, "a body by its head word: Ministry of X, X Party"},
	{MethodPlacePattern, 0.91, false, "a place by its head word: X Province, X Air Base"},
	{MethodAcronymDef, 0.6, false, "an acronym the cable defines: Full Name (ACR)"},
	{MethodAcronym, 0.7, false, "an acronym a list knows"},
	{MethodAcronymList, 0.7, false, "in capitals: an acronym a list knows"},
	{MethodAcronymCue, 0.8, false, "an unknown acronym before a body's word: the MNR party"},
	{MethodCommand, 1, false, "a military command's short name: STRATCOM, NORTHCOM (no gold mention yet: unmeasured)"},
	{MethodAcronymGuess, 0, true, "an unknown acronym: kept when listed beside a body"},
	{MethodOrgCue, 0.95, false, "a name after an organization cue: the firm X, daily X"},
	{MethodOrgTail, 1, false, "a body's name by its tail: X Ltd"},
	{MethodPlaceCue, 1, false, "a name before a place noun: the X fields"},
	{MethodPlaceCoord, 0.7, false, "a place coordinated with places"},
	{MethodStation, 1, false, "a city's station"},
	{MethodPost, 0.9, false, "Embassy X, Consulate General X"},
	{MethodPlaceContext, 0.9, false, "a name typed by its context: in X, the province of X"},
	{MethodOrgContext, 0.8, false, "a body typed by its context: X Manager John Smith"},
	{MethodCompanySuffix, 0.8, false, "a word ending as companies do: Sberbank, Rosneft"},
	{MethodParticleGroup, 0.7, false, "a bare al-X name: a group or an outlet (al-Shabaab)"},
	{MethodNameRun, 0.75, false, "capitalized unknown words with a person's evidence (verb of speech, possessive, list)"},
	{MethodBareName, 0, true, "one unknown capitalized word with no evidence: dropped unless confirmed"},
	{MethodCapsGuess, 0, true, "in capitals, an unknown word: kept when repeated or confirmed"},
	{MethodTheGuess, 0, true, "the X incident: kept when confirmed"},
	{MethodAdministration, 1, false, "X Administration: X is a person"},
	{MethodDirection, 1, false, "the West, the North"},
	{MethodCoref, 0.85, false, "a surname or short form taking its full name's type"},
	{MethodListedName, 0.6, false, "a bare name or acronym listed beside a person or body"},
	{MethodJargon, 0.98, false, "cable jargon: GOR, USG, MFA, resolved with TAGS and post"},
	{MethodJargonPost, 1, false, "the Embassy, Post: generic, resolved, not annotated"},
}

// KnownMethod reports whether m is the method of an entry of Rules (list and
// geo methods by their prefix).
func KnownMethod(m string) bool {
	for _, r := range Rules {
		if string(r.Method) == m || (r.Method == "list:" || r.Method == "geo:") && len(m) > len(r.Method) && m[:len(r.Method)] == string(r.Method) {
			return true
		}
	}
	return false
}

// methodSet is setOf for methods.
func methodSet(s string) map[Method]bool {
	m := map[Method]bool{}
	for k := range setOf(s) {
		m[Method(k)] = true
	}
	return m
}
