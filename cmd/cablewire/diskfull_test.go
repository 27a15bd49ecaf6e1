package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/cablewire/cablewire/pipeline/pipelinetest"
	"github.com/cablewire/cablewire/schemas"
)

// mountTmpfs mounts a tmpfs of size bytes at dir for the test, or skips.
func mountTmpfs(t *testing.T, dir string, size int) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("mounting a small tmpfs needs root")
	}
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", fmt.Sprintf("size=%d", size), "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", "-l", dir).Run() })
}

func freeBytes(dir string) int64 {
	var st syscall.Statfs_t
	if syscall.Statfs(dir, &st) != nil {
		return -1
	}
	return int64(st.Bavail) * st.Bsize
}

// A warehouse on a full disk: the sink commits nothing it cannot write,
// acks nothing it has not committed, dead-letters nothing (a full disk is
// not the cable's fault), reports the cause once, removes its temporary
// files, and once space is back the load completes with every cable
// exactly once.
func TestWarehouseOnAFullDisk(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: waits for a full disk (-short)")
	}
	wh := filepath.Join(t.TempDir(), "wh")
	os.MkdirAll(wh, 0o755)
	mountTmpfs(t, wh, 16<<20)
	in, data := t.TempDir(), t.TempDir()
	want := generate(t, in, 400, 97)

	// Leave room for the warehouse's identity and a little more, not for
	// its files.
	ballast := filepath.Join(wh, "ballast")
	if err := os.WriteFile(ballast, make([]byte, freeBytes(wh)-128<<10), 0o644); err != nil {
		t.Fatal(err)
	}
	port := pipelinetest.FreePorts(t, 1)[0]
	type result struct {
		code      int
		out, errs string
	}
	done := make(chan result, 1)
	go func() {
		code, out, errs := runCLI(context.Background(), "run", "--data", data, "--listen", fmt.Sprintf("127.0.0.1:%d", port),
			"--input", in, "--warehouse", wh, "--file-rows", "100")
		done <- result{code, out, errs}
	}()

	// The sink meets the full disk: it holds what it was given, committing
	// nothing, and slows to one attempt per ResourceRetry.
	var nc *nats.Conn
	pipelinetest.Eventually(t, 30*time.Second, "the embedded server", func() bool {
		c, err := nats.Connect(fmt.Sprintf("nats://127.0.0.1:%d", port))
		nc = c
		return err == nil
	})
	defer nc.Close()
	js, _ := jetstream.New(nc)
	topo := runTopology(t, wh)
	pipelinetest.Eventually(t, 3*time.Minute, "every cable at the sink, held", func() bool {
		cons, err := js.Consumer(context.Background(), topo.Stream(schemas.KindEnriched), schemas.ConsumerSink)
		if err != nil {
			return false
		}
		info, err := cons.Info(context.Background())
		return err == nil && info.NumAckPending+int(info.NumPending) >= len(want)-1
	})
	time.Sleep(3 * time.Second) // a few attempts against the full disk
	if n := commitsCables(wh); n > len(want)/2 {
		t.Fatalf("%d cables committed on a full disk: the test's disk is not full", n)
	}
	os.Remove(ballast)

	var r result
	select {
	case r = <-done:
	case <-time.After(3 * time.Minute):
		t.Fatal("the load did not finish once space was back")
	}
	if r.code != 0 {
		t.Fatalf("exit %d\n%s\n%s", r.code, r.out, r.errs)
	}
	checkExactlyOnce(t, wh, want)
	if !strings.Contains(r.out, "dead-lettered        0") {
		t.Errorf("dead letters for a full disk:\n%s", r.out)
	}
	if n := strings.Count(r.errs, "resource failure: pausing"); n < 1 || n > 2 {
		t.Errorf("the full disk reported %d times, want once:\n%s", n, r.errs)
	}
	if tmp := tempFilesUnder(t, wh); len(tmp) > 0 {
		t.Errorf("temporary files left: %v", tmp)
	}
}

// tempFilesUnder lists the sink's temporary Parquet files and runs.
func tempFilesUnder(t *testing.T, dir string) []string {
	var out []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".parquet.tmp") || strings.HasSuffix(p, ".sort")) {
			out = append(out, p)
		}
		return nil
	})
	return out
}
