package sink

import (
	"context"
	"sync"
	"time"
)

// compactEvery is how often the background compaction looks at the
// partitions the sink committed to since its last look.
var compactEvery = 5 * time.Second

// background is a sink's background compaction (Config.Compact): a
// goroutine that compacts the partitions the sink commits to once one of
// their tables holds MinFiles small files. It shares the sink's instance,
// so its staging directories live and die with the sink; a sink killed
// mid-compaction leaves what a killed compactor leaves, which the next
// compaction cleans up.
type background struct {
	kick   chan string
	cancel context.CancelFunc
	done   chan struct{}
	mu     sync.Mutex
	err    error // the last error, if any
}

func (b *background) fail(err error) {
	b.mu.Lock()
	b.err = err
	b.mu.Unlock()
}

// CompactionErr is the background compaction's last error, if any: it does not stop
// the sink (the next pass tries again), but is reported.
func (s *Sink) CompactionErr() error {
	if s.bg == nil {
		return nil
	}
	s.bg.mu.Lock()
	defer s.bg.mu.Unlock()
	return s.bg.err
}

func (s *Sink) startCompaction() {
	cfg := s.cfg.CompactWith
	cfg.Dir = s.cfg.Dir
	if cfg.MinFiles == 0 {
		cfg.MinFiles = 4
	}
	if cfg.Compression == "" {
		cfg.Compression = s.cfg.Compression
	}
	if cfg.Catalog == nil {
		cfg.Catalog = s.cfg.Catalog
	}
	if err := cfg.defaults(); err != nil {
		s.cfg.Compact = false
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	b := &background{kick: make(chan string, 256), cancel: cancel, done: make(chan struct{})}
	c := &compactor{cfg: cfg, instance: s.instance, dead: map[string]bool{}}
	s.bg = b
	go b.loop(ctx, c, &s.Stats)
}

// committed tells the compaction that a commit touched partition key.
func (b *background) committed(key string) {
	if b == nil {
		return
	}
	select {
	case b.kick <- key:
	default: // full: the partition is looked at with the next one
	}
}

func (b *background) loop(ctx context.Context, c *compactor, stats *Stats) {
	defer close(b.done)
	t := time.NewTicker(compactEvery)
	defer t.Stop()
	dirty := map[string]bool{}
	for {
		select {
		case <-ctx.Done():
			return
		case k := <-b.kick:
			dirty[k] = true
			continue
		case <-t.C:
		}
		if len(dirty) == 0 {
			continue
		}
		if err := c.cleanup(); err != nil {
			b.fail(err)
		}
		for k := range dirty {
			var st CompactStats
			for _, table := range tableNames {
				if err := c.partition(ctx, table, k, &st); err != nil {
					if ctx.Err() != nil {
						return
					}
					b.fail(err)
				}
			}
			stats.Compacted.Add(int64(st.FilesIn))
			delete(dirty, k)
		}
	}
}

// stop cancels a compaction in progress (its staging directory is
// removed) and waits for the goroutine.
func (b *background) stop() {
	if b == nil {
		return
	}
	b.cancel()
	<-b.done
}
