package parse

import "testing"

// TestSubject: the subject is the SUBJECT field alone, even when the
// header's fields run together on one line or a notice, page header or
// line debris sits among them; markings and HTML character references are
// cleaned. All text is invented.
func TestSubject(t *testing.T) {
	cases := []struct{ name, text, want string }{
		{"plain", "SUBJECT: MINISTER OUTLINES BUDGET PLANS\n", "MINISTER OUTLINES BUDGET PLANS"},
		{"continued on the next line", "SUBJECT: MINISTER OUTLINES BUDGET PLANS FOR THE\nCOMING YEAR\n\n1. (C) Text.\n", "MINISTER OUTLINES BUDGET PLANS FOR THE COMING YEAR"},
		{"dash after the label", "SUBJECT -- HARBOR VISIT APPROVED\n", "HARBOR VISIT APPROVED"},
		{"SUBJ label", "SUBJ: HARBOR VISIT APPROVED\n", "HARBOR VISIT APPROVED"},
		{"REF on the same line", "SUBJECT: TRADE TALKS RESUME REF: A. LAGOS 123 B. 08 ABUJA 456\n", "TRADE TALKS RESUME"},
		{"REF and Classified By on the same line", "SUBJECT: TRADE TALKS RESUME REF: LAGOS 123 Classified By: Pol Counselor Jane Roe for reasons 1.4 (b/d)\n", "TRADE TALKS RESUME"},
		{"Classified By on the same line", "SUBJECT: TRADE TALKS RESUME Classified By: Ambassador John Doe, Reasons 1.4 (b) and (d)\n", "TRADE TALKS RESUME"},
		{"Ref(s) on the same line", "Subject: Trade talks resume Ref(s): Lagos 123\n", "Trade talks resume"},
		{"REFS and REFTELS", "SUBJECT: TRADE TALKS RESUME REFS: LAGOS 123\nSUBJECT: OTHER\n", "TRADE TALKS RESUME"},
		{"REFTELS on the same line", "SUBJECT: TRADE TALKS RESUME REFTELS: A) LAGOS 123 B) LAGOS 200\n", "TRADE TALKS RESUME"},
		{"REF without a colon on the same line", "SUBJECT: TALKS RESUME REF A. STATE 123 B. STATE 456\n", "TALKS RESUME"},
		{"first paragraph on the same line", "SUBJECT: TALKS RESUME 1. (C) SUMMARY: THE TALKS RESUMED. END SUMMARY.\n", "TALKS RESUME"},
		{"E.O. on the same line", "SUBJECT: TALKS RESUME E.O. 12958: DECL: 01/01/2019\n", "TALKS RESUME"},
		{"after TAGS on the same line", "TAGS: PREL PGOV SUBJECT: NEW CABINET NAMED\n", "NEW CABINET NAMED"},
		{"SBU notice on the same line", "SUBJECT: FARMERS PROTEST PRICES Sensitive But Unclassified - Please handle accordingly\n", "FARMERS PROTEST PRICES"},
		{"SBU notice on the next line", "SUBJECT: FARMERS PROTEST PRICES\nSENSITIVE BUT UNCLASSIFIED - PLEASE HANDLE ACCORDINGLY\n\n1. (SBU) Text.\n", "FARMERS PROTEST PRICES"},
		{"action request notice", "SUBJECT: DEMARCHE ON FISHING RIGHTS This is an Action Request\n", "DEMARCHE ON FISHING RIGHTS"},
		{"page header inside", "SUBJECT: ANNUAL REPORT ON THE\nPAGE 02 STATE 123456 291400Z\nFISHERIES SECTOR\n\n1. TEXT.\n", "ANNUAL REPORT ON THE FISHERIES SECTOR"},
		{"backslash debris", "SUBJECT: ANNUAL REPORT ON THE \\\nFISHERIES SECTOR \\\n\n1. TEXT.\n", "ANNUAL REPORT ON THE FISHERIES SECTOR"},
		{"leading marking", "SUBJECT: (C) NEW CABINET NAMED\n", "NEW CABINET NAMED"},
		{"trailing marking", "SUBJECT: NEW CABINET NAMED (SBU)\n", "NEW CABINET NAMED"},
		{"lower-cased page marking", "Subject: new cabinet named (s)\n", "new cabinet named"},
		{"lower-case leading marking", "Subject: (sbu) new cabinet named\n", "new cabinet named"},
		{"HTML character references", "SUBJECT: MINISTER&#8217;S &#8220;NEW&#8221; PLAN &amp; BUDGET\n", "MINISTER\u2019S \u201cNEW\u201d PLAN & BUDGET"},
		{"ends at the summary", "SUBJECT: NEW CABINET NAMED\nSUMMARY: THE PRESIDENT NAMED A CABINET.\n", "NEW CABINET NAMED"},
		{"after the classification line", "CONFIDENTIAL SECTION 01 OF 02 LAGOS 000123\n\nE.O. 12958: DECL: 01/01/2018\nTAGS: PREL, NI\nSUBJECT: NEW CABINET NAMED\n\nREF: LAGOS 100\n\n1. (C) Text.\n", "NEW CABINET NAMED"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := Fields(tc.text).Subject; got != tc.want {
				t.Errorf("subject %q, want %q", got, tc.want)
			}
		})
	}
}
