package synth

// This file holds the generator's world: countries, posts, names, titles
// and organizations. Country and city names, well-known international
// bodies and common given names and surnames are general knowledge; the
// routing indicators of the posts are compiled from the cablemap reference
// tables (BSD-3, see NOTICE). Nothing here is copied from a cable.

// Name pools, one per broad naming tradition.
const (
	poolAnglo = iota
	poolWestEU
	poolSlav
	poolTurk
	poolArab
	poolPersian
	poolSouthAsia
	poolChinese
	poolJapanese
	poolKorean
	poolSEAsia
	poolAfrica
	poolLatin
	numPools
)

type country struct {
	fips   string // FIPS 10-4 geographic TAG
	name   string
	adj    string
	pool   int
	cities []string // capital first
}

var countries = []country{
	{"RS", "Russia", "Russian", poolSlav, []string{"Moscow", "St. Petersburg", "Yekaterinburg", "Kazan", "Novosibirsk", "Vladivostok"}},
	{"UP", "Ukraine", "Ukrainian", poolSlav, []string{"Kyiv", "Kharkiv", "Odesa", "Lviv", "Donetsk"}},
	{"BO", "Belarus", "Belarusian", poolSlav, []string{"Minsk", "Brest", "Gomel", "Grodno"}},
	{"GG", "Georgia", "Georgian", poolSlav, []string{"Tbilisi", "Batumi", "Kutaisi", "Gori"}},
	{"AM", "Armenia", "Armenian", poolSlav, []string{"Yerevan", "Gyumri", "Vanadzor"}},
	{"AJ", "Azerbaijan", "Azerbaijani", poolTurk, []string{"Baku", "Ganja", "Sumgait"}},
	{"KZ", "Kazakhstan", "Kazakhstani", poolTurk, []string{"Astana", "Almaty", "Shymkent", "Atyrau"}},
	{"UZ", "Uzbekistan", "Uzbek", poolTurk, []string{"Tashkent", "Samarkand", "Bukhara", "Andijan"}},
	{"KG", "Kyrgyzstan", "Kyrgyz", poolTurk, []string{"Bishkek", "Osh", "Jalalabad"}},
	{"TI", "Tajikistan", "Tajik", poolPersian, []string{"Dushanbe", "Khujand", "Kulob"}},
	{"PL", "Poland", "Polish", poolSlav, []string{"Warsaw", "Krakow", "Gdansk", "Wroclaw"}},
	{"EZ", "Czech Republic", "Czech", poolSlav, []string{"Prague", "Brno", "Ostrava"}},
	{"HU", "Hungary", "Hungarian", poolSlav, []string{"Budapest", "Debrecen", "Szeged"}},
	{"RO", "Romania", "Romanian", poolSlav, []string{"Bucharest", "Cluj", "Constanta", "Iasi"}},
	{"BU", "Bulgaria", "Bulgarian", poolSlav, []string{"Sofia", "Plovdiv", "Varna"}},
	{"RI", "Serbia", "Serbian", poolSlav, []string{"Belgrade", "Novi Sad", "Nis"}},
	{"HR", "Croatia", "Croatian", poolSlav, []string{"Zagreb", "Split", "Rijeka"}},
	{"BK", "Bosnia and Herzegovina", "Bosnian", poolSlav, []string{"Sarajevo", "Banja Luka", "Mostar", "Tuzla"}},
	{"KV", "Kosovo", "Kosovar", poolSlav, []string{"Pristina", "Mitrovica", "Prizren"}},
	{"MD", "Moldova", "Moldovan", poolSlav, []string{"Chisinau", "Balti", "Tiraspol"}},
	{"LH", "Lithuania", "Lithuanian", poolSlav, []string{"Vilnius", "Kaunas", "Klaipeda"}},
	{"UK", "United Kingdom", "British", poolAnglo, []string{"London", "Edinburgh", "Belfast", "Manchester"}},
	{"FR", "France", "French", poolWestEU, []string{"Paris", "Marseille", "Lyon", "Strasbourg"}},
	{"GM", "Germany", "German", poolWestEU, []string{"Berlin", "Frankfurt", "Munich", "Hamburg", "Leipzig"}},
	{"IT", "Italy", "Italian", poolWestEU, []string{"Rome", "Milan", "Naples", "Florence"}},
	{"SP", "Spain", "Spanish", poolLatin, []string{"Madrid", "Barcelona", "Seville", "Valencia"}},
	{"PO", "Portugal", "Portuguese", poolLatin, []string{"Lisbon", "Porto", "Ponta Delgada"}},
	{"NL", "Netherlands", "Dutch", poolWestEU, []string{"The Hague", "Amsterdam", "Rotterdam"}},
	{"BE", "Belgium", "Belgian", poolWestEU, []string{"Brussels", "Antwerp", "Ghent"}},
	{"AU", "Austria", "Austrian", poolWestEU, []string{"Vienna", "Salzburg", "Graz"}},
	{"SZ", "Switzerland", "Swiss", poolWestEU, []string{"Bern", "Geneva", "Zurich"}},
	{"SW", "Sweden", "Swedish", poolWestEU, []string{"Stockholm", "Gothenburg", "Malmo"}},
	{"NO", "Norway", "Norwegian", poolWestEU, []string{"Oslo", "Bergen", "Tromso"}},
	{"GR", "Greece", "Greek", poolWestEU, []string{"Athens", "Thessaloniki", "Patras"}},
	{"TU", "Turkey", "Turkish", poolTurk, []string{"Ankara", "Istanbul", "Adana", "Izmir", "Diyarbakir"}},
	{"IZ", "Iraq", "Iraqi", poolArab, []string{"Baghdad", "Basrah", "Mosul", "Erbil", "Kirkuk", "Najaf"}},
	{"IR", "Iran", "Iranian", poolPersian, []string{"Tehran", "Isfahan", "Mashhad", "Tabriz"}},
	{"AF", "Afghanistan", "Afghan", poolPersian, []string{"Kabul", "Kandahar", "Herat", "Mazar-e Sharif", "Jalalabad"}},
	{"PK", "Pakistan", "Pakistani", poolSouthAsia, []string{"Islamabad", "Karachi", "Lahore", "Peshawar", "Quetta"}},
	{"IN", "India", "Indian", poolSouthAsia, []string{"New Delhi", "Mumbai", "Chennai", "Kolkata", "Hyderabad"}},
	{"BG", "Bangladesh", "Bangladeshi", poolSouthAsia, []string{"Dhaka", "Chittagong", "Sylhet"}},
	{"CE", "Sri Lanka", "Sri Lankan", poolSouthAsia, []string{"Colombo", "Kandy", "Jaffna", "Trincomalee"}},
	{"NP", "Nepal", "Nepali", poolSouthAsia, []string{"Kathmandu", "Pokhara", "Biratnagar"}},
	{"EG", "Egypt", "Egyptian", poolArab, []string{"Cairo", "Alexandria", "Aswan", "Port Said"}},
	{"JO", "Jordan", "Jordanian", poolArab, []string{"Amman", "Irbid", "Zarqa", "Aqaba"}},
	{"SA", "Saudi Arabia", "Saudi", poolArab, []string{"Riyadh", "Jeddah", "Dhahran", "Mecca"}},
	{"KU", "Kuwait", "Kuwaiti", poolArab, []string{"Kuwait City", "Jahra", "Ahmadi"}},
	{"QA", "Qatar", "Qatari", poolArab, []string{"Doha", "Al Khor", "Dukhan"}},
	{"AE", "United Arab Emirates", "Emirati", poolArab, []string{"Abu Dhabi", "Dubai", "Sharjah"}},
	{"BA", "Bahrain", "Bahraini", poolArab, []string{"Manama", "Muharraq", "Riffa"}},
	{"YM", "Yemen", "Yemeni", poolArab, []string{"Sanaa", "Aden", "Taiz", "Mukalla"}},
	{"LE", "Lebanon", "Lebanese", poolArab, []string{"Beirut", "Tripoli", "Sidon", "Tyre"}},
	{"SY", "Syria", "Syrian", poolArab, []string{"Damascus", "Aleppo", "Homs", "Latakia"}},
	{"IS", "Israel", "Israeli", poolWestEU, []string{"Jerusalem", "Tel Aviv", "Haifa", "Beersheba"}},
	{"LY", "Libya", "Libyan", poolArab, []string{"Tripoli", "Benghazi", "Misrata"}},
	{"AG", "Algeria", "Algerian", poolArab, []string{"Algiers", "Oran", "Constantine"}},
	{"MO", "Morocco", "Moroccan", poolArab, []string{"Rabat", "Casablanca", "Marrakech", "Tangier"}},
	{"TS", "Tunisia", "Tunisian", poolArab, []string{"Tunis", "Sfax", "Sousse"}},
	{"SU", "Sudan", "Sudanese", poolArab, []string{"Khartoum", "Juba", "Port Sudan", "El Fasher"}},
	{"CH", "China", "Chinese", poolChinese, []string{"Beijing", "Shanghai", "Guangzhou", "Chengdu", "Shenyang"}},
	{"TW", "Taiwan", "Taiwanese", poolChinese, []string{"Taipei", "Kaohsiung", "Taichung"}},
	{"HK", "Hong Kong", "Hong Kong", poolChinese, []string{"Hong Kong", "Kowloon"}},
	{"JA", "Japan", "Japanese", poolJapanese, []string{"Tokyo", "Osaka", "Nagoya", "Naha", "Sapporo", "Fukuoka"}},
	{"KS", "South Korea", "South Korean", poolKorean, []string{"Seoul", "Busan", "Incheon", "Daegu"}},
	{"VM", "Vietnam", "Vietnamese", poolSEAsia, []string{"Hanoi", "Ho Chi Minh City", "Da Nang", "Hue"}},
	{"TH", "Thailand", "Thai", poolSEAsia, []string{"Bangkok", "Chiang Mai", "Phuket", "Songkhla"}},
	{"ID", "Indonesia", "Indonesian", poolSEAsia, []string{"Jakarta", "Surabaya", "Medan", "Makassar", "Banda Aceh"}},
	{"RP", "Philippines", "Philippine", poolSEAsia, []string{"Manila", "Cebu", "Davao", "Zamboanga"}},
	{"MY", "Malaysia", "Malaysian", poolSEAsia, []string{"Kuala Lumpur", "Penang", "Johor Bahru", "Kota Kinabalu"}},
	{"SN", "Singapore", "Singaporean", poolChinese, []string{"Singapore"}},
	{"BM", "Burma", "Burmese", poolSEAsia, []string{"Rangoon", "Mandalay", "Naypyitaw"}},
	{"MG", "Mongolia", "Mongolian", poolTurk, []string{"Ulaanbaatar", "Darkhan", "Erdenet"}},
	{"AS", "Australia", "Australian", poolAnglo, []string{"Canberra", "Sydney", "Melbourne", "Perth"}},
	{"NZ", "New Zealand", "New Zealand", poolAnglo, []string{"Wellington", "Auckland", "Christchurch"}},
	{"KE", "Kenya", "Kenyan", poolAfrica, []string{"Nairobi", "Mombasa", "Kisumu", "Eldoret"}},
	{"SF", "South Africa", "South African", poolAfrica, []string{"Pretoria", "Johannesburg", "Cape Town", "Durban"}},
	{"NI", "Nigeria", "Nigerian", poolAfrica, []string{"Abuja", "Lagos", "Kano", "Port Harcourt"}},
	{"ET", "Ethiopia", "Ethiopian", poolAfrica, []string{"Addis Ababa", "Dire Dawa", "Mekele", "Gondar"}},
	{"UG", "Uganda", "Ugandan", poolAfrica, []string{"Kampala", "Gulu", "Entebbe"}},
	{"TZ", "Tanzania", "Tanzanian", poolAfrica, []string{"Dar es Salaam", "Dodoma", "Arusha", "Zanzibar"}},
	{"GH", "Ghana", "Ghanaian", poolAfrica, []string{"Accra", "Kumasi", "Tamale"}},
	{"SG", "Senegal", "Senegalese", poolAfrica, []string{"Dakar", "Saint-Louis", "Touba"}},
	{"CG", "Democratic Republic of the Congo", "Congolese", poolAfrica, []string{"Kinshasa", "Goma", "Lubumbashi", "Bukavu"}},
	{"ZI", "Zimbabwe", "Zimbabwean", poolAfrica, []string{"Harare", "Bulawayo", "Mutare"}},
	{"RW", "Rwanda", "Rwandan", poolAfrica, []string{"Kigali", "Butare", "Gisenyi"}},
	{"ML", "Mali", "Malian", poolAfrica, []string{"Bamako", "Timbuktu", "Gao", "Mopti"}},
	{"CD", "Chad", "Chadian", poolAfrica, []string{"N'Djamena", "Abeche", "Moundou"}},
	{"MX", "Mexico", "Mexican", poolLatin, []string{"Mexico City", "Monterrey", "Guadalajara", "Tijuana", "Ciudad Juarez"}},
	{"BR", "Brazil", "Brazilian", poolLatin, []string{"Brasilia", "Sao Paulo", "Rio de Janeiro", "Recife"}},
	{"AR", "Argentina", "Argentine", poolLatin, []string{"Buenos Aires", "Cordoba", "Rosario", "Mendoza"}},
	{"CI", "Chile", "Chilean", poolLatin, []string{"Santiago", "Valparaiso", "Concepcion"}},
	{"CO", "Colombia", "Colombian", poolLatin, []string{"Bogota", "Medellin", "Cali", "Barranquilla"}},
	{"VE", "Venezuela", "Venezuelan", poolLatin, []string{"Caracas", "Maracaibo", "Valencia"}},
	{"PE", "Peru", "Peruvian", poolLatin, []string{"Lima", "Cusco", "Arequipa", "Trujillo"}},
	{"EC", "Ecuador", "Ecuadorian", poolLatin, []string{"Quito", "Guayaquil", "Cuenca"}},
	{"BL", "Bolivia", "Bolivian", poolLatin, []string{"La Paz", "Santa Cruz", "Cochabamba", "Sucre"}},
	{"CU", "Cuba", "Cuban", poolLatin, []string{"Havana", "Santiago de Cuba", "Camaguey"}},
	{"PM", "Panama", "Panamanian", poolLatin, []string{"Panama City", "Colon", "David"}},
	{"ES", "El Salvador", "Salvadoran", poolLatin, []string{"San Salvador", "Santa Ana", "San Miguel"}},
	{"GT", "Guatemala", "Guatemalan", poolLatin, []string{"Guatemala City", "Quetzaltenango", "Escuintla"}},
	{"HO", "Honduras", "Honduran", poolLatin, []string{"Tegucigalpa", "San Pedro Sula", "La Ceiba"}},
	{"NU", "Nicaragua", "Nicaraguan", poolLatin, []string{"Managua", "Leon", "Granada"}},
	{"HA", "Haiti", "Haitian", poolWestEU, []string{"Port-au-Prince", "Cap-Haitien", "Gonaives"}},
	{"JM", "Jamaica", "Jamaican", poolAnglo, []string{"Kingston", "Montego Bay", "Spanish Town"}},
	{"CA", "Canada", "Canadian", poolAnglo, []string{"Ottawa", "Toronto", "Montreal", "Vancouver", "Calgary"}},
}

