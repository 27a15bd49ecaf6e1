package enrich

// orgHeads end (or, followed by "of", start) an organization name:
// "Finance Ministry", "Ministry of Economic Development", "Colombian Army".
var orgHeads = cueList("org_heads")

// smallHeads are heads that make an organization only with "of" after them or
// a capitalized modifier before them that is not a nationality.
var weakHeads = cueList("weak_heads")

// placeHeads end a place name: "Rivers State", "Kandahar Airfield", "Black Sea".
var placeHeads = cueList("place_heads")

// directions modify a known place into a new place: "Northern Nigeria".
var directions = cueList("directions")

// connectors may sit inside a name: "Ministry of Defense", "Fernandez de Kirchner".
var connectors = cueList("connectors")

// particles are connectors that belong inside person names.
var particles = cueList("particles")

// postWords followed by a city name the office of a US post: "Embassy Berlin".
var postWords = cueList("post_words")

// capsStop breaks name runs in all-capitals text.
var capsStop = cueList("caps_stop")

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

// cueList reads the cue words of lists/cues/NAME.txt (one a line; the lists
// are data, not code: a maintainer adds a word there, and the test
// TestCueListsAreUsed checks that every file is read and none is empty).
func cueList(name string) map[string]bool {
	b, err := listFS.ReadFile("lists/cues/" + name + ".txt")
	if err != nil {
		panic("enrich: missing cue list " + name + ": " + err.Error()) // a build without its embedded files cannot tag
	}
	cueListsRead[name] = true
	return setOf(string(b))
}

// cueListsRead records which cue lists were read, for TestCueListsAreUsed.
var cueListsRead = map[string]bool{}
