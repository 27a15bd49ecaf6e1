package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/cablewire/cablewire/pipeline/pipelinetest"
	"github.com/cablewire/cablewire/schemas"
)

// TestLeastPrivilegePipeline runs the pipeline as a deployment wires it
// (ingest; a parse+enrich worker; a sink worker; then dlq) against a
// nats-server whose users have exactly the permissions nats-permissions
// prints (README's table), each connected with its own inbox prefix: every
// cable is committed exactly once. A user that steps outside its
// permissions is refused.
func TestLeastPrivilegePipeline(t *testing.T) {
	pipelinetest.ServerBinary(t)
	dir := t.TempDir()
	pwFile := map[string]string{}
	for _, role := range roles {
		pw := fmt.Sprintf("%s-pw-%d", strings.ReplaceAll(role, "+", ""), time.Now().UnixNano())
		t.Setenv(passwordVar(role), pw) // read by the server process at start
		pwFile[role] = writeSecret(t, dir, strings.ReplaceAll(role, "+", "_"), pw)
	}
	code, block, errs := runCLI(context.Background(), "nats-permissions")
	if code != 0 {
		t.Fatalf("nats-permissions: exit %d: %s", code, errs)
	}
	srv := pipelinetest.StartServerProcess(t, serverJS+block)
	url := srv.URL("nats")
	as := func(role string, args ...string) []string {
		return append(args, "--nats", url, "--nats-user", role, "--nats-password-file", pwFile[role], "--nats-inbox-prefix", inboxFor(role))
	}

	in, wh := t.TempDir(), t.TempDir()
	want := generate(t, filepath.Join(in, "good"), 200, 23)
	writeNotACable(t, in)
	// The workers' users may not create streams: started before ingest
	// made them, the workers wait, saying for what, and run once they exist.
	for _, role := range []string{"parse", "enrich", "parse+enrich", "sink"} {
		for _, subj := range rolePermissions(schemas.Topology{Pipeline: schemas.DefaultPipeline}, role, inboxFor(role)).Publish {
			if strings.Contains(subj, "STREAM.CREATE") || strings.Contains(subj, "STREAM.UPDATE") {
				t.Errorf("%s may %s: workers only bind streams", role, subj)
			}
		}
	}
	chain := startWorker(t, as("parse+enrich", "parse+enrich")...)
	sinkLog := startWorker(t, as("sink", "sink", "--warehouse", wh, "--file-age", "500ms")...)
	for _, l := range []*syncBuffer{chain, sinkLog} {
		pipelinetest.Eventually(t, 30*time.Second, "a worker waiting for its streams", func() bool {
			return strings.Contains(l.String(), "does not exist yet: waiting for a process allowed to create streams")
		})
	}
	code, out, errs := runCLI(context.Background(), append([]string{"ingest"}, as("ingest", in)...)...)
	if code != 0 {
		t.Fatalf("ingest: exit %d\n%s\n%s\nserver log:\n%s", code, out, errs, readFile(t, srv.Log))
	}
	pipelinetest.Eventually(t, 2*time.Minute, "200 cables committed", func() bool {
		return commitsCables(wh) == len(want)
	})
	checkExactlyOnce(t, wh, want)
	// The document that is not a cable is dead-lettered by parse+enrich;
	// dlq lists it and replays it into the raw stream.
	pipelinetest.Eventually(t, 30*time.Second, "the dead letter", func() bool {
		_, out, _ := runCLI(context.Background(), append([]string{"dlq"}, as("dlq")...)...)
		return strings.Contains(out, "page.html")
	})
	code, out, errs = runCLI(context.Background(), append([]string{"dlq", "--replay"}, as("dlq")...)...)
	if code != 0 || !strings.Contains(out, "page.html") || !strings.Contains(out, "replayed 1") {
		t.Fatalf("dlq: exit %d\n%s\n%s", code, out, errs)
	}
	// serve, as its own user, says where a cable is.
	t.Setenv("CABLEWIRE_HTTP_TOKEN", "lp-token")
	base := startServe(t, as("serve", "--warehouse", wh)...)
	for ref := range want {
		if code, st := getCable(t, base, "lp-token", ref); code != 200 || st.Status != "committed" {
			t.Errorf("GET %s as serve: %d %+v", ref, code, st)
		}
		break
	}
	if log := readFile(t, srv.Log); strings.Contains(log, "Violation") {
		t.Errorf("the pipeline used a subject outside its permissions:\n%s", log)
	}

	// The permissions are enforced: ingest may not publish to the
	// enriched stream, which only enrich feeds.
	enriched := schemas.Topology{Pipeline: schemas.DefaultPipeline}.Subject(schemas.KindEnriched)
	refused := make(chan error, 1)
	nc, err := nats.Connect(url, nats.UserInfo("ingest", readFile(t, pwFile["ingest"])), nats.CustomInboxPrefix(inboxFor("ingest")),
		nats.ErrorHandler(func(_ *nats.Conn, _ *nats.Subscription, err error) { refused <- err }))
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	if err := nc.Publish(enriched, []byte("forged")); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-refused:
		if !strings.Contains(err.Error(), "Permissions Violation for Publish to \""+enriched+"\"") {
			t.Errorf("forged publish: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Error("the server did not refuse ingest's publish to " + enriched)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Clean(path))
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(b))
}