// countryIndex maps a FIPS tag to its index in countries.
var countryIndex = func() map[string]int {
	m := make(map[string]int, len(countries))
	for i, c := range countries {
		m[c.fips] = i
	}
	return m
}()

// post is an originating station. cls is its name on the classification
// line; the reference id's station is cls without spaces.
type post struct {
	route   string // routing indicator of the DE line
	fm      string // FM line
	cls     string // name on the classification line
	origin  string // display origin as cables.csv has it
	country string // FIPS tag; "" for Washington and multilateral missions
	weight  int    // relative share of the corpus
	annual  int    // typical yearly telegram count, for serial numbers
}

var posts = []post{
	{"RUEHC", "SECSTATE WASHDC", "STATE", "Secretary of State", "", 900, 130000},
	{"RUCNDT", "USMISSION USUN NEW YORK", "USUN NEW YORK", "USUN New York", "", 90, 1200},
	{"RUEHGV", "USMISSION GENEVA", "GENEVA", "Mission Geneva", "", 60, 1100},
	{"RUEHNO", "USMISSION USNATO", "USNATO", "Mission USNATO", "", 60, 800},
	{"RUEHUNV", "USMISSION UNVIE VIENNA", "UNVIE VIENNA", "UNVIE", "", 35, 600},
	{"RUEHMO", "AMEMBASSY MOSCOW", "MOSCOW", "Embassy Moscow", "RS", 170, 6000},
	{"RUEHLN", "AMCONSUL ST PETERSBURG", "ST PETERSBURG", "Consulate St. Petersburg", "RS", 20, 400},
	{"RUEHYG", "AMCONSUL YEKATERINBURG", "YEKATERINBURG", "Consulate Yekaterinburg", "RS", 10, 300},
	{"RUEHKV", "AMEMBASSY KYIV", "KYIV", "Embassy Kyiv", "UP", 70, 2800},
	{"RUEHSK", "AMEMBASSY MINSK", "MINSK", "Embassy Minsk", "BO", 20, 1200},
	{"RUEHSI", "AMEMBASSY TBILISI", "TBILISI", "Embassy Tbilisi", "GG", 45, 2600},
	{"RUEHYE", "AMEMBASSY YEREVAN", "YEREVAN", "Embassy Yerevan", "AM", 30, 1500},
	{"RUEHKB", "AMEMBASSY BAKU", "BAKU", "Embassy Baku", "AJ", 40, 1500},
	{"RUEHTA", "AMEMBASSY ASTANA", "ASTANA", "Embassy Astana", "KZ", 45, 2200},
	{"RUEHNT", "AMEMBASSY TASHKENT", "TASHKENT", "Embassy Tashkent", "UZ", 35, 2000},
	{"RUEHEK", "AMEMBASSY BISHKEK", "BISHKEK", "Embassy Bishkek", "KG", 30, 1300},
	{"RUEHDBU", "AMEMBASSY DUSHANBE", "DUSHANBE", "Embassy Dushanbe", "TI", 25, 1800},
	{"RUEHWR", "AMEMBASSY WARSAW", "WARSAW", "Embassy Warsaw", "PL", 35, 1400},
	{"RUEHPG", "AMEMBASSY PRAGUE", "PRAGUE", "Embassy Prague", "EZ", 25, 800},
	{"RUEHUP", "AMEMBASSY BUDAPEST", "BUDAPEST", "Embassy Budapest", "HU", 30, 900},
	{"RUEHBM", "AMEMBASSY BUCHAREST", "BUCHAREST", "Embassy Bucharest", "RO", 30, 1000},
	{"RUEHSF", "AMEMBASSY SOFIA", "SOFIA", "Embassy Sofia", "BU", 30, 800},
	{"RUEHBW", "AMEMBASSY BELGRADE", "BELGRADE", "Embassy Belgrade", "RI", 35, 1400},
	{"RUEHVB", "AMEMBASSY ZAGREB", "ZAGREB", "Embassy Zagreb", "HR", 25, 900},
	{"RUEHVJ", "AMEMBASSY SARAJEVO", "SARAJEVO", "Embassy Sarajevo", "BK", 35, 1500},
	{"RUEHPS", "AMEMBASSY PRISTINA", "PRISTINA", "Embassy Pristina", "KV", 20, 600},
	{"RUEHCH", "AMEMBASSY CHISINAU", "CHISINAU", "Embassy Chisinau", "MD", 20, 900},
	{"RUEHVL", "AMEMBASSY VILNIUS", "VILNIUS", "Embassy Vilnius", "LH", 15, 700},
	{"RUEHLO", "AMEMBASSY LONDON", "LONDON", "Embassy London", "UK", 90, 3000},
	{"RUEHFR", "AMEMBASSY PARIS", "PARIS", "Embassy Paris", "FR", 90, 2200},
	{"RUEHRL", "AMEMBASSY BERLIN", "BERLIN", "Embassy Berlin", "GM", 80, 1800},
	{"RUEHFT", "AMCONSUL FRANKFURT", "FRANKFURT", "Consulate Frankfurt", "GM", 25, 900},
	{"RUEHRO", "AMEMBASSY ROME", "ROME", "Embassy Rome", "IT", 65, 2200},
	{"RUEHMD", "AMEMBASSY MADRID", "MADRID", "Embassy Madrid", "SP", 50, 1200},
	{"RUEHLI", "AMEMBASSY LISBON", "LISBON", "Embassy Lisbon", "PO", 20, 800},
	{"RUEHTC", "AMEMBASSY THE HAGUE", "THE HAGUE", "Embassy The Hague", "NL", 45, 1000},
	{"RUEHBS", "AMEMBASSY BRUSSELS", "BRUSSELS", "Embassy Brussels", "BE", 45, 1600},
	{"RUEHVI", "AMEMBASSY VIENNA", "VIENNA", "Embassy Vienna", "AU", 35, 1300},
	{"RUEHSW", "AMEMBASSY BERN", "BERN", "Embassy Bern", "SZ", 20, 600},
	{"RUEHSM", "AMEMBASSY STOCKHOLM", "STOCKHOLM", "Embassy Stockholm", "SW", 30, 800},
	{"RUEHNY", "AMEMBASSY OSLO", "OSLO", "Embassy Oslo", "NO", 30, 700},
	{"RUEHTH", "AMEMBASSY ATHENS", "ATHENS", "Embassy Athens", "GR", 45, 1800},
	{"RUEHAK", "AMEMBASSY ANKARA", "ANKARA", "Embassy Ankara", "TU", 110, 2400},
	{"RUEHIT", "AMCONSUL ISTANBUL", "ISTANBUL", "Consulate Istanbul", "TU", 30, 600},
	{"RUEHDA", "AMCONSUL ADANA", "ADANA", "Consulate Adana", "TU", 15, 300},
	{"RUEHGB", "AMEMBASSY BAGHDAD", "BAGHDAD", "Embassy Baghdad", "IZ", 250, 3600},
	{"RUEHIL", "AMEMBASSY ISLAMABAD", "ISLAMABAD", "Embassy Islamabad", "PK", 70, 4000},
	{"RUEHKP", "AMCONSUL KARACHI", "KARACHI", "Consulate Karachi", "PK", 20, 900},
	{"RUEHLH", "AMCONSUL LAHORE", "LAHORE", "Consulate Lahore", "PK", 15, 500},
	{"RUEHBUL", "AMEMBASSY KABUL", "KABUL", "Embassy Kabul", "AF", 110, 3800},
	{"RUEHNE", "AMEMBASSY NEW DELHI", "NEW DELHI", "Embassy New Delhi", "IN", 90, 3400},
	{"RUEHBI", "AMCONSUL MUMBAI", "MUMBAI", "Consulate Mumbai", "IN", 25, 700},
	{"RUEHCI", "AMCONSUL KOLKATA", "KOLKATA", "Consulate Kolkata", "IN", 15, 400},
	{"RUEHKA", "AMEMBASSY DHAKA", "DHAKA", "Embassy Dhaka", "BG", 35, 1900},
	{"RUEHLM", "AMEMBASSY COLOMBO", "COLOMBO", "Embassy Colombo", "CE", 40, 1300},
	{"RUEHKT", "AMEMBASSY KATHMANDU", "KATHMANDU", "Embassy Kathmandu", "NP", 40, 1500},
	{"RUEHEG", "AMEMBASSY CAIRO", "CAIRO", "Embassy Cairo", "EG", 80, 2500},
	{"RUEHAM", "AMEMBASSY AMMAN", "AMMAN", "Embassy Amman", "JO", 70, 3200},
	{"RUEHRH", "AMEMBASSY RIYADH", "RIYADH", "Embassy Riyadh", "SA", 60, 1700},
	{"RUEHJI", "AMCONSUL JEDDAH", "JEDDAH", "Consulate Jeddah", "SA", 20, 600},
	{"RUEHKU", "AMEMBASSY KUWAIT", "KUWAIT", "Embassy Kuwait", "KU", 60, 1300},
	{"RUEHDO", "AMEMBASSY DOHA", "DOHA", "Embassy Doha", "QA", 30, 900},
	{"RUEHAD", "AMEMBASSY ABU DHABI", "ABU DHABI", "Embassy Abu Dhabi", "AE", 50, 1300},
	{"RUEHDE", "AMCONSUL DUBAI", "DUBAI", "Consulate Dubai", "AE", 20, 600},
	{"RUEHYN", "AMEMBASSY SANAA", "SANAA", "Embassy Sanaa", "YM", 40, 2500},
	{"RUEHLB", "AMEMBASSY BEIRUT", "BEIRUT", "Embassy Beirut", "LE", 70, 1500},
	{"RUEHDM", "AMEMBASSY DAMASCUS", "DAMASCUS", "Embassy Damascus", "SY", 40, 900},
	{"RUEHTV", "AMEMBASSY TEL AVIV", "TEL AVIV", "Embassy Tel Aviv", "IS", 90, 2800},
	{"RUEHJM", "AMCONSUL JERUSALEM", "JERUSALEM", "Consulate Jerusalem", "IS", 35, 2300},
	{"RUEHTRO", "AMEMBASSY TRIPOLI", "TRIPOLI", "Embassy Tripoli", "LY", 30, 1000},
	{"RUEHAS", "AMEMBASSY ALGIERS", "ALGIERS", "Embassy Algiers", "AG", 30, 1200},
	{"RUEHRB", "AMEMBASSY RABAT", "RABAT", "Embassy Rabat", "MO", 35, 1100},
	{"RUEHTU", "AMEMBASSY TUNIS", "TUNIS", "Embassy Tunis", "TS", 30, 1200},
	{"RUEHKH", "AMEMBASSY KHARTOUM", "KHARTOUM", "Embassy Khartoum", "SU", 55, 1900},
	{"RUEHBJ", "AMEMBASSY BEIJING", "BEIJING", "Embassy Beijing", "CH", 150, 11000},
	{"RUEHGZ", "AMCONSUL GUANGZHOU", "GUANGZHOU", "Consulate Guangzhou", "CH", 20, 1000},
	{"RUEHSH", "AMCONSUL SHENYANG", "SHENYANG", "Consulate Shenyang", "CH", 15, 500},
	{"RUEHCN", "AMCONSUL CHENGDU", "CHENGDU", "Consulate Chengdu", "CH", 15, 400},
	{"RUEHHK", "AMCONSUL HONG KONG", "HONG KONG", "Consulate Hong Kong", "HK", 45, 2900},
	{"RUEHIN", "AIT TAIPEI", "TAIPEI", "American Institute Taiwan, Taipei", "TW", 70, 2700},
	{"RUEHKO", "AMEMBASSY TOKYO", "TOKYO", "Embassy Tokyo", "JA", 140, 2900},
	{"RUEHOK", "AMCONSUL OSAKA KOBE", "OSAKA KOBE", "Consulate Osaka Kobe", "JA", 10, 300},
	{"RUEHNH", "AMCONSUL NAHA", "NAHA", "Consulate Naha", "JA", 10, 300},
	{"RUEHUL", "AMEMBASSY SEOUL", "SEOUL", "Embassy Seoul", "KS", 85, 2100},
	{"RUEHHI", "AMEMBASSY HANOI", "HANOI", "Embassy Hanoi", "VM", 45, 1500},
	{"RUEHHM", "AMCONSUL HO CHI MINH CITY", "HO CHI MINH CITY", "Consulate Ho Chi Minh City", "VM", 25, 800},
	{"RUEHBK", "AMEMBASSY BANGKOK", "BANGKOK", "Embassy Bangkok", "TH", 80, 3200},
	{"RUEHJA", "AMEMBASSY JAKARTA", "JAKARTA", "Embassy Jakarta", "ID", 60, 3400},
	{"RUEHML", "AMEMBASSY MANILA", "MANILA", "Embassy Manila", "RP", 50, 2800},
	{"RUEHKL", "AMEMBASSY KUALA LUMPUR", "KUALA LUMPUR", "Embassy Kuala Lumpur", "MY", 40, 1300},
	{"RUEHGP", "AMEMBASSY SINGAPORE", "SINGAPORE", "Embassy Singapore", "SN", 40, 1300},
	{"RUEHGO", "AMEMBASSY RANGOON", "RANGOON", "Embassy Rangoon", "BM", 35, 900},
	{"RUEHUM", "AMEMBASSY ULAANBAATAR", "ULAANBAATAR", "Embassy Ulaanbaatar", "MG", 20, 500},
	{"RUEHBY", "AMEMBASSY CANBERRA", "CANBERRA", "Embassy Canberra", "AS", 45, 900},
	{"RUEHWL", "AMEMBASSY WELLINGTON", "WELLINGTON", "Embassy Wellington", "NZ", 20, 500},
	{"RUEHNR", "AMEMBASSY NAIROBI", "NAIROBI", "Embassy Nairobi", "KE", 55, 5000},
	{"RUEHSA", "AMEMBASSY PRETORIA", "PRETORIA", "Embassy Pretoria", "SF", 50, 2700},
	{"RUEHUJA", "AMEMBASSY ABUJA", "ABUJA", "Embassy Abuja", "NI", 45, 2300},
	{"RUEHOS", "AMCONSUL LAGOS", "LAGOS", "Consulate Lagos", "NI", 20, 700},
	{"RUEHDS", "AMEMBASSY ADDIS ABABA", "ADDIS ABABA", "Embassy Addis Ababa", "ET", 45, 3200},
	{"RUEHKM", "AMEMBASSY KAMPALA", "KAMPALA", "Embassy Kampala", "UG", 30, 1600},
	{"RUEHDR", "AMEMBASSY DAR ES SALAAM", "DAR ES SALAAM", "Embassy Dar Es Salaam", "TZ", 30, 1200},
	{"RUEHAR", "AMEMBASSY ACCRA", "ACCRA", "Embassy Accra", "GH", 25, 1400},
	{"RUEHDK", "AMEMBASSY DAKAR", "DAKAR", "Embassy Dakar", "SG", 25, 1400},
	{"RUEHKI", "AMEMBASSY KINSHASA", "KINSHASA", "Embassy Kinshasa", "CG", 35, 1200},
	{"RUEHSAB", "AMEMBASSY HARARE", "HARARE", "Embassy Harare", "ZI", 40, 1100},
	{"RUEHLGB", "AMEMBASSY KIGALI", "KIGALI", "Embassy Kigali", "RW", 20, 900},
	{"RUEHBP", "AMEMBASSY BAMAKO", "BAMAKO", "Embassy Bamako", "ML", 20, 900},
	{"RUEHNJ", "AMEMBASSY NDJAMENA", "NDJAMENA", "Embassy Ndjamena", "CD", 20, 1400},
	{"RUEHME", "AMEMBASSY MEXICO", "MEXICO", "Embassy Mexico", "MX", 80, 3700},
	{"RUEHMC", "AMCONSUL MONTERREY", "MONTERREY", "Consulate Monterrey", "MX", 15, 600},
	{"RUEHCD", "AMCONSUL CIUDAD JUAREZ", "CIUDAD JUAREZ", "Consulate Ciudad Juarez", "MX", 10, 400},
	{"RUEHBR", "AMEMBASSY BRASILIA", "BRASILIA", "Embassy Brasilia", "BR", 60, 1700},
	{"RUEHSO", "AMCONSUL SAO PAULO", "SAO PAULO", "Consulate Sao Paulo", "BR", 30, 1100},
	{"RUEHBU", "AMEMBASSY BUENOS AIRES", "BUENOS AIRES", "Embassy Buenos Aires", "AR", 50, 1600},
	{"RUEHSG", "AMEMBASSY SANTIAGO", "SANTIAGO", "Embassy Santiago", "CI", 35, 900},
	{"RUEHBO", "AMEMBASSY BOGOTA", "BOGOTA", "Embassy Bogota", "CO", 60, 4500},
	{"RUEHCV", "AMEMBASSY CARACAS", "CARACAS", "Embassy Caracas", "VE", 70, 1700},
	{"RUEHPE", "AMEMBASSY LIMA", "LIMA", "Embassy Lima", "PE", 40, 2500},
	{"RUEHQT", "AMEMBASSY QUITO", "QUITO", "Embassy Quito", "EC", 35, 1300},
	{"RUEHLP", "AMEMBASSY LA PAZ", "LA PAZ", "Embassy La Paz", "BL", 45, 1700},
	{"RUEHUB", "USINT HAVANA", "HAVANA", "US Interests Section Havana", "CU", 40, 900},
	{"RUEHZP", "AMEMBASSY PANAMA", "PANAMA", "Embassy Panama", "PM", 30, 1600},
	{"RUEHSN", "AMEMBASSY SAN SALVADOR", "SAN SALVADOR", "Embassy San Salvador", "ES", 25, 1400},
	{"RUEHGT", "AMEMBASSY GUATEMALA", "GUATEMALA", "Embassy Guatemala", "GT", 25, 1900},
	{"RUEHTG", "AMEMBASSY TEGUCIGALPA", "TEGUCIGALPA", "Embassy Tegucigalpa", "HO", 30, 1100},
	{"RUEHMU", "AMEMBASSY MANAGUA", "MANAGUA", "Embassy Managua", "NU", 30, 1300},
	{"RUEHPU", "AMEMBASSY PORT AU PRINCE", "PORT AU PRINCE", "Embassy Port Au Prince", "HA", 35, 1300},
	{"RUEHKG", "AMEMBASSY KINGSTON", "KINGSTON", "Embassy Kingston", "JM", 20, 900},
	{"RUEHOT", "AMEMBASSY OTTAWA", "OTTAWA", "Embassy Ottawa", "CA", 45, 1600},
	{"RUEHON", "AMCONSUL TORONTO", "TORONTO", "Consulate Toronto", "CA", 10, 300},
}

