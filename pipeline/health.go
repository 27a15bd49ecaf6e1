package pipeline

import (
	"fmt"
	"net"
	"net/http"
	"sync/atomic"
)

// Health is what a worker's /healthz, /readyz and /metrics report. It is
// served from the start, before the broker is reached, so an orchestrator
// sees a worker that waits for its broker as alive but not ready.
type Health struct {
	waiting atomic.Pointer[string] // why not ready; nil once ready
	conn    atomic.Pointer[Conn]
	metrics *Metrics
}

// NewHealth is a Health not ready for why, with a fresh Metrics registry.
func NewHealth(why string) *Health {
	h := &Health{metrics: NewMetrics()}
	h.NotReady(why)
	return h
}

// NotReady says what the process waits for; Ready that it waits no more.
func (h *Health) NotReady(why string) { h.waiting.Store(&why) }
func (h *Health) Ready()              { h.waiting.Store(nil) }

// Connected gives the connection whose state /readyz reports.
func (h *Health) Connected(c *Conn) { h.conn.Store(c) }

// Metrics is the registry /metrics serves.
func (h *Health) Metrics() *Metrics { return h.metrics }

// Serve starts the endpoints on addr; the returned func stops them.
//   - /healthz: the process is alive (200).
//   - /readyz: connected, streams present and consumers bound (200), or
//     503 with what it waits for.
//   - /metrics: Prometheus text (Metrics: stages, consumers, the
//     sink's commits, Go runtime and process).
func (h *Health) Serve(addr string) (func(), error) {
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
