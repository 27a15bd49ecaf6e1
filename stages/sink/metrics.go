package sink

import "github.com/prometheus/client_golang/prometheus"

// sinkMetrics are the sink's own Prometheus metrics, beside the runner's
// per-stage counters: how long commits take and how large the files are.
type sinkMetrics struct {
	commitSeconds prometheus.Histogram
	fileBytes     *prometheus.HistogramVec
}

func newMetrics() *sinkMetrics {
	return &sinkMetrics{
		commitSeconds: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "cablewire_sink_commit_seconds",
			Help:    "Time from a partition's commit start to its record applied: closing the files, the commit record, the renames.",
			Buckets: prometheus.ExponentialBuckets(0.01, 2, 14),
		}),
		fileBytes: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "cablewire_sink_file_bytes",
			Help:    "Size of each committed Parquet file, by table.",
			Buckets: prometheus.ExponentialBuckets(16<<10, 2, 14),
		}, []string{"table"}),
	}
}

// Collectors are the sink's metrics, to register with the process's.
func (s *Sink) Collectors() []prometheus.Collector {
	return []prometheus.Collector{s.metrics.commitSeconds, s.metrics.fileBytes}
}
