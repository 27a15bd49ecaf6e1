package pipeline_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/cablewire/cablewire/pipeline"
)

// A Runner feeds a durable consumer's messages to a handler; the runtime,
// not the handler, publishes the outputs and acks the input once they are
// stored. Here on an embedded JetStream.
func ExampleRunner() {
	dir, _ := os.MkdirTemp("", "jetstream")
	defer os.RemoveAll(dir)
	ctx := context.Background()
	conn, err := pipeline.Connect(ctx, pipeline.ConnConfig{Name: "example", Embedded: pipeline.EmbeddedConfig{StoreDir: dir}})
	if err != nil {
		panic(err)
	}
	defer conn.Close()
	for _, s := range []pipeline.StreamSpec{
		{Name: "IN", Subjects: []string{"in"}, WorkQueue: true},
		{Name: "OUT", Subjects: []string{"out"}, WorkQueue: true},
	} {
		if err := pipeline.EnsureStream(ctx, conn.JS, s); err != nil {
			panic(err)
		}
	}
	cons, err := pipeline.EnsureConsumer(ctx, conn.JS, pipeline.ConsumerSpec{Stream: "IN", Durable: "upper", AckWait: 5 * time.Second})
	if err != nil {
		panic(err)
	}
	pub := pipeline.NewPublisher(conn.JS, 8)
	for i, w := range []string{"a", "b", "c"} {
		pub.Publish(ctx, &pipeline.Message{ID: fmt.Sprint(i), Subject: "in", Data: []byte(w)})
	}
	if err := pub.Wait(); err != nil {
		panic(err)
	}

	r := pipeline.NewRunner(conn.JS, cons, pipeline.RunnerConfig{Name: "upper", Output: "out"})
	rctx, stop := context.WithCancel(ctx)
	done := make(chan error)
	go func() {
		done <- r.Run(rctx, pipeline.HandlerFunc(func(ctx context.Context, m *pipeline.Message) ([]*pipeline.Message, error) {
			return []*pipeline.Message{{ID: "upper:" + m.ID, Data: []byte(strings.ToUpper(string(m.Data)))}}, nil
		}))
	}()
	for deadline := time.Now().Add(10 * time.Second); r.Stats().Acked.Load() < 3 && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
	}
	stop()
	<-done
	out, _ := conn.JS.Stream(ctx, "OUT")
	info, _ := out.Info(ctx)
	fmt.Println("acked", r.Stats().Acked.Load(), "published", info.State.Msgs)
	// Output: acked 3 published 3
}
