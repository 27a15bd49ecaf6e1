package sink

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cablewire/cablewire/pipeline"
	"github.com/cablewire/cablewire/pipeline/pipelinetest"
)

// s3Warehouse starts a real S3 server and returns a location on it, and
// the directory where the server keeps its objects.
func s3Warehouse(t testing.TB, prefix string) (S3Location, string) {
	t.Helper()
	srv := pipelinetest.StartS3Server(t, "cablewire-test")
	for _, kv := range srv.Env() {
		k, v, _ := strings.Cut(kv, "=")
		t.Setenv(k, v)
	}
	return S3Location{Bucket: srv.Bucket, Prefix: prefix, Endpoint: srv.Endpoint, PathStyle: true}, srv.Dir(prefix)
}

// The protocol's premise: the server honours If-None-Match: *, so of two
// writers of one key exactly one wins.
func TestS3ConditionalWriteHasOneWinner(t *testing.T) {
	loc, _ := s3Warehouse(t, "cond")
	st, err := openS3Store(loc, "")
	if err != nil {
		t.Fatal(err)
	}
	key := st.key("_cablewire/probe")
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		wg.Go(func() { errs[i] = st.putNew(key, []byte{byte(i)}) })
	}
	wg.Wait()
	won := 0
	for _, err := range errs {
		switch {
		case err == nil:
			won++
		case !conflict(err):
			t.Errorf("a losing write failed otherwise: %v", err)
		}
	}
	if won != 1 {
		t.Fatalf("%d of %d conditional writes of one key won, want exactly 1", won, len(errs))
	}
}

// Two stores that listed the same log race for its next slot: one
// commits, the other is told to reconcile (errSlotTaken) and commits into
// the slot after. A slot holding the writer's own record (a retried
// request that had gone through) counts as its commit.
func TestS3CommitSlotRace(t *testing.T) {
	loc, _ := s3Warehouse(t, "slots")
	a, _ := openS3Store(loc, "")
	b, _ := openS3Store(loc, "")
	for _, st := range []*s3Store{a, b} {
		if _, err := st.recordIDs(nil); err != nil {
			t.Fatal(err)
		}
	}
	ra := &Record{ID: "part-a", Instance: "aaaa"}
	rb := &Record{ID: "part-b", Instance: "bbbb"}
	if err := a.commit(ra); err != nil {
		t.Fatal(err)
	}
	if err := b.commit(rb); err != errSlotTaken {
		t.Fatalf("second commit into slot 0: %v, want errSlotTaken", err)
	}
	if rb.ID != "part-b" {
		t.Errorf("a lost commit left its record renamed %q", rb.ID)
	}
	ids, err := b.recordIDs(nil)
	if err != nil || !slices.Equal(ids, []string{slotName(0)}) {
		t.Fatalf("log after one commit: %v %v", ids, err)
	}
	if err := b.commit(rb); err != nil {
		t.Fatal(err)
	}
	if rb.ID != slotName(1) || rb.Base != "part-b" {
		t.Errorf("b's record is %q (base %q), want slot 1 of part-b", rb.ID, rb.Base)
	}
	// a, not having listed since, tries slot 1 again with the same record:
	// not its own, so taken.
	again := &Record{ID: "part-a2", Instance: "aaaa"}
	if err := a.commit(again); err != errSlotTaken {
		t.Errorf("stale commit: %v, want errSlotTaken", err)
	}
	// The same record written twice (its first response lost) is one commit.
	a.recordIDs(nil)
	dup := &Record{ID: "part-a3", Instance: "aaaa"}
	if err := a.commit(dup); err != nil {
		t.Fatal(err)
	}
	a.mu.Lock()
	a.next--
	a.mu.Unlock()
	if err := a.commit(&Record{ID: "part-a3", Instance: "aaaa"}); err != nil {
		t.Errorf("retry of a written commit: %v, want it found as written", err)
	}
}

