package pipeline

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// RunnerConfig configures a stage's runner.
type RunnerConfig struct {
	Name string // the stage: metrics and dead-letter headers
	// Output is the subject of the outputs that name none. Stages leave it
	// to the runner, which knows the topology they run in.
	Output string
	// DeadLetterSubject is where a stage's failures go: the runner's own,
	// or, in a Chain, the stage that failed.
	DeadLetterSubject func(stage string) string
	MaxDeliver        int             // as configured on the consumer
	Backoff           []time.Duration // nak delay by delivery count; the last repeats
	Workers           int             // concurrent Handle calls (Handler stages)
	Prefetch          int             // messages buffered from the broker
	PublishTimeout    time.Duration
	DrainTimeout      time.Duration // how long in-flight work may run after cancel
	HandleTimeout     time.Duration // a Handle call running longer is abandoned and dead-lettered
	TickEvery         time.Duration // Committer: how often Tick is called
	InProgressEvery   time.Duration // Committer: how often held messages are touched
	ResourceRetry     time.Duration // how long a resource failure (a full disk) pauses and delays the retry
	Stats             *StageStats
	Logger            *slog.Logger
	// Propagate names headers copied from an input to its outputs (trace
	// and timing headers), unless the stage set them.
	Propagate []string
	// OnAck, when set, is called after a message is acked (measurement).
	OnAck func(m *Message)
	// OnDeadLetter, when set, is called after a message is dead-lettered
	// and terminated: it is finished, like an acked one.
	OnDeadLetter func(m *Message)
}

