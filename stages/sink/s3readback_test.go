package sink_test

import (
	"strings"
	"testing"

	"github.com/cablewire/cablewire/pipeline/pipelinetest"
	"github.com/cablewire/cablewire/stages/sink"
)

// A warehouse on a real S3 server (versitygw over a directory) holds the
// same files as a local one: read back with arrow-go from the objects as
// the server stores them, with the types and values of the contract.
func TestReadBackArrowFromS3(t *testing.T) {
	srv := pipelinetest.StartS3Server(t, "cablewire-readback")
	for _, kv := range srv.Env() {
		k, v, _ := strings.Cut(kv, "=")
		t.Setenv(k, v)
	}
	loc := sink.S3Location{Bucket: srv.Bucket, Prefix: "wh/one", Endpoint: srv.Endpoint, PathStyle: true}
	dir := srv.Dir(loc.Prefix)
	recs := writeWarehouseWith(t, sink.Config{Dir: t.TempDir(), S3: &loc}, dir)
	checkReadBack(t, dir, recs)
}