// The sink round trip on S3: cables over several months are committed
// once; a second sink with a new local directory (its index rebuilt from
// the log in the bucket) finds them all committed and writes nothing; no
// staged object is left.
func TestS3WarehouseRoundTrip(t *testing.T) {
	loc, dir := s3Warehouse(t, "wh/round")
	r := rand.New(rand.NewPCG(3, 3))
	clock := newClock()
	a := openSink(t, Config{Dir: t.TempDir(), S3: &loc, Now: clock.Now, MaxRows: 7})
	var msgs []*pipeline.Message
	var want []verKey
	for i := range 40 {
		c := synthCable(r, "09S3X"+string(rune('A'+i%26))+string(rune('a'+i/26)), monthTime(r, i%5), 400)
		msgs = append(msgs, cableMsg(t, c, uint64(i+1)))
		want = append(want, verKey{c.RefID, 1})
	}
	committed := 0
	for _, m := range msgs {
		committed += len(add(t, a, m).Committed)
	}
	committed += len(flush(t, a).Committed)
	if committed != len(msgs) {
		t.Fatalf("%d messages handed back committed, want %d", committed, len(msgs))
	}
	slices.SortFunc(want, func(x, y verKey) int { return strings.Compare(x.ref, y.ref) })
	if got := cableRows(t, dir); !slices.Equal(got, want) {
		t.Fatalf("bucket holds %v, want each cable once: %v", got, want)
	}
	recs := records(t, dir)
	for i, rec := range recs {
		if rec.ID != slotName(uint64(i)) || !strings.HasPrefix(rec.Base, "part-") {
			t.Errorf("record %d is %q (base %q), want slot %s", i, rec.ID, rec.Base, slotName(uint64(i)))
		}
	}
	if left := stagedLeft(t, dir); len(left) > 0 {
		t.Errorf("staged objects left: %v", left)
	}

	b := openSink(t, Config{Dir: t.TempDir(), S3: &loc, Now: clock.Now})
	if b.Identity() != a.Identity() {
		t.Errorf("identities %v and %v of one warehouse", a.Identity(), b.Identity())
	}
	acked := 0
	for _, m := range msgs {
		m.Data = nil
	}
	r = rand.New(rand.NewPCG(3, 3))
	for i := range 40 {
		c := synthCable(r, "09S3X"+string(rune('A'+i%26))+string(rune('a'+i/26)), monthTime(r, i%5), 400)
		acked += len(add(t, b, cableMsg(t, c, uint64(100+i))).Committed)
	}
	acked += len(flush(t, b).Committed)
	if acked != 40 || b.Stats.Duplicates.Load() != 40 || len(records(t, dir)) != len(recs) {
		t.Errorf("the second sink acked %d, counted %d duplicates, log %d records (was %d): want 40, 40, unchanged",
			acked, b.Stats.Duplicates.Load(), len(records(t, dir)), len(recs))
	}
}

// Two sinks on one S3 warehouse with separate local directories (no
// shared lock, as on two hosts) commit the same cables at the same time:
// the slot race and reconcile leave each cable once.
func TestS3SinksOnOneWarehouseCommitEachCableOnce(t *testing.T) {
	loc, dir := s3Warehouse(t, "wh/two")
	r := rand.New(rand.NewPCG(5, 5))
	at := time.Date(2009, 3, 4, 12, 0, 0, 0, time.UTC)
	var msgs [][]byte
	var want []verKey
	for i := range 60 {
		c := synthCable(r, "09TWO"+string(rune('A'+i%26))+string(rune('a'+i/26)), at.Add(time.Duration(i)*time.Hour), 300)
		m := cableMsg(t, c, 0)
		msgs = append(msgs, m.Data)
		want = append(want, verKey{c.RefID, 1})
	}
	slices.SortFunc(want, func(x, y verKey) int { return strings.Compare(x.ref, y.ref) })
	sinks := []*Sink{
		openSink(t, Config{Dir: t.TempDir(), S3: &loc, MaxRows: 9}),
		openSink(t, Config{Dir: t.TempDir(), S3: &loc, MaxRows: 11}),
	}
	var wg sync.WaitGroup
	acked := make([]int, len(sinks))
	for k, s := range sinks {
		wg.Go(func() {
			for i, d := range msgs {
				res, err := s.Add(t.Context(), &pipeline.Message{Data: slices.Clone(d), Stream: "S", Seq: uint64(i + 1)})
				if err != nil {
					t.Error(err)
					return
				}
				acked[k] += len(res.Committed)
			}
			res, err := s.Flush(t.Context())
			if err != nil || res.Err != nil {
				t.Error(err, res.Err)
			}
			acked[k] += len(res.Committed)
		})
	}
	wg.Wait()
	for k, n := range acked {
		if n != len(msgs) {
			t.Errorf("sink %d acked %d messages, want %d", k, n, len(msgs))
		}
	}
	if got := cableRows(t, dir); !slices.Equal(got, want) {
		t.Fatalf("bucket holds %d cable rows %v, want each of %d once", len(got), got, len(want))
	}
	t.Logf("slots lost to the other sink: %d and %d", sinks[0].Stats.LostSlots.Load(), sinks[1].Stats.LostSlots.Load())
	if d := sinks[0].Stats.Duplicates.Load() + sinks[1].Stats.Duplicates.Load(); d != int64(len(msgs)) {
		t.Errorf("%d duplicates counted, want %d (each cable written by one sink, dropped by the other)", d, len(msgs))
	}
}

