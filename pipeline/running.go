package pipeline

import (
	"context"
	"errors"
	"log/slog"
	"sync"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"
)

// RunOptions is what a process adds to a Topology when it runs stages.
type RunOptions struct {
	Workers int // concurrent Handle calls per handler stage
	Logger  *slog.Logger
	Metrics *Metrics // where the stages are exported, or nil
	// OnAck is told of every message a stage acked, and OnDeadLetter of
	// every message a stage dead-lettered (finished, like an acked one):
	// measurement and resume checkpoints.
	OnAck        func(stage string, m *Message)
	OnDeadLetter func(stage string, m *Message)
}

// Running is a set of stages running in this process. Cancel the context
// given to Start to drain them, then Wait: handlers finish what they
// fetched, committers commit and close.
type Running struct {
	topo    Topology
	conn    *Conn
	order   []string // the names started, as given
	runners map[string]*Runner
	commits map[string]Committer
	wg      sync.WaitGroup
	mu      sync.Mutex
	errs    []error
}

// Collector is a committer that exports metrics of its own.
type Collector interface {
	Collectors() []prometheus.Collector
}

// Start binds the consumers of the named stages of t (Topology.Stage) and
// runs them until ctx is cancelled. A consumer that cannot be made yet (a
// cluster just formed, another process making it) is waited for (Retry).
// The streams must exist (Topology.EnsureStreams).
func Start(ctx context.Context, conn *Conn, t Topology, names []string, o RunOptions) (*Running, error) {
	p := &Running{topo: t, conn: conn, runners: map[string]*Runner{}, commits: map[string]Committer{}}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	for _, name := range names {
		st, err := t.Stage(name)
		if err != nil {
			return nil, err
		}
		if err := p.start(ctx, st, o); err != nil {
			p.closeCommitters()
			return nil, err
		}
		p.order = append(p.order, name)
	}
	return p, nil
}

func (p *Running) start(ctx context.Context, st Stage, o RunOptions) error {
	// In a cluster just formed, or with another process making the same
	// consumer, binding may fail for a while (a timeout, no leader yet):
	// wait, never exit for that.
	var cons jetstream.Consumer
	var in Input
	err := Retry(ctx, o.Logger, "consumer "+st.Consumer.Durable, func(ctx context.Context) error {
		var err error
		if cons, err = EnsureConsumer(ctx, p.conn.JS, st.Consumer); err != nil {
			return err
		}
		if st.Handler == nil {
			in, err = p.input(ctx, st, cons)
		}
		return err
	})
	if err != nil {
		return err
	}
	name := st.Name
	cfg := RunnerConfig{
		Name: name, Output: st.Output, DeadLetterSubject: p.topo.DeadLetterSubject,
		MaxDeliver: p.topo.MaxDeliver, Backoff: p.topo.Backoff, Propagate: p.topo.Propagate,
		Workers: o.Workers, Prefetch: st.Prefetch, Logger: o.Logger, InProgressEvery: st.InProgressEvery,
	}
	if o.OnAck != nil {
		cfg.OnAck = func(m *Message) { o.OnAck(name, m) }
	}
	if o.OnDeadLetter != nil {
		cfg.OnDeadLetter = func(m *Message) { o.OnDeadLetter(name, m) }
	}
	r := NewRunner(p.conn.JS, cons, cfg)
	if st.Handler != nil {
		p.runners[name] = r
		o.Metrics.AddStage(r.Stats(), cons)
		p.goRun(func() error { return r.Run(ctx, st.Handler) })
		return nil
	}
	c, err := st.Open(ctx, in)
	if err != nil {
		return err
	}
	p.runners[name], p.commits[name] = r, c
	o.Metrics.AddStage(r.Stats(), cons)
	if x, ok := c.(Collector); ok && o.Metrics != nil {
		if err := o.Metrics.Register(x.Collectors()...); err != nil {
			return err
		}
	}
	p.goRun(func() error {
		err := r.RunCommitter(ctx, c)
		return errors.Join(err, closeCommitter(c))
	})
	return nil
}

// input reads what a committer learns of its input when it opens.
func (p *Running) input(ctx context.Context, st Stage, cons jetstream.Consumer) (Input, error) {
	// The consumer's config as the broker has it (another process may have
	// made it) came back with its creation or update.
	ci := cons.CachedInfo()
	s, err := p.conn.JS.Stream(ctx, st.Consumer.Stream) // one STREAM.INFO
	if err != nil {
		return Input{}, err
	}
	return Input{StreamCreated: s.CachedInfo().Created, Consumer: ci.Config}, nil
}

// closeCommitter closes c if it has a Close: the runtime owns a committer
// it opened, and closes it after the last Flush.
func closeCommitter(c Committer) error {
	if x, ok := c.(interface{ Close() error }); ok {
		return x.Close()
	}
	return nil
}

// closeCommitters closes the committers opened by a Start that failed.
func (p *Running) closeCommitters() {
	for _, c := range p.commits {
		closeCommitter(c)
	}
}

func (p *Running) goRun(f func() error) {
	p.wg.Go(func() {
		if err := f(); err != nil {
			p.mu.Lock()
			p.errs = append(p.errs, err)
			p.mu.Unlock()
		}
	})
}

// Wait waits for every stage to return (after Start's context is
// cancelled) and returns their errors.
func (p *Running) Wait() error {
	p.wg.Wait()
	p.mu.Lock()
	defer p.mu.Unlock()
	return errors.Join(p.errs...)
}

// Stats returns the running stages' counters, in the order started.
func (p *Running) Stats() []*StageStats {
	var out []*StageStats
	for _, n := range p.order {
		out = append(out, p.runners[n].Stats())
	}
	return out
}

// Committer returns the committer of the named stage, if this process
// runs it.
func (p *Running) Committer(name string) (Committer, bool) {
	c, ok := p.commits[name]
	return c, ok
}
