package enrich

// orgHeads end (or, followed by "of", start) an organization name:
// "Finance Ministry", "Ministry of Economic Development", "Colombian Army".
var orgHeads = setOf(`ministry department office council committee commission bank company corporation corp inc ltd llc plc
organization organisation association institute institution agency authority union federation front movement party church
court tribunal assembly parliament senate congress duma army navy force forces guard police service services embassy consulate
secretariat university college academy foundation fund club league alliance coalition network center centre bureau directorate
command corps brigade battalion regiment division unit airlines airways industries holdings bloc society chamber board presidency administration
group council commissariat inspectorate prosecutor's procuracy prosecutors cartel brotherhood mission delegation government
television radio newspaper times post journal news agency daily gazette herald tribune bancorp co
enterprises enterprise consortium syndicate guards marines telecom house chancery chancellery
petroleum trading holding ag gmbh drilling mining motors`)

// smallHeads are heads that make an organization only with "of" after them or
// a capitalized modifier before them that is not a nationality.
var weakHeads = setOf(`office group government administration mission delegation times post journal news daily oil gas energy petroleum mining trust partners television radio`)

// placeHeads end a place name: "Rivers State", "Kandahar Airfield", "Black Sea".
var placeHeads = setOf(`province state city airfield airport base sea ocean river lake island islands mountains mountain valley gulf bay strait
peninsula district region oblast krai governorate prefecture county camp palace square field stadium bridge port harbor harbour dam reactor
complex prison canal desert hospital mortuary clinic hotel mosque shrine temple cathedral cemetery plateau heights pass coast hills park village town municipality refinery oasis airbase
township tehsil rayon road street avenue highway boulevard facility`)

// directions modify a known place into a new place: "Northern Nigeria".
var directions = setOf(`north south east west northern southern eastern western central greater upper lower northeast northwest southeast southwest northeastern northwestern southeastern southwestern middle`)

// connectors may sit inside a name: "Ministry of Defense", "Fernandez de Kirchner".
var connectors = setOf(`of for the and de del la las los da do dos das van von der den bin bint ibn al el y e du le di on in zu`)

// particles are connectors that belong inside person names.
var particles = setOf(`de del la da do dos das van von der den bin bint ibn al el du le di y zu`)

// postWords followed by a city name the office of a US post: "Embassy Berlin".
var postWords = setOf(`embassy consulate consulate-general congen amembassy amemb usemb amconsul mission usmission`)

// capsStop breaks name runs in all-capitals text.
var capsStop = setOf(`the a an to in on at by with from he she it they we i you his her their its our is was were are be been being has have had
that this these those which who whom whose said says will would could should may might must can also not but as or if than then there
here when where while after before during since about over under into upon against between among through per via both each all any some
such no nor so very more most other another same only own just again further once new old first second third last next several many much
few what why how one two three four five six seven eight nine ten do does did done make made according told met meet meeting visit
visited noted stated added asked expressed believes believed reported explained emphasized continued agreed discussed`)

func setOf(s string) map[string]bool {
	m := map[string]bool{}
	w := ""
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ' ' || s[i] == '\n' || s[i] == '\t' {
			if w != "" {
				m[w] = true
			}
			w = ""
			continue
		}
		w += string(s[i])
	}
	return m
}
