package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"time"
)

// reportOptions are the report's flags: which cables it is about.
type reportOptions struct {
	warehouse, out string
	from, to       string // YYYY-MM, inclusive; "" is open
	country, tag   string // ISO 3166-1 alpha-2 in cables.countries; a TAG in cables.tags
	deadLetters    string // JSON file of dead letters by stage and reason (cablewire report --data writes it)
	nodes, edges   int    // bounds of the co-mention network
}

var (
	monthRe   = regexp.MustCompile(`^[0-9]{4}-(0[1-9]|1[0-2])$`)
	countryRe = regexp.MustCompile(`^[A-Z]{2}$`)
	tagRe     = regexp.MustCompile(`^[A-Z0-9]{1,12}$`)
)

// validate checks the filters; they are written into the SQL as literals
// (so that the SQL the page shows runs as it is), which these patterns keep
// safe.
func (o reportOptions) validate() error {
	for _, m := range []struct{ name, v string }{{"from", o.from}, {"to", o.to}} {
		if m.v != "" && !monthRe.MatchString(m.v) {
			return fmt.Errorf("--%s %q: want YYYY-MM", m.name, m.v)
		}
	}
	if o.from != "" && o.to != "" && o.from > o.to {
		return fmt.Errorf("--from %s is after --to %s", o.from, o.to)
	}
	if o.country != "" && !countryRe.MatchString(o.country) {
		return fmt.Errorf("--country %q: want an ISO 3166-1 alpha-2 code such as RS", o.country)
	}
	if o.tag != "" && !tagRe.MatchString(o.tag) {
		return fmt.Errorf("--tag %q: want a TAG such as PREL", o.tag)
	}
	if o.nodes < 2 || o.nodes > 2000 {
		return fmt.Errorf("--nodes %d: want 2 to 2000", o.nodes)
	}
	if o.edges < 1 || o.edges > 20000 {
		return fmt.Errorf("--edges %d: want 1 to 20000", o.edges)
	}
	return nil
}

// runReport is `cablewire-sql report`: it writes the warehouse's report as
// one self-contained HTML file.
func runReport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("cablewire-sql report", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o reportOptions
	fs.StringVar(&o.warehouse, "warehouse", "./warehouse", "warehouse directory")
	fs.StringVar(&o.out, "out", "report.html", "the HTML file to write")
	fs.StringVar(&o.from, "from", "", "first month, YYYY-MM (by the cable's created, UTC)")
	fs.StringVar(&o.to, "to", "", "last month, YYYY-MM")
	fs.StringVar(&o.country, "country", "", "only cables whose geographic TAGS name this country (ISO 3166-1 alpha-2, as in cables.countries)")
	fs.StringVar(&o.tag, "tag", "", "only cables with this TAG")
	fs.StringVar(&o.deadLetters, "dead-letters", "", "JSON file of dead letters to show in the load section (written by `cablewire report --data DIR`)")
	fs.IntVar(&o.nodes, "nodes", 300, "people and organizations in the co-mention network")
	fs.IntVar(&o.edges, "edges", 1500, "co-mention edges drawn (the strongest)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: cablewire-sql report [--warehouse DIR] [--out FILE] [--from YYYY-MM] [--to YYYY-MM] [--country CC] [--tag TAG]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		fs.Usage()
		return errUsage
	}
	if err := o.validate(); err != nil {
		fmt.Fprintln(stderr, "cablewire-sql report:", err)
		return errUsage
	}
	start := time.Now()
	rep, err := buildReport(ctx, o)
	if err != nil {
		return err
	}
	queried := time.Since(start)
	if err := writeReportFile(o.out, rep); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "report: %d cables, %d months, %d network nodes, %d edges -> %s (queries %.1fs, total %.1fs)\n",
		rep.Cables, len(rep.Months), len(rep.Network.Nodes), len(rep.Network.Edges), o.out,
		queried.Seconds(), time.Since(start).Seconds())
	return nil
}

// buildReport runs the report's SQL on a fresh DuckDB session over the
// warehouse.
func buildReport(ctx context.Context, o reportOptions) (*report, error) {
	db, err := sql.Open("duckdb", "")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "SET TimeZone = 'UTC'"); err != nil {
		return nil, err
	}
	views, err := defineViews(ctx, conn, o.warehouse)
	if err != nil {
		return nil, err
	}
	if len(views) < 3 || views[0] != "cables" || views[2] != "entities" {
		return nil, fmt.Errorf("warehouse %s has no committed cables and entities (views: %v)", o.warehouse, views)
	}
	q := &querier{conn: conn}
	rep, err := q.report(ctx, o)
	if err != nil {
		return nil, err
	}
	if o.deadLetters != "" {
		b, err := os.ReadFile(o.deadLetters)
		if err != nil {
			return nil, fmt.Errorf("dead letters: %w", err)
		}
		var dl deadLetters
		if err := json.Unmarshal(b, &dl); err != nil {
			return nil, fmt.Errorf("dead letters %s: %w", o.deadLetters, err)
		}
		rep.DeadLetters = &dl
	}
	return rep, nil
}

// writeReportFile writes the page next to its final name and renames it
// into place, so a reader never sees half a report.
func writeReportFile(path string, rep *report) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, ".report-*.html")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if err := writePage(f, rep); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}

var errNoCables = errors.New("no cables match the filters")
