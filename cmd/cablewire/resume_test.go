package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cablewire/cablewire/pipeline/pipelinetest"
	"github.com/cablewire/cablewire/stages/ingest"
)

// A load of a csv killed part way resumes from its checkpoint: the rerun
// reads only the rows after it, and the warehouse ends with every cable
// exactly once. A source that changed starts over; a completed one is not
// read again.
func TestKilledCSVLoadResumesFromCheckpoint(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills a child process")
	}
	bin := filepath.Join(t.TempDir(), "cablewire")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	dir := t.TempDir()
	csv := filepath.Join(dir, "cables.csv")
	const n = 3000
	want := generateCSV(t, csv, n, 77)
	wh, data := filepath.Join(dir, "wh"), filepath.Join(dir, "data")
	args := append([]string{"load", csv, "--warehouse", wh, "--data", data, "--progress", "none"}, smallFiles...)
	cps := ingest.NewCheckpoints(filepath.Join(wh, "_cablewire", "loads"))

	cmd := exec.Command(bin, args...)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill once the checkpoint has moved past a few hundred records.
	var at ingest.Checkpoint
	pipelinetest.Eventually(t, 3*time.Minute, "a checkpoint", func() bool {
		c, err := cps.Load(csv)
		at = c
		return err == nil && c.Records >= 300
	})
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	at, _ = cps.Load(csv)
	if at.Complete || at.Records >= n {
		t.Skipf("the load finished before the kill (checkpoint %+v)", at)
	}
	// The checkpoint never claims more than the warehouse holds.
	if got := len(readCables(t, wh)); int64(got) < at.Records {
		t.Fatalf("checkpoint at %d records, the warehouse holds %d cables", at.Records, got)
	}
	t.Logf("killed with the checkpoint at record %d, byte %d of %d", at.Records, at.Offset, at.Size)

	code, js, errs := loadJSON(t, append(args[1:], "--data", data)...)
	if code != 0 {
		t.Fatalf("rerun: exit %d\n%s", code, errs)
	}
	if js.Cables.Resumed != at.Records || js.Cables.Read != n-at.Records {
		t.Errorf("rerun resumed %d and read %d, want %d and %d", js.Cables.Resumed, js.Cables.Read, at.Records, n-at.Records)
	}
	if js.Sources[0].BytesRead != at.Size-at.Offset {
		t.Errorf("rerun read %d bytes, want the %d after the checkpoint", js.Sources[0].BytesRead, at.Size-at.Offset)
	}
	checkExactlyOnce(t, wh, want)
	done, _ := cps.Load(csv)
	if !done.Complete || done.Records != n || done.Offset != done.Size {
		t.Errorf("after the rerun: checkpoint %+v, want complete", done)
	}

	// Unchanged and complete: nothing is read, and that is success.
	code, js, errs = loadJSON(t, append(args[1:], "--data", data)...)
	if code != 0 || js.Cables.Read != 0 || js.Cables.Resumed != n || js.Cables.Unchanged != n {
		t.Errorf("a third load of the same file: exit %d, %+v\n%s", code, js.Cables, errs)
	}
	// Changed (a row appended): it starts over; the warehouse skips what it has.
	f, _ := os.OpenFile(csv, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString(`"99999","01/02/2003 04:05","03EXTRA1","Embassy Nowhere","UNCLASSIFIED","","H","UNCLASSIFIED` + "\n" + `SUBJECT: APPENDED` + "\n" + `1. (U) Text."` + "\n")
	f.Close()
	os.Chtimes(csv, time.Now(), time.Now().Add(time.Minute))
	code, js, errs = loadJSON(t, append(args[1:], "--data", data)...)
	if code != 0 || js.Cables.Resumed != 0 || js.Cables.Read != n+1 || js.Cables.DuplicatesWarehouse+js.Cables.DuplicatesBroker != n {
		t.Errorf("a changed file: exit %d, %+v\n%s", code, js.Cables, errs)
	}
	if !strings.Contains(duckdb(t, wh, "SELECT count(*) FROM cables WHERE ref_id = '03EXTRA1'"), "\n1") {
		t.Error("the appended row is not in the warehouse")
	}
}
