package sink

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"runtime/metrics"
	"testing"
	"time"
)

// heapPeak samples the heap in a goroutine: the peak of heap objects
// (live and not yet collected: what the process must hold) and the peak of
// the live heap measured at the end of each GC.
type heapPeak struct {
	stop, done chan struct{}
	heap, live uint64
}

func sampleHeap() *heapPeak {
	runtime.GC()
	h := &heapPeak{stop: make(chan struct{}), done: make(chan struct{})}
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/gc/heap/live:bytes"}}
	go func() {
		defer close(h.done)
		tk := time.NewTicker(2 * time.Millisecond)
		defer tk.Stop()
		for {
			metrics.Read(s)
			h.heap = max(h.heap, s[0].Value.Uint64())
			h.live = max(h.live, s[1].Value.Uint64())
			select {
			case <-h.stop:
				return
			case <-tk.C:
			}
		}
	}()
	return h
}

// end stops sampling and returns the peaks in MB.
func (h *heapPeak) end() (heap, live float64) {
	close(h.stop)
	<-h.done
	return float64(h.heap) / (1 << 20), float64(h.live) / (1 << 20)
}

// writeMonths writes n cables spread over parts monthly partitions, in
// roughly time order as a corpus walk delivers them: cable i belongs to
// month i*parts/n or one of the next two, so about three partitions take
// writes at a time. It returns the JSON bytes written.
func writeMonths(tb testing.TB, s *Sink, f *feed, n, parts int) int64 {
	r := rand.New(rand.NewPCG(9, 9))
	var total int64
	for i := range n {
		month := min(parts-1, i*parts/n+r.IntN(3))
		m := f.msg(i, monthTime(r, month))
		total += int64(len(m.Data))
		add(tb, s, m)
	}
	flush(tb, s)
	return total
}

// memConfig is the sink the memory figures are taken with: the default
// MaxOpen (8), and row groups small enough (200 cables, ~3 MB of text) that
// every partition spills runs even at 20k cables over 50 partitions.
func memConfig(dir string) Config {
	return Config{Dir: dir, RowGroupRows: 200, Now: newClock().Now}
}

// Peak heap is bounded by the open partitions' row groups, not by the
// input or the files' size: 5,000 cables of ~17 KB JSON (85 MB) over 5
// partitions, each file 1,000 cables in 20 sorted runs. MaxOpen 4 exceeds
// the three partitions writeMonths writes at a time, so files are whole.
func TestSinkMemoryBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 85 MB")
	}
	f := newFeed(1, 16, 8000)
	cfg := Config{Dir: t.TempDir(), RowGroupRows: 50, MaxOpen: 4, Now: newClock().Now}
	s := openSink(t, cfg)
	h := sampleHeap()
	in := writeMonths(t, s, f, 5000, 5)
	heap, live := h.end()
	// Measured ~90-140 MB live, of which ~32 MB is zstd encoder history
	// and ~15 MB page buffers, fixed costs; the rest is the open row groups
	// and the merge's readers. Holding the input's rows (85 MB of JSON,
	// more decoded) would exceed the bound.
	t.Logf("input %d MB; peak heap %.1f MB, peak live %.1f MB", in>>20, heap, live)
	if live > 200 {
		t.Errorf("peak live heap %.1f MB for %d MB of input", live, in>>20)
	}
}

// What the sink keeps between commits does not grow with the warehouse:
// the index of committed cables is on disk. 30,000 more committed cables
// leave the retained heap where it was; with the index in maps (as
// before) they added 150 to 300 bytes each, 4.5 MB or more.
func TestRetainedHeapIndependentOfWarehouse(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 32,000 cables")
	}
	f := newFeed(4, 8, 200)
	s := openSink(t, Config{Dir: t.TempDir(), Now: newClock().Now})
	retained := func() uint64 {
		runtime.GC()
		runtime.GC() // and the pools the first one moved to their victim caches
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	r := rand.New(rand.NewPCG(4, 4))
	write := func(from, to int) {
		for i := from; i < to; i++ {
			add(t, s, f.msg(i, monthTime(r, i/1000%12))) // a walk in time order
		}
		flush(t, s)
	}
	write(0, 2000)
	before := retained()
	write(2000, 32000)
	after := retained()
	grew := (int64(after) - int64(before)) / 1024
	t.Logf("retained heap %d KB after 2,000 cables, %d KB after 32,000 (%+d KB)", before>>10, after>>10, grew)
	if grew > 3<<10 {
		t.Errorf("retained heap grew %d KB over 30,000 committed cables", grew)
	}
}

// BenchmarkSinkMemory writes 20k, 100k and 300k cables over 50 partitions,
// out of order within each, and reports the peak heap: 134, 115 and 157 MB
// live (146, 210 and 244 while every file spilled its row groups as runs;
// 147, 224 and 297 with the index in memory). What rises is the merge at
// commit reading more sorted runs at once, up to the MaxRuns cap of 16 — a
// limit of the configuration, not of the input.
//
//	go test ./stages/sink -run '^$' -bench SinkMemory -benchtime 1x
func BenchmarkSinkMemory(b *testing.B) {
	f := newFeed(1, 32, 8000)
	for _, n := range []int{20_000, 100_000, 300_000} {
		b.Run(fmt.Sprintf("cables=%d", n), func(b *testing.B) {
			var heap, live float64
			var in int64
			for b.Loop() {
				s := openSink(b, memConfig(b.TempDir()))
				h := sampleHeap()
				in = writeMonths(b, s, f, n, 50)
				heap, live = h.end()
				s.Close()
			}
			b.SetBytes(in)
			b.ReportMetric(heap, "peak-heap-MB")
			b.ReportMetric(live, "peak-live-MB")
		})
	}
}
