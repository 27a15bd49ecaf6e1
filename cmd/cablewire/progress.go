package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/cablewire/cablewire/stages/ingest"
)

// Progress modes (--progress).
const (
	progressAuto  = "auto"  // a bar on a terminal, lines otherwise
	progressBar   = "bar"   // a live bar on stderr
	progressLines = "lines" // one plain line every progressLineEvery
	progressNone  = "none"
)

// progressLineEvery is how often lines mode reports: often enough for a
// log or a cron mail to show that a long load moves, rarely enough not to
// flood it.
var progressLineEvery = 10 * time.Second

// liveCounts is what a progress report shows, read while the load runs.
type liveCounts struct {
	bytes, total    int64 // input bytes read, of total (0: unknown)
	read, committed int64 // documents read; cables committed or already there
	deadLettered    int64
	elapsed         time.Duration
	cablesPerSecond float64
	eta             time.Duration // -1: unknown
}

func (c liveCounts) line() string {
	s := fmt.Sprintf("progress: read %d", c.read)
	if c.total > 0 {
		s += fmt.Sprintf(" (%s of %s, %.0f%%)", mb(c.bytes), mb(c.total), 100*float64(min(c.bytes, c.total))/float64(c.total))
	} else {
		s += fmt.Sprintf(" (%s)", mb(c.bytes))
	}
	s += fmt.Sprintf(", committed %d, dead-lettered %d, %.0f cables/s, elapsed %s", c.committed, c.deadLettered, c.cablesPerSecond, c.elapsed.Round(time.Second))
	if c.eta >= 0 {
		s += fmt.Sprintf(", ETA %s", c.eta.Round(time.Second))
	}
	return s
}

func mb(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/1e6) }

// progressMode resolves auto: a bar only when stderr is a terminal.
func progressMode(mode string, stderr io.Writer) (string, error) {
	switch mode {
	case progressBar, progressLines, progressNone:
		return mode, nil
	case progressAuto, "":
		if f, ok := stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
			return progressBar, nil
		}
		return progressLines, nil
	}
	return "", fmt.Errorf("%w: --progress %q: want auto, bar, lines or none", errUsage, mode)
}

// startProgress reports the load's progress on w until the returned stop
// is called (which prints nothing more). sample reads the counters.
func startProgress(mode string, w io.Writer, live *ingest.Live, sample func() (committed, dead int64)) (stop func()) {
	if mode == progressNone {
		return func() {}
	}
	start := time.Now()
	get := func() liveCounts {
		c := liveCounts{bytes: live.Bytes.Load(), total: live.Total.Load(), read: live.Read.Load(), elapsed: time.Since(start), eta: -1}
		c.committed, c.deadLettered = sample()
		if secs := c.elapsed.Seconds(); secs > 0 {
			c.cablesPerSecond = float64(c.committed+c.deadLettered) / secs
			if c.total > 0 && c.bytes > 0 && c.bytes < c.total {
				// Time left to read the rest at the rate so far; the
				// pipeline behind ingest finishes a few seconds later.
				c.eta = time.Duration(float64(c.elapsed) * float64(c.total-c.bytes) / float64(c.bytes))
			}
		}
		return c
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	every := progressLineEvery
	var bar *progressbar.ProgressBar
	if mode == progressBar {
		every = 200 * time.Millisecond
		total := live.Total.Load()
		if total <= 0 {
			total = -1 // a spinner: the size is unknown (stdin, a pipe)
		}
		bar = progressbar.NewOptions64(total,
			progressbar.OptionSetWriter(w),
			progressbar.OptionShowBytes(true),
			progressbar.OptionSetWidth(24),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionShowElapsedTimeOnFinish(),
			progressbar.OptionSetRenderBlankState(true),
			progressbar.OptionClearOnFinish(),
		)
	}
	go func() {
		defer close(done)
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				if bar != nil {
					bar.Finish()
					fmt.Fprintln(w)
				}
				return
			case <-t.C:
			}
			c := get()
			if bar == nil {
				fmt.Fprintln(w, c.line())
				continue
			}
			if c.total > 0 && bar.GetMax64() != c.total {
				bar.ChangeMax64(c.total)
			}
			bar.Describe(fmt.Sprintf("read %d · committed %d · dead %d · %.0f cables/s", c.read, c.committed, c.deadLettered, c.cablesPerSecond))
			bar.Set64(min(c.bytes, max(c.total, c.bytes)))
		}
	}()
	return func() { cancel(); <-done }
}
