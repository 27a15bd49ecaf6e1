package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/cablewire/cablewire/schemas"
)

// The deployment files are checked, not just written: every cablewire
// command in docker-compose.yml and deploy/k8s is a real command whose
// flags parse, probes name endpoints a worker serves, and the autoscalers
// watch streams and consumers the topology has.
func TestDeploymentFiles(t *testing.T) {
	var cmds [][]string
	var docs []map[string]any

	compose := readYAML(t, "../../docker-compose.yml")
	services, _ := compose[0]["services"].(map[string]any)
	if len(services) == 0 {
		t.Fatal("docker-compose.yml: no services")
	}
	for name, v := range services {
		svc, _ := v.(map[string]any)
		if args := strs(svc["entrypoint"]); len(args) > 0 && strings.HasSuffix(args[0], "cablewire") {
			cmds = append(cmds, append(args[1:], strs(svc["command"])...)) // compose appends command
		} else if _, built := svc["build"]; built {
			if args := strs(svc["command"]); len(args) > 0 {
				cmds = append(cmds, args)
			} else {
				t.Errorf("compose service %s runs cablewire with no command", name)
			}
		}
	}
	files, _ := filepath.Glob("../../deploy/k8s/*.yaml")
	if len(files) == 0 {
		t.Fatal("no deploy/k8s/*.yaml")
	}
	for _, f := range files {
		docs = append(docs, readYAML(t, f)...)
	}
	workloads := map[string]bool{}
	for _, d := range docs {
		kind, _ := d["kind"].(string)
		name, _ := dig(d, "metadata", "name").(string)
		switch kind {
		case "Deployment", "StatefulSet", "Job", "CronJob":
			workloads[name] = true
			spec := dig(d, "spec", "template", "spec")
			if kind == "CronJob" {
				spec = dig(d, "spec", "jobTemplate", "spec", "template", "spec")
			}
			cs, _ := dig(spec, "containers").([]any)
			for _, c := range cs {
				args := append(strs(dig(c, "command")), strs(dig(c, "args"))...)
				if len(args) > 0 && strings.HasSuffix(args[0], "cablewire") {
					args = args[1:]
				}
				if len(args) == 0 {
					t.Errorf("%s %s: a container with no cablewire command", kind, name)
					continue
				}
				cmds = append(cmds, args)
				for probe, path := range map[string]string{"livenessProbe": "/healthz", "readinessProbe": "/readyz"} {
					if p := dig(c, probe, "httpGet", "path"); p != nil && p != path {
						t.Errorf("%s %s: %s on %v, want %s", kind, name, probe, p, path)
					}
				}
			}
		}
	}
	main := schemas.Topology{Pipeline: schemas.DefaultPipeline}
	streams := map[string]string{main.Stream(schemas.KindRaw): schemas.ConsumerParse, main.Stream(schemas.KindParsed): schemas.ConsumerEnrich}
	for _, d := range docs {
		if d["kind"] != "ScaledObject" {
			continue
		}
		target, _ := dig(d, "spec", "scaleTargetRef", "name").(string)
		if !workloads[target] {
			t.Errorf("ScaledObject scales %q, which no manifest defines", target)
		}
		ts, _ := dig(d, "spec", "triggers").([]any)
		for _, tr := range ts {
			stream, _ := dig(tr, "metadata", "stream").(string)
			cons, _ := dig(tr, "metadata", "consumer").(string)
			if want, ok := streams[stream]; !ok || want != cons {
				t.Errorf("ScaledObject %s watches %s/%s, which the topology does not have", target, stream, cons)
			}
		}
	}

	// Each command parses: with a cancelled context and a broker that is
	// not there, a valid command line stops at once; a bad one exits 2.
	t.Setenv("CABLEWIRE_NATS", "nats://127.0.0.1:1")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, args := range cmds {
		if _, ok := commands[args[0]]; !ok {
			t.Errorf("%q: no such command", strings.Join(args, " "))
			continue
		}
		// Paths inside the container: point them at a temp dir.
		args = append([]string(nil), args...)
		for i, a := range args {
			if strings.HasPrefix(a, "/") {
				args[i] = filepath.Join(t.TempDir(), a)
			}
		}
		if code, _, errs := runCLI(ctx, args...); code == 2 {
			t.Errorf("%q: exit 2 (usage)\n%s", strings.Join(args, " "), errs)
		}
	}
	if len(cmds) < 5 {
		t.Errorf("checked only %d commands", len(cmds))
	}
}

func readYAML(t *testing.T, path string) []map[string]any {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var docs []map[string]any
	dec := yaml.NewDecoder(f)
	for {
		var d map[string]any
		if err := dec.Decode(&d); err != nil {
			if err.Error() == "EOF" {
				return docs
			}
			t.Fatalf("%s: %v", path, err)
		}
		if d != nil {
			docs = append(docs, d)
		}
	}
}

// dig follows keys through nested maps.
func dig(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

func strs(v any) []string {
	l, _ := v.([]any)
	var out []string
	for _, x := range l {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}
