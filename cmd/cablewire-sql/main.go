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
	"syscall"

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
	views, err := defineViews(ctx, conn, dir)
	if err != nil {
		return err
	}
	rows, err := conn.QueryContext(ctx, query)
	if err != nil {
		if len(views) < 5 && strings.Contains(err.Error(), "does not exist") {
			have := strings.Join(views, ", ")
			if have == "" {
				have = "none"
			}
			err = fmt.Errorf("%w\n(views over %s, defined for tables with committed files: %s)", err, dir, have)
		}
		return err
	}
	defer rows.Close()
	return writeRows(stdout, rows, format, maxWidth)
}
