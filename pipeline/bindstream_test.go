package pipeline_test

import (
	"context"
	"errors"
	"testing"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/cablewire/cablewire/pipeline"
)

// Without create, BindOrCreateStream never makes a stream: a missing one
// is ErrStreamMissing (worth waiting for), an existing one is bound.
// With create, it makes the stream.
func TestBindOrCreateStreamBindsWithoutCreating(t *testing.T) {
	js := startJS(t)
	ctx := context.Background()
	spec := pipeline.StreamSpec{Name: "B", Subjects: []string{"b"}, WorkQueue: true}
	for _, tc := range []struct {
		name    string
		create  bool
		missing bool // the answer is ErrStreamMissing
		exists  bool // the stream exists afterwards
	}{
		{"bind a missing stream", false, true, false},
		{"create it", true, false, true},
		{"bind it", false, false, true},
		{"create it again (idempotent)", true, false, true},
	} {
		err := pipeline.BindOrCreateStream(ctx, js, spec, tc.create)
		if got := errors.Is(err, pipeline.ErrStreamMissing); got != tc.missing || (err != nil && !tc.missing) {
			t.Errorf("%s: %v, want missing=%v", tc.name, err, tc.missing)
		}
		_, serr := js.Stream(ctx, "B")
		if exists := serr == nil; exists != tc.exists {
			t.Errorf("%s: stream exists %v, want %v (%v)", tc.name, exists, tc.exists, serr)
		}
		if serr != nil && !errors.Is(serr, jetstream.ErrStreamNotFound) {
			t.Fatal(serr)
		}
	}
}
