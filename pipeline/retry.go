package pipeline

import (
	"context"
	"log/slog"
	"math/rand/v2"
	"time"
)

// Backoff bounds for Retry: a process started before its broker, or
// with a cluster that has no JetStream leader yet, polls at most every
// retryMax.
const (
	retryMin = 250 * time.Millisecond
	retryMax = 5 * time.Second
)

// Retry calls f until it succeeds, ctx is done, or f fails in a way
// waiting cannot cure (IsPermanent, or a rejected credential or
// certificate, see retryable). Between attempts it waits with jittered
// exponential backoff and logs why at warn level, once per distinct error.
// It returns nil on success, ctx's error when cancelled, else f's error.
//
// Processes of a deployment start in any order: a worker that finds the
// broker down, the cluster without a leader, or its streams being created
// by another process at that moment waits instead of exiting (started at
// the same moment against a forming cluster, every worker used to exit
// with "context deadline exceeded").
func Retry(ctx context.Context, log *slog.Logger, what string, f func(context.Context) error) error {
	wait := retryMin
	var last string
	for attempt := 1; ; attempt++ {
		err := f(ctx)
		if err == nil {
			if attempt > 1 {
				log.Info(what+": ready", "attempts", attempt)
			}
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if !retryable(err) {
			return err
		}
		if s := err.Error(); s != last {
			log.Warn(what+": waiting", "err", s, "retry_in", wait)
			last = s
		}
		jitter := time.Duration(rand.Int64N(int64(wait) / 4))
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait + jitter):
		}
		wait = min(2*wait, retryMax)
	}
}

// retryable reports whether waiting may cure err: not for a permanent
// error, nor for a refusal (a credential the server rejected, a
// certificate that does not verify), which fail fast with their reason.
func retryable(err error) bool {
	_, refused := refusal(err)
	return !IsPermanent(err) && !refused
}
