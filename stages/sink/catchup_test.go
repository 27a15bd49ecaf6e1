package sink

import (
	"math/rand/v2"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
)

// CatchUpEvery decides when a sink reads other sinks' commits into its
// index, not whether a cable is committed twice: a sink that has not
// caught up writes a cable another sink committed, and drops it at its
// commit (counted as found by reconcile); one that has caught up finds it
// in its index and writes nothing.
func TestCatchUpEveryDecidesWhereADuplicateIsFound(t *testing.T) {
	dir := t.TempDir()
	r := rand.New(rand.NewPCG(9, 9))
	at := time.Date(2009, 5, 6, 12, 0, 0, 0, time.UTC)
	clock := newClock()
	a := openSink(t, Config{Dir: dir, Now: clock.Now})
	slow := openSink(t, Config{Dir: dir, Now: clock.Now, CatchUpEvery: time.Hour})
	usual := openSink(t, Config{Dir: dir, Now: clock.Now})

	x := synthCable(r, "09X2", at, 400)
	add(t, a, cableMsg(t, x, 1))
	flush(t, a)
	clock.advance(catchUpEvery)
	for _, s := range []*Sink{slow, usual} {
		if _, err := s.Tick(t.Context(), clock.Now()); err != nil {
			t.Fatal(err)
		}
		// Acked when added (found in the index) or with the commit.
		added, flushed := add(t, s, cableMsg(t, x, 2)), flush(t, s)
		if n := len(added.Committed) + len(flushed.Committed); n != 1 {
			t.Fatalf("the redelivery handed back %d times, want once: %+v %+v", n, added, flushed)
		}
	}
	for _, c := range []struct {
		s             *Sink
		found         string
		index, reconc float64
	}{
		{slow, "reconcile", 0, 1},
		{usual, "index", 1, 0},
	} {
		idx := counter(t, c.s, foundIndex)
		rec := counter(t, c.s, foundCommitted)
		if idx != c.index || rec != c.reconc {
			t.Errorf("sink expected to find the duplicate by %s: index %v, reconcile %v", c.found, idx, rec)
		}
	}
	if got := cableRows(t, dir); len(got) != 1 {
		t.Errorf("warehouse holds %v, want 09X2 once", got)
	}
}

// counter is the sink's duplicates counter for found.
func counter(t *testing.T, s *Sink, found string) float64 {
	t.Helper()
	var m dto.Metric
	if err := s.metrics.duplicates.WithLabelValues(found).Write(&m); err != nil {
		t.Fatal(err)
	}
	return m.GetCounter().GetValue()
}
