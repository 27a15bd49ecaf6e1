package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/cablewire/cablewire/pipeline"
	"github.com/cablewire/cablewire/schemas"
	"github.com/cablewire/cablewire/stages"
	"github.com/cablewire/cablewire/stages/sink"
	"github.com/cablewire/cablewire/stages/synth"
)

func init() {
	register("bench", "run the real pipeline end to end and report throughput, latency, memory (bench --count N | --input PATH)", runBench)
}

// benchReport is what bench prints and writes as JSON.
type benchReport struct {
	Machine      string           `json:"machine"`
	Cables       int64            `json:"cables"`
	InputBytes   int64            `json:"input_bytes"`
	Seconds      float64          `json:"seconds"`
	CablesPerSec float64          `json:"cables_per_sec"`
	MBPerSec     float64          `json:"mb_per_sec"`
	CPUUtil      float64          `json:"cpu_utilization"` // process CPU / (wall * cores)
	Stages       []benchStage     `json:"stages"`
	StageAlone   []benchAlone     `json:"stage_alone,omitempty"`
	RatioToSlow  float64          `json:"ratio_to_slowest_stage,omitempty"`
	StagesCPU    float64          `json:"stages_cpu_cables_per_sec,omitempty"` // what the stages' CPU allows on every core
	RatioToCPU   float64          `json:"ratio_to_stages_cpu,omitempty"`
	LatencyP50   float64          `json:"latency_p50_sec"`
	LatencyP99   float64          `json:"latency_p99_sec"`
	PeakRSSMB    float64          `json:"peak_rss_mb"`
	JetStreamMax int64            `json:"jetstream_bytes_max"`
	JetStreamEnd int64            `json:"jetstream_bytes_end"`
	ParquetBytes int64            `json:"parquet_bytes"`
	ParquetFiles int64            `json:"parquet_files"`
	FilesMerged  int64            `json:"files_merged"`      // rows out of time order, sorted through runs
	Compression  float64          `json:"compression_ratio"` // input bytes / Parquet bytes
	Rows         map[string]int64 `json:"rows"`
	DeadLettered int64            `json:"dead_lettered"`
}

type benchStage struct {
	Name        string  `json:"name"`
	Acked       int64   `json:"acked"`
	BusySeconds float64 `json:"busy_seconds"`
	BusyShare   float64 `json:"busy_share"` // of all stages' busy time
	PerBusySec  float64 `json:"cables_per_busy_second"`
}

type benchAlone struct {
	Name         string  `json:"name"`
	CablesPerSec float64 `json:"cables_per_sec"`   // on every core (ingest and the sink: as they run, see measureStagesAlone)
	CPUPerCable  float64 `json:"cpu_us_per_cable"` // process CPU time, microseconds
}

