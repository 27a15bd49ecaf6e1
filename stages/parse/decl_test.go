package parse

import "testing"

// TestDeclDate: the declassification date of the E.O. line in its
// written forms, as an ISO date. All text is invented.
func TestDeclDate(t *testing.T) {
	cases := []struct{ name, text, date, order, declText string }{
		{"MM/DD/YYYY", "E.O. 12958: DECL: 11/22/2012\n", "2012-11-22", "12958", ""},
		{"MM/DD/YY", "E.O. 12958: DECL 11/22/12\n", "2012-11-22", "12958", ""},
		{"YYYYMMDD", "E.O. 12958: DECL: 20121122\n", "2012-11-22", "12958", ""},
		{"no E.O. dots", "EO 12958 DECL: 11/22/2012\n", "2012-11-22", "12958", ""},
		{"single-digit month", "E.O. 12958 DECL:  2/11/2020\n", "2020-02-11", "12958", ""},
		{"dashes", "E.O. 13526: DECL: 11-22-2020\n", "2020-11-22", "13526", ""},
		{"YYYY/MM/DD", "E.O. 12958: DECL: 2012/11/22\n", "2012-11-22", "12958", ""},
		{"long date", "E.O. 12958: DECL: NOVEMBER 22, 2012\n", "2012-11-22", "12958", ""},
		{"DECL line alone", "DECL: 11/22/2012\n", "2012-11-22", "", ""},
		{"date on the next line", "E.O. 12958: DECL:\n11/22/2012\nTAGS: PREL\n", "2012-11-22", "12958", ""},
		{"OADR", "E.O. 12356: DECL: OADR\n", "", "12356", "OADR"},
		{"N/A", "E.O. 12958: N/A\n", "", "12958", "N/A"},
		{"run together with TAGS", "E.O. 12958: DECL: 11/22/2012 TAGS: PREL, RS\n", "2012-11-22", "12958", ""},
		{"not a date", "E.O. 12958: DECL: 13/45/2012\n", "", "12958", "13/45/2012"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := Fields(tc.text)
			if c.DeclDate != tc.date || c.EOOrder != tc.order || c.DeclText != tc.declText {
				t.Errorf("decl %q order %q text %q, want %q %q %q", c.DeclDate, c.EOOrder, c.DeclText, tc.date, tc.order, tc.declText)
			}
		})
	}
}
