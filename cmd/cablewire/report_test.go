package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/cablewire/cablewire/pipeline/pipelinetest"
)

func TestSplitReportArgsTakesOutTheBrokerFlags(t *testing.T) {
	for _, tc := range []struct {
		args       []string
		pass       []string
		data, nats string
		err        bool
	}{
		{args: []string{"--warehouse", "W", "--out", "r.html"}, pass: []string{"--warehouse", "W", "--out", "r.html"}},
		{args: []string{"--data", "D", "--warehouse", "W"}, pass: []string{"--warehouse", "W"}, data: "D"},
		{args: []string{"-data=D", "--tag", "PREL"}, pass: []string{"--tag", "PREL"}, data: "D"},
		{args: []string{"--nats", "nats://127.0.0.1:4222", "--country", "RS"}, pass: []string{"--country", "RS"}, nats: "nats://127.0.0.1:4222"},
		{args: []string{"--from", "2006-01", "--nats=nats://h:1"}, pass: []string{"--from", "2006-01"}, nats: "nats://h:1"},
		{args: []string{"--warehouse", "data"}, pass: []string{"--warehouse", "data"}}, // a value named data is not the flag
		{args: []string{"--data"}, err: true},
	} {
		pass, c, _, err := splitReportArgs(tc.args)
		if tc.err {
			if err == nil {
				t.Errorf("%q: no error", tc.args)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", tc.args, err)
			continue
		}
		if !reflect.DeepEqual(pass, tc.pass) || c.data != tc.data || c.natsURL != tc.nats {
			t.Errorf("%q: pass %q data %q nats %q, want %q %q %q", tc.args, pass, c.data, c.natsURL, tc.pass, tc.data, tc.nats)
		}
	}
}

// The credential flags are the other commands' (authFlags), taken out of
// what goes to cablewire-sql, with their environment variables.
func TestSplitReportArgsTakesTheCredentialFlags(t *testing.T) {
	t.Setenv("CABLEWIRE_NATS_NKEY", "/run/seed")
	pass, c, _, err := splitReportArgs([]string{"--nats", "tls://h:1", "--nats-user", "etl", "-nats-password-file=/run/pw", "--out", "r.html", "--tls-ca", "ca.pem", "--nats-inbox-prefix", "_INBOX_report"})
	if err != nil {
		t.Fatal(err)
	}
	a := c.auth
	if !reflect.DeepEqual(pass, []string{"--out", "r.html"}) || a.user != "etl" || a.passwordFile != "/run/pw" || a.tlsCA != "ca.pem" || a.inboxPrefix != "_INBOX_report" || a.nkey != "/run/seed" {
		t.Errorf("pass %q, auth %+v", pass, a)
	}
}

// writeBadInput writes three files that are not cables, two of them with
// the same reason.
func writeBadInput(t *testing.T, dir string) {
	t.Helper()
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "empty1.txt"), nil, 0o644)
	os.WriteFile(filepath.Join(dir, "empty2.txt"), nil, 0o644)
	os.WriteFile(filepath.Join(dir, "page.html"), []byte("<html><head><title>Not a cable</title></head><body><p>Hello</p></body></html>"), 0o644)
}

func TestReportCountsDeadLettersByStageAndReason(t *testing.T) {
	_, url := pipelinetest.StartJetStream(t)
	in, wh := t.TempDir(), t.TempDir()
	generate(t, filepath.Join(in, "good"), 5, 4)
	writeBadInput(t, filepath.Join(in, "bad"))
	if code, out, errs := runCLI(context.Background(), "run", "--nats", url, "--input", in, "--warehouse", wh); code != 0 {
		t.Fatalf("run: exit %d\n%s\n%s", code, out, errs)
	}
	dl, err := collectDeadLetters(context.Background(), common{natsURL: url, replicas: 1}, wh)
	if err != nil {
		t.Fatal(err)
	}
	if dl.Total != 3 || dl.Source != url {
		t.Fatalf("total %d from %q, want 3 from %s: %+v", dl.Total, dl.Source, url, dl)
	}
	var sum int64
	for i, r := range dl.Rows {
		sum += r.Count
		if r.Stage != "parse" || !strings.Contains(r.Reason, "not a cable") {
			t.Errorf("row %+v: want stage parse, a 'not a cable' reason", r)
		}
		if i > 0 && r.Count > dl.Rows[i-1].Count {
			t.Errorf("rows not most first: %+v", dl.Rows)
		}
	}
	if sum != 3 || dl.Rows[0].Count < 2 {
		t.Errorf("rows %+v: want 3 in all, the two empty files in one row", dl.Rows)
	}
}

// TestReportCommandWritesThePage runs `cablewire report` end to end: it
// finds cablewire-sql on PATH and hands it the dead letters it read.
func TestReportCommandWritesThePage(t *testing.T) {
	if testing.Short() {
		t.Skip("builds cablewire-sql (DuckDB, cgo): skipped with -short")
	}
	bindir := t.TempDir()
	if out, err := exec.Command("go", "build", "-o", filepath.Join(bindir, "cablewire-sql"), "../cablewire-sql").CombinedOutput(); err != nil {
		t.Skipf("cannot build cablewire-sql (needs cgo): %v\n%s", err, out)
	}
	t.Setenv("PATH", bindir+string(os.PathListSeparator)+os.Getenv("PATH"))
	_, url := pipelinetest.StartJetStream(t)
	in, wh := t.TempDir(), t.TempDir()
	generate(t, filepath.Join(in, "good"), 40, 5)
	writeBadInput(t, filepath.Join(in, "bad"))
	if code, out, errs := runCLI(context.Background(), "run", "--nats", url, "--input", in, "--warehouse", wh); code != 0 {
		t.Fatalf("run: exit %d\n%s\n%s", code, out, errs)
	}
	page := filepath.Join(t.TempDir(), "report.html")
	code, out, errs := runCLI(context.Background(), "report", "--warehouse", wh, "--out", page, "--nats", url)
	if code != 0 {
		t.Fatalf("report: exit %d\n%s\n%s", code, out, errs)
	}
	if !strings.Contains(out, "report: 40 cables") {
		t.Errorf("report output %q: want 40 cables", out)
	}
	b, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	html := string(b)
	for _, want := range []string{`"deadLetters":{"source":"` + url + `","total":3`, `"stage":"parse"`, "echarts", `"cables":40`} {
		if !strings.Contains(html, want) {
			t.Errorf("page has no %s", want)
		}
	}
	if code, _, errs := runCLI(context.Background(), "report", "--warehouse", wh, "--out", page, "--data", filepath.Join(t.TempDir(), "nothing")); code == 0 || !strings.Contains(errs, "no such directory") {
		t.Errorf("report --data of a missing directory: exit %d, %s", code, errs)
	}
}
