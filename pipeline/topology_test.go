package pipeline_test

import (
	"context"
	"fmt"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/cablewire/cablewire/pipeline"
	"github.com/cablewire/cablewire/pipeline/pipelinetest"
)

// store is a Committer that commits what it holds on Flush, into a map.
type store struct {
	mu     sync.Mutex
	held   []*pipeline.Message
	rows   map[string]string
	opened pipeline.Input
	closed bool
}

func (s *store) Add(_ context.Context, m *pipeline.Message) (pipeline.Result, error) {
	s.held = append(s.held, m)
	return pipeline.Result{}, nil
}

func (s *store) Tick(context.Context, time.Time) (pipeline.Result, error) {
	return pipeline.Result{}, nil
}

func (s *store) Flush(context.Context) (pipeline.Result, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, m := range s.held {
		s.rows[m.ID] = string(m.Data)
	}
	res := pipeline.Result{Committed: s.held}
	s.held = nil
	return res, nil
}

func (s *store) Close() error { s.closed = true; return nil }

func (s *store) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.rows)
}

// twoStages declares IN -(upper)-> MID -(lower)-> OUT -(store)-> committed.
func twoStages(st *store) pipeline.Topology {
	wq := func(name, subj string) pipeline.StreamSpec {
		return pipeline.StreamSpec{Name: name, Subjects: []string{subj}, WorkQueue: true}
	}
	cons := func(stream, durable string) pipeline.ConsumerSpec {
		return pipeline.ConsumerSpec{Stream: stream, Durable: durable, AckWait: 45 * time.Second, MaxDeliver: -1, MaxAckPending: 1000}
	}
	tag := func(suffix string) pipeline.Handler {
		return pipeline.HandlerFunc(func(_ context.Context, m *pipeline.Message) ([]*pipeline.Message, error) {
			return []*pipeline.Message{{ID: m.ID + suffix, Data: append([]byte(string(m.Data)), suffix...)}}, nil
		})
	}
	return pipeline.Topology{
		Streams: []pipeline.StreamSpec{wq("T_IN", "t.in"), wq("T_MID", "t.mid"), wq("T_OUT", "t.out"), {Name: "T_DLQ", Subjects: []string{"t.dlq.>"}}},
		Stages: []pipeline.Stage{
			{Name: "a", Consumer: cons("T_IN", "a"), Output: "t.mid", Prefetch: 16, Handler: tag("-a")},
			{Name: "b", Consumer: cons("T_MID", "b"), Output: "t.out", Prefetch: 16, Handler: tag("-b")},
			{Name: "store", Consumer: cons("T_OUT", "store"), Prefetch: 16, Open: func(_ context.Context, in pipeline.Input) (pipeline.Committer, error) {
				st.opened = in
				return st, nil
			}},
		},
		DeadLetters:       "T_DLQ",
		DeadLetterSubject: func(stage string) string { return "t.dlq." + stage },
		MaxDeliver:        3,
	}
}

