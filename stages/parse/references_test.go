package parse

import (
	"slices"
	"testing"
)

// TestReferences: every cable a REF block cites, in the forms posts wrote
// them. The citing cable's date-time group gives the year of ids written
// without one. All text is invented.
func TestReferences(t *testing.T) {
	const dtg = "R 011200Z MAR 09\n" // a 2009 cable
	cases := []struct {
		name, text string
		want       []string
	}{
		{"one id", dtg + "REF: STATE 12345\n", []string{"09STATE12345"}},
		{"two-digit year", dtg + "REF: 08 MOSCOW 4849\n", []string{"08MOSCOW4849"}},
		{"four-digit year", dtg + "REF: 2008 BRASILIA 672\n", []string{"08BRASILIA672"}},
		{"SECSTATE and leading zeros", dtg + "REF: SECSTATE 004567\n", []string{"09STATE4567"}},
		{"bullets", dtg + "REF: A. LAGOS 123 B. 08 ABUJA 456 C. STATE 789\n", []string{"09LAGOS123", "08ABUJA456", "09STATE789"}},
		{"bullets with parentheses", dtg + "REF: (A) LAGOS 123 (B) ABUJA 456\n", []string{"09LAGOS123", "09ABUJA456"}},
		{"bullets written twice", dtg + "REF: A. A) SECSTATE 111 B. B) SECSTATE 222\n", []string{"09STATE111", "09STATE222"}},
		{"bullets alone on lines", dtg + "REF: A. ANKARA 11\nB. ANKARA 22\nC. 08 ANKARA 33\n", []string{"09ANKARA11", "09ANKARA22", "08ANKARA33"}},
		{"pilcrow bullets after a blank line", dtg + "REF: A. PARIS 100 AND PREVIOUS\n\n\u00b6B. PARIS DAILY REPORT FOR MAY 4\n\u00b6C. PARIS 200\n\nClassified By: Jane Roe, reasons 1.4 (b)\n", []string{"09PARIS100", "09PARIS200"}},
		{"semicolons", dtg + "REFS: LIMA 10; LIMA 20; 08 QUITO 30\n", []string{"09LIMA10", "09LIMA20", "08QUITO30"}},
		{"commas", dtg + "REF: LIMA 10, QUITO 20, 08 BOGOTA 30\n", []string{"09LIMA10", "09QUITO20", "08BOGOTA30"}},
		{"AND", dtg + "REF: LIMA 10 AND QUITO 20\n", []string{"09LIMA10", "09QUITO20"}},
		{"serials of one station", dtg + "REF: STATE 100, 200 AND 300\n", []string{"09STATE100", "09STATE200", "09STATE300"}},
		{"serial then a dated id", dtg + "REF: STATE 100, 08 MOSCOW 5\n", []string{"09STATE100", "08MOSCOW5"}},
		{"a date is not a serial", dtg + "REF: STATE 100, 12 MAY 2008 MEETING\n", []string{"09STATE100"}},
		{"bullet of a serial alone", dtg + "REF: A. 08 HANOI 100 B. 101\n", []string{"08HANOI100", "08HANOI101"}},
		{"continuation line", dtg + "REF: A. LAGOS 123 B. ABUJA\n456 C. LAGOS 789\n", []string{"09LAGOS123", "09ABUJA456", "09LAGOS789"}},
		{"abbreviated station", dtg + "REF: A) 08 RIO DE JAN 138\n", []string{"08RIODEJANEIRO138"}},
		{"abbreviated station, two words", dtg + "REF: BUENOS AIR 55\n", []string{"09BUENOSAIRES55"}},
		{"USUN NEW YORK", dtg + "REF: USUN NEW YORK 555\n", []string{"09USUNNEWYORK555"}},
		{"USUN alone", dtg + "REF: USUN 556\n", []string{"09USUNNEWYORK556"}},
		{"UNESCO PARIS FR", dtg + "REF: UNESCO PARIS FR 31\n", []string{"09UNESCOPARISFR31"}},
		{"SECDEF", dtg + "REF: SECDEF 123456\n", []string{"09SECDEF123456"}},
		{"VATICAN", dtg + "REF: 08 VATICAN 77\n", []string{"08VATICAN77"}},
		{"mission with a city", dtg + "REF: USNATO 42; USEU BRUSSELS 43; UNVIE 44\n", []string{"09USNATO42", "09USEUBRUSSELS43", "09UNVIEVIENNA44"}},
		{"whole ids", dtg + "REF: 08STATE123, 07MOSCOW4849\n", []string{"08STATE123", "07MOSCOW4849"}},
		{"PROGRAM REF", dtg + "PROGRAM REF: STATE 4321\n", []string{"09STATE4321"}},
		{"REFTEL label", dtg + "REFTEL: ROME 888\n", []string{"09ROME888"}},
		{"Ref(s) label", dtg + "Ref(s): Rome 889\n", []string{"09ROME889"}},
		{"run together after the subject", dtg + "SUBJECT: TALKS REF: A. 08 LAGOS 1 B. LAGOS 2 Classified By: Jane Roe, reasons 1.4 (b)\n", []string{"08LAGOS1", "09LAGOS2"}},
		{"page line inside the list", dtg + "REF: A. LAGOS 123\nLAGOS 00000999 001.2 OF 003\nB. LAGOS 456\n", []string{"09LAGOS123", "09LAGOS456"}},
		{"year carried forward when the cable's year is unknown", "REF: A. 08 STATE 100 B. STATE 200 C. 07 STATE 300 D. STATE 400\n", []string{"08STATE100", "08STATE200", "07STATE300", "07STATE400"}},
		{"year from the fragment's reference id line", "09MOSCOW5\nREF: MOSCOW 123\n", []string{"09MOSCOW123"}},
		{"year from a Reference ID line", "Reference ID: 08LIMA7\n\nREF: A. LIMA 1 B. 07 LIMA 2\n", []string{"08LIMA1", "07LIMA2"}},
		{"no year at all: kept as written", "REF: MOSCOW 123\n", nil},
		{"a paragraph number is not a station", dtg + "REF: STATE 12345 - PARA 3\n", []string{"09STATE12345"}},
		{"handling words after ids", dtg + "REF: KHARTOUM 123 (NOTAL), KHARTOUM 456 (EXDIS)\n", []string{"09KHARTOUM123", "09KHARTOUM456"}},
		{"multi-word stations", dtg + "REFTELS: A) ABU DHABI 100, B) ADDIS ABABA 200, C) 08 HO CHI MINH CITY 300\n", []string{"09ABUDHABI100", "09ADDISABABA200", "08HOCHIMINHCITY300"}},
		{"not cables", dtg + "REF: A. EMAIL OF 3/1/09 B. TELCON OF MARCH 2\n", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := Fields(tc.text)
			if !slices.Equal(c.References, tc.want) {
				t.Errorf("references %q (other %q), want %q", c.References, c.ReferencesOther, tc.want)
			}
		})
	}
}