func (c *RunnerConfig) defaults() {
	if c.Workers <= 0 {
		c.Workers = 1
	}
	if c.Prefetch <= 0 {
		c.Prefetch = 2 * c.Workers
	}
	if c.PublishTimeout <= 0 {
		c.PublishTimeout = 30 * time.Second
	}
	if c.DrainTimeout <= 0 {
		c.DrainTimeout = time.Minute
	}
	if c.HandleTimeout <= 0 {
		c.HandleTimeout = 2 * time.Minute
	}
	if c.TickEvery <= 0 {
		c.TickEvery = time.Second
	}
	if c.InProgressEvery <= 0 {
		c.InProgressEvery = 10 * time.Second
	}
	if c.ResourceRetry <= 0 {
		c.ResourceRetry = 5 * time.Second
	}
	if len(c.Backoff) == 0 {
		c.Backoff = []time.Duration{time.Second}
	}
	if c.Stats == nil {
		c.Stats = &StageStats{Name: c.Name}
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
}

// Runner feeds one durable consumer's messages to a stage.
type Runner struct {
	cfg      RunnerConfig
	js       jetstream.JetStream
	cons     jetstream.Consumer
	flushReq chan chan error
	resource resourceLog
}

// NewRunner returns a runner for cons; js is used to publish outputs and
// dead letters.
func NewRunner(js jetstream.JetStream, cons jetstream.Consumer, cfg RunnerConfig) *Runner {
	cfg.defaults()
	return &Runner{cfg: cfg, js: js, cons: cons, flushReq: make(chan chan error)}
}

// Stats returns the runner's counters.
func (r *Runner) Stats() *StageStats { return r.cfg.Stats }

// fetch delivers messages on a channel until ctx is cancelled: it stops
// fetching then, delivers what it already fetched, and closes the channel.
//
// It issues bounded Fetch requests with a short expiry rather than using
// the Messages iterator: under load the iterator was seen to stall for its
// whole 30 s pull expiry after a missed heartbeat, leaving a stage idle
// with work pending; a lost short fetch costs at most fetchWait.
func (r *Runner) fetch(ctx context.Context) <-chan *Message {
	out := make(chan *Message, r.cfg.Prefetch)
	go func() {
		defer close(out)
		for ctx.Err() == nil {
			batch, err := r.cons.Fetch(r.cfg.Prefetch, jetstream.FetchMaxWait(fetchWait))
			if err != nil {
				r.cfg.Logger.Warn("fetch", "stage", r.cfg.Name, "err", err)
				select {
				case <-ctx.Done():
				case <-time.After(fetchWait):
				}
				continue
			}
			for jm := range batch.Messages() {
				out <- fromNats(r.js, jm)
			}
			if err := batch.Error(); err != nil && !errors.Is(err, nats.ErrTimeout) && !errors.Is(err, context.DeadlineExceeded) {
				r.cfg.Logger.Debug("fetch", "stage", r.cfg.Name, "err", err)
			}
		}
	}()
	return out
}

// fetchWait bounds one fetch request.
const fetchWait = time.Second

// workContext is not cancelled with ctx, so in-flight work finishes, but
// it is cancelled DrainTimeout after ctx.
func (r *Runner) workContext(ctx context.Context) (context.Context, context.CancelFunc) {
	wctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	stop := context.AfterFunc(ctx, func() {
		t := time.AfterFunc(r.cfg.DrainTimeout, cancel)
		context.AfterFunc(wctx, func() { t.Stop() })
	})
	return wctx, func() { stop(); cancel() }
}

// Run feeds messages to h with cfg.Workers goroutines until ctx is
// cancelled, then drains and returns nil.
//
// A worker does not wait for the broker to store a message's outputs: it
// sends them and passes the message on to one finishing goroutine, which
// waits for the acks in order and then acks (or retries) the input. The
// wait is a round trip through the server's store; done in the worker, it
// left the workers idle about half the time. At most cfg.Prefetch
// messages wait to be finished; then the workers wait too.
func (r *Runner) Run(ctx context.Context, h Handler) error {
	h = Use(h, Measure(r.cfg.Stats), Timeout(r.cfg.Name, r.cfg.HandleTimeout), Recover())
	msgs := r.fetch(ctx)
	wctx, cancel := r.workContext(ctx)
	defer cancel()
	sent := make(chan *inFlight, r.cfg.Prefetch)
	var fin sync.WaitGroup
	fin.Go(func() {
		for f := range sent {
			r.finish(wctx, f)
		}
	})
	var wg sync.WaitGroup
	for range r.cfg.Workers {
		wg.Go(func() {
			for m := range msgs {
				sent <- r.handle(wctx, h, m)
			}
		})
	}
	wg.Wait()
	close(sent)
	fin.Wait()
	return nil
}

// inFlight is a handled message whose outputs are on their way to the
// broker.
type inFlight struct {
	m    *Message
	outs []*Message
	futs []jetstream.PubAckFuture
	err  error // from Handle or from sending the outputs
}

// handle runs h on m and sends its outputs.
func (r *Runner) handle(ctx context.Context, h Handler, m *Message) *inFlight {
	outs, err := h.Handle(ctx, m)
	f := &inFlight{m: m, outs: outs, err: err}
	if err != nil || len(outs) == 0 {
		return f
	}
	for _, o := range outs {
		if o.Subject == "" {
			o.Subject = r.cfg.Output
		}
		for _, k := range r.cfg.Propagate {
			if v := m.Header.Get(k); v != "" && o.Header.Get(k) == "" {
				if o.Header == nil {
					o.Header = Header{}
				}
				o.Header.Set(k, v)
			}
		}
	}
	f.futs, f.err = publishStart(r.js, outs)
	return f
}

// finish waits until f's outputs are stored, then acks its input; if
// anything failed, the input is retried or dead-lettered.
func (r *Runner) finish(ctx context.Context, f *inFlight) {
	err := f.err
	if err == nil && len(f.futs) > 0 {
		touch := func() { _ = f.m.raw.InProgress() }
		if err = awaitAcks(ctx, r.js, f.outs, f.futs, r.cfg.PublishTimeout, touch); err == nil {
			r.cfg.Stats.Published.Add(int64(len(f.outs)))
		}
	}
	if err == nil {
		r.ack(f.m)
		return
	}
	r.fail(ctx, f.m, err)
}
