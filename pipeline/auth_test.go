package pipeline_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/cablewire/cablewire/pipeline"
	"github.com/cablewire/cablewire/pipeline/pipelinetest"
)

const jsConfig = "listen: 127.0.0.1:-1\njetstream { store_dir: \"$DIR/js\" }\n"

// authCase is a server that requires one kind of authentication, a client
// that has it, and clients that do not.
type authCase struct {
	name    string
	config  string // server configuration beyond jsConfig
	scheme  string // URL scheme
	good    pipeline.Auth
	bad     []pipeline.Auth
	hint    string   // what a refused client's error says to check
	secrets []string // must appear in no error
}

func authCases(t *testing.T) []authCase {
	dir := t.TempDir()
	password := pipeline.Secret("pw-" + randomish())
	token := pipeline.Secret("tok-" + randomish())
	seed, nkeyPub := pipelinetest.NewUserNKey(t, dir, "parse")
	otherSeed, _ := pipelinetest.NewUserNKey(t, dir, "stranger")
	op := pipelinetest.NewOperator(t)
	creds := op.UserCreds(t, dir, "sink")
	// A user of another operator: well-formed, but not trusted.
	foreign := pipelinetest.NewOperator(t).UserCreds(t, t.TempDir(), "sink")
	ca := pipelinetest.NewCA(t)
	cert, key := ca.Server(t, "nats")
	clientCert, clientKey := ca.Client(t, "worker")
	other := pipelinetest.NewCA(t)
	strangerCert, strangerKey := other.Client(t, "stranger")
	tlsConf := fmt.Sprintf("tls { cert_file: %q, key_file: %q }\n", cert, key)
	mtlsConf := fmt.Sprintf("tls { cert_file: %q, key_file: %q, ca_file: %q, verify: true }\n", cert, key, ca.CertFile)

	return []authCase{
		{
			name:   "user and password",
			config: fmt.Sprintf("authorization { users: [ { user: etl, password: %q } ] }\n", password.Reveal()),
			scheme: "nats",
			good:   pipeline.Auth{User: "etl", Password: password},
			bad: []pipeline.Auth{
				{User: "etl", Password: "wrong-" + password},
				{},
			},
			hint:    "--nats-password-file",
			secrets: []string{password.Reveal()},
		},
		{
			name:    "token",
			config:  fmt.Sprintf("authorization { token: %q }\n", token.Reveal()),
			scheme:  "nats",
			good:    pipeline.Auth{Token: token},
			bad:     []pipeline.Auth{{Token: "wrong-" + token}, {}},
			hint:    "--nats-token-file",
			secrets: []string{token.Reveal()},
		},
		{
			name:    "nkey",
			config:  fmt.Sprintf("authorization { users: [ { nkey: %s } ] }\n", nkeyPub),
			scheme:  "nats",
			good:    pipeline.Auth{NKeyFile: seed},
			bad:     []pipeline.Auth{{NKeyFile: otherSeed}, {}},
			hint:    "--nats-nkey",
			secrets: []string{readFile(t, seed), readFile(t, otherSeed)},
		},
		{
			name:    "decentralized creds",
			config:  op.Config,
			scheme:  "nats",
			good:    pipeline.Auth{CredsFile: creds},
			bad:     []pipeline.Auth{{CredsFile: foreign}, {}},
			hint:    "--nats-creds",
			secrets: []string{seedOf(t, creds), seedOf(t, foreign)},
		},
		{
			name:   "TLS with a CA of the test",
			config: tlsConf,
			scheme: "tls",
			good:   pipeline.Auth{TLSCA: ca.CertFile},
			bad:    []pipeline.Auth{{}, {TLSCA: other.CertFile}},
			hint:   "--tls-ca",
		},
		{
			name:   "mutual TLS",
			config: mtlsConf,
			scheme: "tls",
			good:   pipeline.Auth{TLSCA: ca.CertFile, TLSCert: clientCert, TLSKey: clientKey},
			bad: []pipeline.Auth{
				{TLSCA: ca.CertFile},
				{TLSCA: ca.CertFile, TLSCert: strangerCert, TLSKey: strangerKey},
			},
			hint: "--tls-cert",
		},
		{
			name:   "user and password over mutual TLS",
			config: mtlsConf + fmt.Sprintf("authorization { users: [ { user: etl, password: %q } ] }\n", password.Reveal()),
			scheme: "tls",
			good:   pipeline.Auth{User: "etl", Password: password, TLSCA: ca.CertFile, TLSCert: clientCert, TLSKey: clientKey},
			bad: []pipeline.Auth{
				{User: "etl", Password: "x" + password, TLSCA: ca.CertFile, TLSCert: clientCert, TLSKey: clientKey},
			},
			hint:    "--nats-password-file",
			secrets: []string{password.Reveal()},
		},
	}
}

