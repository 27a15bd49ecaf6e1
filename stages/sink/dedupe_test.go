package sink

import (
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"
	"time"

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

// After a restart on the same warehouse, a redelivered message whose
// stream sequence is committed is handed back without being written; under
// another StreamEpoch (a re-created stream) the same sequence is new.
func TestCommittedSeqSkippedOnlyInSameEpoch(t *testing.T) {
	dir := t.TempDir()
	r := rand.New(rand.NewPCG(6, 6))
	at := time.Date(2009, 3, 4, 12, 0, 0, 0, time.UTC)
	s, err := Open(Config{Dir: dir, StreamEpoch: "e1", Now: newClock().Now})
	if err != nil {
		t.Fatal(err)
	}
	for seq := uint64(1); seq <= 3; seq++ {
		add(t, s, cableMsg(t, synthCable(r, "A"+string(rune('0'+seq)), at, 500), seq))
	}
	flush(t, s)
	s.Close()

	s = openSink(t, Config{Dir: dir, StreamEpoch: "e1", Now: newClock().Now})
	// New content, so only the sequence can make it a duplicate.
	if res := add(t, s, cableMsg(t, synthCable(r, "B2", at, 500), 2)); !slices.Equal(seqsOf(res.Committed), []uint64{2}) {
		t.Fatalf("committed sequence: handed back %v, want [2]", seqsOf(res.Committed))
	}
	if s.Held() != 0 {
		t.Fatalf("held %d", s.Held())
	}
	if res := flush(t, s); len(res.Committed) > 0 || len(records(t, dir)) != 1 {
		t.Fatalf("a committed sequence was written again: %v", seqsOf(res.Committed))
	}
	s.Close()

	s = openSink(t, Config{Dir: dir, StreamEpoch: "e2", Now: newClock().Now})
	if res := add(t, s, cableMsg(t, synthCable(r, "C2", at, 500), 2)); len(res.Committed) > 0 {
		t.Fatalf("sequence 2 of a new epoch skipped")
	}
	if res := flush(t, s); !slices.Equal(seqsOf(res.Committed), []uint64{2}) || len(records(t, dir)) != 2 {
		t.Fatalf("new epoch: flush committed %v", seqsOf(res.Committed))
	}
}
