package pipelinetest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"
)

// Command is a child process a test started: its combined output goes to
// a log file, and the test can signal it, wait for it, and read its log.
// StartCommand stops it (SIGKILL) when the test ends if it still runs.
type Command struct {
	Name string // for messages: what the process is in the test
	Log  string // path of its combined stdout and stderr
	cmd  *exec.Cmd
	done chan struct{}
	err  error // Wait's, once done is closed
}

// StartCommand starts bin with args, its output in a log file under a
// temp dir. extraEnv is added to the test's environment.
func StartCommand(t testing.TB, name, bin string, args []string, extraEnv ...string) *Command {
	t.Helper()
	logf, err := os.CreateTemp(t.TempDir(), "cmd-*.log")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.Env = append(os.Environ(), extraEnv...)
	if err := cmd.Start(); err != nil {
		logf.Close()
		t.Fatalf("%s: %v", name, err)
	}
	c := &Command{Name: name, Log: logf.Name(), cmd: cmd, done: make(chan struct{})}
	go func() { c.err = cmd.Wait(); logf.Close(); close(c.done) }()
	t.Cleanup(func() { c.Kill() })
	return c
}

// Pid is the process id.
func (c *Command) Pid() int { return c.cmd.Process.Pid }

// Signal sends sig to the process (nothing if it has exited).
func (c *Command) Signal(sig os.Signal) {
	select {
	case <-c.done:
	default:
		c.cmd.Process.Signal(sig)
	}
}

// Kill ends the process with SIGKILL and waits for it.
func (c *Command) Kill() {
	c.Signal(syscall.SIGKILL)
	<-c.done
}

// Exited reports whether the process has ended.
func (c *Command) Exited() bool {
	select {
	case <-c.done:
		return true
	default:
		return false
	}
}

// Wait waits up to within for the process to end and returns its exit
// status (-1 for a signal), or an error if it is still running then.
func (c *Command) Wait(within time.Duration) (int, error) {
	select {
	case <-c.done:
	case <-time.After(within):
		return 0, errors.New(c.Name + ": still running after " + within.String())
	}
	var exit *exec.ExitError
	if errors.As(c.err, &exit) {
		return exit.ExitCode(), nil
	}
	if c.err != nil {
		return 0, c.err
	}
	return 0, nil
}

// Output is what the process has written so far.
func (c *Command) Output() string {
	b, _ := os.ReadFile(c.Log)
	return string(bytes.TrimSpace(b))
}

var built sync.Map // package dir -> *buildResult

type buildResult struct {
	once sync.Once
	path string
	err  error
	out  []byte
}

// BuildBinary builds the Go main package in dir (relative to the test's
// working directory) once per test process and returns the binary's path.
// The binary is kept in the user's cache, one per package directory, so
// that a later run relinks only what changed.
func BuildBinary(t testing.TB, dir string) string {
	t.Helper()
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	v, _ := built.LoadOrStore(abs, &buildResult{})
	r := v.(*buildResult)
	r.once.Do(func() {
		cache, err := os.UserCacheDir()
		if err != nil {
			cache = os.TempDir()
		}
		sum := sha256.Sum256([]byte(abs))
		out := filepath.Join(cache, "cablewire", "test-bin", hex.EncodeToString(sum[:8]))
		if r.err = os.MkdirAll(out, 0o755); r.err != nil {
			return
		}
		r.path = filepath.Join(out, filepath.Base(abs))
		// A temp name and a rename: a process still running the old binary
		// keeps it, and a half-written one is never run.
		tmp := fmt.Sprintf("%s.tmp%d", r.path, os.Getpid())
		cmd := exec.Command("go", "build", "-o", tmp, ".")
		cmd.Dir = abs
		if r.out, r.err = cmd.CombinedOutput(); r.err == nil {
			r.err = os.Rename(tmp, r.path)
		}
	})
	if r.err != nil {
		t.Fatalf("go build %s: %v\n%s", dir, r.err, r.out)
	}
	return r.path
}
