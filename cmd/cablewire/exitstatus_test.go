package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cablewire/cablewire/pipeline"
	"github.com/cablewire/cablewire/stages/synth"
)

// loadJSON runs load with --summary-json - and returns the exit status,
// the parsed summary and stderr.
func loadJSON(t *testing.T, args ...string) (int, jsonSummary, string) {
	t.Helper()
	args = append([]string{"load", "--summary-json", "-", "--progress", "none", "--data", t.TempDir()}, args...)
	code, out, errs := runCLI(context.Background(), args...)
	var js jsonSummary
	if err := json.Unmarshal([]byte(out), &js); err != nil {
		t.Fatalf("exit %d; stdout is not the JSON summary: %v\n%s\n%s", code, err, out, errs)
	}
	if js.Format != summaryFormat || js.Version != summaryVersion || js.ExitStatus != code {
		t.Errorf("summary format %q version %d exit %d, want %q %d %d", js.Format, js.Version, js.ExitStatus, summaryFormat, summaryVersion, code)
	}
	return code, js, errs
}

func TestLoadExitStatus(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good")
	generate(t, good, 5, 3)
	bad := filepath.Join(dir, "bad")
	os.MkdirAll(bad, 0o755)
	for i, body := range []string{"", "not a cable at all", "<html><body>hello</body></html>"} {
		os.WriteFile(filepath.Join(bad, "junk"+string(rune('a'+i))+".txt"), []byte(body), 0o644)
	}
	empty := filepath.Join(dir, "empty")
	os.MkdirAll(empty, 0o755)
	missing := filepath.Join(dir, "no-such-dir")

	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"all loaded", []string{good}, exitOK, ""},
		{"dead letters under the limit warn", []string{good, bad}, exitOK, "warning: 3 cables dead-lettered"},
		{"dead letters over the limit", []string{good, bad, "--max-dead-letters", "2"}, exitDeadLetters, "3 cables dead-lettered, more than --max-dead-letters 2"},
		{"missing path", []string{good, missing}, exitFailed, missing + ": no such file or directory"},
		{"glob matching nothing", []string{filepath.Join(dir, "*.zip")}, exitFailed, "no file matches"},
		{"empty directory", []string{empty}, exitFailed, "nothing to load: no document in " + empty},
		{"only non-cables", []string{bad}, exitFailed, "nothing loaded: none of the 3 documents"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, js, errs := loadJSON(t, append(tc.args, "--warehouse", filepath.Join(t.TempDir(), "wh"))...)
			if code != tc.code || !strings.Contains(errs, tc.stderr) {
				t.Fatalf("exit %d, want %d; stderr %q, want it to contain %q", code, tc.code, errs, tc.stderr)
			}
			if code != exitOK && !strings.Contains(js.Error, strings.TrimPrefix(tc.stderr, "warning: ")) {
				t.Errorf("summary error %q", js.Error)
			}
			if tc.name == "dead letters over the limit" {
				checkSummaryCounts(t, js, good, bad)
			}
		})
	}
	// Usage errors exit 2.
	if code, _, _ := runCLI(context.Background(), "load", "--progress", "sideways", good); code != exitUsage {
		t.Errorf("bad --progress: exit %d, want %d", code, exitUsage)
	}
	if code, _, _ := runCLI(context.Background(), "load"); code != exitUsage {
		t.Errorf("no source: exit %d, want %d", code, exitUsage)
	}
}

// checkSummaryCounts checks the JSON summary of 5 cables and 3 non-cables.
func checkSummaryCounts(t *testing.T, js jsonSummary, good, bad string) {
	t.Helper()
	c := js.Cables
	if c.Read != 8 || c.Published != 8 || c.Parsed != 5 || c.DeadLettered != 3 || c.New != 5 || c.Changed != 0 || c.Unchanged != 0 {
		t.Errorf("counts %+v", c)
	}
	if js.Status != "dead-letters" || js.Command != "load" || js.ElapsedSeconds <= 0 || js.Started == "" || js.Warehouse == "" {
		t.Errorf("summary %+v", js)
	}
	var dl int64
	for _, r := range js.DeadLetters {
		dl += r.Count
		if !strings.Contains(r.Stage, "parse") || !strings.Contains(r.Reason, "not a cable") {
			t.Errorf("dead-letter reason %+v", r)
		}
	}
	if dl != 3 {
		t.Errorf("dead-letter reasons count %d, want 3", dl)
	}
	if len(js.Sources) != 2 || js.Sources[0].Path != good || js.Sources[1].Path != bad || js.Sources[1].Documents != 3 {
		t.Fatalf("sources %+v", js.Sources)
	}
	for _, s := range js.Sources {
		if s.Kind != "directory" || s.BytesRead != s.SizeBytes || s.SizeBytes == 0 && s.Path == good {
			t.Errorf("source %+v: bytes read should equal its size", s)
		}
	}
	if js.Rows == nil || js.Rows.Cables != 5 || js.Files == nil || js.Files.Written == 0 {
		t.Errorf("rows %+v files %+v", js.Rows, js.Files)
	}
}

