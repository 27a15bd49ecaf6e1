package main

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	_ "github.com/duckdb/duckdb-go/v2" // registers the "duckdb" driver
)

// stdin is where "-" reads the SQL from; tests replace it.
var stdin io.Reader = os.Stdin

var errUsage = errors.New("usage")

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
	case errors.Is(err, errUsage):
		os.Exit(2)
	default:
		fmt.Fprintln(os.Stderr, "cablewire-sql:", err)
		os.Exit(1)
	}
}

// run parses args, defines the warehouse views and prints the result of
// the SQL to stdout.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 && args[0] == "report" {
		return runReport(ctx, args[1:], stdout, stderr)
	}
	fs := flag.NewFlagSet("cablewire-sql", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("warehouse", "./warehouse", "warehouse directory")
	format := fs.String("format", formatTable, "output format: table, csv or json (JSON lines)")
	maxWidth := fs.Int("max-width", 80, "table: cut cells to this many characters (0: no limit)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, `usage: cablewire-sql [--warehouse DIR] [--format table|csv|json] "SQL" | -`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	switch *format {
	case formatTable, formatCSV, formatJSON:
	default:
		fmt.Fprintf(stderr, "cablewire-sql: unknown format %q\n", *format)
		return errUsage
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errUsage
	}
	query := fs.Arg(0)
	if query == "-" {
		b, err := io.ReadAll(stdin)
		if err != nil {
			return fmt.Errorf("reading SQL: %w", err)
		}
		query = string(b)
	}
	if strings.TrimSpace(query) == "" {
		return errors.New("no SQL")
	}
	return runSQL(ctx, *dir, query, *format, *maxWidth, stdout)
}

// runSQL runs query on a fresh in-memory DuckDB with the warehouse views.
func runSQL(ctx context.Context, dir, query, format string, maxWidth int, stdout io.Writer) error {
	db, err := sql.Open("duckdb", "")
	if err != nil {
		return err
	}
	defer db.Close()
	conn, err := db.Conn(ctx) // one session: its settings and views
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "SET TimeZone = 'UTC'"); err != nil {
		return err
	}
	for attempt := 1; ; attempt++ {
		out := &countingWriter{w: stdout}
		views, err := defineViews(ctx, conn, dir)
		if err == nil {
			err = query1(ctx, conn, query, format, maxWidth, out)
		}
		if err != nil && replacedFile(err) && out.n == 0 && attempt < maxAttempts {
			// A compaction replaced a file between DuckDB's listing of
			// the partitions and its opening of the file: the glob, run
			// again, lists the new generation (README, "Compaction").
			retries.Add(1)
			time.Sleep(time.Duration(attempt) * 20 * time.Millisecond)
			continue
		}
		if err != nil && len(views) < 5 && strings.Contains(err.Error(), "does not exist") {
			have := strings.Join(views, ", ")
			if have == "" {
				have = "none"
			}
			err = fmt.Errorf("%w\n(views over %s, defined for tables with committed files: %s)", err, dir, have)
		}
		return err
	}
}

// maxAttempts bounds the runs of a query that fails on a replaced file.
const maxAttempts = 10

// retries counts the queries run again after a replaced file (tests).
var retries atomic.Int64

func query1(ctx context.Context, conn *sql.Conn, query, format string, maxWidth int, out io.Writer) error {
	rows, err := conn.QueryContext(ctx, query)
	if err != nil {
		return err
	}
	defer rows.Close()
	return writeRows(out, rows, format, maxWidth)
}

// replacedFile reports whether err is DuckDB failing to open a file that
// its glob listed: one a compaction has since replaced.
func replacedFile(err error) bool {
	s := err.Error()
	return strings.Contains(s, "No such file or directory") || strings.Contains(s, "No files found that match")
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(b []byte) (int, error) {
	n, err := c.w.Write(b)
	c.n += int64(n)
	return n, err
}
