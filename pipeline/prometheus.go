package pipeline

import (
	"context"
	"net/http"
	"sync"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics is a process's Prometheus registry: each stage's counters (read
// from its StageStats at scrape time, so nothing is counted twice) and
// handler latency (a histogram the stage observes once exported), each consumer's lag and ack pending against its
// MaxAckPending (asked of the broker at scrape time), whatever a stage
// registers of its own (Register), and the Go runtime and process
// collectors. Serve it with Handler.
type Metrics struct {
	reg     *prometheus.Registry
	latency *prometheus.HistogramVec
	mu      sync.Mutex
	st      []*StageStats
	cs      []stageConsumer
}

type stageConsumer struct {
	stage string
	cons  jetstream.Consumer
}

// NewMetrics makes a registry with the Go and process collectors.
func NewMetrics() *Metrics {
	m := &Metrics{reg: prometheus.NewRegistry(), latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "cablewire_stage_handle_seconds",
		Help: "Latency of one call of the stage's code.",
		// From a parse (tens of µs) to a slow sink Add (seconds).
		Buckets: prometheus.ExponentialBuckets(1e-5, 4, 12),
	}, stageLabels)}
	m.reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}), m.latency, (*metricsCollector)(m))
	return m
}

// AddStage exports s, and the lag of cons (nil: none) as the stage's. On
// a nil Metrics it does nothing.
func (m *Metrics) AddStage(s *StageStats, cons jetstream.Consumer) {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.st = append(m.st, s)
	o := m.latency.WithLabelValues(s.Name)
	s.latency.Store(&o)
	if cons != nil {
		m.cs = append(m.cs, stageConsumer{s.Name, cons})
	}
}

// Register adds a stage's own collectors (a sink's commit latency).
func (m *Metrics) Register(cs ...prometheus.Collector) error {
	for _, c := range cs {
		if err := m.reg.Register(c); err != nil {
			return err
		}
	}
	return nil
}

// Handler serves the registry in Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

var (
	stageLabels   = []string{"stage"}
	descReceived  = prometheus.NewDesc("cablewire_stage_received_total", "Deliveries handed to the stage.", stageLabels, nil)
	descAcked     = prometheus.NewDesc("cablewire_stage_acked_total", "Inputs done and acked.", stageLabels, nil)
	descRetried   = prometheus.NewDesc("cablewire_stage_retried_total", "Inputs naked for redelivery.", stageLabels, nil)
	descDead      = prometheus.NewDesc("cablewire_stage_dead_lettered_total", "Inputs moved to the dead letters.", stageLabels, nil)
	descPublished = prometheus.NewDesc("cablewire_stage_published_total", "Outputs published.", stageLabels, nil)
	descBusy      = prometheus.NewDesc("cablewire_stage_busy_seconds_total", "Time spent in stage code.", stageLabels, nil)
	descPending   = prometheus.NewDesc("cablewire_consumer_pending", "Messages in the stage's stream not yet delivered (consumer lag).", stageLabels, nil)
	descAckPend   = prometheus.NewDesc("cablewire_consumer_ack_pending", "Messages delivered and not yet acked.", stageLabels, nil)
	descMaxAck    = prometheus.NewDesc("cablewire_consumer_max_ack_pending", "The consumer's MaxAckPending: delivery pauses when ack_pending reaches it.", stageLabels, nil)
	descRedeliv   = prometheus.NewDesc("cablewire_consumer_redelivered", "Messages delivered more than once and not yet acked.", stageLabels, nil)
)

// metricsCollector reads the stages and consumers at scrape time.
type metricsCollector Metrics

func (c *metricsCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{descReceived, descAcked, descRetried, descDead, descPublished, descBusy, descPending, descAckPend, descMaxAck, descRedeliv} {
		ch <- d
	}
}

func (c *metricsCollector) Collect(ch chan<- prometheus.Metric) {
	c.mu.Lock()
	st, cs := append([]*StageStats(nil), c.st...), append([]stageConsumer(nil), c.cs...)
	c.mu.Unlock()
	for _, s := range st {
		counter := func(d *prometheus.Desc, v float64) {
			ch <- prometheus.MustNewConstMetric(d, prometheus.CounterValue, v, s.Name)
		}
		counter(descReceived, float64(s.Received.Load()))
		counter(descAcked, float64(s.Acked.Load()))
		counter(descRetried, float64(s.Retried.Load()))
		counter(descDead, float64(s.DeadLettered.Load()))
		counter(descPublished, float64(s.Published.Load()))
		counter(descBusy, time.Duration(s.Busy.Load()).Seconds())
	}
	// One Info round trip per consumer, bounded: a scrape must not hang
	// on a broker that is away.
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	for _, sc := range cs {
		info, err := sc.cons.Info(ctx)
		if err != nil {
			continue
		}
		gauge := func(d *prometheus.Desc, v float64) {
			ch <- prometheus.MustNewConstMetric(d, prometheus.GaugeValue, v, sc.stage)
		}
		gauge(descPending, float64(info.NumPending))
		gauge(descAckPend, float64(info.NumAckPending))
		gauge(descMaxAck, float64(info.Config.MaxAckPending))
		gauge(descRedeliv, float64(info.NumRedelivered))
	}
}
