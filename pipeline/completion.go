package pipeline

import (
	"context"
	"time"
)

// completionPoll is how often WaitCommitted reads the backlogs.
const completionPoll = 50 * time.Millisecond

// WaitCommitted returns once everything published into the topology has
// been committed or dead-lettered, or ctx ends. It checks the stages in
// pipeline order: once a work queue is empty with no upstream work left,
// nothing more can arrive in it. A committer this process runs is asked
// to commit what it holds as soon as everything is delivered to it,
// rather than at its own age limit. A failed poll (a busy broker timing
// out) is retried, not returned.
func (p *Running) WaitCommitted(ctx context.Context) error {
	for _, st := range p.topo.Stages {
		var flush func() error
		if r, ok := p.runners[st.Name]; ok && p.commits[st.Name] != nil {
			flush = func() error { return r.Flush(ctx) }
		}
		if err := waitEmpty(ctx, p.conn.JS, st.Consumer.Stream, st.Consumer.Durable, completionPoll, flush); err != nil {
			return err
		}
	}
	return nil
}

// StageBacklog is one stage's backlog, for progress reports.
type StageBacklog struct {
	Stage string
	Backlog
}

// Backlogs reads every stage's backlog, in pipeline order; a stage whose
// state cannot be read now is left out.
func (p *Running) Backlogs(ctx context.Context) []StageBacklog {
	var out []StageBacklog
	for _, st := range p.topo.Stages {
		if b, err := BacklogOf(ctx, p.conn.JS, st.Consumer.Stream, st.Consumer.Durable); err == nil {
			out = append(out, StageBacklog{st.Name, b})
		}
	}
	return out
}
