package pipeline

import (
	"fmt"
	"net"
	"os"
	"strconv"
	"time"

	"github.com/nats-io/nats-server/v2/server"
)

// EmbeddedConfig configures the in-process nats-server.
type EmbeddedConfig struct {
	StoreDir string // JetStream file storage
	Listen   string // "host:port" to also accept TCP clients; "" for none
	// MaxMemory and MaxStore cap JetStream; zero lets the server choose.
	MaxMemory int64
	MaxStore  int64
}

// StartEmbedded starts nats-server with JetStream in this process. Without
// Listen it opens no TCP port: clients connect with nats.InProcessServer.
func StartEmbedded(cfg EmbeddedConfig) (*server.Server, error) {
	if err := os.MkdirAll(cfg.StoreDir, 0o755); err != nil {
		return nil, fmt.Errorf("embedded nats: %w", err)
	}
	opts := &server.Options{
		ServerName:         "cablewire-embedded",
		JetStream:          true,
		StoreDir:           cfg.StoreDir,
		JetStreamMaxMemory: cfg.MaxMemory,
		JetStreamMaxStore:  cfg.MaxStore,
		DontListen:         cfg.Listen == "",
		NoSigs:             true,
		MaxPayload:         MaxPayload,
	}
	if cfg.Listen != "" {
		host, port, err := net.SplitHostPort(cfg.Listen)
		if err != nil {
			return nil, fmt.Errorf("embedded nats: listen %q: %w", cfg.Listen, err)
		}
		p, err := strconv.Atoi(port)
		if err != nil {
			return nil, fmt.Errorf("embedded nats: listen %q: %w", cfg.Listen, err)
		}
		opts.Host, opts.Port = host, p
	}
	ns, err := server.NewServer(opts)
	if err != nil {
		return nil, fmt.Errorf("embedded nats: %w", err)
	}
	go ns.Start()
	if !ns.ReadyForConnections(30 * time.Second) {
		ns.Shutdown()
		return nil, fmt.Errorf("embedded nats: not ready after 30s")
	}
	return ns, nil
}

// MaxPayload is the largest message the embedded server accepts. Cables
// over 65,536 characters exist; 8 MiB leaves room for HTML pages and the
// parsed JSON of the longest cables.
const MaxPayload = 8 << 20
