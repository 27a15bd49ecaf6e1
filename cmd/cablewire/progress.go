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
	readDone        bool
	elapsed         time.Duration
}

// done is the cables finished: committed, already there, or dead-lettered.
func (c liveCounts) done() int64 { return c.committed + c.deadLettered }

// expected is how many cables the load will have finished at the end: what
// was read, extrapolated by the bytes still to read; -1 when unknown.
func (c liveCounts) expected() int64 {
	switch {
	case c.readDone:
		return c.read
	case c.total > 0 && c.bytes > 0:
		return max(c.read, int64(float64(c.read)*float64(c.total)/float64(c.bytes)))
	}
	return -1
}

func (c liveCounts) rate() float64 {
	if s := c.elapsed.Seconds(); s > 0 {
		return float64(c.done()) / s
	}
	return 0
}

// eta is the time left at the rate so far; -1 when unknown.
func (c liveCounts) eta() time.Duration {
	exp, r := c.expected(), c.rate()
	if exp < 0 || r <= 0 {
		return -1
	}
	return time.Duration(float64(max(exp-c.done(), 0)) / r * float64(time.Second))
}

func (c liveCounts) line() string {
	s := fmt.Sprintf("progress: read %d", c.read)
	if c.total > 0 {
		s += fmt.Sprintf(" (%s of %s, %.0f%%)", mb(c.bytes), mb(c.total), 100*float64(min(c.bytes, c.total))/float64(c.total))
	} else {
		s += fmt.Sprintf(" (%s)", mb(c.bytes))
	}
	s += fmt.Sprintf(", committed %d, dead-lettered %d, %.0f cables/s, elapsed %s", c.committed, c.deadLettered, c.rate(), c.elapsed.Round(time.Second))
	if eta := c.eta(); eta >= 0 {
		s += fmt.Sprintf(", ETA %s", eta.Round(time.Second))
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
// is called. sample reads the pipeline's counters.
//
// The bar counts finished cables (committed, already there or
// dead-lettered) against the cables expected: those read, extrapolated by
// the input bytes still unread, so it reaches its end when the warehouse
// has everything, not when ingest has read the last byte.
func startProgress(mode string, w io.Writer, live *ingest.Live, sample func() (committed, dead int64)) (stop func()) {
	if mode == progressNone || mode == "" {
		return func() {}
	}
	start := time.Now()
	get := func() liveCounts {
		c := liveCounts{bytes: live.Bytes.Load(), total: live.Total.Load(), read: live.Read.Load(), readDone: live.ReadDone.Load(), elapsed: time.Since(start)}
		c.committed, c.deadLettered = sample()
		// Broker duplicates count as done when read; after a crash some are
		// a killed load's queued messages, committed later and counted
		// again: never show more done than read.
		c.committed = min(c.committed, max(c.read-c.deadLettered, 0))
		return c
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	every := progressLineEvery
	var bar *progressbar.ProgressBar
	if mode == progressBar {
		every = 250 * time.Millisecond
		bar = progressbar.NewOptions64(-1,
			progressbar.OptionSetWriter(w),
			progressbar.OptionSetWidth(20),
			progressbar.OptionShowCount(),
			progressbar.OptionSetItsString("cables"),
			progressbar.OptionShowIts(),
			progressbar.OptionThrottle(200*time.Millisecond),
			progressbar.OptionSetPredictTime(true),
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
					bar.Finish() // clears the line, and stops the library's spinner goroutine
				} else {
					// A last line, so a log shows where the load ended even
					// when it took less than a period.
					fmt.Fprintln(w, get().line())
				}
				return
			case <-t.C:
			}
			c := get()
			if bar == nil {
				fmt.Fprintln(w, c.line())
				continue
			}
			read := mb(c.bytes)
			if c.total > 0 {
				read += " of " + mb(c.total)
			}
			if exp := c.expected(); exp > 0 && exp+1 != bar.GetMax64() {
				// One more than expected: the library stops drawing at its
				// maximum, and the load ends when this goroutine stops.
				bar.ChangeMax64(exp + 1)
			}
			bar.Describe(fmt.Sprintf("%s read · %d read, %d committed, %d dead-lettered", read, c.read, c.committed, c.deadLettered))
			bar.Set64(c.done())
		}
	}()
	return func() { cancel(); <-done }
}
