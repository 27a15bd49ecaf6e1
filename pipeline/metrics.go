package pipeline

import (
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// StageStats counts what one stage did in this process. Dead-letter reasons
// are grouped by the error text, so the summary shows how many of each.
type StageStats struct {
	Name         string
	Received     atomic.Int64 // deliveries handed to the stage
	Acked        atomic.Int64 // inputs done and acked
	Retried      atomic.Int64 // naked for redelivery
	DeadLettered atomic.Int64
	Published    atomic.Int64 // outputs published
	Busy         atomic.Int64 // nanoseconds spent in stage code

	// latency observes each Handle call (Add for a committer), once
	// Metrics exports the stage; nil until then.
	latency atomic.Pointer[prometheus.Observer]

	mu      sync.Mutex
	reasons map[string]int64
}

// handled counts d as time in stage code, and one call's latency.
func (s *StageStats) handled(d time.Duration) {
	s.Busy.Add(int64(d))
	if o := s.latency.Load(); o != nil {
		(*o).Observe(d.Seconds())
	}
}

func (s *StageStats) deadLetter(reason string) {
	s.DeadLettered.Add(1)
	s.mu.Lock()
	if s.reasons == nil {
		s.reasons = map[string]int64{}
	}
	s.reasons[reason]++
	s.mu.Unlock()
}

// Reasons returns the dead-letter reasons with their counts, most first.
func (s *StageStats) Reasons() []ReasonCount {
	s.mu.Lock()
	defer s.mu.Unlock()
	return SortReasons(s.reasons)
}

// SortReasons lists counted reasons, most first, then by text.
func SortReasons(m map[string]int64) []ReasonCount {
	out := make([]ReasonCount, 0, len(m))
	for r, n := range m {
		out = append(out, ReasonCount{r, n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Reason < out[j].Reason
	})
	return out
}

// ReasonCount is one dead-letter reason and how often it occurred.
type ReasonCount struct {
	Reason string
	Count  int64
}