func TestLoadCSVFromStdin(t *testing.T) {
	p := filepath.Join(t.TempDir(), "cables.csv")
	want := generateCSV(t, p, 200, 17)
	b, _ := os.ReadFile(p)
	old := loadStdin
	loadStdin = bytes.NewReader(b)
	defer func() { loadStdin = old }()
	wh := filepath.Join(t.TempDir(), "wh")
	code, js, errs := loadJSON(t, "-", "--warehouse", wh)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	checkExactlyOnce(t, wh, want)
	if js.Cables.Read != 200 || len(js.Sources) != 1 || js.Sources[0].Kind != "stdin" || js.Sources[0].BytesRead != int64(len(b)) {
		t.Errorf("summary: %+v %+v", js.Cables, js.Sources)
	}
}

// An incremental load: the same dump again with some cables changed and
// some new writes only those, and the summary counts each kind.
func TestLoadIncrementalCounts(t *testing.T) {
	if testing.Short() {
		t.Skip("slow (a whole load): left out of go test -short")
	}
	dir := t.TempDir()
	week1 := filepath.Join(dir, "week1.csv")
	generateCSV(t, week1, 120, 5)
	wh, data := filepath.Join(dir, "wh"), filepath.Join(dir, "data")
	code, js, errs := loadJSON(t, week1, "--warehouse", wh, "--data", data)
	if code != 0 || js.Cables.New != 120 {
		t.Fatalf("week 1: exit %d, %+v\n%s", code, js.Cables, errs)
	}
	// Week 2: the first 100 cables as they were, 20 changed, 30 new.
	var w2 []byte
	known := map[string]bool{}
	g := synth.New(synth.Options{Count: 120, Seed: 5})
	for i := 0; ; i++ {
		c, ok := g.Next()
		if !ok {
			break
		}
		known[c.RefID] = true
		if i >= 100 {
			c.Body += "\n5. (U) A paragraph added in the corrected copy.\n"
		}
		w2 = synth.AppendCSVRecord(w2, c)
	}
	added := 0
	g = synth.New(synth.Options{Count: 200, Seed: 6})
	for c, ok := g.Next(); ok && added < 30; c, ok = g.Next() {
		if !known[c.RefID] {
			w2 = synth.AppendCSVRecord(w2, c)
			added++
		}
	}
	week2 := filepath.Join(dir, "week2.csv")
	os.WriteFile(week2, w2, 0o644)
	// A fresh broker (--data): the warehouse alone knows what it holds.
	code, js, errs = loadJSON(t, week2, "--warehouse", wh)
	if code != 0 {
		t.Fatalf("week 2: exit %d\n%s", code, errs)
	}
	if c := js.Cables; c.Read != 150 || c.New != 30 || c.Changed != 20 || c.Unchanged != 100 {
		t.Errorf("week 2 counts %+v, want 150 read: 30 new, 20 changed, 100 unchanged", c)
	}
	if n := duckdb(t, wh, "SELECT count(*) FILTER (WHERE version = 2) AS v2, count(DISTINCT ref_id) AS refs FROM cables"); !strings.Contains(n, "\n20,150") {
		t.Errorf("DuckDB: versions 2 and distinct cables: %s", n)
	}
}

// A second load on a data directory in use exits 5 at once, writing
// nothing, and the JSON summary says busy.
func TestLoadOnABusyDataDirectory(t *testing.T) {
	in, data := t.TempDir(), t.TempDir()
	generate(t, in, 3, 9)
	held, err := pipeline.Connect(context.Background(), pipeline.ConnConfig{Embedded: pipeline.EmbeddedConfig{StoreDir: data}})
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	wh := filepath.Join(t.TempDir(), "wh")
	code, js, errs := loadJSON(t, in, "--warehouse", wh, "--data", data)
	if code != exitBusy || js.Status != "busy" || !strings.Contains(errs, "another load is running on this data directory") {
		t.Fatalf("exit %d, status %q, want %d busy\n%s", code, js.Status, exitBusy, errs)
	}
	if n := len(readCables(t, wh)); n != 0 {
		t.Errorf("%d cables written by the refused load", n)
	}
}