// Name pools: given names and surnames. Common names only.
var firstNames = [numPools][]string{
	poolAnglo:     {"John", "Mary", "David", "Susan", "Michael", "Karen", "Robert", "Linda", "James", "Patricia", "William", "Elizabeth", "Richard", "Margaret", "Thomas", "Barbara", "Charles", "Jennifer", "Daniel", "Helen", "Paul", "Anne", "Mark", "Laura", "Peter", "Sarah"},
	poolWestEU:    {"Jean", "Pierre", "Marie", "Claire", "Hans", "Klaus", "Ursula", "Wolfgang", "Giovanni", "Marco", "Francesca", "Luca", "Anna", "Jan", "Pieter", "Sofia", "Lars", "Ingrid", "Erik", "Nikos", "Eleni", "Dimitris", "Thomas", "Michel", "Sabine", "Stefan"},
	poolSlav:      {"Ivan", "Sergey", "Dmitriy", "Aleksandr", "Vladimir", "Nikolay", "Olga", "Tatyana", "Yelena", "Natalya", "Andriy", "Oleksandr", "Viktor", "Petr", "Pavel", "Marek", "Tomasz", "Katarzyna", "Jiri", "Zoran", "Dragan", "Milan", "Goran", "Irina", "Mikhail", "Anatoliy"},
	poolTurk:      {"Mehmet", "Ahmet", "Mustafa", "Ayse", "Fatma", "Emine", "Murat", "Kemal", "Selim", "Orhan", "Erlan", "Bakyt", "Nurlan", "Aliya", "Rustam", "Farid", "Elmar", "Leyla", "Timur", "Azamat", "Baatar", "Bolor", "Gulnara", "Serik"},
	poolArab:      {"Ahmed", "Mohammed", "Ali", "Hassan", "Hussein", "Omar", "Khalid", "Youssef", "Ibrahim", "Abdullah", "Mahmoud", "Karim", "Tariq", "Samir", "Walid", "Nabil", "Fatima", "Layla", "Mona", "Rania", "Salim", "Faisal", "Hamad", "Nasser", "Jamal", "Adel"},
	poolPersian:   {"Reza", "Hossein", "Mehdi", "Ali", "Mohammad", "Hamid", "Mahmoud", "Parviz", "Dariush", "Farhad", "Shirin", "Maryam", "Zahra", "Abdul", "Ahmad", "Gul", "Rahim", "Karim", "Nasrin", "Davood", "Saeed", "Jalal"},
	poolSouthAsia: {"Rajesh", "Sunil", "Anil", "Vijay", "Priya", "Sunita", "Ravi", "Arjun", "Amit", "Imran", "Asif", "Tariq", "Nasir", "Shahid", "Farooq", "Ayesha", "Nadia", "Kamal", "Ranjit", "Mahinda", "Ram", "Krishna", "Gopal", "Sanjay"},
	poolChinese:   {"Wei", "Jun", "Ming", "Hua", "Li", "Jian", "Yong", "Lei", "Xiaoming", "Jianguo", "Hong", "Ping", "Qiang", "Yan", "Chun", "Bo", "Tao", "Hui", "Kai", "Fang", "Lin", "Zhiwei"},
	poolJapanese:  {"Hiroshi", "Takashi", "Kenji", "Yuki", "Akira", "Taro", "Ichiro", "Naoko", "Keiko", "Yoshiko", "Masao", "Kazuo", "Shinji", "Koji", "Tomoko", "Satoshi", "Makoto", "Haruki", "Noriko", "Yasuo"},
	poolKorean:    {"Min-soo", "Ji-hoon", "Young-ho", "Sung-min", "Hyun-woo", "Eun-ji", "Soo-jin", "Jae-won", "Dong-hyun", "Kyung-hee", "Sang-woo", "Hye-jin", "Byung-chul", "Myung-ho", "Jong-su", "Mi-kyung"},
	poolSEAsia:    {"Nguyen", "Tran", "Somchai", "Suthep", "Budi", "Agus", "Siti", "Dewi", "Maria", "Jose", "Ramon", "Ahmad", "Aung", "Kyaw", "Thein", "Minh", "Lan", "Anh", "Surin", "Chai", "Rizal", "Nur"},
	poolAfrica:    {"John", "Joseph", "Samuel", "Peter", "Grace", "Esther", "Moses", "Emmanuel", "Kwame", "Kofi", "Ama", "Amadou", "Moussa", "Fatou", "Ibrahim", "Oluwaseun", "Chinedu", "Ngozi", "Tendai", "Tatenda", "Jean-Pierre", "Mamadou", "Abebe", "Tesfaye", "Wanjiru", "Kamau"},
	poolLatin:     {"Juan", "Jose", "Carlos", "Luis", "Jorge", "Miguel", "Ana", "Maria", "Carmen", "Rosa", "Fernando", "Ricardo", "Alejandro", "Eduardo", "Roberto", "Patricia", "Gabriela", "Andres", "Pablo", "Diego", "Sergio", "Marcelo", "Joao", "Paulo", "Antonio", "Manuel"},
}

