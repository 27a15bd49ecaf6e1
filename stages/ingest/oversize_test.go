package ingest

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/cablewire/cablewire/pipeline"
	"github.com/cablewire/cablewire/schemas"
)

var testTopo = schemas.Topology{Pipeline: "t"}

// startStockServer starts a JetStream server with the stock 1 MB max
// payload, and the raw and dead-letter streams.
func startStockServer(t *testing.T) (*nats.Conn, jetstream.JetStream) {
	t.Helper()
	ns, err := server.NewServer(&server.Options{Host: "127.0.0.1", Port: -1, JetStream: true, StoreDir: t.TempDir(), NoSigs: true, NoLog: true})
	if err != nil {
		t.Fatal(err)
	}
	go ns.Start()
	if !ns.ReadyForConnections(10 * time.Second) {
		t.Fatal("nats-server not ready")
	}
	t.Cleanup(func() { ns.Shutdown(); ns.WaitForShutdown() })
	nc, err := nats.Connect(ns.ClientURL())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc.Close)
	js, _ := jetstream.New(nc)
	ctx := context.Background()
	for _, s := range []jetstream.StreamConfig{
		{Name: testTopo.Stream(schemas.KindRaw), Subjects: []string{testTopo.Subject(schemas.KindRaw)}, Retention: jetstream.WorkQueuePolicy},
		{Name: testTopo.Stream(schemas.KindDLQ), Subjects: []string{testTopo.DeadLetterSubjects()}},
	} {
		if _, err := js.CreateStream(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	return nc, js
}

// A record over the broker's max payload and one with a 70 KB reference
// id are dead-lettered at ingest, named by file and line; the load goes on.
func TestOversizeRecordsDeadLetteredAtIngest(t *testing.T) {
	nc, js := startStockServer(t)
	if nc.MaxPayload() != 1<<20 {
		t.Fatalf("max payload %d, want the stock 1 MB", nc.MaxPayload())
	}
	p := filepath.Join(t.TempDir(), "cables.csv")
	in := row("1", "12/28/1966 18:48", "66OK1", "o", "UNCLASSIFIED", "", "h", "b") +
		row("2", "12/28/1966 18:48", "66BIG2", "o", "UNCLASSIFIED", "", "h", strings.Repeat("word ", 300_000)) + // 1.5 MB
		row("3", "12/28/1966 18:48", strings.Repeat("R", 70_000), "o", "UNCLASSIFIED", "", "h", "b") +
		row("4", "12/28/1966 18:48", "66OK4", "o", "UNCLASSIFIED", "", "h", "b")
	os.WriteFile(p, []byte(in), 0o644)

	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	pub, dlq := pipeline.NewPublisher(js, 64), pipeline.NewPublisher(js, 8)
	rt := Route{Subject: testTopo.Subject(schemas.KindRaw), DeadLetters: testTopo.DeadLetterSubject("ingest")}
	st, err := RunWith(ctx, pub, dlq, rt, []string{p}, Options{MaxPayload: nc.MaxPayload()})
	if err != nil {
		t.Fatalf("load stopped: %v", err)
	}
	if st.Read != 4 || st.Published != 2 || st.DeadLettered != 2 {
		t.Fatalf("read %d, published %d, dead-lettered %d; want 4, 2, 2 (%v)", st.Read, st.Published, st.DeadLettered, st.Reasons)
	}
	s, _ := js.Stream(ctx, testTopo.Stream(schemas.KindDLQ))
	for seq, want := range map[uint64]string{1: p + ":2", 2: p + ":3"} {
		m, err := s.GetMsg(ctx, seq)
		if err != nil {
			t.Fatal(err)
		}
		if got := m.Header.Get(schemas.HeaderSource); got != want {
			t.Errorf("dead letter %d names %q, want %q", seq, got, want)
		}
		if r := m.Header.Get(pipeline.HeaderDLQError); !strings.Contains(r, "too large for the broker") {
			t.Errorf("dead letter %d: reason %q", seq, r)
		}
	}
	if !errors.Is(rt.checkSize(schemas.Document{RefID: strings.Repeat("R", 70_000)}, 0), ErrOversize) {
		t.Error("a 70 KB header passes checkSize")
	}
}
