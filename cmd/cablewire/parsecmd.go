package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/cablewire/cablewire/schemas"
	"github.com/cablewire/cablewire/stages/ingest"
	"github.com/cablewire/cablewire/stages/parse"
)

func init() {
	register("parse", "print each cable's parsed fields as a JSON line (parse [FILE...|-])", runParse)
}

func runParse(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("parse", stderr, "[FILE...|-]")
	paths, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		paths = []string{"-"}
	}
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
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
