package sink

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/cablewire/cablewire/schemas"
)

// BenchmarkSinkWriters measures the whole sink (Add, then the final Flush
// that merges the sorted runs into the files, timed) with each way of
// writing the sorted tables (see sinkWriters), in one binary so that they
// are measured on the same tree and machine state; cables in random time
// order over 4 partitions. Its messages are JSON (the feed patches JSON
// templates), which costs more to decode than the pipeline's binary codec.
// cpu-ns/op is the process's user+system CPU per cable, GC included: on a
// shared machine it is steadier than ns/op.
//
//	go test ./stages/sink -run '^$' -bench SinkWriters -benchtime 10000x -count 3 -benchmem
func BenchmarkSinkWriters(b *testing.B) {
	f := newFeed(2, 32, 8000)
	for _, sorted := range []bool{true, false} {
		for _, writer := range []string{"parquet", "typed"} {
			if !sorted && writer != "typed" {
				continue // the unsorted tables write structs in any case
			}
			b.Run(fmt.Sprintf("sorted=%v/writer=%s", sorted, writer), func(b *testing.B) {
				defer sinkWriters(writer)()
				cfg := Config{Dir: b.TempDir(), Now: newClock().Now, unsorted: !sorted}
				s := openSink(b, cfg)
				r := rand.New(rand.NewPCG(3, 3))
				b.SetBytes(int64(f.avgBytes()))
				b.ResetTimer()
				cpu := cpuTime()
				for i := range b.N {
					add(b, s, f.msg(i, monthTime(r, i%4)))
				}
				flush(b, s)
				reportCPU(b, cpu)
			})
		}
	}
}

// BenchmarkPartitionWrite writes decoded cables straight into partitions
// (4 months, a commit's worth of files closed every 4,000 cables each),
// closing them inside the timing: the sink's Parquet work without the
// JSON decoding or the commit protocol. order=random is created at random
// within the month, as BenchmarkSinkWriters; order=time is a walk in time
// order, whose sorted runs do not overlap.
//
//	go test ./stages/sink -run '^$' -bench PartitionWrite -benchtime 8000x -count 3 -benchmem
func BenchmarkPartitionWrite(b *testing.B) {
	r := rand.New(rand.NewPCG(2, 1))
	var cables []schemas.Cable
	for range 32 {
		cables = append(cables, synthCable(r, tmplRef, time.Time{}, 8000))
	}
	type variant struct {
		sorted bool
		writer string // of sorted tables: see sinkWriters
		order  string
	}
	var vs []variant
	for _, order := range []string{"random", "time"} {
		for _, w := range []string{"parquet", "typed"} {
			vs = append(vs, variant{true, w, order})
		}
	}
	vs = append(vs, variant{false, "-", "random"})
	for _, v := range vs {
		b.Run(fmt.Sprintf("sorted=%v/writer=%s/order=%s", v.sorted, v.writer, v.order), func(b *testing.B) {
			defer sinkWriters(v.writer)()
			dir := b.TempDir()
			if err := os.MkdirAll(filepath.Join(dir, tmpDir), 0o755); err != nil {
				b.Fatal(err)
			}
			r := rand.New(rand.NewPCG(3, 3))
			parts := make([]*partition, 4)
			seq := 0
			var est, bytes int64
			closeP := func(m int) {
				est += parts[m].size()
				files, err := parts[m].close(dir)
				if err != nil {
					b.Fatal(err)
				}
				for _, f := range files {
					bytes += f.Bytes
				}
				parts[m] = nil
			}
			b.ResetTimer()
			cpu := cpuTime()
			for i := range b.N {
				m := i % 4
				if parts[m] == nil {
					seq++
					p, err := openPartition(dir, fmt.Sprintf("m=%d", m), fmt.Sprintf("part-%06d", seq), time.Time{}, 1000, v.sorted, "")
					if err != nil {
						b.Fatal(err)
					}
					parts[m] = p
				}
				c := cables[i%len(cables)]
				c.RefID = fmt.Sprintf("R%09d", i)
				c.ContentHash = "h-" + c.RefID
				if v.order == "time" {
					c.Created = time.Date(2000, time.Month(1+m), 1, 0, 0, i, 0, time.UTC)
				} else {
					c.Created = monthTime(r, m)
				}
				if err := parts[m].write(&c, 1); err != nil {
					b.Fatal(err)
				}
				if len(parts[m].written) >= 4000 {
					closeP(m)
				}
			}
			for m := range parts {
				if parts[m] != nil {
					closeP(m)
				}
			}
			reportCPU(b, cpu)
			// The files' bytes per cable, and the size estimate
			// (Config.TargetBytes) made of them just before closing.
			b.ReportMetric(float64(bytes)/float64(b.N), "file-B/op")
			b.ReportMetric(float64(est)/float64(b.N), "est-B/op")
		})
	}
}

// cpuTime is the process's user+system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU reports the CPU time since from per op, and cables/s of wall time.
func reportCPU(b *testing.B, from time.Duration) {
	b.StopTimer()
	b.ReportMetric(float64(cpuTime()-from)/float64(b.N), "cpu-ns/op")
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "cables/s")
}

// sinkWriters sets how sorted tables are written until the returned func
// runs: "parquet", parquet-go's SortingWriter; "typed" (and anything
// else), sortedWriter, as the sink does.
func sinkWriters(w string) func() {
	useSortedWriter = w != "parquet"
	return func() { useSortedWriter = true }
}
