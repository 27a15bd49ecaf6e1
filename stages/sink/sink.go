package sink

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync/atomic"
	"time"

	"github.com/cablewire/cablewire/pipeline"
	"github.com/cablewire/cablewire/schemas"
)

// Stats counts what the sink did in this process.
type Stats struct {
	Cables     atomic.Int64 // cable rows written and committed
	Paragraphs atomic.Int64
	Entities   atomic.Int64
	Files      atomic.Int64 // Parquet files committed
	Merged     atomic.Int64 // of those, files whose rows came out of time order: spilled as runs and merged
	Bytes      atomic.Int64
	Commits    atomic.Int64
	Duplicates atomic.Int64 // cables already in the warehouse, acked unwritten
	Versions   atomic.Int64 // changed cables written as a new version
	Compacted  atomic.Int64 // files the background compaction replaced
	LostSlots  atomic.Int64 // S3: commits that lost their slot of the log to another sink, and took the next
}

// Sink writes cables into the warehouse; see the package doc.
type Sink struct {
	cfg       Config
	store     store // the warehouse directory, or an S3 bucket (Config.S3)
	id        Identity
	instance  string
	lock      *os.File
	idx       *index
	known     *knownRecords // when the index took in each commit record
	metrics   *sinkMetrics
	stale     bool      // a commit is not yet in the index: catch up first
	caught    time.Time // last catch-up with the commit log
	deadCache map[string]bool
	deadHere  map[string]bool // S3: instances found dead on this host at Open (deadInstances)
	open      map[string]*partition
	busy      *commitJob       // the commit running in the background, if any
	openVer   map[string]int32 // highest version written to open or committing files, by ref id
	seq       int
	written   int64       // cables written to open files so far (partition.last counts in it)
	bg        *background // the background compaction, if Config.Compact
	Stats     Stats
}

// Open prepares the warehouse directory, recovers from an earlier crash and
// loads what is committed.
func Open(cfg Config) (*Sink, error) {
	if err := cfg.defaults(); err != nil {
		return nil, err
	}
	for _, d := range []string{commitsDir, sinksDir, tmpDir, compactDir} {
		if err := os.MkdirAll(filepath.Join(cfg.Dir, d), 0o755); err != nil {
			return nil, fmt.Errorf("sink: %w", err)
		}
	}
	var st store = localStore{cfg.Dir}
	var id Identity
	var err error
	if cfg.S3 != nil {
		var s3 *s3Store
		if s3, err = openS3Store(*cfg.S3, cfg.Dir); err != nil {
			return nil, fmt.Errorf("sink: %w", err)
		}
		st = s3
		id, err = s3.identity()
		// Compaction swaps partition directories with one rename: there is
		// none on S3, and it is not done there (see doc.go).
		cfg.Compact = false
	} else {
		id, err = WarehouseIdentity(cfg.Dir)
	}
	if err != nil {
		return nil, fmt.Errorf("sink: %w", err)
	}
	s := &Sink{cfg: cfg, store: st, id: id, known: newKnownRecords(), metrics: newMetrics(), open: map[string]*partition{}, openVer: map[string]int32{}, deadCache: map[string]bool{}}
	if cfg.S3 != nil {
		s.deadHere = deadInstances(cfg.Dir)
	}
	if err := s.lockInstance(); err != nil {
		return nil, err
	}
	idx, err := openIndex(cfg.Dir, s.instance, s.dead)
	if err != nil {
		s.unlock()
		return nil, fmt.Errorf("sink: %w", err)
	}
	s.idx = idx
	named, err := s.catchUp()
	if err == nil {
		err = s.recover(named)
	}
	if err != nil {
		s.Close()
		return nil, fmt.Errorf("sink: recover: %w", err)
	}
	s.caught = cfg.Now()
	if cfg.Compact {
		s.startCompaction()
	}
	return s, nil
}

