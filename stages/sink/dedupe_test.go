package sink

import (
	"bytes"
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/cablewire/cablewire/pipeline"
	"github.com/cablewire/cablewire/schemas"
)

// A changed cable under a committed ref_id is written as version 2; the
// first content again is a duplicate, acked at once and not written.
func TestChangedCableIsNewVersion(t *testing.T) {
	dir := t.TempDir()
	s := openSink(t, Config{Dir: dir, Now: newClock().Now})
	r := rand.New(rand.NewPCG(5, 5))
	at := time.Date(2009, 3, 4, 12, 0, 0, 0, time.UTC)
	v1 := synthCable(r, "09PARIS1", at, 1000)
	v2 := v1
	v2.ContentHash, v2.Subject = "h-changed", "A CORRECTED SUBJECT"

	add(t, s, cableMsg(t, v1, 1))
	flush(t, s)
	if res := add(t, s, cableMsg(t, v2, 2)); len(res.Committed) > 0 {
		t.Fatalf("changed cable acked %v unwritten", seqsOf(res.Committed))
	}
	if res := add(t, s, cableMsg(t, v1, 3)); !slices.Equal(seqsOf(res.Committed), []uint64{3}) {
		t.Fatalf("known content: committed %v, want [3] at once", seqsOf(res.Committed))
	}
	if res := flush(t, s); !slices.Equal(seqsOf(res.Committed), []uint64{2}) {
		t.Fatalf("flush committed %v, want [2]", seqsOf(res.Committed))
	}
	recs := records(t, dir)
	if len(recs) != 2 {
		t.Fatalf("%d records, want 2", len(recs))
	}
	if got := recs[1].Cables; len(got) != 1 || got[0] != (CableRecord{RefID: "09PARIS1", Hash: "h-changed", Version: 2}) {
		t.Errorf("second commit %+v, want 09PARIS1 h-changed v2", got)
	}
	for _, f := range recs[1].Files {
		if f.Table != schemas.TableCables {
			continue
		}
		rows := readRows[schemas.CableRow](t, filepath.Join(dir, f.Path))
		if len(rows) != 1 || rows[0].Version != 2 || rows[0].Subject != v2.Subject {
			t.Errorf("cables file holds %d rows, first %+v", len(rows), rows[0].Version)
		}
	}
	if s.Stats.Versions.Load() != 1 || s.Stats.Duplicates.Load() != 1 || s.Stats.Cables.Load() != 2 {
		t.Errorf("stats: versions %d duplicates %d cables %d, want 1 1 2",
			s.Stats.Versions.Load(), s.Stats.Duplicates.Load(), s.Stats.Cables.Load())
	}
}

// After a restart, a redelivered message (its ack lost) is handed back
// without being written, whether the index is adopted from the previous
// instance, rebuilt from the commit log because it was lost, or rebuilt
// because it was unreadable.
func TestRedeliveryAfterRestartSkipped(t *testing.T) {
	dir := t.TempDir()
	r := rand.New(rand.NewPCG(6, 6))
	at := time.Date(2009, 3, 4, 12, 0, 0, 0, time.UTC)
	s, err := Open(Config{Dir: dir, Now: newClock().Now})
	if err != nil {
		t.Fatal(err)
	}
	var cables []schemas.Cable
	for seq := uint64(1); seq <= 3; seq++ {
		c := synthCable(r, "A"+string(rune('0'+seq)), at, 500)
		cables = append(cables, c)
		add(t, s, cableMsg(t, c, seq))
	}
	flush(t, s)
	s.Close()

	for _, lose := range []string{"adopted", "deleted", "garbled"} {
		indexes, _ := filepath.Glob(filepath.Join(dir, sinksDir, "*"+indexSuffix))
		if len(indexes) != 1 {
			t.Fatalf("%s: index files %v, want the closed instance's one", lose, indexes)
		}
		switch lose {
		case "deleted":
			os.Remove(indexes[0])
		case "garbled":
			os.WriteFile(indexes[0], bytes.Repeat([]byte("x"), 8192), 0o644)
		}
		s = openSink(t, Config{Dir: dir, Now: newClock().Now})
		if res := add(t, s, cableMsg(t, cables[1], 2)); !slices.Equal(seqsOf(res.Committed), []uint64{2}) {
			t.Fatalf("%s: redelivered sequence 2: handed back %v, want [2]", lose, seqsOf(res.Committed))
		}
		if s.Held() != 0 || s.Stats.Duplicates.Load() != 1 {
			t.Fatalf("%s: held %d, duplicates %d", lose, s.Held(), s.Stats.Duplicates.Load())
		}
		if res := flush(t, s); len(res.Committed) > 0 || len(records(t, dir)) != 1 {
			t.Fatalf("%s: a committed cable was written again: %v", lose, seqsOf(res.Committed))
		}
		s.Close()
	}
}

// Two sinks on one warehouse: what one commits, the other learns from the
// commit log on its next catch-up and does not write again.
func TestIndexCatchesUpWithOtherSinks(t *testing.T) {
	dir := t.TempDir()
	r := rand.New(rand.NewPCG(5, 5))
	at := time.Date(2009, 3, 4, 12, 0, 0, 0, time.UTC)
	clock := newClock()
	a := openSink(t, Config{Dir: dir, Now: clock.Now})
	b := openSink(t, Config{Dir: dir, Now: clock.Now})
	c := synthCable(r, "X1", at, 500)
	add(t, a, cableMsg(t, c, 1))
	flush(t, a)

	clock.advance(catchUpEvery)
	if _, err := b.Tick(context.Background(), clock.Now()); err != nil {
		t.Fatal(err)
	}
	if res := add(t, b, cableMsg(t, c, 1)); len(res.Committed) != 1 || b.Stats.Duplicates.Load() != 1 {
		t.Fatalf("the other sink's commit: handed back %d, duplicates %d", len(res.Committed), b.Stats.Duplicates.Load())
	}
	if res := flush(t, b); len(res.Committed) > 0 {
		t.Fatalf("written again by the second sink")
	}
}

