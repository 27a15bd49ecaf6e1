package parse

import (
	"slices"
	"testing"

	"github.com/cablewire/cablewire/schemas"
)

// TestRecipients: TO and INFO addressees of the routing header; page
// header lines are not addressees, and an XMT line's posts are not
// addressees but exclusions of the collective before them (shown here as
// "COLLECTIVE -POST"). All text is invented.
func TestRecipients(t *testing.T) {
	names := func(as []schemas.Addressee) (out []string) {
		for _, a := range as {
			n := a.Name
			if a.Excluded {
				n = "-" + n
			}
			for _, x := range a.Excludes {
				n += " -" + x
			}
			out = append(out, n)
		}
		return out
	}
	cases := []struct {
		name, text string
		to, info   []string
	}{
		{"routing indicators",
			"O 011200Z MAR 09\nFM AMEMBASSY LAGOS\nTO RUEHC/SECSTATE WASHDC IMMEDIATE 1234\nINFO RUEHAB/AMEMBASSY ABIDJAN PRIORITY 0055\nRUEHAR/AMEMBASSY ACCRA 0066\nBT\nCONFIDENTIAL LAGOS 000123\n",
			[]string{"SECSTATE WASHDC"}, []string{"AMEMBASSY ABIDJAN", "AMEMBASSY ACCRA"}},
		{"several TO lines",
			"P 011200Z MAR 09\nFM AMEMBASSY LAGOS\nTO RUEHC/SECSTATE WASHDC PRIORITY 1234\nRHEHNSC/NSC WASHDC PRIORITY\nINFO RUEHAB/AMEMBASSY ABIDJAN 0055\nUNCLAS LAGOS 000124\n",
			[]string{"SECSTATE WASHDC", "NSC WASHDC"}, []string{"AMEMBASSY ABIDJAN"}},
		{"telegram page header among the addressees",
			"R 291400Z MAY 76\nFM SECSTATE WASHDC\nTO AMEMBASSY MOSCOW IMMEDIATE 1234\nINFO AMEMBASSY LONDON 5678\nPAGE 02 STATE 123456 291400Z\nAMEMBASSY PARIS 9012\nBT\nC O N F I D E N T I A L STATE 123456\n",
			[]string{"AMEMBASSY MOSCOW"}, []string{"AMEMBASSY LONDON", "AMEMBASSY PARIS"}},
		{"XMT exclusion",
			"R 291400Z MAY 76\nFM SECSTATE WASHDC\nTO ALL EUROPEAN DIPLOMATIC POSTS\nXMT AMEMBASSY BERN\nINFO USMISSION USNATO\nBT\nC O N F I D E N T I A L STATE 123457\n",
			[]string{"ALL EUROPEAN DIPLOMATIC POSTS -AMEMBASSY BERN"}, []string{"USMISSION USNATO"}},
		{"XMT of several posts, on continuation lines",
			"R 291400Z MAY 76\nFM SECSTATE WASHDC\nTO AMEMBASSY LONDON 0001\nINFO ALL NATO CAPITALS\nXMT AMEMBASSY OSLO\nAMEMBASSY ROME\nBT\nC O N F I D E N T I A L STATE 123458\n",
			[]string{"AMEMBASSY LONDON"}, []string{"ALL NATO CAPITALS -AMEMBASSY OSLO -AMEMBASSY ROME"}},
		{"XMT after a post that follows the collective",
			"R 291400Z MAY 76\nFM SECSTATE WASHDC\nTO EUROPEAN POLITICAL COLLECTIVE\nUSMISSION USNATO 0002\nXMT AMEMBASSY VALLETTA\nBT\nC O N F I D E N T I A L STATE 123459\n",
			[]string{"EUROPEAN POLITICAL COLLECTIVE -AMEMBASSY VALLETTA", "USMISSION USNATO"}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := Fields(tc.text)
			if got := names(c.To); !slices.Equal(got, tc.to) {
				t.Errorf("to %q, want %q", got, tc.to)
			}
			if got := names(c.Info); !slices.Equal(got, tc.info) {
				t.Errorf("info %q, want %q", got, tc.info)
			}
		})
	}
}
