package enrich

import (
	"strings"
	"testing"

	"github.com/cablewire/cablewire/schemas"
)

func enrichText(t *testing.T, text string, tags ...string) *schemas.Cable {
	t.Helper()
	c := &schemas.Cable{Paragraphs: []schemas.Paragraph{{N: 1, Text: text}}, Tags: tags}
	Enrich(c)
	return c
}

// find returns the first entity with the given text.
func find(c *schemas.Cable, text string) *schemas.Entity {
	for i := range c.Entities {
		if c.Entities[i].Text == text {
			return &c.Entities[i]
		}
	}
	return nil
}

func expect(t *testing.T, c *schemas.Cable, text, typ, canonical string) *schemas.Entity {
	t.Helper()
	e := find(c, text)
	if e == nil {
		var got []string
		for _, e := range c.Entities {
			got = append(got, e.Type+":"+e.Text)
		}
		t.Fatalf("no entity %q (%s); got %v", text, typ, got)
	}
	if e.Type != typ || (canonical != "" && !strings.EqualFold(e.Canonical, canonical)) {
		t.Fatalf("%q: got %s %q, want %s %q", text, e.Type, e.Canonical, typ, canonical)
	}
	return e
}

func absent(t *testing.T, c *schemas.Cable, texts ...string) {
	t.Helper()
	for _, e := range c.Entities {
		for _, x := range texts {
			if strings.Contains(e.Text, x) {
				t.Errorf("unexpected entity %s %q", e.Type, e.Text)
			}
		}
	}
}

func TestTitlesOutOfSpan(t *testing.T) {
	c := enrichText(t, "President Putin met FM Lavrov and Amb. Burns in Moscow. Secretary of Defense Gates agreed.")
	e := expect(t, c, "Putin", "PERSON", "")
	if e.Title != "President" {
		t.Errorf("title %q", e.Title)
	}
	expect(t, c, "Lavrov", "PERSON", "")
	expect(t, c, "Burns", "PERSON", "")
	expect(t, c, "Gates", "PERSON", "")
	expect(t, c, "Moscow", "PLACE", "")
	if e := find(c, "Moscow"); e.Country != "RU" {
		t.Errorf("Moscow country %q", e.Country)
	}
}

func TestOffsetsAndPossessive(t *testing.T) {
	text := "He said Ukraine's leaders agreed."
	c := enrichText(t, text)
	e := expect(t, c, "Ukraine", "PLACE", "")
	if text[e.Start:e.End] != "Ukraine" {
		t.Errorf("offsets %d:%d give %q", e.Start, e.End, text[e.Start:e.End])
	}
}

func TestAcronymDefinition(t *testing.T) {
	c := enrichText(t, "The CSTO met. The Collective Security Treaty Organization (CSTO) is a bloc. "+
		"The Department of Education and Training (DET) spoke.")
	e := expect(t, c, "CSTO", "ORG", "Collective Security Treaty Organization")
	_ = e
	expect(t, c, "Department of Education and Training", "ORG", "")
	expect(t, c, "DET", "ORG", "Department of Education and Training")
}

func TestSurnameCoreference(t *testing.T) {
	c := enrichText(t, "MFA CIS First Department Director Vladimir Kudryavtsev said that Kudryavtsev would travel. Later Kudryavtsev left.")
	expect(t, c, "Vladimir Kudryavtsev", "PERSON", "Vladimir Kudryavtsev")
	expect(t, c, "Kudryavtsev", "PERSON", "Vladimir Kudryavtsev")
	expect(t, c, "MFA CIS First Department", "ORG", "")
}

func TestJargonWithTags(t *testing.T) {
	c := enrichText(t, "The GOR told the USG that the MFA would reply.", "PREL", "RS")
	expect(t, c, "GOR", "ORG", "Government of Russia")
	expect(t, c, "USG", "ORG", "U.S. Government")
	e := expect(t, c, "MFA", "ORG", "Ministry of Foreign Affairs")
	if e.Country != "RU" {
		t.Errorf("MFA country %q", e.Country)
	}
	c = enrichText(t, "The GOJ agreed.", "JA")
	expect(t, c, "GOJ", "ORG", "Government of Japan")
}

func TestGenericEmbassy(t *testing.T) {
	c := &schemas.Cable{Origin: "AMEMBASSY MOSCOW", Paragraphs: []schemas.Paragraph{{N: 1, Text: "The Embassy will report. Post agrees."}}}
	Enrich(c)
	e := expect(t, c, "Embassy", "ORG", "Embassy Moscow")
	if !e.Generic {
		t.Error("Embassy should be generic")
	}
	c = enrichText(t, "Embassy Berlin and Consulate General Lagos reported.")
	expect(t, c, "Embassy Berlin", "ORG", "")
	expect(t, c, "Consulate General Lagos", "ORG", "")
}

func TestRedactionsAndHeaderLines(t *testing.T) {
	c := enrichText(t, "STATE FOR EUR/RUS\nMOSCOW 00004849 002 OF 003\n(S//REL NATO) XXXXXXXXXXXX told us that Georgia is worried.")
	absent(t, c, "XXXX", "EUR/RUS", "MOSCOW", "NATO")
	expect(t, c, "Georgia", "PLACE", "")
}

