package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// scheduledArgs returns the load command lines the deploy files schedule:
// the systemd service's ExecStart and the CronJob's args.
func scheduledArgs(t *testing.T) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	svc, err := os.ReadFile("../../deploy/systemd/cablewire-load.service")
	if err != nil {
		t.Fatal(err)
	}
	joined := strings.ReplaceAll(string(svc), "\\\n", " ")
	m := regexp.MustCompile(`(?m)^ExecStart=\S+ (.*)$`).FindStringSubmatch(joined)
	if m == nil {
		t.Fatal("no ExecStart in the service")
	}
	out["systemd"] = strings.Fields(m[1])
	job, err := os.ReadFile("../../deploy/k8s/cablewire-load-cronjob.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`(?m)^\s+concurrencyPolicy: Forbid\s*$`).Match(job) {
		t.Error("the CronJob does not forbid concurrent runs")
	}
	block := regexp.MustCompile(`(?s)args:\n((?:\s+- [^\n]+\n)+)`).FindStringSubmatch(string(job))
	if block == nil {
		t.Fatal("no args in the CronJob")
	}
	for _, l := range strings.Split(strings.TrimSpace(block[1]), "\n") {
		out["k8s"] = append(out["k8s"], strings.TrimPrefix(strings.TrimSpace(l), "- "))
	}
	return out
}

// The scheduled command lines are valid and do what they say: with their
// directories moved under a temporary one, each loads a tree and leaves
// its JSON summary where monitoring looks for it.
func TestScheduledLoadsRun(t *testing.T) {
	for name, args := range scheduledArgs(t) {
		t.Run(name, func(t *testing.T) {
			root := t.TempDir()
			var moved []string
			var summaryPath, incoming string
			for _, a := range args {
				// Every absolute path, as an argument or a flag's value.
				if strings.HasPrefix(a, "/") {
					a = filepath.Join(root, a)
				} else if k, v, ok := strings.Cut(a, "="); ok && strings.HasPrefix(v, "/") {
					a = k + "=" + filepath.Join(root, v)
				}
				if v, ok := strings.CutPrefix(a, "--summary-json="); ok {
					summaryPath = v
				}
				moved = append(moved, a)
			}
			if moved[0] != "load" {
				t.Fatalf("scheduled command %v is not a load", moved)
			}
			incoming = moved[1]
			for i, a := range moved {
				if a == "--summary-json" && i+1 < len(moved) {
					summaryPath = moved[i+1]
				}
			}
			want := generate(t, incoming, 20, 4)
			os.MkdirAll(filepath.Dir(summaryPath), 0o755)
			code, out, errs := runCLI(context.Background(), moved...)
			if code != 0 {
				t.Fatalf("%v: exit %d\n%s\n%s", moved, code, out, errs)
			}
			var js jsonSummary
			b, err := os.ReadFile(summaryPath)
			if err != nil || json.Unmarshal(b, &js) != nil || js.Cables.New != int64(len(want)) {
				t.Errorf("summary at %s: %v %+v", summaryPath, err, js.Cables)
			}
		})
	}
}
