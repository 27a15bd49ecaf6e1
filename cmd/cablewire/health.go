package main

import (
	"fmt"
	"net"
	"net/http"
	"sync/atomic"

	"github.com/cablewire/cablewire/pipeline"
)

// health is what a worker's /healthz, /readyz and /metrics report. It is
// served from the start, before the broker is reached, so an orchestrator
// sees a worker that waits for its broker as alive but not ready.
type health struct {
	waiting atomic.Pointer[string] // why not ready; nil once ready
	conn    atomic.Pointer[pipeline.Conn]
	metrics *pipeline.Metrics
}

func newHealth(why string) *health {
	h := &health{metrics: pipeline.NewMetrics()}
	h.notReady(why)
	return h
}

func (h *health) notReady(why string) { h.waiting.Store(&why) }
func (h *health) ready()              { h.waiting.Store(nil) }

// serve starts the endpoints on addr; the returned func stops them.
//   - /healthz: the process is alive (200).
//   - /readyz: connected, streams present and consumers bound (200), or
//     503 with what it waits for.
//   - /metrics: Prometheus text (pipeline.Metrics: stages, consumers, the
//     sink's commits, Go runtime and process).
func (h *health) serve(addr string) (func(), error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) { fmt.Fprintln(w, "ok") })
	mux.HandleFunc("/readyz", func(w http.ResponseWriter, _ *http.Request) {
		if why := h.waiting.Load(); why != nil {
			http.Error(w, "not ready: "+*why, http.StatusServiceUnavailable)
			return
		}
		if c := h.conn.Load(); c == nil || !c.NC.IsConnected() {
			http.Error(w, "not ready: nats not connected", http.StatusServiceUnavailable)
			return
		}
		fmt.Fprintln(w, "ready")
	})
	mux.Handle("/metrics", h.metrics.Handler())
	srv := &http.Server{Handler: mux}
	go srv.Serve(ln)
	return func() { srv.Close() }, nil
}
