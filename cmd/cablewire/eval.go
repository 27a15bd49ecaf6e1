package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/cablewire/cablewire/schemas"
	"github.com/cablewire/cablewire/stages/enrich"
	"github.com/cablewire/cablewire/stages/parse"
)

func init() {
	register("eval", "score entity extraction against a gold set", runEval)
}

// stringList is a repeatable flag.
type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

// runEval implements `cablewire eval entities --gold FILE --input PATH...
// [--predictions OUT.jsonl] [--misses]`: parse and enrich the gold set's
// cables found under the inputs, score them as shared/eval/ner_score.py does
// and print the table.
func runEval(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "entities" {
		return fmt.Errorf("%w: expected `eval entities --gold FILE --input PATH...`", errUsage)
	}
	fl := flag.NewFlagSet("eval entities", flag.ContinueOnError)
	fl.SetOutput(stderr)
	var golds stringList
	fl.Var(&golds, "gold", "gold JSONL file (shared/eval/ANNOTATION.md; repeatable: the sets are scored together)")
	rules := fl.Bool("rules", false, "print the true and false positives of each rule (method)")
	var inputs stringList
	fl.Var(&inputs, "input", "cable file or directory (repeatable; more paths may follow the flags)")
	predOut := fl.String("predictions", "", "write the predictions JSONL here")
	misses := fl.Bool("misses", false, "list false positives and negatives")
	if err := fl.Parse(args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	inputs = append(inputs, fl.Args()...)
	if len(golds) == 0 || len(inputs) == 0 {
		return fmt.Errorf("%w: --gold and --input are required", errUsage)
	}
	var goldEnts []enrich.GoldEntity
	for _, gp := range golds {
		gf, err := os.Open(gp)
		if err != nil {
			return err
		}
		g, err := enrich.ReadGold(gf)
		gf.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", gp, err)
		}
		goldEnts = append(goldEnts, g...)
	}
	want := map[string]bool{}
	for _, g := range goldEnts {
		want[g.RefID] = true
	}
	preds, err := predictFiles(ctx, inputs, want, stderr)
	if err != nil {
		return err
	}
	if *predOut != "" {
		if err := writePredictions(*predOut, preds); err != nil {
			return err
		}
	}
	rep := enrich.Score(goldEnts, preds)
	rep.WriteTable(stdout)
	if *rules {
		rep.WriteRules(stdout)
	}
	if *misses {
		for _, m := range rep.Misses {
			if m.Kind == "FP" {
				fmt.Fprintf(stdout, "%s\t%s\t%s\t%s\t%s\n", m.Kind, m.RefID, m.Type, m.Text, m.Method)
			} else {
				fmt.Fprintf(stdout, "%s\t%s\t%s\t%s\n", m.Kind, m.RefID, m.Type, m.Text)
			}
		}
	}
	return nil
}

// predictFiles parses and enriches every input cable whose reference id is
// wanted, and turns its entities into predictions.
func predictFiles(ctx context.Context, inputs []string, want map[string]bool, stderr io.Writer) ([]enrich.Prediction, error) {
	var files []string
	for _, in := range inputs {
		err := filepath.WalkDir(in, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() {
				files = append(files, p)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	sort.Strings(files)
	var preds []enrich.Prediction
	done := map[string]bool{}
	for _, p := range files {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		base := filepath.Base(p)
		ref := strings.TrimSuffix(base, filepath.Ext(base))
		if !want[ref] || done[ref] {
			continue
		}
		body, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		format := schemas.FormatText
		if strings.EqualFold(filepath.Ext(p), ".html") {
			format = schemas.FormatHTML
		}
		c, err := parse.Parse(schemas.Document{RefID: ref, Format: format, Source: p, Body: body})
		if err != nil {
			fmt.Fprintf(stderr, "eval: %s: %v\n", p, err)
			continue
		}
		if c.RefID == "" {
			c.RefID = ref
		}
		if !want[c.RefID] {
			continue
		}
		done[c.RefID] = true
		enrich.Enrich(&c)
		preds = append(preds, enrich.Predictions(&c)...)
	}
	return preds, nil
}

func writePredictions(path string, preds []enrich.Prediction) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(f)
	enc.SetEscapeHTML(false)
	for i := range preds {
		if err := enc.Encode(&preds[i]); err != nil {
			f.Close()
			return err
		}
	}
	return f.Close()
}