func connect(t *testing.T) *pipeline.Conn {
	t.Helper()
	_, url := pipelinetest.StartJetStream(t)
	conn, err := pipeline.Connect(context.Background(), pipeline.ConnConfig{URL: url, Name: "test"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return conn
}

func publishTo(t *testing.T, conn *pipeline.Conn, subject string, n int) {
	t.Helper()
	p := pipeline.NewPublisher(conn.JS, 64)
	for i := range n {
		if err := p.Publish(context.Background(), &pipeline.Message{ID: "m" + strconv.Itoa(i), Subject: subject, Data: []byte(strconv.Itoa(i))}); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.Wait(); err != nil {
		t.Fatal(err)
	}
}

// A declared topology runs as named: every stage's consumer is made, the
// committer is opened with its input and closed on drain, and
// WaitCommitted returns once everything published is committed.
func TestStartRunsADeclaredTopologyToCompletion(t *testing.T) {
	for _, names := range [][]string{{"a", "b", "store"}, {"a+b", "b", "store"}} {
		t.Run(fmt.Sprint(names), func(t *testing.T) {
			conn := connect(t)
			st := &store{rows: map[string]string{}}
			topo := twoStages(st)
			ctx := context.Background()
			if err := topo.EnsureStreams(ctx, conn); err != nil {
				t.Fatal(err)
			}
			const n = 200
			publishTo(t, conn, "t.in", n)
			rctx, cancel := context.WithCancel(ctx)
			run, err := pipeline.Start(rctx, conn, topo, names, pipeline.RunOptions{Workers: 2})
			if err != nil {
				t.Fatal(err)
			}
			wctx, wcancel := context.WithTimeout(ctx, time.Minute)
			defer wcancel()
			if err := run.WaitCommitted(wctx); err != nil {
				t.Fatal(err)
			}
			cancel()
			if err := run.Wait(); err != nil {
				t.Fatal(err)
			}
			if got := st.count(); got != n {
				t.Fatalf("committed %d, want %d", got, n)
			}
			if v := st.rows["m7-a-b"]; v != "7-a-b" {
				t.Errorf("m7 committed as %q, want both stages applied", v)
			}
			if !st.closed {
				t.Error("the committer was not closed after the drain")
			}
			if st.opened.StreamCreated.IsZero() || st.opened.Consumer.AckWait != 45*time.Second {
				t.Errorf("committer opened with %+v, want its stream's creation and its consumer", st.opened)
			}
			for _, b := range run.Backlogs(ctx) {
				if !b.Empty() {
					t.Errorf("stage %s backlog %+v after WaitCommitted", b.Stage, b.Backlog)
				}
			}
		})
	}
}

func TestStageNames(t *testing.T) {
	topo := twoStages(&store{})
	ch, err := topo.Stage("a+b")
	if err != nil {
		t.Fatal(err)
	}
	if ch.Consumer.Durable != "a" || ch.Output != "t.out" {
		t.Errorf("a+b reads %s and writes %s, want a's consumer and b's output", ch.Consumer.Durable, ch.Output)
	}
	for _, bad := range []string{"c", "a+store", "", "a+"} {
		if _, err := topo.Stage(bad); err == nil {
			t.Errorf("Stage(%q): no error", bad)
		}
	}
}

// What a dead process fetched and never acked comes back at once after
// ResetConsumers, not after the consumer's AckWait.
func TestResetConsumersRedeliversHeldAtOnce(t *testing.T) {
	conn := connect(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	topo := twoStages(&store{})
	if err := topo.EnsureStreams(ctx, conn); err != nil {
		t.Fatal(err)
	}
	spec := topo.Stages[2].Consumer
	const n = 50
	publishTo(t, conn, "t.out", n)
	// The "dead process": fetches everything, acks nothing, goes away.
	nc, err := nats.Connect(conn.NC.ConnectedUrl())
	if err != nil {
		t.Fatal(err)
	}
	js, _ := jetstream.New(nc)
	cons, err := pipeline.EnsureConsumer(ctx, js, spec)
	if err != nil {
		t.Fatal(err)
	}
	batch, err := cons.Fetch(n, jetstream.FetchMaxWait(5*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	held := 0
	for range batch.Messages() {
		held++
	}
	if held != n {
		t.Fatalf("fetched %d, want %d", held, n)
	}
	nc.Close()

	fetchAll := func() int {
		cons, err := pipeline.EnsureConsumer(ctx, conn.JS, spec)
		if err != nil {
			t.Fatal(err)
		}
		b, err := cons.Fetch(n, jetstream.FetchMaxWait(2*time.Second))
		if err != nil {
			t.Fatal(err)
		}
		got := 0
		for m := range b.Messages() {
			m.Ack()
			got++
		}
		return got
	}
	if got := fetchAll(); got != 0 {
		t.Fatalf("without a reset %d of the held messages came back within 2s; the test shows nothing", got)
	}
	if err := topo.ResetConsumers(ctx, conn); err != nil {
		t.Fatal(err)
	}
	if got := fetchAll(); got != n {
		t.Fatalf("after the reset %d of %d held messages came back", got, n)
	}
}
