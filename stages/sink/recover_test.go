package sink

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/cablewire/cablewire/schemas"
)

// A crash after the commit record was written but before the files were
// renamed: Open renames them into place and the cables count as committed.
func TestRollForward(t *testing.T) {
	dir := t.TempDir()
	r := rand.New(rand.NewPCG(7, 7))
	at := time.Date(2009, 3, 4, 12, 0, 0, 0, time.UTC)
	s, err := Open(Config{Dir: dir, StreamEpoch: "e", Now: newClock().Now})
	if err != nil {
		t.Fatal(err)
	}
	for seq := uint64(1); seq <= 3; seq++ {
		add(t, s, cableMsg(t, synthCable(r, "A"+string(rune('0'+seq)), at, 500), seq))
	}
	// Steps 1 and 2 of the protocol, then the "crash": no rename, no ack.
	p := s.open[partitionKey(at)]
	files, err := p.close(dir)
	if err != nil {
		t.Fatal(err)
	}
	rec := &Record{ID: p.base, Instance: s.instance, Partition: p.key, Files: files,
		Stream: p.stream, StreamEpoch: "e", Seqs: ranges(p.seqs), Cables: p.written, SchemaVersion: schemas.TableVersion}
	if err := writeRecord(dir, rec); err != nil {
		t.Fatal(err)
	}
	delete(s.open, p.key)
	s.unlock()
	for _, f := range files {
		if _, err := os.Stat(filepath.Join(dir, f.Path)); !os.IsNotExist(err) {
			t.Fatalf("%s in place before recovery", f.Path)
		}
	}

	s = openSink(t, Config{Dir: dir, StreamEpoch: "e", Now: newClock().Now})
	for _, f := range files {
		if _, err := os.Stat(filepath.Join(dir, f.Temp)); !os.IsNotExist(err) {
			t.Errorf("%s still temporary", f.Temp)
		}
		if f.Table == schemas.TableCables {
			if rows := readRows[schemas.CableRow](t, filepath.Join(dir, f.Path)); len(rows) != 3 {
				t.Errorf("rolled-forward %s holds %d rows", f.Path, len(rows))
			}
		}
	}
	// The redelivery of the unacked messages is recognised as committed.
	if res := add(t, s, cableMsg(t, synthCable(r, "A1", at, 500), 1)); !slices.Equal(seqsOf(res.Committed), []uint64{1}) {
		t.Errorf("redelivered sequence 1: committed %v", seqsOf(res.Committed))
	}
}

// A second sink on the same warehouse removes a dead instance's temporary
// files and runs, but not those of a live one.
func TestRecoverRemovesOnlyDeadTemps(t *testing.T) {
	dir := t.TempDir()
	r := rand.New(rand.NewPCG(8, 8))
	live := openSink(t, Config{Dir: dir, RowGroupRows: 2, Now: newClock().Now})
	for seq := uint64(1); seq <= 5; seq++ {
		// Backwards in time, so that the files spill runs.
		add(t, live, cableMsg(t, synthCable(r, "L"+string(rune('0'+seq)), time.Date(2009, 3, 10-int(seq), 0, 0, 0, 0, time.UTC), 500), seq))
	}
	liveFiles := tmpFiles(t, dir)
	if len(liveFiles) < 6 { // three tables' files and their runs
		t.Fatalf("live instance's temporary files: %v", liveFiles)
	}
	// A dead instance: files named for it, no lock held.
	dead := []string{
		"cables/year=2009/month=04/_part-20240501T120000-deadbeef-000001.parquet.tmp",
		tmpDir + "/_part-20240501T120000-deadbeef-000001-cables-123.sort",
	}
	for _, d := range dead {
		os.MkdirAll(filepath.Dir(filepath.Join(dir, d)), 0o755)
		if err := os.WriteFile(filepath.Join(dir, d), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	openSink(t, Config{Dir: dir, Now: newClock().Now})
	if got := tmpFiles(t, dir); !slices.Equal(got, liveFiles) {
		t.Errorf("after the second Open:\n%v\nwant the live instance's only:\n%v", got, liveFiles)
	}
	// And the live sink still commits what it holds.
	if res := flush(t, live); len(res.Committed) != 5 {
		t.Errorf("live sink committed %d after the other's recovery, want 5", len(res.Committed))
	}
}
