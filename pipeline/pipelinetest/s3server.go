package pipelinetest

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// S3ServerEnv names the variable that gives the versitygw binary the S3
// warehouse tests run against (scripts/versitygw.sh builds it).
const S3ServerEnv = "CABLEWIRE_VERSITYGW"

// S3Server is a versitygw process serving Root (its POSIX backend: each
// directory under Root is a bucket, each file below it an object at the
// same path) on loopback.
type S3Server struct {
	Endpoint  string // http://127.0.0.1:PORT
	Root      string
	Bucket    string // made by StartS3Server
	AccessKey string
	SecretKey string
	Log       string
	cmd       *exec.Cmd
	done      chan struct{}
}

// Dir is the directory holding the objects under prefix in the bucket.
func (s *S3Server) Dir(prefix string) string {
	return filepath.Join(s.Root, s.Bucket, filepath.FromSlash(prefix))
}

// Env is the environment that gives a cablewire process the server's
// test credentials (the standard AWS variables).
func (s *S3Server) Env() []string {
	return []string{"AWS_ACCESS_KEY_ID=" + s.AccessKey, "AWS_SECRET_ACCESS_KEY=" + s.SecretKey, "AWS_REGION=us-east-1"}
}

// StartS3Server starts versitygw with a temporary POSIX root holding one
// bucket, and test credentials; it stops with the test. Without the
// binary the test is skipped, but under CI (CI=true), where .ci/run builds
// it, it fails.
func StartS3Server(t testing.TB, bucket string) *S3Server {
	t.Helper()
	bin := os.Getenv(S3ServerEnv)
	if bin == "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s not set in CI: .ci/run exports it from scripts/versitygw.sh", S3ServerEnv)
		}
		t.Skipf("%s not set: run `export %s=$(scripts/versitygw.sh)` to test the S3 warehouse against a real S3 server", S3ServerEnv, S3ServerEnv)
	}
	if _, err := os.Stat(bin); err != nil {
		t.Fatalf("%s: %v", S3ServerEnv, err)
	}
	dir := t.TempDir()
	s := &S3Server{Root: filepath.Join(dir, "root"), Bucket: bucket, AccessKey: "cablewire-test", SecretKey: "cablewire-test-secret", done: make(chan struct{})}
	// A bucket of the POSIX backend is a directory under the root.
	if err := os.MkdirAll(filepath.Join(s.Root, bucket), 0o755); err != nil {
		t.Fatal(err)
	}
	port := freePort(t)
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	s.Endpoint = "http://" + addr
	s.Log = filepath.Join(dir, "versitygw.log")
	logf, err := os.Create(s.Log)
	if err != nil {
		t.Fatal(err)
	}
	s.cmd = exec.Command(bin, "--port", addr, "--quiet", "posix", s.Root)
	s.cmd.Env = append(os.Environ(), "ROOT_ACCESS_KEY_ID="+s.AccessKey, "ROOT_SECRET_ACCESS_KEY="+s.SecretKey)
	s.cmd.Stdout, s.cmd.Stderr = logf, logf
	if err := s.cmd.Start(); err != nil {
		logf.Close()
		t.Fatalf("versitygw: %v", err)
	}
	go func() { s.cmd.Wait(); logf.Close(); close(s.done) }()
	t.Cleanup(s.Stop)
	deadline := time.Now().Add(30 * time.Second)
	for {
		select {
		case <-s.done:
			t.Fatalf("versitygw exited: %s\n%s", s.cmd.ProcessState, readLog(s.Log))
		default:
		}
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			c.Close()
			return s
		}
		if time.Now().After(deadline) {
			t.Fatalf("versitygw: %s not accepting after 30s: %v\n%s", addr, err, readLog(s.Log))
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Stop ends the server (SIGTERM, then SIGKILL after 10s) and waits for it.
func (s *S3Server) Stop() {
	select {
	case <-s.done:
		return
	default:
	}
	s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.done:
	case <-time.After(10 * time.Second):
		s.cmd.Process.Kill()
		<-s.done
	}
}

// String names the server in test logs.
func (s *S3Server) String() string {
	return fmt.Sprintf("versitygw at %s (root %s)", s.Endpoint, s.Root)
}