var surnames = [numPools][]string{
	poolAnglo:     {"Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor", "Thomas", "Moore", "Martin", "Jackson", "Thompson", "White", "Harris", "Clark", "Lewis", "Walker", "Hall", "Allen", "Young", "King", "Wright", "Scott", "Green", "Baker", "Adams", "Nelson", "Carter", "Mitchell", "Roberts", "Turner", "Phillips", "Campbell", "Parker", "Evans", "Edwards", "Collins"},
	poolWestEU:    {"Martin", "Bernard", "Dubois", "Moreau", "Laurent", "Lefebvre", "Muller", "Schmidt", "Schneider", "Fischer", "Weber", "Wagner", "Becker", "Hoffmann", "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "de Vries", "Jansen", "Bakker", "Visser", "Peeters", "Andersson", "Johansson", "Hansen", "Nielsen", "Papadopoulos", "Georgiou"},
	poolSlav:      {"Ivanov", "Smirnov", "Kuznetsov", "Popov", "Sokolov", "Lebedev", "Kozlov", "Novikov", "Morozov", "Petrov", "Volkov", "Solovyov", "Vasilyev", "Zaytsev", "Pavlov", "Semenov", "Golubev", "Kovalenko", "Bondarenko", "Shevchenko", "Tkachenko", "Kowalski", "Nowak", "Novak", "Horvat", "Petrovic", "Jovanovic", "Nikolic", "Markovic", "Popescu", "Ionescu", "Dimitrov", "Georgiev"},
	poolTurk:      {"Yilmaz", "Kaya", "Demir", "Sahin", "Celik", "Yildiz", "Yildirim", "Ozturk", "Aydin", "Ozdemir", "Arslan", "Dogan", "Kilic", "Aslan", "Aliyev", "Mammadov", "Huseynov", "Nurpeisov", "Abdullayev", "Karimov", "Tashkentov", "Bekov", "Jumabayev", "Omarov", "Suleimenov"},
	poolArab:      {"Al-Hashimi", "Al-Masri", "Haddad", "Khoury", "Nasser", "Mansour", "Saleh", "Hamdan", "Al-Amiri", "Al-Rashid", "Abdel-Rahman", "Al-Sayed", "Farouk", "Aziz", "Al-Qasimi", "Khalil", "Jaber", "Darwish", "Youssef", "Saeed", "Bakr", "Al-Zubaidi", "Al-Tamimi", "Othman", "Habib", "Shaker", "Qassem", "Barakat"},
	poolPersian:   {"Hosseini", "Mohammadi", "Rezaei", "Ahmadi", "Karimi", "Moradi", "Jafari", "Rahimi", "Sadeghi", "Tehrani", "Ghorbani", "Rostami", "Popal", "Wardak", "Stanekzai", "Ahmadzai", "Noori", "Safi", "Hashemi", "Azizi", "Amiri", "Nazari"},
	poolSouthAsia: {"Sharma", "Gupta", "Singh", "Kumar", "Patel", "Reddy", "Iyer", "Nair", "Rao", "Verma", "Khan", "Ahmed", "Hussain", "Qureshi", "Malik", "Chaudhry", "Butt", "Rahman", "Islam", "Perera", "Fernando", "Silva", "Koirala", "Thapa", "Shrestha"},
	poolChinese:   {"Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma", "Zhu", "Hu", "Guo", "He", "Lin", "Gao", "Luo", "Tan", "Lim", "Lee", "Ng"},
	poolJapanese:  {"Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura", "Kobayashi", "Kato", "Yoshida", "Yamada", "Sasaki", "Yamaguchi", "Matsumoto", "Inoue", "Kimura", "Hayashi", "Shimizu", "Mori"},
	poolKorean:    {"Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han", "Oh", "Seo", "Shin", "Kwon", "Hwang", "Ahn", "Song", "Yoo", "Hong"},
	poolSEAsia:    {"Nguyen", "Tran", "Le", "Pham", "Hoang", "Vu", "Santos", "Reyes", "Cruz", "Bautista", "Garcia", "Wongsawat", "Srisuk", "Chaiyaporn", "Susanto", "Wijaya", "Hidayat", "Rahman", "Abdullah", "Ismail", "Tun", "Win", "Soe", "Lwin"},
	poolAfrica:    {"Mwangi", "Otieno", "Kamau", "Ochieng", "Mutua", "Okonkwo", "Adeyemi", "Okafor", "Balogun", "Mensah", "Asante", "Owusu", "Diallo", "Traore", "Ndiaye", "Diop", "Ilunga", "Zulu", "Nkosi", "Dlamini", "Moyo", "Ncube", "Tadesse", "Bekele", "Mugisha", "Habimana", "Okello", "Nsengiyumva"},
	poolLatin:     {"Garcia", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Perez", "Sanchez", "Ramirez", "Torres", "Flores", "Rivera", "Gomez", "Diaz", "Morales", "Ortiz", "Castillo", "Romero", "Vargas", "Mendoza", "Silva", "Santos", "Oliveira", "Souza", "Pereira", "Costa", "Rocha", "Herrera", "Medina", "Aguilar"},
}

// Titles for host-country people. "%c" is replaced by the country's
// adjective when the title is used.
var hostTitles = []string{
	"Foreign Minister", "Deputy Foreign Minister", "Minister of Defense", "Minister of Interior",
	"Finance Minister", "Deputy Finance Minister", "Minister of Energy", "Minister of Justice",
	"Prime Minister", "Deputy Prime Minister", "President", "Vice President",
	"Presidential Chief of Staff", "National Security Advisor", "Central Bank Governor",
	"Speaker of Parliament", "Member of Parliament", "MP", "opposition leader", "party chairman",
	"Supreme Court Chief Justice", "Prosecutor General", "Chief of Defense Staff", "General",
	"Brigadier General", "Colonel", "police chief", "Governor", "Mayor", "Ambassador",
	"MFA Americas Director", "MFA Director for North America", "MFA Europe Department head",
	"Deputy Minister of Trade", "Minister of Health", "Minister of Agriculture",
	"election commission chairman", "human rights activist", "journalist", "editor-in-chief",
	"professor", "think tank director", "businessman", "bank president", "union leader",
	"Dr.", "Sheikh", "Bishop", "Imam",
}

// Titles for US officials.
var usTitles = []string{
	"Ambassador", "Charge d'Affaires", "DCM", "Political Counselor", "Economic Counselor",
	"PolCouns", "EconCouns", "Pol/Econ Chief", "Political M/C", "Deputy Political Counselor",
	"Consul General", "Principal Officer", "Acting DCM", "A/S", "DAS", "Under Secretary",
	"Deputy Secretary", "Assistant Secretary", "Office Director", "Defense Attache",
}

// org is an organization with the acronym used after its first mention.
type org struct{ name, acr string }

// International bodies: general knowledge.
var intlOrgs = []org{
	{"United Nations", "UN"}, {"International Monetary Fund", "IMF"}, {"World Bank", "WB"},
	{"North Atlantic Treaty Organization", "NATO"}, {"European Union", "EU"},
	{"Organization for Security and Cooperation in Europe", "OSCE"},
	{"International Atomic Energy Agency", "IAEA"}, {"World Trade Organization", "WTO"},
	{"Association of Southeast Asian Nations", "ASEAN"}, {"African Union", "AU"},
	{"Organization of American States", "OAS"}, {"UN High Commissioner for Refugees", "UNHCR"},
	{"World Food Program", "WFP"}, {"UN Development Program", "UNDP"},
	{"World Health Organization", "WHO"}, {"International Committee of the Red Cross", "ICRC"},
	{"Organization of Petroleum Exporting Countries", "OPEC"}, {"Gulf Cooperation Council", "GCC"},
	{"Arab League", "AL"}, {"Commonwealth of Independent States", "CIS"},
	{"UN Security Council", "UNSC"}, {"International Criminal Court", "ICC"},
	{"Asian Development Bank", "ADB"}, {"Inter-American Development Bank", "IDB"},
	{"Financial Action Task Force", "FATF"},
	{"Nuclear Suppliers Group", "NSG"}, {"Shanghai Cooperation Organization", "SCO"},
	{"International Organization for Migration", "IOM"}, {"UN Children's Fund", "UNICEF"},
}

// US agencies active abroad: general knowledge.
var usOrgs = []org{
	{"Millennium Challenge Corporation", "MCC"}, {"US Agency for International Development", "USAID"},
	{"Drug Enforcement Administration", "DEA"}, {"Federal Bureau of Investigation", "FBI"},
	{"Department of Homeland Security", "DHS"}, {"Export-Import Bank", "EXIM"},
	{"Overseas Private Investment Corporation", "OPIC"}, {"Peace Corps", "PC"},
	{"Foreign Agricultural Service", "FAS"}, {"Defense Security Cooperation Agency", "DSCA"},
}

// Host-country institutions: generic names any government has.
var hostOrgs = []org{
	{"Ministry of Foreign Affairs", "MFA"}, {"Ministry of Defense", "MOD"},
	{"Ministry of Interior", "MOI"}, {"Ministry of Finance", "MOF"},
	{"Ministry of Justice", "MOJ"}, {"Ministry of Health", "MOH"},
	{"Ministry of Energy and Mines", "MEM"}, {"Ministry of Trade and Industry", "MTI"},
	{"Central Election Commission", "CEC"}, {"National Security Council", "NSC"},
	{"Anti-Corruption Commission", "ACC"}, {"National Police", "NP"},
	{"Financial Intelligence Unit", "FIU"}, {"State Security Service", "SSS"},
	{"Supreme Court", "SC"}, {"Constitutional Court", "CC"},
	{"National Human Rights Commission", "NHRC"}, {"Customs Service", "CS"},
	{"Chamber of Commerce", "CoC"}, {"Central Bank", "CB"},
	{"National Oil Company", "NOC"}, {"State Broadcasting Corporation", "SBC"},
	{"National Democratic Party", "NDP"}, {"People's Unity Party", "PUP"},
	{"Democratic Reform Movement", "DRM"}, {"Liberal Alliance", "LA"},
	{"Social Justice Party", "SJP"}, {"National Renewal Front", "NRF"},
	{"Green Future Party", "GFP"}, {"Civic Union", "CU"},
	{"Workers' Federation", "WF"}, {"Journalists' Union", "JU"},
	{"Independent Media Center", "IMC"}, {"Association of Young Lawyers", "AYL"},
	{"Council of Elders", "CoE"}, {"Federation of Employers", "FOE"},
}

// Subject TAGS (from the cablemap subject tag list) and organization TAGS
// commonly seen beside them.
var subjectTags = []string{
	"PREL", "PGOV", "PINR", "PHUM", "ECON", "EFIN", "ETRD", "EINV", "ENRG", "EPET",
	"MARR", "MOPS", "PTER", "SNAR", "KDEM", "KCRM", "PARM", "MNUC", "KNNP", "SOCI",
	"ELAB", "EAGR", "KPAO", "ASEC", "CVIS", "CASC", "KIRF", "KJUS", "PINS", "KWMN",
	"TBIO", "SENV", "EAID", "ECIN", "OVIP", "KTFN", "PREF", "KPKO", "AMGT", "BEXP",
}

var orgTags = []string{"UNSC", "NATO", "EUN", "OSCE", "IAEA", "UNGA", "WTO", "ASEAN", "AU", "OAS", "UNHRC", "IMF"}
