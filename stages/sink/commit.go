package sink

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/cablewire/cablewire/pipeline"
	"github.com/cablewire/cablewire/schemas"
)

// commitJob is a partition whose files are being closed and committed on a
// goroutine of its own (steps 1 to 3 of the package doc) while the sink
// goes on taking cables; the sink's goroutine finishes it (steps 4 and 5).
// Closing encodes and compresses the files' last row groups (and merges
// runs, if rows came out of order), much of the sink's work: done inline,
// it left the sink, the pipeline's last
// stage, on one core for that time while the stages before it waited on
// a full enriched stream or finished early and left the other core idle.
type commitJob struct {
	p     *partition
	store store
	rec   *Record // nil once reconcile found every cable committed by others
	known *knownRecords
	start time.Time
	done  chan struct{}
	// compression is Config.Compression, for files reconcile rewrites.
	compression string
	// Set by the job before done closes.
	committed bool            // the record is written: the commit point is passed
	err       error           // of a failed step; after the commit point, finishing it is left to catch-up
	dropped   int             // cables reconcile found committed by other sinks
	checked   map[string]bool // records reconcile read (S3: it runs again after a lost slot)
	lostSlots int             // S3: slots of the log another sink took first
	// Duplicates of the partition's cables that arrived while it ran: they
	// are acked with it.
	late []*pipeline.Message
}

// commitGate, when set (tests), holds background commits until it is
// closed or sent to, so that cables can arrive while one runs.
var commitGate chan struct{}

// startCommit removes p from the open partitions and starts committing it.
// One commit runs at a time: the previous one is finished first, and its
// result returned.
func (s *Sink) startCommit(p *partition) pipeline.Result {
	res := s.finishCommit()
	delete(s.open, p.key)
	j := &commitJob{p: p, store: s.store, known: s.known, start: time.Now(), compression: s.cfg.Compression, done: make(chan struct{}), rec: &Record{
		ID:            p.base,
		Time:          s.cfg.Now().UTC(),
		SchemaVersion: schemas.TableVersion,
		Instance:      s.instance,
		Partition:     p.key,
		Stream:        p.stream,
		StreamEpoch:   s.cfg.StreamEpoch,
		Seqs:          ranges(p.seqs),
		Cables:        p.written,
	}}
	s.busy = j
	go j.run(s.cfg.Dir)
	return res
}

// run closes the files, then, holding the warehouse's commit lock (on S3:
// until its conditional write wins), reconciles them with what other
// sinks committed, writes the commit record and publishes the files. It
// touches only the job, its partition's files and the store.
func (j *commitJob) run(dir string) {
	defer close(j.done)
	if commitGate != nil {
		<-commitGate
	}
	files, err := j.p.close(dir)
	if err != nil {
		// Every file of the partition goes, the ones that closed too: on a
		// full disk, temporary files left behind kept it full.
		j.p.abort(dir)
		j.err = fmt.Errorf("sink: close %s: %w", j.p.key, err)
		return
	}
	j.rec.Files = files
	unlock, err := j.store.lock()
	if err != nil {
		removeTemps(dir, files)
		j.err = fmt.Errorf("sink: %w", err)
		return
	}
	defer unlock()
	if err := j.commitPoint(dir); err != nil {
		if errors.Is(err, errCommitUncertain) {
			removeTemps(dir, j.rec.Files) // the staged copies stay
		} else {
			j.store.unstage(j.rec.Files)
		}
		j.err = fmt.Errorf("sink: %w", err)
		return
	}
	if j.rec == nil {
		return // every cable committed by others
	}
	// Committed: from here a crash is rolled forward on Open, and the
	// messages are acked whatever fails below.
	j.committed = true
	if err := j.store.publish(j.rec.Files); err != nil {
		j.err = fmt.Errorf("sink: %w", err)
	}
}

