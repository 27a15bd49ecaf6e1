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
	// Listen is where to also accept TCP clients: "" for nowhere, a bare
	// port (":4222", "4222") for loopback, "0.0.0.0:4222" for every
	// interface (see LoopbackDefault); port 0 picks a free one.
	Listen string
	// User and Password, when set, are required of every client, the
	// in-process one included.
	User     string
	Password Secret
	// TLSCert and TLSKey make TCP clients use TLS; with TLSCA they must
	// also present a certificate it signed (mutual TLS).
	TLSCert, TLSKey, TLSCA string
	// MaxMemory and MaxStore cap JetStream; zero lets the server choose.
	MaxMemory int64
	MaxStore  int64
}

// StartEmbedded starts nats-server with JetStream in this process. Without
// Listen it opens no TCP port: clients connect with nats.InProcessServer.
func StartEmbedded(cfg EmbeddedConfig) (*server.Server, error) {
	if (cfg.User == "") != (cfg.Password == "") {
		return nil, fmt.Errorf("embedded nats: a user needs a password and a password a user")
	}
	if (cfg.TLSCert == "") != (cfg.TLSKey == "") || (cfg.TLSCA != "" && cfg.TLSCert == "") {
		return nil, fmt.Errorf("embedded nats: TLS needs a certificate and its key (and a CA only with them)")
	}
	if cfg.Listen == "" && (cfg.User != "" || cfg.TLSCert != "") {
		return nil, fmt.Errorf("embedded nats: a user or TLS of its own only makes sense with --listen")
	}
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
		addr, err := LoopbackDefault(cfg.Listen)
		if err != nil {
			return nil, fmt.Errorf("embedded nats: %w", err)
		}
		host, port, _ := net.SplitHostPort(addr)
		p, _ := strconv.Atoi(port)
		if p == 0 {
			p = server.RANDOM_PORT // as net.Listen does; nats-server's 0 is 4222
		}
		opts.Host, opts.Port = host, p
	}
	if cfg.User != "" {
		opts.Username, opts.Password = cfg.User, cfg.Password.Reveal()
	}
	if cfg.TLSCert != "" {
		tc, err := server.GenTLSConfig(&server.TLSConfigOpts{
			CertFile: cfg.TLSCert, KeyFile: cfg.TLSKey, CaFile: cfg.TLSCA, Verify: cfg.TLSCA != "",
		})
		if err != nil {
			return nil, fmt.Errorf("embedded nats: tls: %w", err)
		}
		opts.TLSConfig, opts.TLS, opts.TLSVerify = tc, true, cfg.TLSCA != ""
		opts.TLSTimeout = 2
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
