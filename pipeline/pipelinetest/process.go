package pipelinetest

import (
	"bytes"
	"encoding/json"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// ServerBinaryEnv names the variable that gives the nats-server binary
// built by scripts/nats-server.sh.
const ServerBinaryEnv = "CABLEWIRE_NATS_SERVER"

// ServerBinary returns the nats-server binary's path, or skips the test
// when none is configured.
func ServerBinary(t testing.TB) string {
	t.Helper()
	bin := os.Getenv(ServerBinaryEnv)
	if bin == "" {
		t.Skipf("%s not set: run `export %s=$(scripts/nats-server.sh)` to test against a real nats-server process", ServerBinaryEnv, ServerBinaryEnv)
	}
	if _, err := os.Stat(bin); err != nil {
		t.Fatalf("%s: %v", ServerBinaryEnv, err)
	}
	return bin
}

// ServerProcess is a nats-server process started by StartServerProcess.
type ServerProcess struct {
	Addr string // host:port of the client listener
	Log  string // path of the server's combined output
	cmd  *exec.Cmd
	done chan struct{}
}

// URL is the client URL with the given scheme ("nats" or "tls").
func (p *ServerProcess) URL(scheme string) string {
	return scheme + "://" + p.Addr
}

// StartServerProcess runs the nats-server binary with the given
// configuration text (written to a file in a temp dir; "$DIR" in it is
// replaced by that dir, for stores and files), waits until its client port
// accepts connections, and stops it when the test ends. The configuration
// should listen on 127.0.0.1:-1: the port is read from the server's ports
// file.
func StartServerProcess(t testing.TB, config string) *ServerProcess {
	t.Helper()
	bin := ServerBinary(t)
	dir := t.TempDir()
	conf := filepath.Join(dir, "nats.conf")
	if err := os.WriteFile(conf, []byte(strings.ReplaceAll(config, "$DIR", dir)), 0o600); err != nil {
		t.Fatal(err)
	}
	ports := filepath.Join(dir, "ports")
	if err := os.Mkdir(ports, 0o755); err != nil {
		t.Fatal(err)
	}
	logPath := filepath.Join(dir, "server.log")
	logf, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-c", conf, "--ports_file_dir", ports)
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		logf.Close()
		t.Fatalf("nats-server: %v", err)
	}
	p := &ServerProcess{Log: logPath, cmd: cmd, done: make(chan struct{})}
	go func() { cmd.Wait(); logf.Close(); close(p.done) }()
	t.Cleanup(p.Stop)

	deadline := time.Now().Add(30 * time.Second)
	for p.Addr == "" {
		select {
		case <-p.done:
			t.Fatalf("nats-server exited: %s\n%s", cmd.ProcessState, readLog(logPath))
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("nats-server: no client port after 30s\n%s", readLog(logPath))
		}
		p.Addr = clientAddr(ports)
		if p.Addr == "" {
			time.Sleep(20 * time.Millisecond)
		}
	}
	for {
		c, err := net.DialTimeout("tcp", p.Addr, time.Second)
		if err == nil {
			c.Close()
			return p
		}
		if time.Now().After(deadline) {
			t.Fatalf("nats-server: %s not accepting: %v\n%s", p.Addr, err, readLog(logPath))
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Stop ends the server (SIGTERM, then SIGKILL after 10s) and waits for it.
func (p *ServerProcess) Stop() {
	select {
	case <-p.done:
		return
	default:
	}
	p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(10 * time.Second):
		p.cmd.Process.Kill()
		<-p.done
	}
}

// clientAddr reads the client listener's host:port from the ports file
// nats-server writes once it listens ("" until then).
func clientAddr(dir string) string {
	files, _ := filepath.Glob(filepath.Join(dir, "*.ports"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		var ports struct {
			Nats []string `json:"nats"`
		}
		if json.Unmarshal(b, &ports) != nil || len(ports.Nats) == 0 {
			continue // not written whole yet
		}
		if u, err := url.Parse(ports.Nats[0]); err == nil {
			return u.Host
		}
	}
	return ""
}

func readLog(path string) string {
	b, _ := os.ReadFile(path)
	return string(bytes.TrimSpace(b))
}

// CheckConfig runs `nats-server -t -c file` (parse the configuration and
// exit) and returns its combined output and error.
func CheckConfig(t testing.TB, file string, env ...string) (string, error) {
	t.Helper()
	cmd := exec.Command(ServerBinary(t), "-t", "-c", file)
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	return string(out), err
}
