package enrich

import (
	"strings"
	"testing"
)

// TestCueListsAreUsed: every cue list file is read by a rule and holds
// words, lower case, one a line, with no repeats.
func TestCueListsAreUsed(t *testing.T) {
	files, err := listFS.ReadDir("lists/cues")
	if err != nil || len(files) == 0 {
		t.Fatalf("lists/cues: %v (%d files)", err, len(files))
	}
	for _, f := range files {
		name := strings.TrimSuffix(f.Name(), ".txt")
		if !cueListsRead[name] {
			t.Errorf("lists/cues/%s is read by no rule", f.Name())
		}
		b, _ := listFS.ReadFile("lists/cues/" + f.Name())
		seen := map[string]bool{}
		for _, w := range strings.Fields(string(b)) {
			if seen[w] {
				t.Errorf("lists/cues/%s: %q twice", f.Name(), w)
			}
			seen[w] = true
		}
		if len(seen) == 0 {
			t.Errorf("lists/cues/%s is empty", f.Name())
		}
	}
}
