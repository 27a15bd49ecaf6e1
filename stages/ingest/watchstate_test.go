package ingest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A state file that is not one is refused with what to do, never read as
// "nothing ingested" (which would read every file again silently).
func TestWatchRefusesAForeignStateFile(t *testing.T) {
	dir := t.TempDir()
	state := filepath.Join(dir, ".cablewire-watch.json")
	os.WriteFile(state, []byte(`{"something": "else"}`), 0o644)
	err := Watch(context.Background(), WatchConfig{Dir: dir, Ingest: func(context.Context, []string) error { return nil }})
	if err == nil || !strings.Contains(err.Error(), "not a watch state file") {
		t.Fatalf("Watch with a foreign state file: %v", err)
	}
}

// The watch ignores what a tree read ignores, and its own state file.
func TestWatchIgnoresDotUnderscoreAndState(t *testing.T) {
	dir := t.TempDir()
	w := &watch{cfg: WatchConfig{Dir: dir, State: filepath.Join(dir, "state.json")}}
	for _, tc := range []struct {
		path    string
		ignored bool
	}{
		{"a.txt", false},
		{"sub/b.txt", false},
		{".a.txt.tmp", true},
		{"_skip.csv", true},
		{".hidden/b.txt", true},
		{"sub/_x/c.txt", true},
		{"state.json", true},
		{"state.json.tmp", true},
	} {
		if got := w.ignored(filepath.Join(dir, tc.path)); got != tc.ignored {
			t.Errorf("%s: ignored %v, want %v", tc.path, got, tc.ignored)
		}
	}
}
