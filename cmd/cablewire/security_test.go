package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/cablewire/cablewire/pipeline/pipelinetest"
	"github.com/cablewire/cablewire/schemas"
)

const serverJS = "listen: 127.0.0.1:-1\nmax_payload: 8MB\njetstream { store_dir: \"$DIR/js\" }\n"

// writeSecret writes a secret file (as an operator would, mode 0600).
func writeSecret(t *testing.T, dir, name, secret string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(secret+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// noSecret fails the test if any text holds any secret.
func noSecret(t *testing.T, secrets []string, texts ...string) {
	t.Helper()
	for _, s := range secrets {
		for _, txt := range texts {
			if s != "" && strings.Contains(txt, s) {
				t.Errorf("a secret appears in output:\n%s", txt)
			}
		}
	}
}

// credsSeed is the user seed in a creds file.
func credsSeed(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "SU") {
			return strings.TrimSpace(l)
		}
	}
	t.Fatalf("%s: no seed", path)
	return ""
}

// writeNotACable writes a document the parser dead-letters.
func writeNotACable(t *testing.T, dir string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, "page.html"), []byte("<html><body><p>Not a cable</p></body></html>"), 0o644); err != nil {
		t.Fatal(err)
	}
}

// credentialCase is a server configuration and the flags and environment
// that authenticate a command to it.
type credentialCase struct {
	name     string
	config   string
	scheme   string
	flags    []string
	env      map[string]string
	badFlags []string // the same, with a wrong secret
	badEnv   map[string]string
	secrets  []string
}

func credentialCases(t *testing.T) []credentialCase {
	dir := t.TempDir()
	pw := "pw-" + fmt.Sprint(time.Now().UnixNano())
	token := "tok-" + fmt.Sprint(time.Now().UnixNano())
	seed, nkeyPub := pipelinetest.NewUserNKey(t, dir, "etl")
	wrongSeed, _ := pipelinetest.NewUserNKey(t, dir, "wrong")
	op := pipelinetest.NewOperator(t)
	creds := op.UserCreds(t, dir, "etl")
	wrongCreds := pipelinetest.NewOperator(t).UserCreds(t, t.TempDir(), "etl")
	ca := pipelinetest.NewCA(t)
	cert, key := ca.Server(t, "nats")
	ccert, ckey := ca.Client(t, "etl")
	other := pipelinetest.NewCA(t)
	wcert, wkey := other.Client(t, "wrong")
	seedText, _ := os.ReadFile(seed)
	users := fmt.Sprintf("authorization { users: [ { user: etl, password: %q } ] }\n", pw)
	return []credentialCase{
		{
			name: "password file", config: users, scheme: "nats",
			flags:    []string{"--nats-user", "etl", "--nats-password-file", writeSecret(t, dir, "pw", pw)},
			badFlags: []string{"--nats-user", "etl", "--nats-password-file", writeSecret(t, dir, "badpw", pw+"x")},
			secrets:  []string{pw},
		},
		{
			name: "password from the environment", config: users, scheme: "nats",
			env:     map[string]string{"CABLEWIRE_NATS_USER": "etl", "CABLEWIRE_NATS_PASSWORD": pw},
			badEnv:  map[string]string{"CABLEWIRE_NATS_USER": "etl", "CABLEWIRE_NATS_PASSWORD": "x" + pw},
			secrets: []string{pw},
		},
		{
			name: "token file", config: fmt.Sprintf("authorization { token: %q }\n", token), scheme: "nats",
			flags:    []string{"--nats-token-file", writeSecret(t, dir, "tok", token)},
			badFlags: []string{"--nats-token-file", writeSecret(t, dir, "badtok", "x"+token)},
			secrets:  []string{token},
		},
		{
			name: "nkey", config: fmt.Sprintf("authorization { users: [ { nkey: %s } ] }\n", nkeyPub), scheme: "nats",
			env:     map[string]string{"CABLEWIRE_NATS_NKEY": seed},
			badEnv:  map[string]string{"CABLEWIRE_NATS_NKEY": wrongSeed},
			secrets: []string{strings.TrimSpace(string(seedText))},
		},
		{
			name: "creds", config: op.Config, scheme: "nats",
			flags:    []string{"--nats-creds", creds},
			badFlags: []string{"--nats-creds", wrongCreds},
			secrets:  []string{credsSeed(t, creds), credsSeed(t, wrongCreds)},
		},
		{
			name:     "mutual TLS",
			config:   fmt.Sprintf("tls { cert_file: %q, key_file: %q, ca_file: %q, verify: true }\n", cert, key, ca.CertFile),
			scheme:   "tls",
			flags:    []string{"--tls-ca", ca.CertFile, "--tls-cert", ccert, "--tls-key", ckey},
			env:      map[string]string{},
			badFlags: []string{"--tls-ca", ca.CertFile, "--tls-cert", wcert, "--tls-key", wkey},
		},
	}
}