func TestNationalitiesNotPlaces(t *testing.T) {
	c := enrichText(t, "Russian experts and Afghan officials met Colombian Army officers. The Russian Government agreed.")
	absent(t, c, "Russian experts", "Afghan")
	if e := find(c, "Russian"); e != nil {
		t.Errorf("nationality tagged: %+v", e)
	}
	expect(t, c, "Colombian Army", "ORG", "")
}

func TestOrgAndPlacePatterns(t *testing.T) {
	c := enrichText(t, "The Finance Ministry and the Ministry of Economic Development met in Rivers State near Kandahar Airfield. "+
		"Northern Nigeria is poor. Officials from the Bush Administration visited.")
	expect(t, c, "Finance Ministry", "ORG", "")
	expect(t, c, "Ministry of Economic Development", "ORG", "")
	expect(t, c, "Rivers State", "PLACE", "")
	expect(t, c, "Kandahar Airfield", "PLACE", "")
	expect(t, c, "Northern Nigeria", "PLACE", "")
	expect(t, c, "Bush", "PERSON", "")
	absent(t, c, "Administration")
}

func TestCompounds(t *testing.T) {
	c := enrichText(t, "The U.S.-based firm discussed Seoul-Tokyo ties with Kim Jong-il and anti-Western groups.")
	expect(t, c, "U.S.", "PLACE", "")
	expect(t, c, "Seoul", "PLACE", "")
	expect(t, c, "Tokyo", "PLACE", "")
	expect(t, c, "Kim Jong-il", "PERSON", "")
	absent(t, c, "Western")
}

func TestAllCapitals(t *testing.T) {
	c := enrichText(t, "1. PRESIDENT QADHAFI TOLD THE GOS THAT LIBYA AND SPAIN WOULD TALK. MR. BARRIONUEVO WENT TO TRIPOLI. "+
		"THE SOUTH AFRICAN COMMUNIST PARTY (SACP) MET NELSON MANDELA IN JOHANNESBURG.", "SP", "LY")
	expect(t, c, "QADHAFI", "PERSON", "")
	expect(t, c, "GOS", "ORG", "Government of Spain")
	expect(t, c, "LIBYA", "PLACE", "")
	expect(t, c, "TRIPOLI", "PLACE", "")
	expect(t, c, "BARRIONUEVO", "PERSON", "")
	expect(t, c, "SOUTH AFRICAN COMMUNIST PARTY", "ORG", "")
	expect(t, c, "SACP", "ORG", "SOUTH AFRICAN COMMUNIST PARTY")
	expect(t, c, "NELSON MANDELA", "PERSON", "")
	expect(t, c, "JOHANNESBURG", "PLACE", "")
}

func TestCountriesFromTags(t *testing.T) {
	c := &schemas.Cable{Tags: []string{"PREL", "PGOV", "RS", "GG", "UP", "CH", "KNNP"}}
	Enrich(c)
	want := []string{"RU", "GE", "UA", "CN"}
	if strings.Join(c.Countries, ",") != strings.Join(want, ",") {
		t.Fatalf("countries %v, want %v", c.Countries, want)
	}
	if c.CountryNames[0] != "Russian Federation" || c.CountryNames[3] != "China" {
		t.Errorf("names %v", c.CountryNames)
	}
}

func TestSummaryOnlyWhenOutsideParagraphs(t *testing.T) {
	c := &schemas.Cable{Summary: "Putin spoke.", Paragraphs: []schemas.Paragraph{{N: 1, Text: "Summary. Putin spoke. End summary."}}}
	Enrich(c)
	n := 0
	for _, e := range c.Entities {
		if e.Text == "Putin" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("Putin found %d times, want 1 (summary is inside paragraph 1)", n)
	}
	c = &schemas.Cable{Comment: "Medvedev said he will decide."} // (a bare unknown word needs evidence to be a person)
	Enrich(c)
	if e := find(c, "Medvedev"); e == nil || e.Paragraph != -2 {
		t.Errorf("comment entity: %+v", e)
	}
}

func TestNilAndEmpty(t *testing.T) {
	Enrich(nil)
	c := &schemas.Cable{}
	Enrich(c)
	if c.Entities != nil || c.Countries != nil {
		t.Errorf("empty cable got %+v", c)
	}
}

func TestConcurrentEnrich(t *testing.T) {
	text := "President Putin told the GOR and the Collective Security Treaty Organization (CSTO) in Dushanbe that Kudryavtsev agreed."
	want := enrichText(t, text, "RS")
	done := make(chan *schemas.Cable)
	for g := 0; g < 8; g++ {
		go func() {
			var c *schemas.Cable
			for i := 0; i < 50; i++ {
				c = &schemas.Cable{Tags: []string{"RS"}, Paragraphs: []schemas.Paragraph{{N: 1, Text: text}}}
				Enrich(c)
			}
			done <- c
		}()
	}
	for g := 0; g < 8; g++ {
		c := <-done
		if len(c.Entities) != len(want.Entities) {
			t.Fatalf("concurrent run found %d entities, want %d", len(c.Entities), len(want.Entities))
		}
		for i := range c.Entities {
			if c.Entities[i] != want.Entities[i] {
				t.Fatalf("entity %d differs: %+v vs %+v", i, c.Entities[i], want.Entities[i])
			}
		}
	}
}
