package main

import (
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/cablewire/cablewire/pipeline/pipelinetest"
)

// The local warehouse's exactly-once SIGKILL test with the warehouse at
// s3://BUCKET/PREFIX on a real S3 server (versitygw): the pipeline killed
// at random points and run again on the same data ends with every cable
// and entity row once, counted in the objects as the server stores them
// (its POSIX directory, read by arrow-go and by DuckDB, whose S3
// extension is not installable here), and no staged object left.
func TestRestartAfterKillS3Warehouse(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills a child process")
	}
	srv := pipelinetest.StartS3Server(t, "cablewire-kill")
	bin := filepath.Join(t.TempDir(), "cablewire")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	in, data := t.TempDir(), t.TempDir()
	want := generate(t, in, 2500, 31)
	const prefix = "warehouses/kill"
	args := append([]string{"run", "--input", in, "--warehouse", "s3://" + srv.Bucket + "/" + prefix,
		"--s3-endpoint", srv.Endpoint, "--data", data}, smallFiles...)
	killAndRestart(t, bin, args, srv.Env(), srv.Dir(prefix), want)
}
