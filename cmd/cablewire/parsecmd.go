package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/cablewire/cablewire/schemas"
	"github.com/cablewire/cablewire/stages/ingest"
	"github.com/cablewire/cablewire/stages/parse"
)

func init() {
	register("parse", "print each cable's parsed fields as a JSON line (parse [--fragment] [FILE...|-])", runParse)
}

func runParse(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("parse", stderr, "[--fragment] [FILE...|-]")
	fragment := fs.Bool("fragment", false, "read each input whole as a piece of cable text (a TAGS line, a REF block, a signature) and print parse.Fields for it; no error for text that is not a whole cable")
	paths, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		paths = []string{"-"}
	}
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	if *fragment {
		return parseFragments(paths, os.Stdin, enc)
	}
	failed := 0
	err = ingest.Read(ctx, paths, func(doc schemas.Document, bad error) error {
		if bad == nil {
			var c schemas.Cable
			if c, bad = parse.Parse(doc); bad == nil {
				return enc.Encode(&c)
			}
		}
		failed++
		fmt.Fprintf(stderr, "%s: %v\n", doc.Source, bad)
		return nil
	})
	if err != nil {
		return err
	}
	if failed > 0 {
		return fmt.Errorf("%d documents could not be parsed", failed)
	}
	return nil
}

// parseFragments prints parse.Fields of each input read whole ("-" is
// stdin): one JSON line per input, in order. Only an unreadable input is
// an error; any text yields its fields, empty ones included.
func parseFragments(paths []string, stdin io.Reader, enc *json.Encoder) error {
	for _, p := range paths {
		var b []byte
		var err error
		if p == "-" {
			b, err = io.ReadAll(stdin)
		} else {
			b, err = os.ReadFile(p)
		}
		if err != nil {
			return fmt.Errorf("fragment %s: %w", p, err)
		}
		c := parse.Fields(string(b))
		if err := enc.Encode(&c); err != nil {
			return err
		}
	}
	return nil
}