func runBench(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var (
		c       common
		count   int
		seed    int64
		inputs  listFlag
		dir     string
		jsonOut string
		alone   int
		sc      sink.Config
	)
	fs := newFlagSet("bench", stderr, "[--count N | --input PATH...] [flags]")
	c.register(fs)
	fs.IntVar(&count, "count", 10000, "generate this many synthetic cables (cables.csv) as input")
	fs.Int64Var(&seed, "seed", 1, "generator seed")
	fs.Var(&inputs, "input", "use these files or trees instead of generating")
	fs.StringVar(&dir, "dir", "", "work directory (default: a temporary one, removed after)")
	fs.StringVar(&jsonOut, "json", "bench.json", "write the report here as JSON")
	fs.IntVar(&alone, "stage-alone", 3000, "cables for the stage-alone measurements (0: skip)")
	sinkFlags(fs, &sc)
	chain := chainFlag(fs)
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the pipeline run to this file")
	memprofile := fs.String("memprofile", "", "write a heap profile taken at the run's largest heap to this file")
	tracefile := fs.String("trace", "", "write an execution trace of the pipeline run to this file (go tool trace)")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	inputs = append(inputs, pos...)
	if dir == "" {
		if dir, err = os.MkdirTemp("", "cablewire-bench-*"); err != nil {
			return err
		}
		defer os.RemoveAll(dir)
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	aloneSkip := 0
	if len(inputs) == 0 {
		// A generated corpus is in date order and its first cables are the
		// sparse early years, a few to a monthly partition, where the sink
		// alone would commit tiny files all the time: the stage-alone sample
		// comes from the middle, as dense as the bulk of the corpus.
		aloneSkip = max(0, count/2-alone/2)
		path := filepath.Join(dir, "cables.csv")
		f, err := os.Create(path)
		if err != nil {
			return err
		}
		st, err := synth.WriteCSV(ctx, synth.New(synth.Options{Count: count, Seed: seed}), f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(stderr, "bench: generated %d cables (%.0f MB) in %s\n", st.Cables, float64(st.Bytes)/1e6, st.Elapsed.Round(time.Millisecond))
		inputs = listFlag{path}
	}
	rep := benchReport{Machine: fmt.Sprintf("%s/%s, %d cores", runtime.GOOS, runtime.GOARCH, runtime.NumCPU()), Rows: map[string]int64{}}
	rep.InputBytes = inputSize(inputs)

	if alone > 0 {
		rep.StageAlone, err = measureStagesAlone(ctx, inputs, aloneSkip, alone, filepath.Join(dir, "alone"))
		if err != nil {
			return err
		}
	}

	resetPeakRSS()
	c.data = filepath.Join(dir, "data")
	sc.Dir = filepath.Join(dir, "warehouse")
	topo, id, err := c.warehouseTopology(sc.Dir)
	if err != nil {
		return err
	}
	conn, err := c.connect(ctx, "bench", topo)
	if err != nil {
		return err
	}
	defer conn.Close()
	decl := stages.Topology(topo, stages.Options{})
	var lmu sync.Mutex
	var lat []time.Duration
	onCommit := func(m *pipeline.Message) {
		ns, err := strconv.ParseInt(m.Header.Get(schemas.HeaderIngested), 10, 64)
		if err != nil {
			return
		}
		d := time.Since(time.Unix(0, ns))
		lmu.Lock()
		lat = append(lat, d)
		lmu.Unlock()
	}
	pollCtx, stopPoll := context.WithCancel(ctx)
	defer stopPoll()
	var jsMax int64
	var pollDone sync.WaitGroup
	var heapMax uint64
	pollDone.Go(func() {
		t := time.NewTicker(250 * time.Millisecond)
		defer t.Stop()
		for {
			if b := decl.StoredBytes(pollCtx, conn); b > jsMax {
				jsMax = b
			}
			if *memprofile != "" {
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				if ms.HeapInuse > heapMax {
					heapMax = ms.HeapInuse
					writeHeapProfile(*memprofile)
				}
			}
			select {
			case <-pollCtx.Done():
				return
			case <-t.C:
			}
		}
	})
	if *cpuprofile != "" {
		stop, err := startCPUProfile(*cpuprofile)
		if err != nil {
			return err
		}
		defer stop()
	}
	if *tracefile != "" {
		stop, err := startTrace(*tracefile)
		if err != nil {
			return err
		}
		defer stop()
	}
	cpu0 := cpuTime()
	res, err := execute(ctx, conn, runOptions{
		inputs: inputs, stderr: stderr, chain: *chain, warehouse: id.ID,
		workers: workerOptions{topo: topo, workers: c.workers, sink: sc, logger: c.logger(stderr),
			onAck: map[string]func(*pipeline.Message){"sink": onCommit}},
	})
	stopPoll()
	pollDone.Wait()
	if err != nil {
		return err
	}
	cpu := cpuTime() - cpu0

	secs := res.elapsed.Seconds()
	rep.Seconds = secs
	rep.Cables = res.sink.Stats.Cables.Load()
	rep.CablesPerSec = float64(res.ingest.Read) / secs
	rep.MBPerSec = float64(rep.InputBytes) / 1e6 / secs
	rep.CPUUtil = cpu.Seconds() / (secs * float64(runtime.NumCPU()))
	var busyAll float64
	for _, st := range res.stages {
		busyAll += time.Duration(st.Busy.Load()).Seconds()
	}
	for _, st := range res.stages {
		b := time.Duration(st.Busy.Load()).Seconds()
		bs := benchStage{Name: st.Name, Acked: st.Acked.Load(), BusySeconds: b}
		if busyAll > 0 {
			bs.BusyShare = b / busyAll
		}
		if b > 0 {
			bs.PerBusySec = float64(bs.Acked) / b
		}
		rep.Stages = append(rep.Stages, bs)
		rep.DeadLettered += st.DeadLettered.Load()
	}
	if len(rep.StageAlone) > 0 {
		slowest := rep.StageAlone[0].CablesPerSec
		for _, a := range rep.StageAlone {
			slowest = min(slowest, a.CablesPerSec)
		}
		rep.RatioToSlow = rep.CablesPerSec / slowest
		rep.StagesCPU = stagesCPUBound(rep.StageAlone)
		rep.RatioToCPU = rep.CablesPerSec / rep.StagesCPU
	}
	slices.Sort(lat)
	if n := len(lat); n > 0 {
		rep.LatencyP50 = lat[n/2].Seconds()
		rep.LatencyP99 = lat[min(n-1, n*99/100)].Seconds()
	}
	rep.PeakRSSMB = float64(peakRSS()) / (1 << 20)
	rep.JetStreamMax = jsMax
	rep.JetStreamEnd = decl.StoredBytes(ctx, conn)
	rep.ParquetBytes = res.sink.Stats.Bytes.Load()
	rep.ParquetFiles = res.sink.Stats.Files.Load()
	rep.FilesMerged = res.sink.Stats.Merged.Load()
	if rep.ParquetBytes > 0 {
		rep.Compression = float64(rep.InputBytes) / float64(rep.ParquetBytes)
	}
	rep.Rows["cables"] = res.sink.Stats.Cables.Load()
	rep.Rows["paragraphs"] = res.sink.Stats.Paragraphs.Load()
	rep.Rows["entities"] = res.sink.Stats.Entities.Load()

	writeBench(stdout, rep)
	if jsonOut != "" {
		b, _ := json.MarshalIndent(rep, "", "  ")
		if err := os.WriteFile(jsonOut, append(b, '\n'), 0o644); err != nil {
			return err
		}
	}
	return nil
}

func writeBench(w io.Writer, r benchReport) {
	fmt.Fprintf(w, "machine              %s\n", r.Machine)
	fmt.Fprintf(w, "cables               %d (%.0f MB of input)\n", r.Cables, float64(r.InputBytes)/1e6)
	fmt.Fprintf(w, "end to end           %.1f s: %.0f cables/s, %.2f MB/s, CPU %.0f%% of all cores\n", r.Seconds, r.CablesPerSec, r.MBPerSec, 100*r.CPUUtil)
	for _, s := range r.Stages {
		fmt.Fprintf(w, "  stage %-12s busy %6.1f s (%4.1f%% of stage time), %6.0f cables per busy second\n", s.Name, s.BusySeconds, 100*s.BusyShare, s.PerBusySec)
	}
	for _, a := range r.StageAlone {
		fmt.Fprintf(w, "  alone %-12s %6.0f cables/s on %d cores, %4.0f µs of CPU a cable\n", a.Name, a.CablesPerSec, runtime.NumCPU(), a.CPUPerCable)
	}
	if r.RatioToSlow > 0 {
		fmt.Fprintf(w, "vs slowest stage     %.0f%% of what the slowest stage alone allows\n", 100*r.RatioToSlow)
		fmt.Fprintf(w, "vs stages' CPU       %.0f%% of what the stages' CPU allows on %d cores (%.0f cables/s); the rest is the runtime\n",
			100*r.RatioToCPU, runtime.NumCPU(), r.StagesCPU)
	}
	fmt.Fprintf(w, "latency              publish to commit p50 %.2f s, p99 %.2f s\n", r.LatencyP50, r.LatencyP99)
	fmt.Fprintf(w, "peak RSS             %.0f MB\n", r.PeakRSSMB)
	fmt.Fprintf(w, "JetStream stored     max %.1f MB, at end %.1f MB\n", float64(r.JetStreamMax)/1e6, float64(r.JetStreamEnd)/1e6)
	fmt.Fprintf(w, "Parquet              %.1f MB, input/Parquet %.2f; rows: cables %d, paragraphs %d, entities %d\n",
		float64(r.ParquetBytes)/1e6, r.Compression, r.Rows["cables"], r.Rows["paragraphs"], r.Rows["entities"])
	fmt.Fprintf(w, "Parquet files        %d, %d of them merged from runs (rows out of time order)\n", r.ParquetFiles, r.FilesMerged)
	fmt.Fprintf(w, "dead-lettered        %d\n", r.DeadLettered)
}

// stagesCPUBound is the rate the stages' own work allows with every core
// busy: the cores' seconds over the stages' CPU seconds a cable, measured
// alone. End to end they share the cores, so this, not the slowest stage
// alone, is what a runtime costing nothing would reach.
func stagesCPUBound(alone []benchAlone) float64 {
	var us float64
	for _, a := range alone {
		us += a.CPUPerCable
	}
	if us == 0 {
		return 0
	}
	return float64(runtime.NumCPU()) * 1e6 / us
}

func inputSize(paths []string) int64 {
	var n int64
	for _, p := range paths {
		filepath.Walk(p, func(_ string, fi os.FileInfo, err error) error {
			if err == nil && !fi.IsDir() {
				n += fi.Size()
			}
			return nil
		})
	}
	return n
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// peakRSS reads the process's high-water resident set (VmHWM) in bytes.
func peakRSS() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		var kb int64
		if n, _ := fmt.Sscanf(line, "VmHWM: %d kB", &kb); n == 1 {
			return kb << 10
		}
	}
	return 0
}

// resetPeakRSS starts VmHWM afresh (Linux), so the stage-alone phase does
// not count toward the pipeline's peak.
func resetPeakRSS() { os.WriteFile("/proc/self/clear_refs", []byte("5"), 0o644) }
