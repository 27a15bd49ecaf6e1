package pipelinetest

import (
	"net"
	"sync"
	"sync/atomic"
	"testing"
)

// Proxy forwards TCP connections from a loopback port to a target
// address. Muting it drops everything clients send from then on while the
// server's side still reaches them: a client that writes into a broken
// network path (its acks lost) without noticing it.
type Proxy struct {
	Addr  string // host:port to connect to instead of the target
	muted atomic.Bool
	ln    net.Listener
	wg    sync.WaitGroup
	mu    sync.Mutex
	conns []net.Conn
}

// StartProxy listens on a free loopback port and forwards to target until
// the test ends.
func StartProxy(t testing.TB, target string) *Proxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &Proxy{Addr: ln.Addr().String(), ln: ln}
	p.wg.Go(func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			s, err := net.Dial("tcp", target)
			if err != nil {
				c.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, c, s)
			p.mu.Unlock()
			p.wg.Go(func() { p.pipe(s, c, true) })
			p.wg.Go(func() { p.pipe(c, s, false) })
		}
	})
	t.Cleanup(p.close)
	return p
}

// Mute drops what clients send from now on, for good: a protocol stream
// cut in the middle cannot be resumed.
func (p *Proxy) Mute() { p.muted.Store(true) }

// pipe copies src to dst; from the client (upstream) it discards while
// muted.
func (p *Proxy) pipe(dst, src net.Conn, upstream bool) {
	defer dst.Close()
	defer src.Close()
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		if n > 0 && !(upstream && p.muted.Load()) {
			if _, werr := dst.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			return
		}
	}
}

func (p *Proxy) close() {
	p.ln.Close()
	p.mu.Lock()
	for _, c := range p.conns {
		c.Close()
	}
	p.mu.Unlock()
	p.wg.Wait()
}
