package pipeline_test

import (
	"context"
	"errors"
	"strconv"
	"testing"
	"time"

	"github.com/cablewire/cablewire/pipeline"
	"github.com/cablewire/cablewire/pipeline/pipelinetest"
)

// A chain of two stages in one runner: the second's outputs go downstream
// with ids derived as if each stage ran alone, and each stage's failures
// are dead-lettered under that stage's name and subject.
func TestChainDeadLettersUnderTheFailingStage(t *testing.T) {
	js, cons := setup(t, 3)
	publishN(t, js, 30)
	n := func(m *pipeline.Message) int { v, _ := strconv.Atoi(string(m.Data)); return v }
	// first refuses multiples of 5; second refuses multiples of 3 (times 10).
	first := pipeline.HandlerFunc(func(ctx context.Context, m *pipeline.Message) ([]*pipeline.Message, error) {
		if n(m)%5 == 0 {
			return nil, pipeline.Permanent(errors.New("five"))
		}
		return []*pipeline.Message{{ID: "mid:" + m.ID, Subject: "mid", Data: []byte(strconv.Itoa(10 * n(m)))}}, nil
	})
	second := pipeline.HandlerFunc(func(ctx context.Context, m *pipeline.Message) ([]*pipeline.Message, error) {
		if n(m)%30 == 0 {
			return nil, pipeline.Permanent(errors.New("three"))
		}
		return []*pipeline.Message{{ID: "out:" + m.ID, Subject: "out", Data: m.Data}}, nil
	})
	r := pipeline.NewRunner(js, cons, cfg("first+second"))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go r.Run(ctx, pipeline.Chain(pipeline.Link{Stage: "first", Handler: first}, pipeline.Link{Stage: "second", Handler: second}))

	// 0..29: 6 multiples of 5 fail in first; of the rest, 3, 6, 9, 12, 18,
	// 21, 24, 27 (8) fail in second; 16 come out.
	pipelinetest.Eventually(t, 10*time.Second, "IN drained", func() bool { return msgs(t, js, "IN") == 0 })
	pipelinetest.Eventually(t, 10*time.Second, "14 dead letters", func() bool { return msgs(t, js, "DLQ") == 14 })
	if got := msgs(t, js, "OUT"); got != 16 {
		t.Errorf("OUT has %d, want 16", got)
	}
	out, _ := js.Stream(ctx, "OUT")
	m, err := out.GetMsg(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if id, want := m.Header.Get("Nats-Msg-Id"), "out:mid:m"+strconv.Itoa(n(&pipeline.Message{Data: m.Data})/10); id != want {
		t.Errorf("output %s has id %q, want %q", m.Data, id, want)
	}
	dlq, _ := js.Stream(ctx, "DLQ")
	for subject, want := range map[string]struct{ stage, reason string }{
		"dlq.first":  {"first", "five"},
		"dlq.second": {"second", "three"},
	} {
		m, err := dlq.GetLastMsgForSubject(ctx, subject)
		if err != nil {
			t.Fatalf("%s: %v", subject, err)
		}
		if got := m.Header.Get(pipeline.HeaderDLQStage); got != want.stage {
			t.Errorf("%s: stage header %q, want %q", subject, got, want.stage)
		}
		if got := m.Header.Get(pipeline.HeaderDLQError); got != want.reason {
			t.Errorf("%s: error header %q", subject, got)
		}
	}
}
