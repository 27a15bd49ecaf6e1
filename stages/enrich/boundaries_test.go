package enrich

import "testing"

// Sentences written for these tests (invented names, not cable text).

func TestNameBoundaries(t *testing.T) {
	// a post's web trailer is not body text: neither the post's name nor
	// "Classified Web Site" is tagged (typing_test.go: also at a line's end)
	c := enrichText(t, "The minister left on Monday.\n\nVisit Velmoria's Classified Web Site at http://www.example.sgov.gov/p/eur/velmoria")
	for _, w := range []string{"Web Site", "Velmoria"} {
		if e := find(c, w); e != nil {
			t.Errorf("trailer words tagged: %+v", *e)
		}
	}
	// web-copy artifacts are not text
	c = enrichText(t, "The minister left.\n\nSELECT * FROM `cable` WHERE `id` = '1' ORDER BY `date` ASC")
	if e := find(c, "ASC"); e != nil {
		t.Errorf("query tagged: %+v", *e)
	}
	// a lone name on the last line of the last paragraph is a signature
	c = enrichText(t, "Track reporting at our site.\n\nDrevanko")
	if e := find(c, "Drevanko"); e != nil {
		t.Errorf("signature tagged: %+v", *e)
	}
	// "zu" inside a person's name
	c = enrichText(t, "Party member Karl-Heinrich zu Feldbrucken spoke first.")
	expect(t, c, "Karl-Heinrich zu Feldbrucken", "PERSON", "")
	// hyphenated or slashed English words are not names
	c = enrichText(t, "Non-Governmental Action\n\nThe group helps victims.")
	if e := find(c, "Non-Governmental"); e != nil {
		t.Errorf("hyphenated words tagged: %+v", *e)
	}
	c = enrichText(t, "Action Request/Objectives\n\nPlease deliver the points.")
	if e := find(c, "Request/Objectives"); e != nil {
		t.Errorf("slashed words tagged: %+v", *e)
	}
	// "its subsidiary X": a company
	c = enrichText(t, "The firm Tarvello and its subsidiary Quenzo sell detectors.")
	expect(t, c, "Quenzo", "ORG", "")
	// a facility is a place
	c = enrichText(t, "Guards were posted at the Zarbeni Nuclear Facility last week.")
	expect(t, c, "Zarbeni Nuclear Facility", "PLACE", "")
	// a town's name that is a person's surname in the cable is the person
	c = enrichText(t, "FM Kamal Rourke met us. Later Rourke said nothing.")
	expect(t, c, "Rourke", "PERSON", "")
	// "X State Secretary" is a title, not a place; "Middle X" is a place
	c = enrichText(t, "MOEnv State Secretary: Helga Brandt, 33, Middle Franconia (new).")
	if e := find(c, "MOEnv State"); e != nil {
		t.Errorf("title tagged as a place: %+v", *e)
	}
	expect(t, c, "Helga Brandt", "PERSON", "")
	expect(t, c, "Middle Franconia", "PLACE", "")
	// a form's value after a label: "Minister: Martin Zeil"
	c = enrichText(t, "Deputy Minister: Martin Hollweg, 52.")
	expect(t, c, "Martin Hollweg", "PERSON", "")
	// a person's party in brackets is not an acronym definition
	c = enrichText(t, "He met Katja Brenneis (FDP) and Jonas Wirtel (FDP) yesterday.")
	expect(t, c, "Katja Brenneis", "PERSON", "")
	// "X and Ministry of Y" are two names; Chancellery is an organization
	c = enrichText(t, "The German Chancellery and Ministry of Defense signed off.")
	expect(t, c, "German Chancellery", "ORG", "")
	expect(t, c, "Ministry of Defense", "ORG", "")
	// "the Bush administration" in lower case
	c = enrichText(t, "He accused the Bush administration of meddling.")
	expect(t, c, "Bush", "PERSON", "")
	c = enrichText(t, "He praised the Federal administration.")
	if e := find(c, "Federal"); e != nil && e.Type == "PERSON" {
		t.Errorf("Federal typed PERSON")
	}
	// a run that starts a company's name is its short form
	c = enrichText(t, "The firm Kalvaro Optix Systems Ltd sells cameras. Kalvaro Optix is growing.")
	expect(t, c, "Kalvaro Optix", "ORG", "")
	// a settlement noun and a quoted name
	c = enrichText(t, `Crowds blocked the village "Qarvesh" on Monday.`)
	expect(t, c, "Qarvesh", "PLACE", "")
	// programs are not annotated
	c = enrichText(t, "Cuts hit the popular Renvata Dignora program this year.")
	if e := find(c, "Renvata Dignora"); e != nil {
		t.Errorf("program tagged: %+v", *e)
	}
	// titles and abbreviations of things
	c = enrichText(t, "The UN Special Rapporteur on Torture, Jorge Wenzel, visited. The HEU casks were moved.")
	if e := find(c, "Rapporteur"); e != nil {
		t.Errorf("title tagged: %+v", *e)
	}
	if e := find(c, "HEU"); e != nil {
		t.Errorf("HEU tagged: %+v", *e)
	}
}
