package pipeline_test

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/cablewire/cablewire/pipeline"
	"github.com/cablewire/cablewire/pipeline/pipelinetest"
)

// setup starts a JetStream with IN -> OUT work queues and a DLQ, and a
// consumer on IN.
func setup(t *testing.T, maxDeliver int) (jetstream.JetStream, jetstream.Consumer) {
	t.Helper()
	js := startJS(t)
	ctx := context.Background()
	for _, s := range []pipeline.StreamSpec{
		{Name: "IN", Subjects: []string{"in"}, WorkQueue: true},
		{Name: "OUT", Subjects: []string{"out"}, WorkQueue: true},
		{Name: "DLQ", Subjects: []string{"dlq.>"}},
	} {
		if err := pipeline.EnsureStream(ctx, js, s); err != nil {
			t.Fatal(err)
		}
		// Idempotent: a second call changes nothing.
		if err := pipeline.EnsureStream(ctx, js, s); err != nil {
			t.Fatal(err)
		}
	}
	cons, err := pipeline.EnsureConsumer(ctx, js, pipeline.ConsumerSpec{
		Stream: "IN", Durable: "stage", AckWait: 5 * time.Second, MaxDeliver: maxDeliver, MaxAckPending: 1000,
	})
	if err != nil {
		t.Fatal(err)
	}
	return js, cons
}

// startJS starts a JetStream server and connects to it.
func startJS(t *testing.T) jetstream.JetStream {
	t.Helper()
	_, url := pipelinetest.StartJetStream(t)
	nc, err := nats.Connect(url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc.Close)
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	return js
}