// TestConnectAuthenticatesToRealServer runs a nats-server process for each
// kind of authentication: the client that holds the credential reaches
// JetStream (a stream written and read back), the others fail at once
// with an error that says what to check and holds no secret.
func TestConnectAuthenticatesToRealServer(t *testing.T) {
	pipelinetest.ServerBinary(t)
	for _, tc := range authCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			srv := pipelinetest.StartServerProcess(t, jsConfig+tc.config)
			url := srv.URL(tc.scheme)
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()

			conn, err := pipeline.Connect(ctx, pipeline.ConnConfig{URL: url, Auth: tc.good, Name: "test"})
			if err != nil {
				t.Fatalf("with the credential: %v", err)
			}
			roundTrip(ctx, t, conn.JS)
			conn.Close()

			for i, bad := range tc.bad {
				_, err := pipeline.Connect(ctx, pipeline.ConnConfig{URL: url, Auth: bad, Name: "test"})
				if err == nil {
					t.Fatalf("bad credential %d: connected", i)
				}
				if ctx.Err() != nil {
					t.Fatalf("bad credential %d: failed only at the test's deadline: %v", i, err)
				}
				msg := err.Error()
				t.Logf("refused: %s", msg)
				if !strings.Contains(msg, tc.hint) {
					t.Errorf("bad credential %d: %q does not say what to check (%s)", i, msg, tc.hint)
				}
				for _, s := range append(tc.secrets, bad.Password.Reveal(), bad.Token.Reveal()) {
					if s != "" && strings.Contains(msg, s) {
						t.Errorf("bad credential %d: error holds a secret: %q", i, msg)
					}
				}
			}
		})
	}
}

// roundTrip proves the connection reaches JetStream: a stream is created,
// a message stored and read back.
func roundTrip(ctx context.Context, t *testing.T, js jetstream.JetStream) {
	t.Helper()
	s, err := js.CreateStream(ctx, jetstream.StreamConfig{Name: "AUTHCHECK", Subjects: []string{"authcheck"}})
	if err != nil {
		t.Fatalf("create stream: %v", err)
	}
	if _, err := js.Publish(ctx, "authcheck", []byte("hello")); err != nil {
		t.Fatalf("publish: %v", err)
	}
	m, err := s.GetLastMsgForSubject(ctx, "authcheck")
	if err != nil {
		t.Fatalf("read back: %v", err)
	}
	if string(m.Data) != "hello" {
		t.Fatalf("read back %q", m.Data)
	}
}

