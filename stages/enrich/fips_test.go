package enrich

import "testing"

func TestFIPSToISO(t *testing.T) {
	for fips, iso := range map[string]string{
		"RS": "RU", "RI": "RS", "CH": "CN", "SZ": "CH", "GM": "DE", "GA": "GM", "IS": "IL", "IC": "IS",
		"AS": "AU", "AU": "AT", "GG": "GE", "TI": "TJ", "UP": "UA", "UK": "GB", "JA": "JP", "KS": "KR",
		"KN": "KP", "SP": "ES", "SF": "ZA", "BM": "MM", "IZ": "IQ", "YM": "YE", "VM": "VN", "UR": "SU",
	} {
		got, ok := FIPSToISO(fips)
		if !ok || got != iso {
			t.Errorf("FIPSToISO(%q) = %q, %v; want %q", fips, got, ok, iso)
		}
	}
	for _, tag := range []string{"PREL", "PGOV", "KNNP", "", "XX"} {
		if _, ok := FIPSToISO(tag); ok {
			t.Errorf("FIPSToISO(%q) should be unknown", tag)
		}
	}
}

// Every ISO code the table produces is one the ISO lists know (current or historic).
func TestFIPSTableTargetsKnown(t *testing.T) {
	x := getLexicon()
	for fips, iso := range fipsToISO {
		if _, ok := x.countries[iso]; !ok && iso != "XK" {
			t.Errorf("FIPS %s -> %s: not an ISO 3166 code in data/countries.tsv", fips, iso)
		}
	}
	// no two current FIPS codes for one country, apart from known historic aliases
	seen := map[string]string{}
	for fips, iso := range fipsToISO {
		if prev, ok := seen[iso]; ok {
			switch iso {
			case "PS", "YU", "AE", "CD", "YE", "ZW", "RS", "BG", "PA", "TL", "SU", "DD":
				continue
			}
			t.Errorf("%s and %s both map to %s", prev, fips, iso)
		}
		seen[iso] = fips
	}
}
