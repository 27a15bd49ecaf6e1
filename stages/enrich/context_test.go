package enrich

import (
	"testing"

	"github.com/cablewire/cablewire/schemas"
)

// Sentences written for these tests (invented names, not cable text).

func typeOf(c *schemas.Cable, text string) string {
	if e := find(c, text); e != nil {
		return e.Type
	}
	return ""
}

func TestContextPlaces(t *testing.T) {
	for _, tc := range []struct{ text, name string }{
		{"The convoy was stopped in the province of Velmoria on Monday.", "Velmoria"},
		{"The delegation flew to Karzetta last week to meet the governor.", "Karzetta"},
		{"The second raid took place at Qarnet Zuwayl, far from the border.", "Qarnet Zuwayl"},
		{"Fighting spread to an area known as Oskaru after the rains.", "Oskaru"},
		{"The Qorvandi-based militia denied any role.", "Qorvandi"},
		{"Russia closed the radars at Sevastopol and Pelzenovo in Ukraine.", "Pelzenovo"},
		{"Ships anchored on the Arabian Sea coast overnight.", "Arabian Sea"},
	} {
		c := enrichText(t, tc.text)
		expect(t, c, tc.name, "PLACE", "")
	}
}

func TestContextOneSensePerCable(t *testing.T) {
	// the clear mention types the bare ones
	c := enrichText(t, "Troops returned to the district of Velmoria on Monday. Velmoria remains calm, and Velmoria traders reopened.")
	for _, e := range c.Entities {
		if e.Text == "Velmoria" && e.Type != "PLACE" {
			t.Errorf("%s %q at %d", e.Type, e.Text, e.Start)
		}
	}
	// a person's mention keeps the word a person's: "went to Tsorvan" is a visit
	c = enrichText(t, "Tsorvan told reporters he would not resign. Later the envoy went to Tsorvan with a letter.")
	for _, e := range c.Entities {
		if e.Text == "Tsorvan" && e.Type != "PERSON" {
			t.Errorf("%s %q at %d", e.Type, e.Text, e.Start)
		}
	}
	// a clause comma is not a list of places
	c = enrichText(t, "With regard to Jordan, Talmazir reported that aid would continue.")
	expect(t, c, "Talmazir", "PERSON", "")
	// nor is "in" after faith in a person
	c = enrichText(t, "Voters kept their faith in Talmazir despite the crisis.")
	if typeOf(c, "Talmazir") == "PLACE" {
		t.Errorf("Talmazir typed PLACE")
	}
}

func TestContextOrganizations(t *testing.T) {
	for _, tc := range []struct{ text, name string }{
		{"Senior analyst Dana Whitfield of Zentrova noted that bond yields rose.", "Zentrova"},
		{"Present were the consul, Brelvax Manager Tomas Quint, and two others.", "Brelvax"},
		{"Maronex is the Canadian company developing the copper mine.", "Maronex"},
		{"Maronex employees say the mine will open in May.", "Maronex"},
		{"Critics included right-wing Tavrida leader Luis Ortan.", "Tavrida"},
		{"He is a principal in Quentrix, Ltd, a front company.", "Quentrix"},
		{"According to the state-controlled newspaper, the Herald, prices doubled.", "Herald"},
		{"Officials of Kuwait Finance House froze the accounts.", "Kuwait Finance House"},
		{"The plan was opposed by the Socialist Renewal party and others.", "Socialist Renewal"},
		{"Officers from USEUCOM and MNF-I attended.", "USEUCOM"},
		{"Officers from USEUCOM and MNF-I attended.", "MNF-I"},
		{"AmEmb Bogota's fraud unit met the passport office.", "AmEmb Bogota"},
	} {
		c := enrichText(t, tc.text)
		expect(t, c, tc.name, "ORG", "")
	}
	// a person's staff is not a company's officer
	c := enrichText(t, "The talks were attended by Velquist Chief of Staff Harold Penn.")
	if typeOf(c, "Velquist") == "ORG" {
		t.Errorf("Velquist typed ORG")
	}
}

