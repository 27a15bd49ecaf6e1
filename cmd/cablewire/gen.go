package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/cablewire/cablewire/stages/synth"
)

func init() {
	register("gen", "generate synthetic cables", runGen)
}

// runGen: cablewire gen --count N --out DIR [--seed S] [--format tree|csv]
func runGen(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	count := fs.Int("count", 0, "number of cables to generate (full corpus: 251287)")
	out := fs.String("out", "", "output directory")
	seed := fs.Int64("seed", 1, "random seed; the same seed and count give identical output")
	format := fs.String("format", "tree", "tree (DIR/YYYY/MM/REFID.txt) or csv (DIR/cables.csv)")
	median := fs.Int("median-bytes", 0, "median cable size in bytes (0: 5300, which makes the full count 1.65 GB)")
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return err
		}
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	switch {
	case fs.NArg() > 0:
		return fmt.Errorf("%w: unexpected argument %q", errUsage, fs.Arg(0))
	case *count <= 0:
		return fmt.Errorf("%w: --count must be positive", errUsage)
	case *out == "":
		return fmt.Errorf("%w: --out is required", errUsage)
	case *format != "tree" && *format != "csv":
		return fmt.Errorf("%w: --format must be tree or csv, not %q", errUsage, *format)
	case *median < 0:
		return fmt.Errorf("%w: --median-bytes must not be negative", errUsage)
	}
	g := synth.New(synth.Options{Count: *count, Seed: *seed, MedianBytes: *median})
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	var st synth.Stats
	var err error
	if *format == "csv" {
		st, err = writeCSVFile(ctx, g, filepath.Join(*out, "cables.csv"))
	} else {
		st, err = synth.WriteTree(ctx, g, *out)
	}
	mbps := 0.0
	if s := st.Elapsed.Seconds(); s > 0 {
		mbps = float64(st.Bytes) / 1e6 / s
	}
	fmt.Fprintf(stdout, "gen: %d cables, %d bytes, %v (%.1f MB/s) -> %s\n",
		st.Cables, st.Bytes, st.Elapsed.Round(1e6), mbps, *out)
	return err
}

func writeCSVFile(ctx context.Context, g *synth.Generator, path string) (synth.Stats, error) {
	f, err := os.Create(path)
	if err != nil {
		return synth.Stats{}, err
	}
	st, err := synth.WriteCSV(ctx, g, f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return st, err
}
