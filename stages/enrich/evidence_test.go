package enrich

import (
	"testing"

	"github.com/cablewire/cablewire/schemas"
)

// Sentences written for these tests (invented names, not cable text).

// TestPersonNeedsEvidence: one capitalized word that no list knows is a
// person only with evidence: a verb of speech, a title, a person's verb or
// preposition, a fuller name or a person listed beside it.
func TestPersonNeedsEvidence(t *testing.T) {
	for _, tc := range []struct {
		text, name string
		person     bool
	}{
		{"Exports rose after Quelvoran entered the market.", "Quelvoran", false},
		{"Quelvoran said the talks would resume.", "Quelvoran", true},
		{"The envoy told Quelvoran that the talks would resume.", "Quelvoran", true},
		{"According to Quelvoran, the talks would resume.", "Quelvoran", true},
		{"Minister Dravik Quelvoran arrived. Later Quelvoran left.", "Quelvoran", true},
		{"The candidates include Tarvosi, Quelvoran, and Mendrak, who said so.", "Quelvoran", true},
		{"Quelvoran's list came third.", "Quelvoran", true},
		// A pronoun after a bare name, or a surname ending, is evidence.
		{"The talks stalled because Quelvoran moderated his position.", "Quelvoran", true},
		{"The talks stalled when Quelvoran and half of his cabinet left.", "Quelvoran", true},
		{"Exports rose after Quelvoran Tarmo entered; his aides left.", "Quelvoran", false},
		{"Exports rose after Quelvoran entered. He left.", "Quelvoran", false},
		{"The plan was shelved after Dravinkov objected.", "Dravinkov", true},
		{"The plan was shelved after Tsermashvili objected.", "Tsermashvili", true},
		{"The plan was shelved after Markovic objected.", "Markovic", true},
		{"The plan was shelved after Velmoravo objected.", "Velmoravo", false},
	} {
		c := enrichText(t, tc.text)
		e := find(c, tc.name)
		switch {
		case tc.person && (e == nil || e.Type != "PERSON"):
			t.Errorf("%q: %s not a person: %+v", tc.text, tc.name, e)
		case !tc.person && e != nil && e.Type == "PERSON":
			t.Errorf("%q: %s typed PERSON with no evidence (%s)", tc.text, tc.name, e.Method)
		}
	}
}

// TestBodiesByShape: web sites, company suffixes, bare al-X names and
// acronyms beside a body are organizations; a comma typed for an apostrophe
// joins its word.
func TestBodiesByShape(t *testing.T) {
	c := enrichText(t, "The ministry site velmor24.com and the portal Zarkin.net ran the story.")
	expect(t, c, "velmor24.com", "ORG", "")
	c = enrichText(t, "Funds moved to Dravbank and then to Kestoneft in May.")
	expect(t, c, "Dravbank", "ORG", "")
	expect(t, c, "Kestoneft", "ORG", "")
	c = enrichText(t, "Fighters of al-Qarvesh crossed the border. Al-Qarvesh,s leaders fled.")
	expect(t, c, "al-Qarvesh", "ORG", "")
	if e := find(c, "Al-Qarvesh,s"); e != nil {
		t.Errorf("possessive comma kept in the name: %+v", *e)
	}
	c = enrichText(t, "Opposition parties Velmora Unida and the PVDK are muted; the KRDM party protested.")
	expect(t, c, "KRDM", "ORG", "")
	c = enrichText(t, "He met the EU and PVDK envoys.")
	expect(t, c, "PVDK", "ORG", "")
}

// TestSpansAndHeadings: headings in capitals in a mixed-case cable name only
// what the lists know; titles after a body are cut; two bodies joined by
// "and" are two; a party and state after a legislator is no office symbol.
func TestSpansAndHeadings(t *testing.T) {
	c := &schemas.Cable{Paragraphs: []schemas.Paragraph{{N: 1, Text: "DRAVIK CAUTIONS AGAINST OVERESTIMATING FORCES"}, {N: 2, Text: "The talks in Russia went on."}}}
	Enrich(c)
	if e := find(c, "DRAVIK CAUTIONS AGAINST OVERESTIMATING FORCES"); e != nil {
		t.Errorf("heading tagged: %+v", *e)
	}
	c = enrichText(t, "He met the Chamber of Deputies President on Monday.")
	expect(t, c, "Chamber of Deputies", "ORG", "")
	c = enrichText(t, "Funds moved via the Bank of Velmoria and Drezzner in May.")
	expect(t, c, "Bank of Velmoria", "ORG", "")
	c = enrichText(t, "Senators Robert Tarvell (R/AZ) and John Quist (D/NY) arrived.")
	if e := find(c, "R/AZ"); e != nil {
		t.Errorf("party/state tagged: %+v", *e)
	}
	c = enrichText(t, "Ships bound for Port Velmar must ask first.")
	expect(t, c, "Port Velmar", "PLACE", "")
	c = enrichText(t, "The Velmoria Group met at the summit.")
	expect(t, c, "Velmoria Group", "ORG", "")
}

// TestCapitalsNames: in an all-capitals cable, compounds of English words are
// not names, an English surname after an initial ends the name, and a verb
// after a name is not its surname.
func TestCapitalsNames(t *testing.T) {
	c := enrichText(t, "THE POLICYMAKERS MET. COUNTERNARCOTICS POLICYMAKERS MET AGAIN.\n\nASSISTANT SECRETARY MARIA T. FIELD MET DRAVIK TSORVANI. TSORVANI PROFESSED, HOWEVER, THAT HE WOULD WAIT. TSORVANI SAID SO.")
	for _, w := range []string{"POLICYMAKERS", "COUNTERNARCOTICS", "TSORVANI PROFESSED"} {
		if e := find(c, w); e != nil {
			t.Errorf("%s tagged: %+v", w, *e)
		}
	}
	expect(t, c, "TSORVANI", "PERSON", "")
}
