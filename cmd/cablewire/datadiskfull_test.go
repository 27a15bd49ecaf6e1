package main

import (
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cablewire/cablewire/pipeline/pipelinetest"
)

// The embedded JetStream store (--data) on a disk too small for the load
// (the server's store limit, three quarters of the free space at start, is
// reached): the run says the broker's storage is full, loses nothing
// committed, dead-letters nothing for it, and the same command, once there
// is space, completes with every cable exactly once.
func TestDataDirectoryOnAFullDisk(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: fills a disk (-short)")
	}
	data := filepath.Join(t.TempDir(), "data")
	os.MkdirAll(data, 0o755)
	mountTmpfs(t, data, 4<<20)
	in, wh := t.TempDir(), t.TempDir()
	want := generate(t, in, 1500, 61)
	args := []string{"run", "--data", data, "--input", in, "--warehouse", wh}
	code, out, errs := runCLI(context.Background(), args...)
	t.Logf("on the full disk: exit %d\n%s\n%s", code, out, errs)
	if code == 0 {
		t.Fatalf("the load fitted in the data directory: the test's disk is not full\n%s", out)
	}
	if !strings.Contains(errs, "storage is full") {
		t.Errorf("the run does not say the broker's storage is full:\n%s", errs)
	}
	committed := commitsCables(wh)
	if committed >= len(want) {
		t.Fatalf("%d of %d committed on a full disk", committed, len(want))
	}
	if out != "" && !strings.Contains(out, "dead-lettered        0") {
		t.Errorf("dead letters for a full disk:\n%s", out)
	}

	if b, err := exec.Command("mount", "-o", "remount,size=256m", data).CombinedOutput(); err != nil {
		t.Fatalf("remount with space: %v %s", err, b)
	}
	code, out, errs = runCLI(context.Background(), args...)
	if code != 0 {
		t.Fatalf("with space: exit %d\n%s\n%s", code, out, errs)
	}
	checkExactlyOnce(t, wh, want)
	if !strings.Contains(out, "dead-lettered        0") {
		t.Errorf("dead letters after the full disk:\n%s", out)
	}
	noDeadLetters(t, data, wh)
}

// noDeadLetters fails the test if the run's dead-letter stream holds any.
func noDeadLetters(t *testing.T, data, wh string) {
	t.Helper()
	code, out, errs := runCLI(context.Background(), "dlq", "--data", data, "--warehouse", wh)
	if code != 0 || strings.Contains(out, "parse") || strings.Contains(out, "sink") || strings.Contains(out, "ingest") {
		t.Errorf("dead letters after a full disk: exit %d\n%s\n%s", code, out, errs)
	}
}

// The disk under the store fills while the load runs (another program
// takes the space): nats-server stops JetStream at the failed write. The
// run ends with that reason instead of waiting forever, and the same
// command, with space, completes with every cable exactly once.
func TestDataDirectoryFillsDuringTheLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: fills a disk (-short)")
	}
	data := filepath.Join(t.TempDir(), "data")
	os.MkdirAll(data, 0o755)
	mountTmpfs(t, data, 64<<20)
	in, wh := t.TempDir(), t.TempDir()
	want := generate(t, in, 3000, 67)
	args := []string{"run", "--data", data, "--input", in, "--warehouse", wh}
	type result struct {
		code      int
		out, errs string
	}
	done := make(chan result, 1)
	go func() {
		code, out, errs := runCLI(context.Background(), args...)
		done <- result{code, out, errs}
	}()
	pipelinetest.Eventually(t, 30*time.Second, "the store in use", func() bool {
		return freeBytes(data) < 64<<20-512<<10
	})
	ballast := filepath.Join(data, "ballast")
	f, err := os.Create(ballast)
	if err != nil {
		t.Fatal(err)
	}
	f.ReadFrom(io.LimitReader(zeros{}, 64<<20)) // until the disk is full
	f.Close()
	var r result
	select {
	case r = <-done:
	case <-time.After(3 * time.Minute):
		t.Fatal("the load on a full disk did not end")
	}
	t.Logf("exit %d\n%s\n%s", r.code, r.out, r.errs)
	if r.code == 0 {
		t.Fatalf("the load finished on a full disk: the test's disk was not full")
	}
	if !strings.Contains(r.errs, "storage is full") && !strings.Contains(r.errs, "cannot store") {
		t.Errorf("the run does not say the disk is full:\n%s", r.errs)
	}
	os.Remove(ballast)
	code, out, errs := runCLI(context.Background(), args...)
	if code != 0 {
		t.Fatalf("with space: exit %d\n%s\n%s", code, out, errs)
	}
	checkExactlyOnce(t, wh, want)
	noDeadLetters(t, data, wh)
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}
