package enrich

// fipsToISO maps FIPS 10-4 country codes, as cables use them in TAGS, to
// ISO 3166-1 alpha-2. Our own table (cablewire), from the published FIPS
// 10-4 list (public domain, US Government). Where the two systems share a
// code for different countries (RS Russia vs Serbia, CH China vs
// Switzerland, GM Germany vs Gambia, IS Israel vs Iceland, ...) the FIPS
// meaning wins: TAGS are FIPS. Historic codes map to ISO 3166-3 era codes
// where ISO had one (UR Soviet Union -> SU).
var fipsToISO = map[string]string{
	"AA": "AW", "AC": "AG", "AE": "AE", "AF": "AF", "AG": "DZ", "AJ": "AZ", "AL": "AL", "AM": "AM", "AN": "AD", "AO": "AO",
	"AQ": "AS", "AR": "AR", "AS": "AU", "AU": "AT", "AV": "AI", "AY": "AQ", "BA": "BH", "BB": "BB", "BC": "BW", "BD": "BM",
	"BE": "BE", "BF": "BS", "BG": "BD", "BH": "BZ", "BK": "BA", "BL": "BO", "BM": "MM", "BN": "BJ", "BO": "BY", "BP": "SB",
	"BR": "BR", "BT": "BT", "BU": "BG", "BV": "BV", "BX": "BN", "BY": "BI", "CA": "CA", "CB": "KH", "CD": "TD", "CE": "LK",
	"CF": "CG", "CG": "CD", "CH": "CN", "CI": "CL", "CJ": "KY", "CK": "CC", "CM": "CM", "CN": "KM", "CO": "CO", "CQ": "MP",
	"CS": "CR", "CT": "CF", "CU": "CU", "CV": "CV", "CW": "CK", "CY": "CY", "DA": "DK", "DJ": "DJ", "DO": "DM", "DR": "DO",
	"EC": "EC", "EG": "EG", "EI": "IE", "EK": "GQ", "EN": "EE", "ER": "ER", "ES": "SV", "ET": "ET", "EZ": "CZ", "FG": "GF",
	"FI": "FI", "FJ": "FJ", "FK": "FK", "FM": "FM", "FO": "FO", "FP": "PF", "FR": "FR", "FS": "TF", "GA": "GM", "GB": "GA",
	"GG": "GE", "GH": "GH", "GI": "GI", "GJ": "GD", "GK": "GG", "GL": "GL", "GM": "DE", "GP": "GP", "GQ": "GU", "GR": "GR",
	"GT": "GT", "GV": "GN", "GY": "GY", "GZ": "PS", "HA": "HT", "HK": "HK", "HO": "HN", "HR": "HR", "HU": "HU", "IC": "IS",
	"ID": "ID", "IM": "IM", "IN": "IN", "IO": "IO", "IR": "IR", "IS": "IL", "IT": "IT", "IV": "CI", "IZ": "IQ", "JA": "JP",
	"JE": "JE", "JM": "JM", "JO": "JO", "KE": "KE", "KG": "KG", "KN": "KP", "KR": "KI", "KS": "KR", "KT": "CX", "KU": "KW",
	"KV": "XK", "KZ": "KZ", "LA": "LA", "LE": "LB", "LG": "LV", "LH": "LT", "LI": "LR", "LO": "SK", "LS": "LI", "LT": "LS",
	"LU": "LU", "LY": "LY", "MA": "MG", "MB": "MQ", "MC": "MO", "MD": "MD", "MF": "YT", "MG": "MN", "MH": "MS", "MI": "MW",
	"MJ": "ME", "MK": "MK", "ML": "ML", "MN": "MC", "MO": "MA", "MP": "MU", "MR": "MR", "MT": "MT", "MU": "OM", "MV": "MV",
	"MX": "MX", "MY": "MY", "MZ": "MZ", "NC": "NC", "NE": "NU", "NF": "NF", "NG": "NE", "NH": "VU", "NI": "NG", "NL": "NL",
	"NO": "NO", "NP": "NP", "NR": "NR", "NS": "SR", "NT": "AN", "NU": "NI", "NZ": "NZ", "PA": "PY", "PC": "PN", "PE": "PE",
	"PK": "PK", "PL": "PL", "PM": "PA", "PO": "PT", "PP": "PG", "PS": "PW", "PU": "GW", "QA": "QA", "RE": "RE", "RI": "RS",
	"RM": "MH", "RN": "MF", "RO": "RO", "RP": "PH", "RQ": "PR", "RS": "RU", "RW": "RW", "SA": "SA", "SB": "PM", "SC": "KN",
	"SE": "SC", "SF": "ZA", "SG": "SN", "SH": "SH", "SI": "SI", "SL": "SL", "SM": "SM", "SN": "SG", "SO": "SO", "SP": "ES",
	"ST": "LC", "SU": "SD", "SV": "SJ", "SW": "SE", "SX": "GS", "SY": "SY", "SZ": "CH", "TB": "BL", "TD": "TT", "TH": "TH",
	"TI": "TJ", "TK": "TC", "TL": "TK", "TN": "TO", "TO": "TG", "TP": "ST", "TS": "TN", "TT": "TL", "TU": "TR", "TV": "TV",
	"TW": "TW", "TX": "TM", "TZ": "TZ", "UC": "CW", "UG": "UG", "UK": "GB", "UP": "UA", "US": "US", "UV": "BF", "UY": "UY",
	"UZ": "UZ", "VC": "VC", "VE": "VE", "VI": "VG", "VM": "VN", "VQ": "VI", "VT": "VA", "WA": "NA", "WE": "PS", "WF": "WF",
	"WI": "EH", "WS": "WS", "WZ": "SZ", "YM": "YE", "ZA": "ZM", "ZI": "ZW", "OD": "SS", "NN": "SX",
	// historic FIPS codes
	"UR": "SU", "YO": "YU", "YI": "RS", "TC": "AE", "ZR": "CD", "GC": "DD", "YS": "YE",
	"RH": "ZW",
}

// isoName returns the short English name of an ISO alpha-2 code.
func isoName(code string) string {
	if n, ok := getLexicon().countries[code]; ok {
		return n
	}
	return code
}

// FIPSToISO returns the ISO 3166-1 alpha-2 code for a FIPS 10-4 country code
// (as used in cable TAGS), and whether it is a known country code.
func FIPSToISO(fips string) (string, bool) {
	iso, ok := fipsToISO[fips]
	return iso, ok
}
