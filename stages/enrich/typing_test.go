package enrich

import "testing"

// Sentences written for these tests (invented names and sentences, not cable
// text); real place names only where a list must know them.

func TestTrailerAtLineEnd(t *testing.T) {
	// a post's web trailer at the end of the last line: none of it is body
	c := enrichText(t, "He studied at the University of Velmoria. Visit Tarkov's Classified Website: http://www.example.sgov.gov/p/eur/tarkov BRENNOCK")
	absent(t, c, "Tarkov", "BRENNOCK", "Classified Website")
	expect(t, c, "University of Velmoria", "ORG", "")
	// a redaction run into the next word
	c = enrichText(t, "XXXXXXXXXXXnoted that the plan had failed.")
	absent(t, c, "XXXXXXXXXXXnoted")
}

func TestPlaceNames(t *testing.T) {
	// ISO 3166-2 first-level divisions and their spellings in cables:
	// Arabic names without the article, German umlauts as ae/oe/ue, parishes
	c := enrichText(t, "Fighting continued in Anbar and Diwaniyah, officials said.")
	expect(t, c, "Anbar", "PLACE", "")
	expect(t, c, "Diwaniyah", "PLACE", "")
	c = enrichText(t, "Industry leaders in Baden-Wuerttemberg praised the plan.")
	expect(t, c, "Baden-Wuerttemberg", "PLACE", "")
	c = enrichText(t, "The storm hit Westmoreland hardest.", "JM")
	expect(t, c, "Westmoreland", "PLACE", "")
	// a listed region and "Division"
	c = enrichText(t, "Workers were seen near a site in Magway Division last year.")
	expect(t, c, "Magway Division", "PLACE", "")
	// a two-word unknown name before a geographic noun
	c = enrichText(t, "The camp lies in the foothills of the Belvar Yoma mountains.")
	expect(t, c, "Belvar Yoma", "PLACE", "")
	// a faith is not a place
	c = enrichText(t, "Whereas in Islam the idea is rejected, others accept it.")
	absent(t, c, "Islam")
	// "Para 2" is a paragraph
	c = enrichText(t, "The statement (see Para 2) was cleared.")
	absent(t, c, "Para")
}

func TestCommonWordsAreNotPersons(t *testing.T) {
	// a name modifying a common noun after a lower-case word is not a person's
	c := enrichText(t, "The student was shot outside an Ostrovak night club in June.")
	absent(t, c, "Ostrovak")
	c = enrichText(t, "Both sides avoided further Velno-Tarsk cooperation.")
	absent(t, c, "Velno-Tarsk")
	// ... unless the noun takes a person
	c = enrichText(t, "Critics of the Velkov government met on Monday.")
	expect(t, c, "Velkov", "PERSON", "")
	// -ness words are qualities
	c = enrichText(t, "Officials banned any expression of Varnishness in schools.")
	absent(t, c, "Varnishness")
	// "Chief of the X": X is the office, not the person
	c = enrichText(t, "Anna Velasko, Chief of the Civil Household, appeared before the committee.")
	expect(t, c, "Anna Velasko", "PERSON", "")
	absent(t, c, "Civil Household")
	// an office symbol ends a person's name
	c = enrichText(t, "Department point of contact is Chris Hallorby ISN/CPI, 555-0100.")
	expect(t, c, "Chris Hallorby", "PERSON", "")
	expect(t, c, "ISN/CPI", "ORG", "")
	// initials before a surname are not a listed acronym
	c = enrichText(t, "The government may release A.Q. Khan next month.")
	expect(t, c, "A.Q. Khan", "PERSON", "")
	// a person's initials defined after the name are the person
	c = enrichText(t, "Data from the Fernando Henrique Tavora (FHT) years leaked. The FHT administration denied it.")
	expect(t, c, "FHT", "PERSON", "Fernando Henrique Tavora")
}

func TestOrganizationSpans(t *testing.T) {
	// a sub-unit "of the" a head-first body: two bodies
	c := enrichText(t, "He met the Consular Affairs Department of the Ministry of Interior on Monday.")
	expect(t, c, "Consular Affairs Department", "ORG", "")
	expect(t, c, "Ministry of Interior", "ORG", "")
	// a government's jargon before a ministry
	c = enrichText(t, "We note that the GOI Ministry of External Affairs plans to publish the list.", "IN")
	expect(t, c, "GOI", "ORG", "")
	expect(t, c, "Ministry of External Affairs", "ORG", "")
	// an acronym in mixed case is not a region of the same name
	c = enrichText(t, "Bolivia and the other ALBA countries opposed the deal.")
	expect(t, c, "ALBA", "ORG", "")
	// compounds that stay whole
	c = enrichText(t, "The Inter-American Development Bank sent a report.")
	expect(t, c, "Inter-American Development Bank", "ORG", "")
	c = enrichText(t, "The MFA Director of Follow-up and Coordination Department assured us.")
	expect(t, c, "Follow-up and Coordination Department", "ORG", "")
	// a city's station, in lower case too
	c = enrichText(t, "The service conveyed orally to Cairo station that all three were held.")
	expect(t, c, "Cairo station", "ORG", "")
	// airlines
	c = enrichText(t, "Bargain carriers such as Air Velmora grew quickly.")
	expect(t, c, "Air Velmora", "ORG", "")
	// a plural cue before two names: two bodies
	c = enrichText(t, "The exporting cooperatives Varosucar and Tellimex will invest.")
	expect(t, c, "Varosucar", "ORG", "")
	expect(t, c, "Tellimex", "ORG", "")
	// "X official NAME": X is a body
	c = enrichText(t, "Still, Tarvanaty official Marco Belvi said the talks would go on.")
	expect(t, c, "Tarvanaty", "ORG", "")
	expect(t, c, "Marco Belvi", "PERSON", "")
}
