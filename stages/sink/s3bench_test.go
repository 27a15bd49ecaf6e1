package sink

import (
	"math/rand/v2"
	"testing"
)

// BenchmarkSinkStore measures the whole sink (Add, commits, the final
// Flush) into a local directory and into an S3 warehouse on versitygw on
// loopback, with commits of 500 cables (5 files each) so that the commit
// protocol's round trips weigh: store=s3 pays, per commit, an upload, a
// server-side copy and a delete per file, a listing and the record's
// conditional write.
//
//	CABLEWIRE_VERSITYGW=$(scripts/versitygw.sh) go test ./stages/sink -run '^$' -bench SinkStore -benchtime 5000x -count 3
func BenchmarkSinkStore(b *testing.B) {
	f := newFeed(2, 32, 4000)
	for _, where := range []string{"local", "s3"} {
		b.Run("store="+where, func(b *testing.B) {
			cfg := Config{Dir: b.TempDir(), Now: newClock().Now, MaxRows: 500}
			if where == "s3" {
				loc, _ := s3Warehouse(b, "bench")
				cfg.S3 = &loc
			}
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
