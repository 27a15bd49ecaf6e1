package pipeline

import (
	"context"
	"errors"
	"time"
)

// errCommitFailed is the cause recorded when a Committer gives a message
// back after a failed commit.
var errCommitFailed = errors.New("commit failed")

// RunCommitter feeds messages to c from one goroutine, calls Tick on a
// wall-clock ticker, keeps held messages alive with in-progress acks, and on
// cancel drains: the messages already fetched are added, everything is
// flushed and acked, and it returns nil.
func (r *Runner) RunCommitter(ctx context.Context, c Committer) error {
	msgs := r.fetch(ctx)
	wctx, cancel := r.workContext(ctx)
	defer cancel()
	held := map[*Message]struct{}{}
	// After a resource failure (a full disk) the committer takes no new
	// message for ResourceRetry: the fetcher's buffer fills and fetching
	// stops, instead of every message failing in turn.
	var paused <-chan time.Time
	pause := func(err error) {
		if IsResource(err) && paused == nil {
			paused = time.After(r.cfg.ResourceRetry)
		}
	}
	apply := func(res Result, err error) {
		err = errors.Join(err, res.Err)
		pause(err)
		if err != nil && !IsResource(err) {
			r.cfg.Logger.Error("commit", "stage", r.cfg.Name, "err", err)
		}
		for _, m := range res.Committed {
			delete(held, m)
			r.ack(m)
		}
		cause := err
		if cause == nil {
			cause = errCommitFailed
		}
		for _, m := range res.Failed {
			delete(held, m)
			r.fail(wctx, m, cause)
		}
	}
	tick := time.NewTicker(r.cfg.TickEvery)
	defer tick.Stop()
	touch := time.NewTicker(r.cfg.InProgressEvery)
	defer touch.Stop()
	for {
		in := msgs
		if paused != nil {
			in = nil // not while paused
		}
		select {
		case <-paused:
			paused = nil
		case m, ok := <-in:
			if !ok {
				apply(c.Flush(wctx))
				return nil
			}
			held[m] = struct{}{}
			done := r.cfg.Stats.call()
			res, err := c.Add(wctx, m)
			done()
			if err != nil {
				delete(held, m)
				r.fail(wctx, m, err)
				pause(err)
				err = nil
			}
			apply(res, err)
		case now := <-tick.C:
			start := time.Now()
			res, err := c.Tick(wctx, now)
			r.cfg.Stats.Busy.Add(int64(time.Since(start)))
			apply(res, err)
		case done := <-r.flushReq:
			start := time.Now()
			res, err := c.Flush(wctx)
			r.cfg.Stats.Busy.Add(int64(time.Since(start)))
			apply(res, err)
			done <- err
		case <-touch.C:
			// A file may stay open longer than AckWait; tell the broker the
			// messages in it are still being worked on.
			for m := range held {
				_ = m.raw.InProgress()
			}
		}
	}
}

// Flush asks a running RunCommitter to commit everything it holds now, and
// waits for it.
func (r *Runner) Flush(ctx context.Context) error {
	done := make(chan error, 1)
	select {
	case r.flushReq <- done:
	case <-ctx.Done():
		return ctx.Err()
	}
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}
