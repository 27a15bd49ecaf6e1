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

// Dead letters are listed with where and why they failed and the whole
// input, replayed to the subject they failed on (stored again, removed
// from the dead letters), and purged.
func TestDeadLettersListReplayPurge(t *testing.T) {
	js, cons := setup(t, 3)
	publishN(t, js, 6)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	r := pipeline.NewRunner(js, cons, cfg("judge"))
	handler := pipeline.HandlerFunc(func(ctx context.Context, m *pipeline.Message) ([]*pipeline.Message, error) {
		if n, _ := strconv.Atoi(string(m.Data)); n%2 == 1 {
			return nil, pipeline.Permanent(errors.New("odd input"))
		}
		return nil, nil
	})
	stopped := make(chan error, 1)
	go func() { stopped <- r.Run(ctx, handler) }()
	pipelinetest.Eventually(t, 10*time.Second, "3 dead letters", func() bool { return msgs(t, js, "DLQ") == 3 })
	cancel()
	<-stopped // nothing consumes IN from here on

	dls, err := pipeline.OpenDeadLetters(context.Background(), js, "DLQ")
	if err != nil {
		t.Fatal(err)
	}
	var listed []pipeline.DeadLetter
	for dl, err := range dls.List(context.Background(), "judge") {
		if err != nil {
			t.Fatal(err)
		}
		listed = append(listed, dl)
	}
	if len(listed) != 3 {
		t.Fatalf("listed %d dead letters, want 3", len(listed))
	}
	for _, dl := range listed {
		n, _ := strconv.Atoi(string(dl.Data))
		if dl.Stage != "judge" || dl.Error != "odd input" || dl.Subject != "in" || dl.Deliveries != 1 || n%2 != 1 {
			t.Errorf("dead letter %+v", dl)
		}
		if _, ok := dl.Header[pipeline.HeaderDLQStage]; ok {
			t.Errorf("dead-letter headers left in the input's: %v", dl.Header)
		}
	}
	for dl := range dls.List(context.Background(), "other") {
		t.Errorf("listed under another stage: %+v", dl)
	}

	// Replay one: it is back on IN, and gone from the dead letters.
	before := msgs(t, js, "IN")
	if err := dls.Replay(context.Background(), listed[0]); err != nil {
		t.Fatal(err)
	}
	if got := msgs(t, js, "IN"); got != before+1 {
		t.Errorf("IN holds %d after the replay, want %d", got, before+1)
	}
	if _, err := dls.Get(context.Background(), listed[0].Seq); err == nil {
		t.Error("a replayed dead letter is still there")
	}
	if err := dls.Replay(context.Background(), pipeline.DeadLetter{Seq: 99}); !errors.Is(err, pipeline.ErrNothingToReplay) {
		t.Errorf("replay of a dead letter with no subject: %v", err)
	}

	// Purge the rest.
	if n, err := dls.Purge(context.Background(), ""); err != nil || n != 2 {
		t.Errorf("purged %d (%v), want 2", n, err)
	}
	if got := msgs(t, js, "DLQ"); got != 0 {
		t.Errorf("%d dead letters after the purge", got)
	}
}

// holdAndFail is a committer that, like the sink, drops the payload of
// the messages it holds, then fails them for good at its first tick.
type holdAndFail struct{ held []*pipeline.Message }

func (c *holdAndFail) Add(ctx context.Context, m *pipeline.Message) (pipeline.Result, error) {
	m.Data = nil
	c.held = append(c.held, m)
	return pipeline.Result{}, nil
}

func (c *holdAndFail) Tick(ctx context.Context, now time.Time) (pipeline.Result, error) {
	res := pipeline.Result{Failed: c.held, Err: pipeline.Permanent(errors.New("cannot commit"))}
	c.held = nil
	return res, nil
}

func (c *holdAndFail) Flush(ctx context.Context) (pipeline.Result, error) {
	return c.Tick(ctx, time.Now())
}

// A message a committer held without its payload is dead-lettered whole:
// the payload is read back from the stream, so it can be replayed.
func TestCommitterDeadLettersKeepThePayload(t *testing.T) {
	js, cons := setup(t, 3)
	publishN(t, js, 4)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	c := cfg("sink")
	c.TickEvery = 50 * time.Millisecond
	go pipeline.NewRunner(js, cons, c).RunCommitter(ctx, &holdAndFail{})
	pipelinetest.Eventually(t, 10*time.Second, "4 dead letters", func() bool { return msgs(t, js, "DLQ") == 4 })
	dls, err := pipeline.OpenDeadLetters(context.Background(), js, "DLQ")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for dl, err := range dls.List(context.Background(), "sink") {
		if err != nil {
			t.Fatal(err)
		}
		seen[string(dl.Data)] = true
	}
	for i := range 4 {
		if !seen[strconv.Itoa(i)] {
			t.Errorf("payload %d missing from the dead letters (got %v)", i, seen)
		}
	}
}
