package sink

import (
	"fmt"
	"time"
)

// Config sets the warehouse directory and when files close.
type Config struct {
	Dir string
	// A partition's files are committed when the first of these is reached.
	TargetBytes int64         // estimated bytes of the partition's files (default 128 MB)
	MaxRows     int           // cables in the partition's files (default 50,000)
	MaxAge      time.Duration // since the partition was opened (default 1 minute)
	// MaxOpen bounds the partitions open at once; opening one more commits
	// the oldest (default 8).
	MaxOpen int
	// RowGroupRows bounds the rows buffered in memory per table file before
	// a row group is written out (default 1,000).
	RowGroupRows int
	// StreamEpoch identifies the input stream's incarnation (its creation
	// time), so that sequences of a re-created stream are not mistaken for
	// committed ones.
	StreamEpoch string
	Now         func() time.Time // clock; time.Now by default
}

func (c *Config) defaults() error {
	if c.Dir == "" {
		return fmt.Errorf("sink: no warehouse directory")
	}
	if c.TargetBytes <= 0 {
		c.TargetBytes = 128 << 20
	}
	if c.MaxRows <= 0 {
		c.MaxRows = 50_000
	}
	if c.MaxAge <= 0 {
		c.MaxAge = time.Minute
	}
	if c.MaxOpen <= 0 {
		c.MaxOpen = 8
	}
	if c.RowGroupRows <= 0 {
		c.RowGroupRows = 1000
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	return nil
}

// MaxHeld is the most messages a Sink with this config holds unacked: the
// consumer's MaxAckPending must exceed it, or delivery silently stalls.
func (c Config) MaxHeld() int { return c.MaxOpen * c.MaxRows }