func TestContextNotEntities(t *testing.T) {
	for _, tc := range []struct{ text, name string }{
		{"Officials said the Grevlin had been the favourite of the air force.", "Grevlin"},
		{"The team won the Zolbani Tournament in Tehran.", "Zolbani"},
		{"The U.S.S. Kearsarge patrolled the strait.", "Kearsarge"},
		{"They will negotiate the Exercise Support Agreement (ESA) soon; the ESA covers two exercises.", "ESA"},
		{"Norway signed the Convention on Cluster Munitions (CCM). The CCM bans them.", "CCM"},
		{"The Senior Civilian Representative (SCR) met the governor. SCR said little.", "SCR"},
		{"Members of the International Oil Companies (IOCs) met the A/S. The IOC members agreed.", "IOC"},
		{"For more, see http://www.example.sgov.gov/p/nea/kuwait today.", "nea"},
		{"His Kabul 00000693 003 of 003 restaurant was a hub.", "Kabul"},
	} {
		c := enrichText(t, tc.text)
		absent(t, c, tc.name)
	}
	// but "the X administration" is a person's
	c := enrichText(t, "Relations with the Dolmaro administration improved.")
	expect(t, c, "Dolmaro", "PERSON", "")
}

func TestHeadingNotPerson(t *testing.T) {
	c := &schemas.Cable{Paragraphs: []schemas.Paragraph{
		{N: 1, Text: "The radar at Velmoria is old."},
		{N: 0, Text: "Velmoria Issues"},
		{N: 2, Text: "Asked about Velmoria, the minister was vague."},
	}}
	Enrich(c)
	absent(t, c, "Issues")
	// a surname that is a plural noun, inside a sentence, stays
	c = enrichText(t, "Congressman Edgar Towns, who chairs the panel, agreed.")
	expect(t, c, "Edgar Towns", "PERSON", "")
}

func TestCapsSignatureAndOfficeSymbol(t *testing.T) {
	c := &schemas.Cable{Paragraphs: []schemas.Paragraph{
		{N: 1, Text: "INR/B OFFICERS THANK POST FOR ITS REPORTING ON THE GOVERNMENT OF CHILE."},
		{N: 2, Text: "GELLARD SAID THE EMBASSY IN BAGHDAD WAS CLOSED. FM\n\nHALVERSEN"},
	}}
	Enrich(c)
	expect(t, c, "INR/B", "ORG", "")
	absent(t, c, "HALVERSEN")
}

func TestFormsAndFacilities(t *testing.T) {
	// a form's labels end a name
	c := enrichText(t, "Name:  TALLEVAN, Rodrik Amstel Gender:  Male Unit:  3 Battalion")
	absent(t, c, "Gender")
	// a verb after a name ends it
	c = enrichText(t, "Origin: Port Quelmar, Zandoria Shipped from Zandoria on May 2.")
	absent(t, c, "Shipped")
	for _, tc := range []struct{ text, name string }{
		{"The ore was shipped from Velquara to the coast.", "Velquara"},
		{"The waste came from the Tazirov chemical plant last year.", "Tazirov"},
		{"The office is on Quelmar Road near the market.", "Quelmar Road"},
		{"They visited Zandoria Township in April.", "Zandoria Township"},
		{"The site lies in Balkan Province, near the border.", "Balkan Province"},
	} {
		c := enrichText(t, tc.text)
		expect(t, c, tc.name, "PLACE", "")
	}
	// an organization cue across an opening quote
	c = enrichText(t, `The state chemical company "Turvalkhim" signed the contract.`)
	expect(t, c, "Turvalkhim", "ORG", "")
	// nationality plurals are not names
	c = enrichText(t, "Many Spaniards and Swedes voted early.")
	absent(t, c, "Spaniards", "Swedes")
}
