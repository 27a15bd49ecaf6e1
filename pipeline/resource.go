package pipeline

import (
	"errors"
	"log/slog"
	"sync"
	"syscall"
	"time"
)

// resourceLog reports a resource failure (a full disk) once when it
// starts or its cause changes, then at most once a minute while it lasts,
// instead of once per message: a full disk failed 1,721 messages in a
// few minutes.
type resourceLog struct {
	mu     sync.Mutex
	cause  string
	logged time.Time
	since  time.Time
}

func (l *resourceLog) failed(log *slog.Logger, stage string, err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := time.Now()
	// Keyed by the system's error (no space left on device), not the
	// message, which names a different file each time.
	c := err.Error()
	var errno syscall.Errno
	if errors.As(err, &errno) {
		c = errno.Error()
	}
	switch {
	case c != l.cause:
		l.cause, l.since, l.logged = c, now, now
		log.Error("resource failure: pausing and retrying, nothing dead-lettered", "stage", stage, "cause", c, "err", err)
	case now.Sub(l.logged) >= time.Minute:
		l.logged = now
		log.Error("resource failure goes on", "stage", stage, "cause", c, "since", l.since.Format(time.RFC3339))
	}
}
