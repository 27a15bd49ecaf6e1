package pipelinetest

import (
	"bytes"
	"context"
	"errors"
	"maps"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/cablewire/cablewire/pipeline"
)

// Garbage is input no stage can take: HandlerConformance and
// CommitterConformance feed each one to the stage.
var Garbage = [][]byte{nil, {}, {0}, {0xff, 0xfe, 0, 1, 2}, []byte("{"), bytes.Repeat([]byte{0x80}, 300)}

// HandlerConformance checks the contract every Handler stage keeps (see
// package pipeline), on inputs the stage's test supplies:
//   - handled twice, an input gives the same outputs (ids, headers, data):
//     a redelivered input republishes nothing new;
//   - every output has an id, different from its input's;
//   - the input's data and headers are left as they were;
//   - garbage input (Garbage, with the inputs' headers) is refused with a
//     Permanent error, never a panic: a retry cannot cure it;
//   - with its context cancelled, the handler returns.
func HandlerConformance(t *testing.T, h pipeline.Handler, inputs []*pipeline.Message) {
	t.Helper()
	if len(inputs) == 0 {
		t.Fatal("conformance: no inputs")
	}
	ctx := context.Background()
	for _, in := range inputs {
		data, header := bytes.Clone(in.Data), maps.Clone(in.Header)
		first := handle(t, ctx, h, copyOf(in))
		again := handle(t, ctx, h, copyOf(in))
		if len(first) != len(again) {
			t.Errorf("input %s: %d outputs, then %d", in.ID, len(first), len(again))
			continue
		}
		for i := range first {
			a, b := first[i], again[i]
			if a.ID == "" || a.ID == in.ID {
				t.Errorf("input %s: output id %q, want one derived from the input's", in.ID, a.ID)
			}
			if a.ID != b.ID || !bytes.Equal(a.Data, b.Data) || !reflect.DeepEqual(a.Header, b.Header) {
				t.Errorf("input %s: output %d differs when handled again (ids %q, %q)", in.ID, i, a.ID, b.ID)
			}
		}
		if !bytes.Equal(in.Data, data) || !reflect.DeepEqual(in.Header, header) {
			t.Errorf("input %s: the handler changed its input", in.ID)
		}
	}
	for i, g := range Garbage {
		m := copyOf(inputs[0])
		m.ID, m.Data, m.Value = "garbage", g, nil
		outs, err := safeHandle(ctx, h, m)
		if err == nil {
			t.Errorf("garbage %d (%q): taken, %d outputs", i, g, len(outs))
		} else if !pipeline.IsPermanent(err) {
			t.Errorf("garbage %d: error %v is not Permanent: it would be retried", i, err)
		}
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	done := make(chan struct{})
	go func() { defer close(done); safeHandle(cctx, h, copyOf(inputs[0])) }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Error("the handler did not return with its context cancelled")
	}
}

// CommitterConformance checks the contract every Committer keeps, on
// inputs its test supplies and a committer open makes (a fresh one each
// call, on the same store):
//   - every message added is handed back exactly once, committed or
//     failed, by the time Flush returns; a second Flush hands back none;
//   - garbage (Garbage) is refused by Add with a Permanent error, never a
//     panic, and never handed back;
//   - added again to a new committer after being committed, each message
//     is handed back again (acked: the store knows it), and the store
//     keeps one copy (the test checks that through its own reader).
func CommitterConformance(t *testing.T, open func(t *testing.T) pipeline.Committer, inputs []*pipeline.Message) {
	t.Helper()
	ctx := context.Background()
	for round := range 2 {
		c := open(t)
		back := map[*pipeline.Message]int{}
		take := func(res pipeline.Result, err error) {
			if err != nil {
				t.Errorf("round %d: %v", round, err)
			}
			for _, m := range append(res.Committed, res.Failed...) {
				back[m]++
			}
			if len(res.Failed) > 0 {
				t.Errorf("round %d: %d messages failed: %v", round, len(res.Failed), res.Err)
			}
		}
		msgs := make([]*pipeline.Message, len(inputs))
		for i, in := range inputs {
			msgs[i] = copyOf(in)
			res, err := c.Add(ctx, msgs[i])
			take(res, err)
		}
		for i, g := range Garbage {
			m := copyOf(inputs[0])
			m.Data, m.Value, m.Seq = g, nil, uint64(1_000_000+i)
			res, err := safeAdd(ctx, c, m)
			take(res, nil)
			if err == nil || !pipeline.IsPermanent(err) {
				t.Errorf("round %d: garbage %d: Add error %v, want a Permanent one", round, i, err)
			}
			if back[m] > 0 {
				t.Errorf("round %d: garbage %d handed back as taken", round, i)
			}
		}
		take(c.Flush(ctx))
		for i, m := range msgs {
			if back[m] != 1 {
				t.Errorf("round %d: input %d (%s) handed back %d times, want once", round, i, m.ID, back[m])
			}
		}
		res, err := c.Flush(ctx)
		if err != nil || len(res.Committed)+len(res.Failed) > 0 {
			t.Errorf("round %d: a second Flush handed back %d messages (err %v)", round, len(res.Committed)+len(res.Failed), err)
		}
		if x, ok := c.(interface{ Close() error }); ok {
			if err := x.Close(); err != nil {
				t.Errorf("round %d: close: %v", round, err)
			}
		}
	}
}

// copyOf is a delivery of in as the runtime would make it: its own
// headers and data.
func copyOf(in *pipeline.Message) *pipeline.Message {
	m := *in
	m.Data, m.Header = bytes.Clone(in.Data), maps.Clone(in.Header)
	if m.Header == nil {
		m.Header = pipeline.Header{}
	}
	return &m
}

func handle(t *testing.T, ctx context.Context, h pipeline.Handler, m *pipeline.Message) []*pipeline.Message {
	t.Helper()
	outs, err := safeHandle(ctx, h, m)
	if err != nil {
		t.Fatalf("input %s: %v", m.ID, err)
	}
	for _, o := range outs {
		o.Encode()
	}
	return slices.Clone(outs)
}

var errPanic = errors.New("the stage panicked")

func safeHandle(ctx context.Context, h pipeline.Handler, m *pipeline.Message) (outs []*pipeline.Message, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = errPanic
		}
	}()
	return h.Handle(ctx, m)
}

func safeAdd(ctx context.Context, c pipeline.Committer, m *pipeline.Message) (res pipeline.Result, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = errPanic
		}
	}()
	return c.Add(ctx, m)
}
