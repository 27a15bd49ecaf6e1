package main

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/cablewire/cablewire/pipeline/pipelinetest"
	"github.com/cablewire/cablewire/schemas"
)

// rawBySource reads the raw stream (no worker consumes it in these tests):
// every message's body by its source, and how many messages each source
// has.
func rawBySource(t *testing.T, url string) (map[string][]byte, map[string]int) {
	t.Helper()
	nc, err := nats.Connect(url)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	js, _ := jetstream.New(nc)
	ctx := context.Background()
	s, err := js.Stream(ctx, schemas.Topology{Pipeline: schemas.DefaultPipeline}.Stream(schemas.KindRaw))
	if err != nil {
		return nil, nil // not made yet
	}
	info, err := s.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	bodies, counts := map[string][]byte{}, map[string]int{}
	for seq := info.State.FirstSeq; seq > 0 && seq <= info.State.LastSeq; seq++ {
		m, err := s.GetMsg(ctx, seq)
		if err != nil {
			t.Fatal(err)
		}
		src := filepath.Base(m.Header.Get(schemas.HeaderSource))
		bodies[src] = m.Data
		counts[src]++
	}
	return bodies, counts
}

// watching runs `ingest --watch` until stop is called, which checks that
// it exited 0 and returns its stdout.
func watching(t *testing.T, args ...string) (stop func() string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var out, errb syncBuffer
	done := make(chan int, 1)
	go func() { done <- runCommand(ctx, append([]string{"ingest"}, args...), &out, &errb) }()
	stopped := false
	stop = func() string {
		if !stopped {
			stopped = true
			cancel()
			if code := <-done; code != 0 {
				t.Errorf("ingest %v: exit %d\n%s", args, code, errb.String())
			}
		}
		return out.String()
	}
	t.Cleanup(func() { stop() })
	return stop
}

// `ingest --watch DIR` reads every file once: those there before it
// started (the rescan), those written while it starts and runs, one
// written in two halves (read whole, once), one only touched (not read
// again); stopped and started again, it reads only what was written or
// changed meanwhile.
func TestIngestWatchReadsEachFileOnce(t *testing.T) {
	_, url := pipelinetest.StartJetStream(t)
	_, texts := cableTexts(t, 12, 51)
	var refs []string
	for ref := range texts {
		refs = append(refs, ref)
	}
	sort.Strings(refs)
	dir := t.TempDir()
	write := func(ref string) {
		t.Helper()
		// Atomically, as the README recommends: a dot name, then a rename.
		tmp := filepath.Join(dir, "."+ref+".tmp")
		if err := os.WriteFile(tmp, texts[ref], 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, filepath.Join(dir, ref+".txt")); err != nil {
			t.Fatal(err)
		}
	}
	for _, ref := range refs[:3] {
		write(ref) // before the watch starts
	}
	args := []string{"--nats", url, "--watch", dir, "--watch-settle", "1s"}
	stop := watching(t, args...)
	for _, ref := range refs[3:6] {
		write(ref) // while it starts: before, during or after the scan
	}
	// One written in two halves, in place, inside the settle time.
	half := filepath.Join(dir, refs[6]+".txt")
	f, err := os.Create(half)
	if err != nil {
		t.Fatal(err)
	}
	n := len(texts[refs[6]]) / 2
	f.Write(texts[refs[6]][:n])
	f.Sync()
	f.Write(texts[refs[6]][n:])
	f.Close()
	// A subdirectory made while it runs, and a file ignored by name.
	os.Mkdir(filepath.Join(dir, "later"), 0o755)
	os.WriteFile(filepath.Join(dir, "later", refs[7]+".txt"), texts[refs[7]], 0o644)
	os.WriteFile(filepath.Join(dir, "_skip.txt"), texts[refs[8]], 0o644)

	once := func(what string, files ...string) map[string][]byte {
		t.Helper()
		var bodies map[string][]byte
		var counts map[string]int
		pipelinetest.Eventually(t, time.Minute, what, func() bool {
			bodies, counts = rawBySource(t, url)
			return len(counts) >= len(files)
		})
		for _, f := range files {
			if counts[f] != 1 {
				t.Errorf("%s: %s published %d times, want once (%v)", what, f, counts[f], counts)
			}
		}
		if len(counts) != len(files) {
			t.Errorf("%s: sources %v, want %q", what, counts, files)
		}
		return bodies
	}
	first := []string{}
	for _, ref := range refs[:8] {
		first = append(first, ref+".txt")
	}
	bodies := once("the first eight files", first...)
	if string(bodies[refs[6]+".txt"]) != string(texts[refs[6]]) {
		t.Errorf("the file written in halves: %d bytes published, want all %d", len(bodies[refs[6]+".txt"]), len(texts[refs[6]]))
	}
	// Touched, not changed: not read again.
	later := time.Now().Add(time.Minute)
	os.Chtimes(filepath.Join(dir, refs[0]+".txt"), later, later)
	// Wait for the touch to settle and be seen (the state file records
	// the new time), then stop.
	state := filepath.Join(dir, ".cablewire-watch.json")
	pipelinetest.Eventually(t, time.Minute, "the touch remembered", func() bool {
		b, _ := os.ReadFile(state)
		return strings.Contains(string(b), later.UTC().Format("2006-01-02T15:04:05")) || strings.Contains(string(b), later.Format("2006-01-02T15:04:05"))
	})
	out1 := stop()

	// While it is down: two new files, and one changed.
	write(refs[9])
	write(refs[10])
	changed := append([]byte(nil), texts[refs[1]]...)
	changed = append(changed, []byte("\nA line added later.\n")...)
	os.WriteFile(filepath.Join(dir, refs[1]+".txt"), changed, 0o644)
	stop = watching(t, args...)
	pipelinetest.Eventually(t, time.Minute, "the files written while it was down", func() bool {
		_, counts := rawBySource(t, url)
		return counts[refs[9]+".txt"] == 1 && counts[refs[10]+".txt"] == 1 && counts[refs[1]+".txt"] == 2
	})
	out2 := stop()
	_, counts := rawBySource(t, url)
	if len(counts) != 10 || counts[refs[8]+".txt"] != 0 {
		t.Errorf("sources %v: want the 10 files once each (the changed one twice), _skip.txt never", counts)
	}
	// The second run read only the three it had to.
	for _, ref := range refs[:9] {
		if ref != refs[1] && strings.Contains(out2, ref) {
			t.Errorf("restarted, it read %s again:\n%s", ref, out2)
		}
	}
	if strings.Count(out1, refs[0]) != 1 {
		t.Errorf("the touched file was read %d times:\n%s", strings.Count(out1, refs[0]), out1)
	}
}