// TestCommandsAuthenticate runs the pipeline (`run`, then `ingest` and
// `dlq` against the same broker) with each kind of credential against a
// nats-server process that requires it: everything is committed exactly
// once. With a wrong secret each command fails at once with a clear
// message, and no output holds a secret.
func TestCommandsAuthenticate(t *testing.T) {
	pipelinetest.ServerBinary(t)
	for _, tc := range credentialCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			srv := pipelinetest.StartServerProcess(t, serverJS+tc.config)
			url := srv.URL(tc.scheme)
			in, wh := t.TempDir(), t.TempDir()
			want := generate(t, filepath.Join(in, "good"), 20, 7)
			writeNotACable(t, in)
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			var outputs []string
			// One pipeline name for every command, so ingest and dlq meet
			// run's streams.
			args := append([]string{"run", "--pipeline", "sec", "--nats", url, "--log-level", "debug", "--input", in, "--warehouse", wh}, tc.flags...)
			code, out, errs := runCLI(ctx, args...)
			if code != 0 {
				t.Fatalf("run: exit %d\n%s\n%s", code, out, errs)
			}
			checkExactlyOnce(t, wh, want)
			outputs = append(outputs, out, errs)
			for _, cmd := range [][]string{{"ingest", "--pipeline", "sec", "--nats", url, in}, {"dlq", "--pipeline", "sec", "--nats", url}} {
				code, out, errs := runCLI(ctx, append(cmd, tc.flags...)...)
				if code != 0 {
					t.Fatalf("%s: exit %d\n%s\n%s", cmd[0], code, out, errs)
				}
				outputs = append(outputs, out, errs)
			}
			// report --nats counts the dead letters with the same flags.
			_, rc, _, err := splitReportArgs(append([]string{"--nats", url, "--pipeline", "sec", "--warehouse", wh}, tc.flags...))
			if err != nil {
				t.Fatal(err)
			}
			if dl, err := collectDeadLetters(ctx, rc, wh); err != nil || dl.Total != 1 {
				t.Errorf("report's dead letters: %+v, %v; want 1", dl, err)
			}
			if !strings.Contains(outputs[2], "read 21, published 21") {
				t.Errorf("ingest again: %s", outputs[2])
			}
			if !strings.Contains(outputs[4], "page.html") || !strings.Contains(outputs[4], "not a cable") {
				t.Errorf("dlq does not list the dead letter:\n%s", outputs[4])
			}

			for k, v := range tc.badEnv {
				t.Setenv(k, v)
			}
			for _, cmd := range [][]string{
				{"run", "--nats", url, "--input", in, "--warehouse", t.TempDir()},
				{"ingest", "--nats", url, in},
				{"worker", "sink", "--nats", url, "--warehouse", t.TempDir()},
				{"dlq", "--nats", url},
			} {
				code, out, errs := runCLI(ctx, append(cmd, tc.badFlags...)...)
				if code != 1 {
					t.Fatalf("%s with a wrong credential: exit %d, want 1\n%s\n%s", cmd[0], code, out, errs)
				}
				if !regexp.MustCompile(`refused these credentials|--tls-cert|--tls-ca`).MatchString(errs) {
					t.Errorf("%s with a wrong credential: unclear error:\n%s", cmd[0], errs)
				}
				outputs = append(outputs, out, errs)
			}
			if ctx.Err() != nil {
				t.Fatal("the wrong credentials did not fail fast: the test's deadline passed")
			}
			noSecret(t, tc.secrets, outputs...)
		})
	}
}

// A password in the URL still works, and is printed nowhere: not in the
// summary, the logs, or a refused connection's error.
func TestURLPasswordNeverPrinted(t *testing.T) {
	pipelinetest.ServerBinary(t)
	pw := "urlpw-" + fmt.Sprint(time.Now().UnixNano())
	srv := pipelinetest.StartServerProcess(t, serverJS+fmt.Sprintf("authorization { users: [ { user: etl, password: %q } ] }\n", pw))
	in, wh := t.TempDir(), t.TempDir()
	want := generate(t, in, 10, 3)
	ctx := context.Background()
	code, out, errs := runCLI(ctx, "run", "--nats", "nats://etl:"+pw+"@"+srv.Addr, "--log-level", "debug", "--input", in, "--warehouse", wh)
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errs)
	}
	checkExactlyOnce(t, wh, want)
	code, out2, errs2 := runCLI(ctx, "ingest", "--nats", "nats://etl:x"+pw+"@"+srv.Addr, in)
	if code != 1 || !strings.Contains(errs2, "etl:[redacted]@") {
		t.Errorf("wrong password in the URL: exit %d\n%s", code, errs2)
	}
	noSecret(t, []string{pw}, out, errs, out2, errs2)
}

// syncBuffer is a bytes.Buffer safe to read while a command writes it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startWorker runs `cablewire worker ARGS...` in-process until the test
// ends, and returns its stderr.
func startWorker(t *testing.T, args ...string) *syncBuffer {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var out, errb syncBuffer
	done := make(chan int)
	go func() { done <- runCommand(ctx, append([]string{"worker"}, args...), &out, &errb) }()
	t.Cleanup(func() {
		cancel()
		if code := <-done; code != 0 {
			t.Errorf("worker %v: exit %d\n%s", args, code, errb.String())
		}
	})
	return &errb
}

