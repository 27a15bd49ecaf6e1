package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
)

func init() {
	register("query", `run SQL over the warehouse with DuckDB (query [--warehouse DIR] [--format table|csv|json] "SQL")`, runQuery)
}

// runQuery hands the SQL to cablewire-sql, the DuckDB command: DuckDB needs
// cgo, and this binary stays cgo-free. It is looked for next to this
// executable, then on PATH.
func runQuery(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	bin, err := findSQLCommand()
	if err != nil {
		return err
	}
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, stdout, stderr
	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return fmt.Errorf("cablewire-sql exited with status %d", ee.ExitCode())
		}
		return err
	}
	return nil
}

func findSQLCommand() (string, error) {
	if self, err := os.Executable(); err == nil {
		p := filepath.Join(filepath.Dir(self), "cablewire-sql")
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	if p, err := exec.LookPath("cablewire-sql"); err == nil {
		return p, nil
	}
	return "", errors.New("cablewire-sql not found next to cablewire or on PATH: build it with `go build -o cablewire-sql ./cmd/cablewire-sql` (it needs cgo for DuckDB)")
}
