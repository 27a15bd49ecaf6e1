// Package pipelinetest starts real JetStream servers for tests: random
// ports, temporary stores, shut down when the test ends. In-process
// (StartJetStream, StartCluster) or as nats-server processes
// (StartServerProcess; StartNATSCluster, a three-node cluster whose nodes
// can be killed and restarted), with the child processes, proxies, TLS
// and JWT material the tests around them need.
package pipelinetest

import (
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
)

// StartJetStream starts nats-server with JetStream on a random loopback
// port with its store in a temp dir, and returns it with its client URL.
func StartJetStream(t testing.TB) (*server.Server, string) {
	t.Helper()
	return StartJetStreamAt(t, t.TempDir())
}

// StartJetStreamAt is StartJetStream with a given store dir, so a test can
// restart a server on the same data.
func StartJetStreamAt(t testing.TB, storeDir string) (*server.Server, string) {
	t.Helper()
	ns, err := server.NewServer(&server.Options{
		Host:       "127.0.0.1",
		Port:       -1,
		JetStream:  true,
		StoreDir:   storeDir,
		NoSigs:     true,
		NoLog:      true,
		MaxPayload: 8 << 20,
	})
	if err != nil {
		t.Fatalf("nats-server: %v", err)
	}
	go ns.Start()
	if !ns.ReadyForConnections(10 * time.Second) {
		t.Fatal("nats-server not ready")
	}
	t.Cleanup(func() { ns.Shutdown(); ns.WaitForShutdown() })
	return ns, ns.ClientURL()
}

// Eventually polls cond every 20ms until it holds or the deadline passes.
func Eventually(t testing.TB, within time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(within)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting for %s", within, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
