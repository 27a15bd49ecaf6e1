package pipeline_test

import (
	"context"
	"net"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/cablewire/cablewire/pipeline"
	"github.com/cablewire/cablewire/pipeline/pipelinetest"
)

func connectEmbedded(t *testing.T, e pipeline.EmbeddedConfig) *pipeline.Conn {
	t.Helper()
	e.StoreDir = filepath.Join(t.TempDir(), "js")
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c, err := pipeline.Connect(ctx, pipeline.ConnConfig{Embedded: e})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// Without Listen the embedded server opens no port at all.
func TestEmbeddedListensOnNothingByDefault(t *testing.T) {
	c := connectEmbedded(t, pipeline.EmbeddedConfig{})
	if u := c.ClientURL(); u != "" {
		t.Fatalf("embedded server listens at %s without Listen", u)
	}
	if _, err := c.JS.AccountInfo(context.Background()); err != nil {
		t.Fatalf("in-process client: %v", err)
	}
}

// A bare port binds loopback only: the port is not reachable on the
// machine's other addresses. (That an address naming a host is kept as
// given is TestLoopbackDefault's; tests bind nothing but loopback.)
func TestEmbeddedListenBindsLoopbackByDefault(t *testing.T) {
	for _, listen := range []string{":0", "0", "127.0.0.1:0"} {
		c := connectEmbedded(t, pipeline.EmbeddedConfig{Listen: listen})
		u, err := url.Parse(c.ClientURL())
		if err != nil {
			t.Fatal(err)
		}
		if u.Hostname() != "127.0.0.1" {
			t.Errorf("--listen %s: bound %s, want loopback", listen, u.Host)
		}
		if ownAddress() == "" {
			t.Log("no non-loopback address to check from")
		} else if reaches(ownAddress(), u.Port()) {
			t.Errorf("--listen %s: reachable at %s", listen, ownAddress())
		}
	}
}

func TestLoopbackDefault(t *testing.T) {
	for _, tc := range []struct{ in, want, err string }{
		{":9100", "127.0.0.1:9100", ""},
		{"9100", "127.0.0.1:9100", ""},
		{"0.0.0.0:9100", "0.0.0.0:9100", ""},
		{"[::1]:9100", "[::1]:9100", ""},
		{"metrics.internal:9100", "metrics.internal:9100", ""},
		{"localhost", "", "missing port"},
		{":http", "", "not a number"},
	} {
		got, err := pipeline.LoopbackDefault(tc.in)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%q: %q, %v; want error %q", tc.in, got, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("%q: %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
}

// With a user of its own, the embedded server refuses anonymous TCP
// clients (the injection through --listen) and still serves its
// own process.
func TestEmbeddedListenRequiresItsUser(t *testing.T) {
	c := connectEmbedded(t, pipeline.EmbeddedConfig{Listen: ":0", User: "etl", Password: "embedded-pw"})
	if _, err := c.JS.AccountInfo(context.Background()); err != nil {
		t.Fatalf("in-process client: %v", err)
	}
	u := c.ClientURL()
	if _, err := nats.Connect(u); err == nil || !strings.Contains(err.Error(), "uthorization") {
		t.Fatalf("anonymous client: %v, want an authorization violation", err)
	}
	nc, err := nats.Connect(u, nats.UserInfo("etl", "embedded-pw"))
	if err != nil {
		t.Fatalf("with the user: %v", err)
	}
	nc.Close()
}

// With TLS of its own and a CA, the embedded server takes only TCP
// clients holding a certificate that CA signed.
func TestEmbeddedListenMutualTLS(t *testing.T) {
	ca := pipelinetest.NewCA(t)
	cert, key := ca.Server(t, "embedded")
	ccert, ckey := ca.Client(t, "worker")
	c := connectEmbedded(t, pipeline.EmbeddedConfig{Listen: ":0", TLSCert: cert, TLSKey: key, TLSCA: ca.CertFile})
	if _, err := c.JS.AccountInfo(context.Background()); err != nil {
		t.Fatalf("in-process client: %v", err)
	}
	cu, err := url.Parse(c.ClientURL())
	if err != nil {
		t.Fatal(err)
	}
	u := "tls://127.0.0.1:" + cu.Port()
	if _, err := nats.Connect(u, nats.RootCAs(ca.CertFile)); err == nil {
		t.Fatal("client without a certificate connected")
	}
	if _, err := nats.Connect(strings.Replace(u, "tls:", "nats:", 1)); err == nil {
		t.Fatal("plain client connected")
	}
	nc, err := nats.Connect(u, nats.RootCAs(ca.CertFile), nats.ClientCert(ccert, ckey))
	if err != nil {
		t.Fatalf("client with a certificate: %v", err)
	}
	nc.Close()
}

func TestEmbeddedAuthNeedsListen(t *testing.T) {
	_, err := pipeline.StartEmbedded(pipeline.EmbeddedConfig{StoreDir: t.TempDir(), User: "u", Password: "p"})
	if err == nil || !strings.Contains(err.Error(), "--listen") {
		t.Fatalf("user without --listen: %v", err)
	}
}

// ownAddress is a non-loopback address of this machine, or "".
func ownAddress() string {
	addrs, _ := net.InterfaceAddrs()
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok && !n.IP.IsLoopback() && n.IP.To4() != nil {
			return n.IP.String()
		}
	}
	return ""
}

func reaches(ip, port string) bool {
	c, err := net.DialTimeout("tcp", net.JoinHostPort(ip, port), time.Second)
	if err != nil {
		return false
	}
	c.Close()
	return true
}
