package parse

import (
	"reflect"
	"testing"
)

// TestStationsFromRoutes: the posts that route2name.csv misspells or names
// with "CITY" give the stations reference ids use, both from the routing
// indicator (DE line) and in REF lines.
func TestStationsFromRoutes(t *testing.T) {
	for route, want := range map[string]string{
		"RUEHQT": "QUITO", "RUEHLM": "COLOMBO", "RUEHGT": "GUATEMALA", "RUEHZP": "PANAMA",
		"RUEHPS": "PRISTINA", "RUEHPO": "PARAMARIBO", "RUEHYD": "YAOUNDE", "RUEHVN": "VIENTIANE",
		"RUEHMK": "MANAMA", "RUEHMS": "MUSCAT", "RUEHBN": "MELBOURNE", "RUEHAFM": "MAZARESHARIF",
		"RUEHMO": "MOSCOW",
	} {
		if got := stationFromPost(routeToPost[route]); got != want {
			t.Errorf("%s (%q): station %q, want %q", route, routeToPost[route], got, want)
		}
	}
	for _, bad := range []string{"COLUMBO", "QUINTO", "PRINSTINA", "GUATEMALACITY", "PANAMACITY", "PARAMIARBO", "VAOUNDE", "VIENTIENE", "MELBOURNEVIC", "MAZARESHAIRF", "VATICANCITY"} {
		if knownStations[bad] {
			t.Errorf("misspelt station %s is known", bad)
		}
	}
}

func TestStationRefIDs(t *testing.T) {
	for in, want := range map[string]string{
		"09 QUITO 123":          "09QUITO123",
		"08 COLOMBO 45":         "08COLOMBO45",
		"07 GUATEMALA 100":      "07GUATEMALA100",
		"07 GUATEMALA CITY 100": "07GUATEMALA100",
		"06 PANAMA 50":          "06PANAMA50",
		"08 PRISTINA 12":        "08PRISTINA12",
		"09 MANAMA 599":         "09MANAMA599",
		"08 MUSCAT 174":         "08MUSCAT174",
		"09 YAOUNDE 7":          "09YAOUNDE7",
	} {
		if got := (&refScan{year: 2010}).findCableIDs(in); !reflect.DeepEqual(got, []string{want}) {
			t.Errorf("findCableIDs(%q) = %v, want %s", in, got, want)
		}
		if got := normalizeRefID(in); got != want {
			t.Errorf("normalizeRefID(%q) = %q, want %s", in, got, want)
		}
	}
	refs, other := parseRefs("A. 09 QUITO 123 B. 08 COLOMBO 45 C. 07 GUATEMALA 100 D. 06 PANAMA 50 E. 08 PRISTINA 12", 2009)
	if want := []string{"09QUITO123", "08COLOMBO45", "07GUATEMALA100", "06PANAMA50", "08PRISTINA12"}; !reflect.DeepEqual(refs, want) || other != nil {
		t.Errorf("parseRefs: %v %v, want %v", refs, other, want)
	}
}

// TestStationFromDE: a cable whose classification line has no serial takes
// its id from the DE line's routing indicator and serial.
func TestStationFromDE(t *testing.T) {
	text := "VZCZCXRO1234\nPP RUEHWEB\nDE RUEHQT #0123/01 0441530\nZNY CCCCC ZZH\nP 131530Z FEB 09\nFM AMEMBASSY QUITO\nTO RUEHC/SECSTATE WASHDC PRIORITY 9999\nBT\nCONFIDENTIAL\n\nE.O. 12958: DECL: 02/13/2019\nTAGS: PREL, EC\nSUBJECT: TEST\n\n1. (C) Text.\n"
	c := Fields(text)
	if c.RefID != "09QUITO123" || c.OriginPost != "AMEMBASSY QUITO" {
		t.Errorf("ref id %q origin post %q, want 09QUITO123, AMEMBASSY QUITO", c.RefID, c.OriginPost)
	}
}
