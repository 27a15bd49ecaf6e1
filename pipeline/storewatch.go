package pipeline

import (
	"context"
	"errors"
	"time"
)

// ErrStoreFull is the cause WatchStore gives: the embedded server's store
// cannot be written.
var ErrStoreFull = errors.New("the embedded broker cannot store: the disk of its store directory (--data) is full; " +
	"nothing committed is lost and nothing was dead-lettered for it: free space there and run the same command again")

// Store watch timing: how often it looks, and how long the store's disk
// must stay full before the watch gives up (a moment of full disk that
// another program frees again is waited out).
const (
	storeCheckEvery = 200 * time.Millisecond
	storeFullFor    = 5 * time.Second
	// storeFloor is the free space below which the disk counts as full:
	// less than a JetStream block.
	storeFloor = 256 << 10
)

// WatchStore returns a context cancelled, with cause ErrStoreFull, when
// the embedded server's store can no longer be written: nats-server stops
// JetStream after some failed writes, and on others (measured: a disk
// filled by another program during a load) leaves publishes and fetches
// waiting for answers that never come. So it watches both: JetStream
// disabled, or the store's disk without space for storeFullFor. (A store
// that reaches the server's own limit, taken from the disk's free space at
// start, is reported to each publisher instead: IsStorageFull.) For an
// external broker, which reports its own failures, it returns ctx as is.
// stop ends the watch.
func (c *Conn) WatchStore(ctx context.Context) (watched context.Context, stop func()) {
	if c.server == nil {
		return ctx, func() {}
	}
	jsc := c.server.JetStreamConfig()
	if jsc == nil {
		return ctx, func() {}
	}
	dir := jsc.StoreDir
	watched, cancel := context.WithCancelCause(ctx)
	go func() {
		t := time.NewTicker(storeCheckEvery)
		defer t.Stop()
		var fullSince time.Time
		for {
			select {
			case <-watched.Done():
				return
			case now := <-t.C:
				if !c.server.JetStreamEnabled() {
					cancel(ErrStoreFull)
					return
				}
				switch free := freeBytes(dir); {
				case free < 0 || free >= storeFloor:
					fullSince = time.Time{}
				case fullSince.IsZero():
					fullSince = now
				case now.Sub(fullSince) >= storeFullFor:
					cancel(ErrStoreFull)
					return
				}
			}
		}
	}()
	return watched, func() { cancel(nil) }
}