func publishN(t *testing.T, js jetstream.JetStream, n int) {
	t.Helper()
	p := pipeline.NewPublisher(js, 64)
	for i := range n {
		m := &pipeline.Message{ID: "m" + strconv.Itoa(i), Subject: "in", Header: pipeline.Header{}, Data: []byte(strconv.Itoa(i))}
		if err := p.Publish(context.Background(), m); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.Wait(); err != nil {
		t.Fatal(err)
	}
	if p.Published() != int64(n) {
		t.Fatalf("published %d, want %d", p.Published(), n)
	}
}

func msgs(t *testing.T, js jetstream.JetStream, stream string) uint64 {
	t.Helper()
	s, err := js.Stream(context.Background(), stream)
	if err != nil {
		t.Fatal(err)
	}
	info, err := s.Info(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return info.State.Msgs
}

func cfg(name string) pipeline.RunnerConfig {
	return pipeline.RunnerConfig{
		Name: name, DeadLetterSubject: func(stage string) string { return "dlq." + stage }, MaxDeliver: 3,
		Backoff: []time.Duration{10 * time.Millisecond}, Workers: 4,
	}
}

func TestRunnerPublishesThenAcks(t *testing.T) {
	js, cons := setup(t, 3)
	publishN(t, js, 200)
	r := pipeline.NewRunner(js, cons, cfg("double"))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() {
		done <- r.Run(ctx, pipeline.HandlerFunc(func(ctx context.Context, m *pipeline.Message) ([]*pipeline.Message, error) {
			return []*pipeline.Message{{ID: "out:" + m.ID, Subject: "out", Data: m.Data}}, nil
		}))
	}()
	pipelinetest.Eventually(t, 10*time.Second, "IN drained", func() bool { return msgs(t, js, "IN") == 0 })
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if got := msgs(t, js, "OUT"); got != 200 {
		t.Fatalf("OUT has %d, want 200", got)
	}
	if got := r.Stats().Acked.Load(); got != 200 {
		t.Fatalf("acked %d, want 200", got)
	}
	// Republishing the same outputs (a redelivered input) stores nothing new.
	p := pipeline.NewPublisher(js, 8)
	p.Publish(context.Background(), &pipeline.Message{ID: "out:m0", Subject: "out", Data: []byte("0")})
	if err := p.Wait(); err != nil || p.Duplicates() != 1 {
		t.Fatalf("republish: err %v duplicates %d", err, p.Duplicates())
	}
}

func TestRunnerDeadLettersPermanentErrors(t *testing.T) {
	js, cons := setup(t, 3)
	publishN(t, js, 20)
	r := pipeline.NewRunner(js, cons, cfg("judge"))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go r.Run(ctx, pipeline.HandlerFunc(func(ctx context.Context, m *pipeline.Message) ([]*pipeline.Message, error) {
		if n, _ := strconv.Atoi(string(m.Data)); n%2 == 1 {
			return nil, pipeline.Permanent(errors.New("odd input"))
		}
		return nil, nil
	}))
	pipelinetest.Eventually(t, 10*time.Second, "10 dead letters", func() bool { return msgs(t, js, "DLQ") == 10 })
	pipelinetest.Eventually(t, 10*time.Second, "IN drained", func() bool { return msgs(t, js, "IN") == 0 })
	s, _ := js.Stream(ctx, "DLQ")
	m, err := s.GetMsg(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if got := m.Header.Get(pipeline.HeaderDLQStage); got != "judge" {
		t.Errorf("stage header %q", got)
	}
	if got := m.Header.Get(pipeline.HeaderDLQError); got != "odd input" {
		t.Errorf("error header %q", got)
	}
	if got := m.Header.Get(pipeline.HeaderDLQDeliveries); got != "1" {
		t.Errorf("permanent error: deliveries %q, want 1", got)
	}
	if rs := r.Stats().Reasons(); len(rs) != 1 || rs[0].Count != 10 {
		t.Errorf("reasons %+v", rs)
	}
}

func TestRunnerRetriesThenDeadLetters(t *testing.T) {
	js, cons := setup(t, 3)
	publishN(t, js, 2)
	var calls atomic.Int64
	r := pipeline.NewRunner(js, cons, cfg("flaky"))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go r.Run(ctx, pipeline.HandlerFunc(func(ctx context.Context, m *pipeline.Message) ([]*pipeline.Message, error) {
		calls.Add(1)
		if m.Data[0] == '0' && m.Delivered == 2 {
			return nil, nil // recovers on the second try
		}
		return nil, fmt.Errorf("transient %d", m.Delivered)
	}))
	pipelinetest.Eventually(t, 10*time.Second, "one dead letter", func() bool { return msgs(t, js, "DLQ") == 1 })
	pipelinetest.Eventually(t, 10*time.Second, "IN drained", func() bool { return msgs(t, js, "IN") == 0 })
	s, _ := js.Stream(ctx, "DLQ")
	m, err := s.GetMsg(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if got := m.Header.Get(pipeline.HeaderDLQDeliveries); got != "3" {
		t.Errorf("deliveries %q, want 3 (the last allowed)", got)
	}
	if got := m.Header.Get(pipeline.HeaderDLQError); got != "transient 3" {
		t.Errorf("error %q", got)
	}
	if got := calls.Load(); got != 5 {
		t.Errorf("handler called %d times, want 5 (2 + 3)", got)
	}
	if got := r.Stats().Retried.Load(); got != 3 {
		t.Errorf("retried %d, want 3", got)
	}
}

func TestRunnerPanicIsDeadLettered(t *testing.T) {
	js, cons := setup(t, 3)
	publishN(t, js, 1)
	r := pipeline.NewRunner(js, cons, cfg("boom"))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go r.Run(ctx, pipeline.HandlerFunc(func(ctx context.Context, m *pipeline.Message) ([]*pipeline.Message, error) {
		panic("bad input")
	}))
	pipelinetest.Eventually(t, 10*time.Second, "dead letter", func() bool { return msgs(t, js, "DLQ") == 1 })
}

func TestRunnerDrainFinishesInFlight(t *testing.T) {
	js, cons := setup(t, 3)
	publishN(t, js, 8)
	started := make(chan struct{}, 8)
	release := make(chan struct{})
	r := pipeline.NewRunner(js, cons, cfg("slow"))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() {
		done <- r.Run(ctx, pipeline.HandlerFunc(func(ctx context.Context, m *pipeline.Message) ([]*pipeline.Message, error) {
			started <- struct{}{}
			<-release
			return []*pipeline.Message{{ID: "out:" + m.ID, Subject: "out", Data: m.Data}}, nil
		}))
	}()
	for range 4 { // every worker busy
		<-started
	}
	cancel()
	close(release)
	if err := <-done; err != nil {
		t.Fatalf("drain returned %v, want nil", err)
	}
	acked := r.Stats().Acked.Load()
	if acked < 4 {
		t.Fatalf("acked %d after drain, want the 4 in flight at least", acked)
	}
	// What was acked was published first; what was not is still queued.
	// (Acks are asynchronous: the broker may apply them a moment later.)
	if out := msgs(t, js, "OUT"); out != uint64(acked) {
		t.Fatalf("OUT %d, acked %d", out, acked)
	}
	pipelinetest.Eventually(t, 5*time.Second, "acks applied", func() bool { return msgs(t, js, "IN") == 8-uint64(acked) })
}

func TestRunnerGivesUpOnAStuckHandler(t *testing.T) {
	js, cons := setup(t, 3)
	publishN(t, js, 1)
	c := cfg("stuck")
	c.HandleTimeout = 100 * time.Millisecond
	r := pipeline.NewRunner(js, cons, c)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	block := make(chan struct{})
	defer close(block)
	go r.Run(ctx, pipeline.HandlerFunc(func(ctx context.Context, m *pipeline.Message) ([]*pipeline.Message, error) {
		<-block // ignores its context, like a runaway loop
		return nil, nil
	}))
	pipelinetest.Eventually(t, 10*time.Second, "dead letter", func() bool { return msgs(t, js, "DLQ") == 1 })
	if rs := r.Stats().Reasons(); len(rs) != 1 || !strings.Contains(rs[0].Reason, "gave up") {
		t.Errorf("reasons %+v", rs)
	}
}

func TestRunnerPropagatesHeadersAndReportsAcks(t *testing.T) {
	js, cons := setup(t, 3)
	p := pipeline.NewPublisher(js, 8)
	h := pipeline.Header{}
	h.Set("Trace", "t1")
	p.Publish(context.Background(), &pipeline.Message{ID: "x", Subject: "in", Header: h, Data: []byte("x")})
	if err := p.Wait(); err != nil {
		t.Fatal(err)
	}
	c := cfg("prop")
	c.Propagate = []string{"Trace"}
	var acked atomic.Int64
	c.OnAck = func(m *pipeline.Message) { acked.Add(1) }
	r := pipeline.NewRunner(js, cons, c)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go r.Run(ctx, pipeline.HandlerFunc(func(ctx context.Context, m *pipeline.Message) ([]*pipeline.Message, error) {
		return []*pipeline.Message{{ID: "o", Subject: "out", Data: m.Data}}, nil
	}))
	pipelinetest.Eventually(t, 10*time.Second, "ack", func() bool { return acked.Load() == 1 })
	s, _ := js.Stream(ctx, "OUT")
	m, err := s.GetMsg(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if got := m.Header.Get("Trace"); got != "t1" {
		t.Errorf("Trace header %q, want t1", got)
	}
	if r.Stats().Busy.Load() <= 0 {
		t.Error("no busy time recorded")
	}
}