// Add decodes m and writes its rows into its partition's open files.
func (s *Sink) Add(ctx context.Context, m *pipeline.Message) (pipeline.Result, error) {
	if w := m.Header.Get(schemas.HeaderWarehouse); w != "" && w != s.id.ID {
		return pipeline.Result{}, pipeline.Permanent(fmt.Errorf("sink: %w (%s; this sink writes %s)", ErrOtherWarehouse, w, s.id.ID))
	}
	c, err := schemas.DecodeCable(m.Data, m.Header.Get(schemas.HeaderContentType))
	if err != nil {
		return pipeline.Result{}, pipeline.Permanent(fmt.Errorf("sink: undecodable cable: %w", err))
	}
	if c.RefID == "" || c.Created.IsZero() {
		return pipeline.Result{}, pipeline.Permanent(errors.New("sink: cable has no reference id or creation time"))
	}
	m.Data = nil // the rows hold what is needed; don't keep it while held
	res := s.pollCommit()
	if s.stale {
		if _, err := s.catchUp(); err != nil {
			return res, fmt.Errorf("sink: index: %w", err)
		}
		s.stale = false
	}
	// A redelivery of a committed message (its ack lost in a crash) and the
	// same cable loaded again later are both found by content, which makes
	// a separate index of committed stream sequences unnecessary.
	known, latest, err := s.idx.lookup(c.RefID, c.ContentHash)
	if err != nil {
		return res, fmt.Errorf("sink: index: %w", err)
	}
	if known {
		s.Stats.Duplicates.Add(1)
		s.metrics.duplicates.WithLabelValues(foundIndex).Inc()
		res.Committed = append(res.Committed, m)
		return res, nil
	}
	key := partitionKey(c.Created)
	p := s.open[key]
	pk := contentKey{c.RefID, c.ContentHash}
	if p != nil && p.pending[pk] {
		// The same cable twice in one open file: ack both with the commit.
		s.Stats.Duplicates.Add(1)
		s.metrics.duplicates.WithLabelValues(foundOpen).Inc()
		p.hold(m)
		return res, nil
	}
	if j := s.busy; j != nil && j.p.pending[pk] {
		// Or in the files being committed: ack it with them.
		s.Stats.Duplicates.Add(1)
		s.metrics.duplicates.WithLabelValues(foundOpen).Inc()
		j.late = append(j.late, m)
		return res, nil
	}
	if p == nil {
		if len(s.open) >= s.cfg.MaxOpen {
			res.Merge(s.startCommit(s.oldest()))
		}
		s.seq++
		base := fmt.Sprintf("part-%s-%s-%06d", s.cfg.Now().UTC().Format("20060102T150405"), s.instance, s.seq)
		np, err := openPartition(s.cfg.Dir, key, base, s.cfg.Now(), s.cfg.RowGroupRows, !s.cfg.unsorted, s.cfg.Compression)
		if err != nil {
			return res, fmt.Errorf("sink: open %s: %w", key, err)
		}
		np.epoch = s.known.now()
		p = np
		s.open[key] = p
	}
	// Version 1 for a new reference id, else one more than any committed
	// or written to an open file.
	v := max(latest, s.openVer[c.RefID]) + 1
	if err := p.write(&c, v); err != nil {
		// The files may now be inconsistent: give the whole partition back.
		delete(s.open, key)
		p.abort(s.cfg.Dir)
		res.Failed = append(res.Failed, p.msgs...)
		return res, fmt.Errorf("sink: write %s: %w", key, err)
	}
	s.openVer[c.RefID] = v
	if v > 1 {
		s.Stats.Versions.Add(1)
	}
	p.hold(m)
	s.written++
	p.last = s.written
	if len(p.written) >= s.cfg.MaxRows || p.size() >= s.cfg.TargetBytes || p.runs() >= s.cfg.MaxRuns {
		res.Merge(s.startCommit(p))
	} else if s.busy == nil {
		if q := s.lagging(); q != nil {
			res.Merge(s.startCommit(q))
		}
	}
	return res, nil
}

// lagging is the open partition longest without a cable, if more than
// MaxLag cables have gone elsewhere since. Called only with no commit
// running, so that committing it does not wait.
func (s *Sink) lagging() *partition {
	if s.cfg.MaxLag < 0 {
		return nil
	}
	var o *partition
	for _, p := range s.open {
		if s.written-p.last > int64(s.cfg.MaxLag) && (o == nil || p.last < o.last) {
			o = p
		}
	}
	return o
}

func (s *Sink) oldest() *partition {
	var o *partition
	for _, p := range s.open {
		if o == nil || p.opened.Before(o.opened) {
			o = p
		}
	}
	return o
}

// catchUpEvery is the default Config.CatchUpEvery.
const catchUpEvery = 10 * time.Second

// Tick commits partitions open for MaxAge or more, and now and then
// applies other sinks' commits to the index.
func (s *Sink) Tick(ctx context.Context, now time.Time) (pipeline.Result, error) {
	if now.Sub(s.caught) >= s.cfg.CatchUpEvery {
		s.caught = now
		s.stale = true
	}
	res := s.pollCommit()
	var due []*partition
	for _, p := range s.open {
		if now.Sub(p.opened) >= s.cfg.MaxAge {
			due = append(due, p)
		}
	}
	if len(due) > 0 {
		res.Merge(s.commitAll(due))
	}
	return res, nil
}

// Flush commits every open partition, and waits for every commit.
func (s *Sink) Flush(ctx context.Context) (pipeline.Result, error) {
	all := make([]*partition, 0, len(s.open))
	for _, p := range s.open {
		all = append(all, p)
	}
	return s.commitAll(all), nil
}

// Close drops what is open and uncommitted (its messages were never acked,
// so they are redelivered) and releases the instance lock.
func (s *Sink) Close() error {
	if s.busy != nil {
		// Not finished, so not acked: what it committed is applied by the
		// next catch-up, and its messages, redelivered, are found there.
		<-s.busy.done
		s.busy = nil
	}
	for k, p := range s.open {
		p.abort(s.cfg.Dir)
		delete(s.open, k)
	}
	s.bg.stop()
	// The index first: the next instance may adopt it once the lock goes.
	return errors.Join(s.idx.close(), s.unlock())
}

// Identity is the identity of the sink's warehouse.
func (s *Sink) Identity() Identity { return s.id }

// Held reports how many messages the sink holds unacked.
func (s *Sink) Held() int {
	n := 0
	for _, p := range s.open {
		n += len(p.msgs)
	}
	if s.busy != nil {
		n += len(s.busy.p.msgs) + len(s.busy.late)
	}
	return n
}
