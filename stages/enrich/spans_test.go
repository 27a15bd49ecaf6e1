package enrich

import "testing"

// Sentences written for these tests (invented names, not cable text). Each
// case is a general error class found on blind gold sets 17 and 19.

// TestSpansOnUnseenCables: a name runs through in/on/at only after a body's
// head word ("Hamas in the West Bank" is two names); a possessive runs on inside a party's name; a leading particle
// belongs to the surname; military commands are bodies; FRG is a
// government; an abstract noun after a title is no name; "Classified By:" and the SIPRNET trailer line are header.
func TestSpansOnUnseenCables(t *testing.T) {
	for _, tc := range []struct {
		text, name, typ string // typ "" : the text must not be an entity
	}{
		{"Raids by Hamas in the West Bank went on.", "Hamas in the West Bank", ""},
		{"Raids by Hamas in the West Bank went on.", "West Bank", "PLACE"},
		{"They met through the Velmoran People's Party last year.", "Velmoran People's Party", "ORG"},
		{"They met through the Velmoran People\u2019s Front last year.", "Velmoran People\u2019s Front", "ORG"},
		{"It irritated de Velmaire's predecessor.", "de Velmaire", "PERSON"},
		{"Visits by TARVCOM and SOUTHCOM staff resumed.", "TARVCOM", "ORG"},
		{"We alerted the FRG in June.", "FRG", "ORG"},
		{"Classified By: ISN/MTR DIRECTOR KARA VELMONT for reasons 1.4 (b).", "VELMONT", ""},
		{"The talks ended.\nYou can also access this site through the State Department's Classified SIPRNET website.", "State Department", ""},
		{"Delegations met in the Gulf and the Arab World.", "Gulf", "PLACE"},
		{"Delegations met in the Gulf and the Arab World.", "Arab World", "PLACE"},
		{"Talks on the Velmoran Navy Staff resumed.", "Velmoran Navy Staff", "ORG"},
		{"He met the COM and the CJCS on Monday.", "CJCS", ""},
		{"Tarva Quenn, Assistant for Homeland Security and Counterterrorism, arrived.", "Counterterrorism", ""},
		{"Secretary Tarvell met Minister Quenzalo.", "Quenzalo", "PERSON"},
	} {
		c := enrichText(t, tc.text)
		e := find(c, tc.name)
		switch {
		case tc.typ == "" && e != nil:
			t.Errorf("%q: %q tagged %s (%s)", tc.text, tc.name, e.Type, e.Method)
		case tc.typ != "" && (e == nil || e.Type != tc.typ):
			t.Errorf("%q: %q not %s: %+v", tc.text, tc.name, tc.typ, e)
		}
	}
}
