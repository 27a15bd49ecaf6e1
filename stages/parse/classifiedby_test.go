package parse

import "testing"

// TestClassifiedBy: the classifying official (name and title) and the
// reasons, from the header field of every era and from the first
// paragraph of 1990s cables. All names are invented.
func TestClassifiedBy(t *testing.T) {
	cases := []struct {
		name, text          string
		who, title, reasons string
	}{
		{"2000s field", "Classified By: Political Counselor Jane Roe for reasons 1.4 (b) and (d)\n", "Jane Roe", "Political Counselor", "1.4 (b) and (d)"},
		{"name then title", "Classified By: Jane Roe, Deputy Chief of Mission; Reason 1.4 (d)\n", "Jane Roe", "Deputy Chief of Mission", "1.4 (d)"},
		{"name, title, post", "CLASSIFIED BY: John Doe, DCM, Embassy Lagos, Department\nof State.\nREASON: 1.4 (b), (d)\n", "John Doe", "DCM, Embassy Lagos, Department of State", "1.4 (b), (d)"},
		{"surname alone", "Classified By: Ambassador Doe, reasons 1.4 (b) (d)\n", "Doe", "Ambassador", "1.4 (b) (d)"},
		{"capitals with a full stop", "CLASSIFIED BY: POLITICAL COUNSELOR JANE ROE. REASONS: 1.4 (B)(D).\n", "JANE ROE", "POLITICAL COUNSELOR", "1.4 (B)(D)"},
		{"office code title", "Classified By: ISN/MTR Director Jane Roe for Reasons\n1.4 (b), (c), and (d).\n", "Jane Roe", "ISN/MTR Director", "1.4 (b), (c), and (d)"},
		{"charge a.i.", "Classified By: Charge d'Affaires a.i. John Q. Doe, reasons 1.4 (b,d)\n", "John Q. Doe", "Charge d'Affaires a.i.", "1.4 (b,d)"},
		{"lower-case label", "Classified by DCM Jane Roe for reasons 1.4 (b) and (d).\n", "Jane Roe", "DCM", "1.4 (b) and (d)"},
		{"run together with the subject", "SUBJECT: TALKS Classified By: Ambassador John Doe, Reasons 1.4 (b) and (d)\n", "John Doe", "Ambassador", "1.4 (b) and (d)"},
		{"name split across lines", "Classified By: Political Officer Mary\nAnn Roe, reasons 1.4(d)\n", "Mary Ann Roe", "Political Officer", "1.4(d)"},
		{"title, a.i., name", "Classified By: Charge d'Affaires, a.i. Jane Roe for reasons 1.4 (b)\n", "Jane Roe", "Charge d'Affaires, a.i.", "1.4 (b)"},
		{"E.O. inside the field", "Classified By: Economic Counselor Jane Roe, E.O. 12958, reasons 1.4 (b) and (d)\n", "Jane Roe", "Economic Counselor", "1.4 (b) and (d)"},
		{"title both sides of the name", "Classified By: DAS Jane Roe, EUR/RUS, reasons 1.4 b and d\n", "Jane Roe", "DAS, EUR/RUS", "1.4 b and d"},
		{"reasons in parentheses", "Classified By: Ambassador Jane Roe (Reasons 1.4 B and D)\n", "Jane Roe", "Ambassador", "1.4 B and D"},
		{"name suffix", "Classified By: Clark T. Roe, Jr, Ambassador, reasons 1.4 (b)\n", "Clark T. Roe, Jr", "Ambassador", "1.4 (b)"},
		{"title before the name, post after it", "Classified By: Ambassador Jane Roe, Embassy Lagos, for reas  ons 1.4 (b) (d).\n", "Jane Roe", "Ambassador, Embassy Lagos", "1.4 (b) (d)"},
		{"surname alone, titles after it", "CLASSIFIED BY: ROE, AMBASSADOR, DOS, AMB; REASON: 1.4(B), (D)\n", "ROE", "AMBASSADOR, DOS, AMB", "1.4(B), (D)"},
		{"redacted name", "CLASSIFIED BY: XXXXXXXXXXXX, Ambassador, U.S. Embassy Lagos. REASON: 1.4 (b), (d)\n", "XXXXXXXXXXXX", "Ambassador, U.S. Embassy Lagos", "1.4 (b), (d)"},
		{"apostrophe printed as a comma", "Classified By: Charge d,Affaires J. Robert Roe,\nreasons 1.4 (b) and (d).\n", "J. Robert Roe", "Charge d'Affaires", "1.4 (b) and (d)"},
		{"reasons number broken", "Classified By: Political Minister Counselor Jane Roe. Reasons 1. 4 (b/d)\n", "Jane Roe", "Political Minister Counselor", "1. 4 (b/d)"},
		{"reasons without a number", "Classified By: Ambassador Jane Roe; Reasons (b) and (d)\n", "Jane Roe", "Ambassador", "(b) and (d)"},
		{"an empty one before the real one", "Classified By: (U)  CLASSIFIED BY EAP DAS JANE ROE,\nREASON: 1.4 (C).\n", "JANE ROE", "EAP DAS", "1.4 (C)"},
		{"office code", "Classified By: ECONMINCOUNS Jane Roe for reasons 1.4 (b)\n", "Jane Roe", "ECONMINCOUNS", "1.4 (b)"},
		{"title only", "Classified By: Ambassador for reasons 1.4 (b) and (d)\n", "", "Ambassador", "1.4 (b) and (d)"},
		{"1990s entire text", "1. CONFIDENTIAL - ENTIRE TEXT.  CLASSIFIED BY DCM JOHN DOE - 1.5 B,D.\n\n2. THE MINISTER SAID.\n", "JOHN DOE", "DCM", "1.5 B,D"},
		{"1990s marked paragraph", "1. (U) CLASSIFIED BY POLOFF JANE ROE, 1.5 (D).\n\n2. (C) TEXT.\n", "JANE ROE", "POLOFF", "1.5 (D)"},
		{"1990s name split across lines", "1. (C) CLASSIFIED BY POLOFF JANE\nROE, 1.5 (D).\n\n2. (C) TEXT.\n", "JANE ROE", "POLOFF", "1.5 (D)"},
		{"1990s title after the name", "CLASSIFIED BY: JANE ROE, AMBASSADOR. REASON: 1.5 (D)\n", "JANE ROE", "AMBASSADOR", "1.5 (D)"},
		{"1990s title after the name, no comma", "1. CONFIDENTIAL - ENTIRE TEXT. CLASSIFIED BY JOHN DOE DCM. REASON 1.5 (B).\n", "JOHN DOE", "DCM", "1.5 (B)"},
		{"1990s mixed case in the paragraph", "1. (C) Classified by Econoff Jane Roe, reason 1.5 (b).\n", "Jane Roe", "Econoff", "1.5 (b)"},
		{"no name", "1. (C) CLASSIFIED BY SECTION 1.5 (B).\n\n2. (C) TEXT.\n", "", "", "1.5 (B)"},
		{"prose is not a classification line", "1. (C) THE REPORT WAS CLASSIFIED BY THE MINISTRY AS A STATE SECRET.\n\n2. (C) TEXT.\n", "", "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := Fields(tc.text)
			if c.ClassifiedBy != tc.who || c.ClassifiedByTitle != tc.title || c.ClassificationReasons != tc.reasons {
				t.Errorf("got %q | %q | %q, want %q | %q | %q", c.ClassifiedBy, c.ClassifiedByTitle, c.ClassificationReasons, tc.who, tc.title, tc.reasons)
			}
		})
	}
}