// commitPoint reconciles the job with what other sinks committed and
// writes its record: the commit point, of a directory (the record renamed
// into _cablewire/commits/) or of S3 (the record's conditional write into
// the next free slot of the log). Losing that slot to another sink means
// its record is one more to reconcile with: the loop checks it and tries
// the next. It returns with j.rec nil when every cable is committed by
// others (nothing to write, the messages acked as they are). A hook run
// at the commit point belongs here, after commit returns nil.
func (j *commitJob) commitPoint(dir string) error {
	staged := false
	for {
		changed, err := j.reconcile(dir)
		if err != nil {
			return err
		}
		if len(j.rec.Cables) == 0 {
			j.store.unstage(j.rec.Files)
			j.rec, j.committed = nil, true
			return nil
		}
		if !staged || changed {
			if err := j.store.stage(j.rec.Files); err != nil {
				return err
			}
			staged = true
		}
		err = j.store.commit(j.rec)
		if !errors.Is(err, errSlotTaken) {
			return err
		}
		j.lostSlots++
	}
}

// finishCommit waits for the running commit, if any, adds its cables to
// the index and hands its messages back: committed, or failed to be
// retried. Result.Err says why a commit failed.
func (s *Sink) finishCommit() pipeline.Result {
	j := s.busy
	if j == nil {
		return pipeline.Result{}
	}
	<-j.done
	s.busy = nil
	p := j.p
	for _, w := range p.written {
		// A later version of the cable may be in an open file.
		if s.openVer[w.RefID] == w.Version {
			delete(s.openVer, w.RefID)
		}
	}
	msgs := append(p.msgs, j.late...)
	if !j.committed {
		return pipeline.Result{Failed: msgs, Err: j.err}
	}
	res := pipeline.Result{Committed: msgs, Err: j.err}
	s.Stats.Duplicates.Add(int64(j.dropped))
	s.Stats.LostSlots.Add(int64(j.lostSlots))
	s.metrics.duplicates.WithLabelValues(foundCommitted).Add(float64(j.dropped))
	if j.dropped > 0 {
		s.stale = true // learn the other sinks' records before the next lookup
	}
	if j.rec == nil {
		return res
	}
	if j.err != nil {
		s.stale = true // catch-up renames the files and applies the record
		return res
	}
	// After the rename: an applied record's files are always in place.
	if err := s.idx.apply([]*Record{j.rec}); err != nil {
		s.stale = true
		res.Err = fmt.Errorf("sink: index: %w", err)
		return res
	}
	s.known.add(j.rec.ID)
	notifyCatalog(s.cfg.Catalog, j.rec)
	s.metrics.commitSeconds.Observe(time.Since(j.start).Seconds())
	s.bg.committed(j.rec.Partition)
	s.Stats.Commits.Add(1)
	s.Stats.Cables.Add(int64(len(p.written)))
	for _, f := range j.rec.Files {
		s.Stats.Files.Add(1)
		if f.merged {
			s.Stats.Merged.Add(1)
		}
		s.Stats.Bytes.Add(f.Bytes)
		s.metrics.fileBytes.WithLabelValues(f.Table).Observe(float64(f.Bytes))
		switch f.Table {
		case schemas.TableParagraphs:
			s.Stats.Paragraphs.Add(f.Rows)
		case schemas.TableEntities:
			s.Stats.Entities.Add(f.Rows)
		}
	}
	return res
}

// pollCommit finishes the running commit if it is done, without waiting.
func (s *Sink) pollCommit() pipeline.Result {
	if s.busy == nil {
		return pipeline.Result{}
	}
	select {
	case <-s.busy.done:
		return s.finishCommit()
	default:
		return pipeline.Result{}
	}
}

// commitAll commits ps, in partition order, and waits for the last.
func (s *Sink) commitAll(ps []*partition) pipeline.Result {
	slices.SortFunc(ps, func(a, b *partition) int { return strings.Compare(a.key, b.key) })
	var res pipeline.Result
	for _, p := range ps {
		res.Merge(s.startCommit(p))
	}
	res.Merge(s.finishCommit())
	return res
}

// publishFiles renames committed files into place and makes the renames
// durable. Files already in place (a roll-forward) are left as they are.
func publishFiles(dir string, files []FileRecord) error {
	dirs := map[string]bool{}
	for _, f := range files {
		final := filepath.Join(dir, f.Path)
		if _, err := os.Stat(final); err == nil {
			continue
		}
		if err := os.Rename(filepath.Join(dir, f.Temp), final); err != nil {
			return err
		}
		dirs[filepath.Dir(final)] = true
	}
	for d := range dirs {
		if err := syncDir(d); err != nil {
			return err
		}
	}
	return nil
}
