package sink

import "github.com/prometheus/client_golang/prometheus"

// sinkMetrics are the sink's own Prometheus metrics, beside the runner's
// per-stage counters: how long commits take and how large the files are.
type sinkMetrics struct {
	commitSeconds prometheus.Histogram
	fileBytes     *prometheus.HistogramVec
	duplicates    *prometheus.CounterVec
}

// Where a duplicate cable was found (the duplicates counter's label).
const (
	foundIndex     = "index"     // committed, in the sink's index
	foundOpen      = "open"      // in the sink's own open or committing files
	foundCommitted = "reconcile" // committed by another sink, found at commit
)

func newMetrics() *sinkMetrics {
	m := &sinkMetrics{
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
		duplicates: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "cablewire_sink_duplicates_total",
			Help: "Cables acked without being written again, by where they were found: index (committed, in this sink's index), open (in this sink's own files), reconcile (committed by another sink since the partition opened, dropped from the files at commit).",
		}, []string{"found"}),
	}
	for _, f := range []string{foundIndex, foundOpen, foundCommitted} {
		m.duplicates.WithLabelValues(f) // shown at 0 before the first
	}
	return m
}

// Collectors are the sink's metrics, to register with the process's.
func (s *Sink) Collectors() []prometheus.Collector {
	return []prometheus.Collector{s.metrics.commitSeconds, s.metrics.fileBytes, s.metrics.duplicates}
}
