package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sort"
	"strings"

	"github.com/cablewire/cablewire/pipeline"
	"github.com/cablewire/cablewire/schemas"
)

func init() {
	register("report", `write the warehouse's report, one self-contained HTML page (report --warehouse DIR --out FILE [--from YYYY-MM] [--to YYYY-MM] [--country CC] [--tag TAG] [--data DIR | --nats URL [--nats-user U --nats-password-file F | --nats-creds F | ... as run]])`, runReport)
}

// runReport hands the report to `cablewire-sql report`, which runs its SQL
// with DuckDB (cgo; this binary stays cgo-free). The dead letters are not in
// the warehouse but in the pipeline's dead-letter stream: with --data (a
// run's embedded JetStream directory) or --nats, they are counted here by
// stage and reason and passed on as a JSON file (--dead-letters).
func runReport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	bin, err := findSQLCommand()
	if err != nil {
		return err
	}
	pass, c, warehouse, err := splitReportArgs(args)
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if c.data != "" || c.natsURL != "" {
		if c.natsURL == "" {
			if st, err := os.Stat(c.data); err != nil || !st.IsDir() {
				return fmt.Errorf("--data %s: no such directory (the dead letters of a run live in its --data directory)", c.data)
			}
		}
		dl, err := collectDeadLetters(ctx, c, warehouse)
		if err != nil {
			return fmt.Errorf("dead letters: %w", err)
		}
		f, err := os.CreateTemp("", "cablewire-dead-letters-*.json")
		if err != nil {
			return err
		}
		defer os.Remove(f.Name())
		if err := json.NewEncoder(f).Encode(dl); err != nil {
			f.Close()
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
		pass = append(pass, "--dead-letters", f.Name())
	}
	cmd := exec.CommandContext(ctx, bin, append([]string{"report"}, pass...)...)
	cmd.Stdout, cmd.Stderr = stdout, stderr
	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return fmt.Errorf("cablewire-sql report exited with status %d", ee.ExitCode())
		}
		return err
	}
	return nil
}

// splitReportArgs takes --data, --nats, --pipeline and the broker's
// credential flags (authFlags; either dash count,
// "=" or a separate value) out of args; the rest is cablewire-sql
// report's. It also reads --warehouse, which it passes on: the dead
// letters are those of that warehouse's pipeline.
func splitReportArgs(args []string) (pass []string, c common, warehouse string, err error) {
	c.replicas = 1
	// The broker's credentials: the flags (and their environment
	// variables) every command that connects takes.
	auth := flag.NewFlagSet("report", flag.ContinueOnError)
	c.auth.register(auth)
	for i := 0; i < len(args); i++ {
		a := args[i]
		name, val, hasVal := strings.Cut(strings.TrimLeft(a, "-"), "=")
		isAuth := auth.Lookup(name) != nil
		ours := name == "data" || name == "nats" || name == "pipeline" || isAuth
		if !strings.HasPrefix(a, "-") || !ours && name != "warehouse" {
			pass = append(pass, a)
			continue
		}
		start := i
		if !hasVal {
			if i+1 >= len(args) {
				return nil, c, "", fmt.Errorf("flag needs an argument: %s", a)
			}
			i++
			val = args[i]
		}
		if !ours {
			pass = append(pass, args[start:i+1]...) // --warehouse goes on as written
		}
		if isAuth {
			if err := auth.Set(name, val); err != nil {
				return nil, c, "", err
			}
			continue
		}
		switch name {
		case "data":
			c.data = val
		case "pipeline":
			c.pipeline = val
		case "nats":
			c.natsURL = val
		case "warehouse":
			warehouse = val
		}
	}
	return pass, c, warehouse, nil
}

// deadLetterCounts is the --dead-letters file cablewire-sql report reads:
// the dead letters by stage and reason (keep the two in step).
type deadLetterCounts struct {
	Source string            `json:"source"`
	Total  int64             `json:"total"`
	Rows   []deadLetterCount `json:"rows"`
}

type deadLetterCount struct {
	Stage  string `json:"stage"`
	Reason string `json:"reason"`
	Count  int64  `json:"count"`
}

// collectDeadLetters reads every message of the dead-letter stream and
// counts them by stage and reason, most first.
func collectDeadLetters(ctx context.Context, c common, warehouse string) (deadLetterCounts, error) {
	// The source goes into the page: never a password a URL holds.
	out := deadLetterCounts{Source: pipeline.RedactURL(c.url()), Rows: []deadLetterCount{}}
	if out.Source == "" {
		out.Source = c.data
	}
	conn, err := c.dial(ctx, "report")
	if err != nil {
		return out, err
	}
	defer conn.Close()
	topo, err := c.deadLetterTopology(ctx, conn, warehouse)
	if err != nil {
		return out, err
	}
	dls, err := pipeline.OpenDeadLetters(ctx, conn.JS, topo.Stream(schemas.KindDLQ))
	if err != nil {
		return out, err
	}
	counts := map[[2]string]int64{}
	for dl, err := range dls.List(ctx, "") {
		if err != nil {
			return out, err
		}
		reason := strings.Join(strings.Fields(dl.Error), " ")
		if r := []rune(reason); len(r) > 200 {
			reason = string(r[:199]) + "…"
		}
		counts[[2]string{dl.Stage, reason}]++
		out.Total++
	}
	for k, n := range counts {
		out.Rows = append(out.Rows, deadLetterCount{Stage: k[0], Reason: k[1], Count: n})
	}
	sort.Slice(out.Rows, func(i, j int) bool {
		a, b := out.Rows[i], out.Rows[j]
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		if a.Stage != b.Stage {
			return a.Stage < b.Stage
		}
		return a.Reason < b.Reason
	})
	return out, nil
}