var metricsAddr = regexp.MustCompile(`metrics at http://([^/\s]+)/metrics`)

// `--metrics :PORT` serves on loopback only, and what it serves holds no
// secret.
func TestMetricsBarePortIsLoopback(t *testing.T) {
	pipelinetest.ServerBinary(t)
	pw := "metricspw-" + fmt.Sprint(time.Now().UnixNano())
	srv := pipelinetest.StartServerProcess(t, serverJS+fmt.Sprintf("authorization { users: [ { user: etl, password: %q } ] }\n", pw))
	t.Setenv("CABLEWIRE_NATS_PASSWORD", pw)
	// The streams are ingest's to make; the worker binds them.
	nc, err := nats.Connect(srv.URL("nats"), nats.UserInfo("etl", pw))
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	js, _ := jetstream.New(nc)
	if err := ensureStreams(context.Background(), js, schemas.Topology{Pipeline: schemas.DefaultPipeline}, 1); err != nil {
		t.Fatal(err)
	}
	port := freeLoopbackPort(t)
	errb := startWorker(t, "parse+enrich", "--nats", srv.URL("nats"), "--nats-user", "etl", "--metrics", ":"+port, "--log-level", "debug")
	addr := "127.0.0.1:" + port
	pipelinetest.Eventually(t, 30*time.Second, "the worker ready", func() bool {
		resp, err := http.Get("http://" + addr + "/readyz")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == 200
	})
	if m := metricsAddr.FindStringSubmatch(errb.String()); m == nil || m[1] != addr {
		t.Errorf("the worker does not say where its metrics are:\n%s", errb.String())
	}
	if ip := nonLoopbackIP(); ip == "" {
		t.Log("no non-loopback address to check from")
	} else if c, err := net.DialTimeout("tcp", net.JoinHostPort(ip, port), time.Second); err == nil {
		c.Close()
		t.Errorf("--metrics :%s is reachable at %s", port, ip)
	}
	var bodies []string
	for _, path := range []string{"/metrics", "/healthz"} {
		resp, err := http.Get("http://" + addr + path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("%s: %s\n%s", path, resp.Status, b)
		}
		bodies = append(bodies, string(b))
	}
	if !strings.Contains(bodies[0], `cablewire_stage_received_total{stage="parse+enrich"}`) {
		t.Errorf("/metrics:\n%s", bodies[0])
	}
	noSecret(t, []string{pw}, append(bodies, errb.String())...)
}

func freeLoopbackPort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	_, port, _ := net.SplitHostPort(l.Addr().String())
	return port
}

// nonLoopbackIP is an IPv4 address of this machine other than loopback,
// or "".
func nonLoopbackIP() string {
	addrs, _ := net.InterfaceAddrs()
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok && !n.IP.IsLoopback() && n.IP.To4() != nil {
			return n.IP.String()
		}
	}
	return ""
}

func TestMetricsAddressChecked(t *testing.T) {
	code, _, errs := runCLI(context.Background(), "worker", "sink", "--metrics", "localhost")
	if code != 2 || !strings.Contains(errs, "--metrics") {
		t.Fatalf("exit %d: %s", code, errs)
	}
}

// The embedded server of `run --listen` takes only clients holding its
// user's password; its own stages still run.
func TestRunListenWithItsOwnUser(t *testing.T) {
	in, wh := t.TempDir(), t.TempDir()
	want := generate(t, in, 10, 5)
	pwFile := writeSecret(t, t.TempDir(), "pw", "embedded-secret")
	code, out, errs := runCLI(context.Background(), "run", "--data", t.TempDir(), "--listen", ":0",
		"--listen-user", "etl", "--listen-password-file", pwFile, "--input", in, "--warehouse", wh)
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errs)
	}
	checkExactlyOnce(t, wh, want)
	if !regexp.MustCompile(`embedded NATS listening at nats://127\.0\.0\.1:\d+`).MatchString(errs) {
		t.Errorf("not on loopback:\n%s", errs)
	}
	noSecret(t, []string{"embedded-secret"}, out, errs)
}

// A URL with a password in $CABLEWIRE_NATS is used, but not shown as the
// flag's default by -h.
func TestHelpDoesNotShowURLFromEnvironment(t *testing.T) {
	t.Setenv("CABLEWIRE_NATS", "nats://etl:env-secret@127.0.0.1:1")
	for _, cmd := range []string{"run", "ingest", "worker", "dlq"} {
		code, out, errs := runCLI(context.Background(), cmd, "-h")
		if code != 0 || !strings.Contains(errs, "-nats-creds") {
			t.Fatalf("%s -h: exit %d\n%s", cmd, code, errs)
		}
		noSecret(t, []string{"env-secret"}, out, errs)
	}
	// Nothing listens there: ingest waits for the broker (logging why)
	// until stopped.
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	_, _, errs := runCLI(ctx, "ingest", "--log-level", "info", t.TempDir())
	if !strings.Contains(errs, "nats://etl:[redacted]@127.0.0.1:1") {
		t.Fatalf("ingest with $CABLEWIRE_NATS does not name the server it waits for:\n%s", errs)
	}
	noSecret(t, []string{"env-secret"}, errs)
}
