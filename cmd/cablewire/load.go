package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/cablewire/cablewire/pipeline"
	"github.com/cablewire/cablewire/stages/ingest"
	"github.com/cablewire/cablewire/stages/sink"
)

func init() {
	register("load", "load SOURCE... (files, trees, globs, archives, - for stdin) into --warehouse; exit status says how it went", func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
		return runLoad(ctx, "load", args, stdout, stderr)
	})
	register("run", "the same as load (--input PATH... or SOURCE...), in one process", func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
		return runLoad(ctx, "run", args, stdout, stderr)
	})
}

// loadStdin is what "-" reads; tests replace it.
var loadStdin io.Reader = os.Stdin

// runLoad is `load` and `run`: one code path. Sources come as arguments or
// with --input; the exit status is documented in the README (exit.go).
func runLoad(ctx context.Context, name string, args []string, stdout, stderr io.Writer) error {
	var (
		c           common
		inputs      listFlag
		warehouse   string
		follow      bool
		sc          sink.Config
		summaryJSON string
		progress    string
		maxDead     int64
		resume      bool
	)
	fs := newFlagSet(name, stderr, "SOURCE... --warehouse DIR [flags]   (SOURCE: file, directory, glob, archive .zip .tar .tar.gz .tgz .tar.zst .7z, or - for stdin)")
	c.register(fs)
	fs.Var(&inputs, "input", "a SOURCE (repeatable; sources may also follow as arguments)")
	fs.StringVar(&warehouse, "warehouse", "./warehouse", "warehouse directory (Parquet tables)")
	fs.BoolVar(&follow, "follow", false, "keep the workers running for new input after ingesting")
	fs.StringVar(&summaryJSON, "summary-json", "", "also write the summary as JSON to this file (- for stdout); format in the README")
	fs.StringVar(&progress, "progress", progressAuto, "auto (a bar on a terminal, else a line every 10 s), bar, lines or none")
	fs.Int64Var(&maxDead, "max-dead-letters", -1, "exit with status 3 when more cables than this are dead-lettered (-1: a warning only)")
	fs.BoolVar(&resume, "resume", true, "resume csv and JSON-lines files from their checkpoints in the warehouse (false: read every source from its start)")
	chain := chainFlag(fs)
	sinkFlags(fs, &sc)
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile to this file")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	mode, err := progressMode(progress, stderr)
	if err != nil {
		return err
	}
	if mode == progressNone {
		mode = ""
	}
	if *cpuprofile != "" {
		stop, err := startCPUProfile(*cpuprofile)
		if err != nil {
			return err
		}
		defer stop()
	}
	inputs = append(inputs, pos...)
	if len(inputs) == 0 && !follow {
		return fmt.Errorf("%w: no SOURCE (a file, directory, glob, archive or - for stdin)", errUsage)
	}
	if err := c.s3.configure(warehouse, c.data, &sc); err != nil {
		return err
	}
	log := c.logger(stderr)
	report := func(res summary, st int, cause error) error {
		res.warehouse, res.command, res.exitStatus = warehouse, name, st
		if cause != nil {
			res.err = cause.Error()
		}
		if summaryJSON != "" {
			if err := writeSummaryJSONTo(summaryJSON, stdout, res); err != nil {
				fmt.Fprintf(stderr, "cablewire %s: --summary-json: %v\n", name, err)
			}
		}
		if cause == nil {
			return nil
		}
		return &exitError{code: st, err: cause}
	}

	// Every source is checked before anything starts: a missing path is a
	// clear error naming it, not a dead letter among thousands.
	if _, err := ingest.Resolve(inputs); err != nil {
		return report(summary{}, exitFailed, err)
	}
	topo, id, err := c.warehouseTopology(warehouse)
	if err != nil {
		return report(summary{}, exitFailed, err)
	}
	conn, err := c.connect(ctx, name, topo)
	if errors.Is(err, pipeline.ErrStoreInUse) {
		// Two loads on one data directory would corrupt each other's
		// streams: the second does nothing, and says so with its own status.
		return report(summary{}, exitBusy, fmt.Errorf("another load is running on this data directory: %w", err))
	}
	if err != nil {
		return report(summary{}, exitFailed, err)
	}
	defer conn.Close()
	if u := conn.ClientURL(); u != "" {
		fmt.Fprintf(stderr, "cablewire: embedded NATS listening at %s\n", u)
	}
	var cps *ingest.Checkpoints
	if resume && !follow {
		cps = ingest.NewCheckpoints(filepath.Join(sc.Dir, "_cablewire", "loads")) // on S3, beside the sink's local files
	}
	res, err := execute(ctx, conn, runOptions{
		checkpoints: cps, warehouse: id.ID,
		inputs: inputs, follow: follow, chain: *chain, stderr: stderr, stdin: loadStdin,
		progress: mode, soleConsumer: c.natsURL == "" && c.listen == "",
		workers: workerOptions{topo: topo, workers: c.workers, sink: sc, logger: log},
	})
	if err != nil {
		return report(res, exitFailed, err)
	}
	res.warehouse = warehouse
	textOut := stdout
	if summaryJSON == "-" {
		textOut = stderr // stdout carries the JSON
	}
	writeSummary(textOut, res)
	st, cause := loadStatus(res, maxDead)
	if cause != nil && st == exitOK {
		fmt.Fprintf(stderr, "cablewire %s: warning: %v\n", name, cause)
		cause = nil
	}
	return report(res, st, cause)
}

// loadStatus is the exit status a finished load earns, and why.
func loadStatus(s summary, maxDead int64) (int, error) {
	c := s.counts()
	switch {
	case s.follow:
		return exitOK, nil
	case s.interrupted:
		return exitInterrupted, errors.New("interrupted: drained; run the same command again to finish")
	case s.ingest.Unreadable > 0:
		paths := s.ingest.UnreadablePaths
		more := ""
		if len(paths) > 5 {
			paths, more = paths[:5], fmt.Sprintf(" and %d more", s.ingest.Unreadable-5)
		}
		return exitFailed, fmt.Errorf("%d input(s) could not be read: %s%s (reasons in the summary; listed by `cablewire dlq --stage ingest`)", s.ingest.Unreadable, strings.Join(paths, ", "), more)
	case c.Read == 0 && c.Resumed == 0:
		return exitFailed, fmt.Errorf("nothing to load: no document in %s", strings.Join(sourcePaths(s), ", "))
	case c.New+c.Changed+c.Unchanged == 0:
		return exitFailed, fmt.Errorf("nothing loaded: none of the %d documents read became a cable (%d dead-lettered; reasons in the summary)", c.Read, c.DeadLettered)
	case maxDead >= 0 && c.DeadLettered > maxDead:
		return exitDeadLetters, fmt.Errorf("%d cables dead-lettered, more than --max-dead-letters %d", c.DeadLettered, maxDead)
	case c.DeadLettered > 0:
		return exitOK, fmt.Errorf("%d cables dead-lettered (see the reasons above; `cablewire dlq` lists them)", c.DeadLettered)
	}
	return exitOK, nil
}

func sourcePaths(s summary) []string {
	var out []string
	for _, src := range s.ingest.Sources {
		out = append(out, src.Path)
	}
	return out
}