// A writer that died after its commit point, before its files were
// copied into place, leaves a record and staged objects: the next sink to
// open finishes the copy, and a glob of the tables sees the files once.
func TestS3RollForwardAfterCrashAtCommitPoint(t *testing.T) {
	loc, dir := s3Warehouse(t, "wh/crash")
	r := rand.New(rand.NewPCG(9, 9))
	a := openSink(t, Config{Dir: t.TempDir(), S3: &loc})
	c := synthCable(r, "09CRASH1", time.Date(2008, 5, 1, 0, 0, 0, 0, time.UTC), 500)
	add(t, a, cableMsg(t, c, 1))
	flush(t, a)
	a.Close()
	// Undo the publish, as if the writer died right after its record: the
	// objects go back under their staged names (the POSIX backend keeps an
	// object's metadata with its file).
	recs := records(t, dir)
	if len(recs) != 1 {
		t.Fatalf("%d records, want 1", len(recs))
	}
	for _, f := range recs[0].Files {
		if err := os.MkdirAll(filepath.Join(dir, tmpDir), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(filepath.Join(dir, f.Path), filepath.Join(dir, f.Temp)); err != nil {
			t.Fatal(err)
		}
	}
	openSink(t, Config{Dir: t.TempDir(), S3: &loc})
	if got := cableRows(t, dir); !slices.Equal(got, []verKey{{"09CRASH1", 1}}) {
		t.Fatalf("after roll-forward the bucket holds %v, want 09CRASH1 once", got)
	}
	if left := stagedLeft(t, dir); len(left) > 0 {
		t.Errorf("staged objects left: %v", left)
	}
}

// stagedLeft lists the staged objects in the bucket's directory.
func stagedLeft(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(filepath.Join(dir, tmpDir))
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		out = append(out, e.Name())
	}
	return out
}

func TestParseS3URL(t *testing.T) {
	for _, c := range []struct {
		in     string
		ok     bool
		bucket string
		prefix string
		bad    bool
	}{
		{in: "warehouse"},
		{in: "/data/s3:/x"},
		{in: "s3://b", ok: true, bucket: "b"},
		{in: "s3://b/", ok: true, bucket: "b"},
		{in: "s3://b/p/q/", ok: true, bucket: "b", prefix: "p/q"},
		{in: "s3:///p", ok: true, bad: true},
		{in: "s3://b/p//q", ok: true, bad: true},
		{in: "s3://b/p/../q", ok: true, bad: true},
	} {
		loc, ok, err := ParseS3URL(c.in)
		if ok != c.ok || (err != nil) != c.bad {
			t.Errorf("%q: ok %v err %v, want ok %v, error %v", c.in, ok, err, c.ok, c.bad)
			continue
		}
		if ok && !c.bad && (loc.Bucket != c.bucket || loc.Prefix != c.prefix || loc.String() != "s3://"+c.bucket+strings.TrimSuffix("/"+c.prefix, "/")) {
			t.Errorf("%q: %+v", c.in, loc)
		}
	}
}

// The S3 server going away is the storage's failure, not the cables':
// the commit fails as a resource failure (the runtime pauses and retries,
// dead-letters nothing), its messages are given back, and nothing is in
// the log.
func TestS3ServerDownIsAResourceFailure(t *testing.T) {
	srv := pipelinetest.StartS3Server(t, "cablewire-down")
	for _, kv := range srv.Env() {
		k, v, _ := strings.Cut(kv, "=")
		t.Setenv(k, v)
	}
	loc := S3Location{Bucket: srv.Bucket, Prefix: "down", Endpoint: srv.Endpoint, PathStyle: true}
	s := openSink(t, Config{Dir: t.TempDir(), S3: &loc})
	r := rand.New(rand.NewPCG(4, 4))
	add(t, s, cableMsg(t, synthCable(r, "09DOWN1", time.Date(2008, 5, 1, 0, 0, 0, 0, time.UTC), 300), 1))
	srv.Stop()
	res, err := s.Flush(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if !pipeline.IsResource(res.Err) || len(res.Failed) != 1 || len(res.Committed) != 0 {
		t.Fatalf("flush with the server down: err %v (resource %v), %d failed, %d committed; want a resource failure giving the message back",
			res.Err, pipeline.IsResource(res.Err), len(res.Failed), len(res.Committed))
	}
	if ents, _ := os.ReadDir(filepath.Join(srv.Dir(loc.Prefix), commitsDir)); len(ents) != 0 {
		t.Errorf("%d records written with the server down", len(ents))
	}
}