// A password or token given in the URL works, and no error shows it: not
// when the server refuses it, not when nothing listens.
func TestURLSecretsNeverPrinted(t *testing.T) {
	pipelinetest.ServerBinary(t)
	secret := "url-" + randomish()
	srv := pipelinetest.StartServerProcess(t, jsConfig+fmt.Sprintf("authorization { users: [ { user: etl, password: %q } ] }\n", secret))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	conn, err := pipeline.Connect(ctx, pipeline.ConnConfig{URL: "nats://etl:" + secret + "@" + srv.Addr})
	if err != nil {
		t.Fatalf("user:password in the URL: %v", err)
	}
	conn.Close()
	for _, url := range []string{
		"nats://etl:" + secret + "x@" + srv.Addr,                   // refused
		"nats://" + secret + "@" + srv.Addr,                        // as a token: refused
		"nats://etl:" + secret + "@127.0.0.1:1",                    // nothing listens
		"nats://etl:" + secret + "@127.0.0.1:1,nats://127.0.0.1:2", // a list
	} {
		_, err := pipeline.Connect(ctx, pipeline.ConnConfig{URL: url})
		if err == nil {
			t.Fatalf("%s: connected", pipeline.RedactURL(url))
		}
		if strings.Contains(err.Error(), secret) {
			t.Errorf("error holds the secret: %q", err)
		}
		if !strings.Contains(err.Error(), pipeline.Redacted) {
			t.Errorf("error does not name the server (redacted): %q", err)
		}
	}
}

func TestRedactURL(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"nats://n1:4222", "nats://n1:4222"},
		{"nats://u:p4ss@n1:4222", "nats://u:[redacted]@n1:4222"},
		{"nats://t0ken@n1:4222", "nats://[redacted]@n1:4222"},
		{"nats://u:p@n1:4222,nats://n2:4222,tls://v:q@n3:4222", "nats://u:[redacted]@n1:4222,nats://n2:4222,tls://v:[redacted]@n3:4222"},
		{"nats://u:p%zz@n1", "[redacted]@n1"},
	} {
		if got := pipeline.RedactURL(tc.in); got != tc.want {
			t.Errorf("RedactURL(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// A Secret never prints, by any fmt verb or through slog.
func TestSecretNeverPrints(t *testing.T) {
	s := pipeline.Secret("hunter2")
	var logs bytes.Buffer
	slog.New(slog.NewTextHandler(&logs, nil)).Info("connect", "password", s)
	slog.New(slog.NewJSONHandler(&logs, nil)).Info("connect", "password", s)
	out := fmt.Sprintf("%v %s %+v %#v %q", s, s, s, s, s) + fmt.Sprint(s) + fmt.Sprintf("%v", pipeline.Auth{Password: s, Token: s}) + logs.String()
	if strings.Contains(out, "hunter2") {
		t.Fatalf("secret printed: %s", out)
	}
	if s.Reveal() != "hunter2" {
		t.Fatal("Reveal lost the secret")
	}
}

func TestReadSecretFile(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct{ content, want, err string }{
		{"s3cret\n", "s3cret", ""},
		{"  s3cret \r\nsecond line\n", "s3cret", ""},
		{"\n", "", "empty"},
	} {
		p := filepath.Join(dir, "f")
		os.WriteFile(p, []byte(tc.content), 0o600)
		got, err := pipeline.ReadSecretFile(p)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%q: err %v, want %q", tc.content, err, tc.err)
			}
			continue
		}
		if err != nil || got.Reveal() != tc.want {
			t.Errorf("%q: %q, %v", tc.content, got.Reveal(), err)
		}
	}
	if _, err := pipeline.ReadSecretFile(filepath.Join(dir, "missing")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
}

func TestAuthCombinationsRejected(t *testing.T) {
	for _, a := range []pipeline.Auth{
		{User: "u", Password: "p", Token: "t"},
		{CredsFile: "c", NKeyFile: "n"},
		{User: "u"},
		{Password: "p"},
		{TLSCert: "c"},
	} {
		_, err := pipeline.Connect(context.Background(), pipeline.ConnConfig{URL: "nats://127.0.0.1:1", Auth: a})
		if err == nil || strings.Contains(err.Error(), "connect nats") {
			t.Errorf("%+v: want a configuration error before dialling, got %v", a, err)
		}
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(b))
}

// seedOf is the user seed inside a creds file.
func seedOf(t *testing.T, creds string) string {
	t.Helper()
	for _, l := range strings.Split(readFile(t, creds), "\n") {
		if strings.HasPrefix(l, "SU") {
			return l
		}
	}
	t.Fatalf("%s: no seed", creds)
	return ""
}

func randomish() string { return fmt.Sprintf("%x", time.Now().UnixNano()) }
