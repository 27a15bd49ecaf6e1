package main

import (
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime"
	"strings"

	"github.com/cablewire/cablewire/schemas"
)

// listFlag collects a repeatable flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(s string) error { *l = append(*l, s); return nil }

// parseInterspersed parses flags that may come after positional arguments
// (`cablewire ingest PATH --nats URL`) and returns the positionals.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if err == flag.ErrHelp {
				return nil, err
			}
			return nil, fmt.Errorf("%w: %v", errUsage, err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// common holds the flags every pipeline command shares.
type common struct {
	natsURL   string
	pipeline  string
	data      string
	listen    string
	logLevel  string
	logFormat string
	workers   int
	replicas  int
	memMiB    int
	logs      *slog.Logger // the command's logger, once made (logger)
	auth      authFlags
	s3        s3Flags // a warehouse at s3://bucket/prefix
}

func (c *common) register(fs *flag.FlagSet) {
	// Not the flag's default: -h prints defaults, and the variable may
	// hold a URL with a password (connect reads it).
	fs.StringVar(&c.natsURL, "nats", "", "NATS server or cluster URL (comma-separated; default $CABLEWIRE_NATS); empty starts an embedded server")
	fs.StringVar(&c.pipeline, "pipeline", os.Getenv("CABLEWIRE_PIPELINE"), "pipeline name, prefixing its streams and subjects (default $CABLEWIRE_PIPELINE; else run derives one from the warehouse, worker and ingest use \""+schemas.DefaultPipeline+"\")")
	fs.IntVar(&c.replicas, "replicas", 1, "stream replicas (3 on a three-node cluster)")
	// 896 MiB keeps a full-size run's RSS near 930 MB; at 768 MiB it was
	// 804 MB, but the embedded server's block caches and the sink's
	// buffers left the collector so little room that it took about a
	// third of the CPU (298 s against 256 s for the run).
	fs.IntVar(&c.memMiB, "memory-limit", 896, "soft memory limit in MiB for the Go heap (GOMEMLIMIT overrides; 0: none)")
	fs.StringVar(&c.data, "data", "./cablewire-data", "embedded server's JetStream storage directory")
	fs.StringVar(&c.listen, "listen", "", "embedded server: also accept NATS clients on this host:port (a bare :PORT is loopback; 0.0.0.0:PORT every interface)")
	fs.StringVar(&c.logLevel, "log-level", "warn", "debug, info, warn or error")
	fs.StringVar(&c.logFormat, "log-format", "text", "text, or json (one object a line, for log collectors)")
	fs.IntVar(&c.workers, "workers", runtime.GOMAXPROCS(0), "concurrent handlers per stage")
	c.auth.register(fs)
	c.s3.register(fs)
}

// logger makes the command's logger, writing to w at --log-level.
func (c *common) logger(w io.Writer) *slog.Logger {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(c.logLevel)); err != nil {
		lv = slog.LevelWarn
	}
	opts := &slog.HandlerOptions{Level: lv}
	if c.logFormat == "json" {
		c.logs = slog.New(slog.NewJSONHandler(w, opts))
	} else {
		c.logs = slog.New(slog.NewTextHandler(w, opts))
	}
	return c.logs
}

// log is the command's logger, or one on standard error if the command
// made none.
func (c *common) log() *slog.Logger {
	if c.logs == nil {
		return c.logger(os.Stderr)
	}
	return c.logs
}

func newFlagSet(name string, stderr io.Writer, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet("cablewire "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: cablewire %s %s\n\nflags:\n", name, usage)
		fs.PrintDefaults()
	}
	return fs
}
