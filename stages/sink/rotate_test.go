package sink

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/cablewire/cablewire/pipeline"
)

// month returns a cable message created in March 2009 (partition a) or a
// later month (a+k), so tests can aim at partitions.
func monthMsg(t *testing.T, r *rand.Rand, seq uint64, month int) *pipeline.Message {
	t.Helper()
	at := time.Date(2009, time.Month(3+month), 1+r.IntN(28), 0, 0, 0, 0, time.UTC)
	return cableMsg(t, synthCable(r, fmt.Sprintf("R%06d", seq), at, 2000), seq)
}

// wantCommit checks a commit handed back exactly seqs, wrote one more
// record naming them, and put its files in place.
func wantCommit(t *testing.T, dir string, res pipeline.Result, nrec int, seqs ...uint64) *Record {
	t.Helper()
	if got := seqsOf(res.Committed); !slices.Equal(got, seqs) || len(res.Failed) > 0 {
		t.Fatalf("committed %v failed %d, want %v", got, len(res.Failed), seqs)
	}
	recs := records(t, dir)
	if len(recs) != nrec {
		t.Fatalf("%d commit records, want %d", len(recs), nrec)
	}
	rec := recs[len(recs)-1]
	for _, id := range recs {
		if id.ID > rec.ID {
			rec = id
		}
	}
	if want := ranges(seqs); !slices.Equal(rec.Seqs, want) {
		t.Errorf("record %s seqs %v, want %v", rec.ID, rec.Seqs, want)
	}
	for _, f := range rec.Files {
		if _, err := os.Stat(filepath.Join(dir, f.Path)); err != nil {
			t.Errorf("committed file: %v", err)
		}
	}
	return rec
}

func TestRotateByRows(t *testing.T) {
	dir := t.TempDir()
	s := openSink(t, Config{Dir: dir, MaxRows: 5, Now: newClock().Now})
	r := rand.New(rand.NewPCG(1, 1))
	for seq := uint64(1); seq <= 4; seq++ {
		if res := addWait(t, s, monthMsg(t, r, seq, 0)); len(res.Committed) > 0 {
			t.Fatalf("cable %d committed %v before MaxRows", seq, seqsOf(res.Committed))
		}
	}
	rec := wantCommit(t, dir, addWait(t, s, monthMsg(t, r, 5, 0)), 1, 1, 2, 3, 4, 5)
	if len(rec.Cables) != 5 || rec.Files[0].Rows != 5 {
		t.Errorf("record %+v", rec)
	}
	if s.Held() != 0 {
		t.Errorf("held %d after the commit", s.Held())
	}
}

// The size estimate (encoded runs + a bound for buffered rows) commits the
// partition once it reaches TargetBytes, and the files come out near it.
func TestRotateBySize(t *testing.T) {
	dir := t.TempDir()
	const target = 256 << 10
	s := openSink(t, Config{Dir: dir, TargetBytes: target, RowGroupRows: 4, Now: newClock().Now})
	r := rand.New(rand.NewPCG(2, 2))
	var res pipeline.Result
	var seqs []uint64
	for seq := uint64(1); len(res.Committed) == 0; seq++ {
		if seq > 1000 {
			t.Fatal("no commit after 1000 cables")
		}
		seqs = append(seqs, seq)
		res = addWait(t, s, monthMsg(t, r, seq, 0))
	}
	if len(seqs) < 10 {
		t.Fatalf("committed after %d cables: the estimate is far too high", len(seqs))
	}
	rec := wantCommit(t, dir, res, 1, seqs...)
	var bytes int64
	for _, f := range rec.Files {
		bytes += f.Bytes
	}
	// Honest: the estimate errs high, by at most one row group per table
	// compressed; 60% of target leaves room for that on 4-cable groups.
	if bytes > target || bytes < target*6/10 {
		t.Errorf("files %d bytes, target %d", bytes, target)
	}
	t.Logf("%d cables, %d bytes committed for a target of %d", len(seqs), bytes, target)
}

func TestRotateByAge(t *testing.T) {
	dir := t.TempDir()
	clk := newClock()
	s := openSink(t, Config{Dir: dir, MaxAge: time.Minute, Now: clk.Now})
	r := rand.New(rand.NewPCG(3, 3))
	ctx := context.Background()
	t0 := clk.Now()
	addWait(t, s, monthMsg(t, r, 1, 0))
	clk.advance(30 * time.Second)
	addWait(t, s, monthMsg(t, r, 2, 1)) // opened 30 s later: due 30 s later
	addWait(t, s, monthMsg(t, r, 3, 0))
	tick := func(at time.Time) pipeline.Result {
		t.Helper()
		res, err := s.Tick(ctx, at)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	if res := tick(t0.Add(time.Minute - time.Nanosecond)); len(res.Committed) > 0 || len(records(t, dir)) > 0 {
		t.Fatalf("committed %v before MaxAge", seqsOf(res.Committed))
	}
	wantCommit(t, dir, tick(t0.Add(time.Minute)), 1, 1, 3)
	if res := tick(t0.Add(89 * time.Second)); len(res.Committed) > 0 {
		t.Fatalf("second partition committed %v before its MaxAge", seqsOf(res.Committed))
	}
	wantCommit(t, dir, tick(t0.Add(90*time.Second)), 2, 2)
}

// Opening a partition past MaxOpen commits the one opened first (by the
// clock, not by last write).
func TestRotateByMaxOpen(t *testing.T) {
	dir := t.TempDir()
	clk := newClock()
	s := openSink(t, Config{Dir: dir, MaxOpen: 2, Now: clk.Now})
	r := rand.New(rand.NewPCG(4, 4))
	for i, month := range []int{0, 1, 0} {
		clk.advance(time.Second)
		if res := addWait(t, s, monthMsg(t, r, uint64(i+1), month)); len(res.Committed) > 0 {
			t.Fatalf("committed %v with only two partitions open", seqsOf(res.Committed))
		}
	}
	clk.advance(time.Second)
	rec := wantCommit(t, dir, addWait(t, s, monthMsg(t, r, 4, 2)), 1, 1, 3)
	if rec.Partition != "year=2009/month=03" {
		t.Errorf("committed %s, want the oldest, year=2009/month=03", rec.Partition)
	}
	if s.Held() != 2 {
		t.Errorf("held %d, want 2 (months 04 and 05)", s.Held())
	}
}

// A partition the stream has moved past (MaxLag cables went elsewhere since
// its last) is committed; one still receiving cables is not.
func TestRotateByLag(t *testing.T) {
	dir := t.TempDir()
	s := openSink(t, Config{Dir: dir, MaxLag: 3, Now: newClock().Now})
	r := rand.New(rand.NewPCG(4, 4))
	// March gets 1, 2 and 5; April the others.
	plan := []struct {
		seq   uint64
		month int
	}{{1, 0}, {2, 0}, {3, 1}, {4, 1}, {5, 0}, {6, 1}, {7, 1}, {8, 1}}
	for _, c := range plan {
		if res := addWait(t, s, monthMsg(t, r, c.seq, c.month)); len(res.Committed) > 0 {
			t.Fatalf("cable %d committed %v: March's last was at most 3 cables before", c.seq, seqsOf(res.Committed))
		}
	}
	// The fourth cable elsewhere since March's last: March goes.
	rec := wantCommit(t, dir, addWait(t, s, monthMsg(t, r, 9, 1)), 1, 1, 2, 5)
	if rec.Partition != "year=2009/month=03" {
		t.Errorf("committed %s, want March", rec.Partition)
	}
	if s.Held() != 6 {
		t.Errorf("held %d, want April's 6", s.Held())
	}
}
