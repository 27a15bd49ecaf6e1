package sink

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/cablewire/cablewire/pipeline"
	"github.com/cablewire/cablewire/pipeline/pipelinetest"
)

// The sink keeps the committer contract (pipelinetest): every cable added
// is handed back once Flush returns, garbage is refused permanently, and
// a cable added again to a new sink on the same warehouse is acked and
// kept once.
func TestSinkConformance(t *testing.T) {
	dir := t.TempDir()
	r := rand.New(rand.NewPCG(1, 2))
	var inputs []*pipeline.Message
	for i := range 40 {
		c := synthCable(r, "09PARIS"+string(rune('A'+i%26))+string(rune('0'+i/26)), time.Date(2009, time.Month(1+i%3), 1+i, 0, 0, 0, 0, time.UTC), 2000)
		inputs = append(inputs, cableMsg(t, c, uint64(i+1)))
	}
	pipelinetest.CommitterConformance(t, func(t *testing.T) pipeline.Committer {
		s, err := Open(Config{Dir: dir, StreamEpoch: "e", Now: newClock().Now})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}, inputs)
	n := 0
	for _, r := range records(t, dir) {
		n += len(r.Cables)
	}
	if n != len(inputs) {
		t.Errorf("the commit log holds %d cables after two rounds, want %d", n, len(inputs))
	}
}
