package pipeline

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// ConnConfig says where the broker is: URL for an external server or
// cluster, or Embedded for an in-process one.
type ConnConfig struct {
	URL      string // nats://host:port[,nats://...]; empty means embedded
	Auth     Auth   // credentials and TLS for URL (not for the embedded server)
	Embedded EmbeddedConfig
	Name     string // client name shown by the server
}

// Conn is a connection to JetStream, and the embedded server when there is
// one. Close drains the connection, then shuts the server down.
type Conn struct {
	NC     *nats.Conn
	JS     jetstream.JetStream
	server *server.Server
	store  *os.File // the embedded server's store lock (lockStore)
}

// Connect connects to cfg.URL with cfg.Auth, or starts an embedded server
// and connects to it in-process. Errors never carry a password or token,
// whether it came in cfg.Auth or in the URL; a refused credential fails at
// once (no retry), with what to check.
func Connect(ctx context.Context, cfg ConnConfig) (*Conn, error) {
	c, err := connect(ctx, cfg)
	return c, redact(err, append(cfg.Auth.secrets(cfg.URL), cfg.Embedded.Password.Reveal()))
}

func connect(ctx context.Context, cfg ConnConfig) (*Conn, error) {
	opts := []nats.Option{
		nats.Name(cfg.Name),
		nats.MaxReconnects(-1),
		nats.ReconnectWait(500 * time.Millisecond),
	}
	c := &Conn{}
	url := cfg.URL
	if url == "" {
		lock, err := lockStore(cfg.Embedded.StoreDir)
		if err != nil {
			return nil, err
		}
		c.store = lock
		ns, err := StartEmbedded(cfg.Embedded)
		if err != nil {
			c.shutdownServer()
			return nil, err
		}
		c.server = ns
		opts = append(opts, nats.InProcessServer(ns))
		// The in-process client passes the same authorization as TCP
		// clients; TLS is not asked of it.
		if e := cfg.Embedded; e.User != "" {
			opts = append(opts, nats.UserInfo(e.User, e.Password.Reveal()))
		}
	} else {
		auth, err := cfg.Auth.options()
		if err != nil {
			return nil, Permanent(err)
		}
		opts = append(opts, auth...)
	}
	nc, err := nats.Connect(url, opts...)
	if err != nil {
		c.shutdownServer()
		return nil, fmt.Errorf("connect %s: %w", describe(url), explain(err))
	}
	c.NC = nc
	// The stall wait bounds how long an async publish waits for room when
	// the in-flight window is full, instead of failing at the 200 ms default.
	// A publish the broker never answers (its store's disk full under it:
	// measured, JetStream neither stores nor refuses) fails after
	// asyncAckTimeout instead of holding its publisher forever.
	js, err := jetstream.New(nc, jetstream.WithPublishAsyncMaxPending(4096), jetstream.WithPublishAsyncTimeout(asyncAckTimeout))
	if err != nil {
		c.Close()
		return nil, fmt.Errorf("jetstream: %w", err)
	}
	c.JS = js
	if _, err := js.AccountInfo(ctx); err != nil {
		c.Close()
		return nil, fmt.Errorf("jetstream on %s: %w", describe(url), explain(err))
	}
	return c, nil
}

// ClientURL is a URL other processes can use, when the embedded server
// listens; "" otherwise.
func (c *Conn) ClientURL() string {
	if c.server == nil || c.server.Addr() == nil {
		return ""
	}
	return c.server.ClientURL()
}

// Close drains the connection (pending publishes and acks are flushed) and
// shuts down the embedded server.
func (c *Conn) Close() error {
	var err error
	if c.NC != nil && !c.NC.IsClosed() {
		done := make(chan struct{})
		c.NC.SetClosedHandler(func(*nats.Conn) { close(done) })
		if err = c.NC.Drain(); err == nil {
			select {
			case <-done:
			case <-time.After(10 * time.Second):
				c.NC.Close()
			}
		} else if errors.Is(err, nats.ErrConnectionClosed) {
			err = nil
		}
	}
	c.shutdownServer()
	return err
}

func (c *Conn) shutdownServer() {
	if c.server != nil {
		c.server.Shutdown()
		c.server.WaitForShutdown()
	}
	if c.store != nil {
		c.store.Close() // releases the flock
		c.store = nil
	}
}

func describe(url string) string {
	if url == "" {
		return "embedded server"
	}
	return RedactURL(url)
}

// StreamNames lists the streams on the broker.
func (c *Conn) StreamNames(ctx context.Context) ([]string, error) {
	var out []string
	names := c.JS.StreamNames(ctx)
	for n := range names.Name() {
		out = append(out, n)
	}
	if err := names.Err(); err != nil {
		return nil, fmt.Errorf("stream names: %w", err)
	}
	return out, nil
}

// asyncAckTimeout bounds the wait for the broker's answer to one async
// publish: far above any answer seen under load (a full stream answers at
// once, with an error publishers retry).
const asyncAckTimeout = time.Minute
