package pipeline

import "context"

// How a delivery ends, for handlers and committers alike: acked once its
// outputs are stored (or its content committed), retried with a backoff,
// or dead-lettered. This is the runtime's, never the stage's: a stage only
// returns an error, and the kind of error decides (Permanent, IsResource,
// the delivery count). It is not a middleware because a delivery also
// fails outside the stage's call: its outputs not stored, a committer's
// file not committed.

func (r *Runner) ack(m *Message) {
	if err := m.raw.Ack(); err != nil {
		r.cfg.Logger.Warn("ack", "stage", r.cfg.Name, "seq", m.Seq, "err", err)
		return
	}
	r.cfg.Stats.Acked.Add(1)
	if r.cfg.OnAck != nil {
		r.cfg.OnAck(m)
	}
}

// fail retries m with a backoff, or dead-letters it when the error is
// permanent or this was the last allowed delivery.
//
// A resource failure (IsResource: a full or read-only disk) is neither:
// it is retried every ResourceRetry for as long as it lasts, never
// dead-lettered, and logged once per cause (resourceLog). The consumer
// has no delivery limit of its own for that reason: the runner counts.
func (r *Runner) fail(ctx context.Context, m *Message, cause error) {
	if IsResource(cause) && !IsPermanent(cause) {
		r.resource.failed(r.cfg.Logger, r.cfg.Name, cause)
		if err := m.raw.NakWithDelay(r.cfg.ResourceRetry); err != nil {
			r.cfg.Logger.Warn("nak", "stage", r.cfg.Name, "seq", m.Seq, "err", err)
		}
		r.cfg.Stats.Retried.Add(1)
		return
	}
	last := r.cfg.MaxDeliver > 0 && m.Delivered >= r.cfg.MaxDeliver
	if IsPermanent(cause) || last {
		if err := r.deadLetter(ctx, m, cause); err != nil {
			r.cfg.Logger.Error("dead letter", "stage", r.cfg.Name, "seq", m.Seq, "cause", cause, "err", err)
			r.nak(m)
			return
		}
		if err := m.raw.Term(); err != nil {
			r.cfg.Logger.Warn("term", "stage", r.cfg.Name, "seq", m.Seq, "err", err)
		}
		if r.cfg.OnDeadLetter != nil {
			r.cfg.OnDeadLetter(m)
		}
		return
	}
	r.cfg.Logger.Debug("retry", "stage", r.cfg.Name, "seq", m.Seq, "delivered", m.Delivered, "err", cause)
	r.nak(m)
}

func (r *Runner) nak(m *Message) {
	i := min(max(m.Delivered-1, 0), len(r.cfg.Backoff)-1)
	if err := m.raw.NakWithDelay(r.cfg.Backoff[i]); err != nil {
		r.cfg.Logger.Warn("nak", "stage", r.cfg.Name, "seq", m.Seq, "err", err)
	}
	r.cfg.Stats.Retried.Add(1)
}