// While a partition commits in the background, the sink goes on: the same
// cable again is acked with that commit and not written twice, and a
// changed one gets the next version, not the one being committed.
func TestCablesDuringBackgroundCommit(t *testing.T) {
	dir := t.TempDir()
	gate := make(chan struct{})
	commitGate = gate
	defer func() { commitGate = nil }()
	s := openSink(t, Config{Dir: dir, MaxRows: 2, Now: newClock().Now})
	r := rand.New(rand.NewPCG(7, 7))
	at := time.Date(2009, 3, 4, 12, 0, 0, 0, time.UTC)
	a, b := synthCable(r, "09PARIS1", at, 800), synthCable(r, "09PARIS2", at, 800)
	a2 := a
	a2.ContentHash, a2.Subject = "h-changed", "A CORRECTED SUBJECT"

	add(t, s, cableMsg(t, a, 1))
	if res := add(t, s, cableMsg(t, b, 2)); len(res.Committed) > 0 || s.busy == nil {
		t.Fatalf("MaxRows reached: want a commit running, not handed back (%v)", seqsOf(res.Committed))
	}
	if res := add(t, s, cableMsg(t, a, 3)); len(res.Committed) > 0 {
		t.Fatalf("duplicate of a committing cable acked %v before the commit", seqsOf(res.Committed))
	}
	// A catch-up falls due (Tick asks for one every 10 s): it must neither
	// wait for the running commit nor roll its record forward under it.
	s.stale = true
	add(t, s, cableMsg(t, a2, 4))
	if s.busy == nil || s.stale {
		t.Fatalf("catch-up: busy %v, stale %v; want it done with the commit still running", s.busy != nil, s.stale)
	}
	if s.Held() != 4 {
		t.Errorf("held %d, want 4", s.Held())
	}
	close(gate)
	if res := flush(t, s); !slices.Equal(sortedSeqs(res.Committed), []uint64{1, 2, 3, 4}) {
		t.Fatalf("committed %v, want 1 2 3 4", sortedSeqs(res.Committed))
	}
	recs := records(t, dir)
	if len(recs) != 2 {
		t.Fatalf("%d records, want 2", len(recs))
	}
	want := []CableRecord{{RefID: "09PARIS1", Hash: a.ContentHash, Version: 1}, {RefID: "09PARIS2", Hash: b.ContentHash, Version: 1}}
	if !slices.Equal(recs[0].Cables, want) {
		t.Errorf("first commit %+v, want %+v", recs[0].Cables, want)
	}
	if got := recs[1].Cables; len(got) != 1 || got[0] != (CableRecord{RefID: "09PARIS1", Hash: "h-changed", Version: 2}) {
		t.Errorf("second commit %+v, want 09PARIS1 h-changed v2", got)
	}
	if d := s.Stats.Duplicates.Load(); d != 1 {
		t.Errorf("duplicates %d, want 1", d)
	}
}

func sortedSeqs(ms []*pipeline.Message) []uint64 {
	s := seqsOf(ms)
	slices.Sort(s)
	return s
}

// A commit that fails in the background (here its record cannot be
// written) hands its messages back as failed, with the error, and leaves
// no file in place; the sink goes on and commits later cables.
func TestBackgroundCommitFails(t *testing.T) {
	dir := t.TempDir()
	gate := make(chan struct{})
	commitGate = gate
	defer func() { commitGate = nil }()
	s := openSink(t, Config{Dir: dir, MaxRows: 2, Now: newClock().Now})
	r := rand.New(rand.NewPCG(8, 8))
	at := time.Date(2009, 3, 4, 12, 0, 0, 0, time.UTC)
	add(t, s, cableMsg(t, synthCable(r, "09ROME1", at, 800), 1))
	add(t, s, cableMsg(t, synthCable(r, "09ROME2", at, 800), 2))
	// The commit log's directory becomes a file: the record cannot be written.
	commits := filepath.Join(dir, commitsDir)
	if err := os.RemoveAll(commits); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(commits, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	close(gate)
	res := s.finishCommit()
	if !slices.Equal(sortedSeqs(res.Failed), []uint64{1, 2}) || len(res.Committed) > 0 || res.Err == nil {
		t.Fatalf("failed %v committed %v err %v, want 1 2 failed with an error", sortedSeqs(res.Failed), seqsOf(res.Committed), res.Err)
	}
	if files, _ := filepath.Glob(filepath.Join(dir, "cables", "*", "*", "*.parquet")); len(files) > 0 {
		t.Errorf("files in place after a failed commit: %v", files)
	}
	if s.Held() != 0 || len(s.openVer) != 0 {
		t.Errorf("held %d, open versions %v after the failure", s.Held(), s.openVer)
	}
	// Repaired, the redelivered cables commit.
	os.Remove(commits)
	os.MkdirAll(commits, 0o755)
	add(t, s, cableMsg(t, synthCable(r, "09ROME1", at, 800), 3))
	if res := flush(t, s); !slices.Equal(seqsOf(res.Committed), []uint64{3}) {
		t.Fatalf("after repair: committed %v, want [3]", seqsOf(res.Committed))
	}
}
