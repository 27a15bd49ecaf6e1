package main

import (
	"context"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// Two loads of the same cables into one warehouse at the same time, each
// with its own embedded broker (separate --data), end with every cable
// exactly once: the sinks' commits are reconciled under the warehouse's
// commit lock. On the same --data the second load is refused with a
// message naming the directory, and the warehouse is still right.
func TestConcurrentLoadsIntoOneWarehouse(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: concurrent loads (-short)")
	}
	in, wh, data := t.TempDir(), t.TempDir(), t.TempDir()
	want := generate(t, in, 1500, 71)

	var wg sync.WaitGroup
	for _, d := range []string{"a", "b"} {
		wg.Go(func() {
			code, out, errs := runCLI(context.Background(), "run", "--data", filepath.Join(data, d), "--input", in, "--warehouse", wh, "--file-rows", "300")
			if code != 0 {
				t.Errorf("run --data %s: exit %d\n%s\n%s", d, code, out, errs)
			}
		})
	}
	wg.Wait()
	checkExactlyOnce(t, wh, want)
	checkEntitiesOnce(t, wh)

	// The same --data twice at once: one runs, the other is told why not.
	in2 := t.TempDir()
	for ref, e := range generate(t, in2, 300, 72) {
		want[ref] = e
	}
	shared := filepath.Join(data, "shared")
	type result struct {
		code      int
		out, errs string
	}
	results := make([]result, 2)
	for i := range results {
		wg.Go(func() {
			code, out, errs := runCLI(context.Background(), "run", "--data", shared, "--input", in2, "--warehouse", wh)
			results[i] = result{code, out, errs}
		})
	}
	wg.Wait()
	ok, refused := 0, 0
	for _, r := range results {
		switch {
		case r.code == 0:
			ok++
		case strings.Contains(r.errs, "in use by another cablewire process") && strings.Contains(r.errs, shared):
			refused++
		default:
			t.Errorf("exit %d\n%s\n%s", r.code, r.out, r.errs)
		}
	}
	if ok < 1 {
		t.Fatalf("no load on the shared --data succeeded: %+v", results)
	}
	if ok == 1 && refused != 1 {
		t.Errorf("one load ran and the other was neither run nor refused: %+v", results)
	}
	checkExactlyOnce(t, wh, want)
}

// A following run (a stream) beside a bulk load into the same warehouse,
// each with its own broker, both given the same cables: every cable is
// committed once.
func TestFollowBesideABulkLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: two loads at once (-short)")
	}
	in, wh, data := t.TempDir(), t.TempDir(), t.TempDir()
	want := generate(t, in, 600, 73)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var wg sync.WaitGroup
	wg.Go(func() {
		if code, out, errs := runCLI(ctx, "run", "--follow", "--data", filepath.Join(data, "f"), "--input", in, "--warehouse", wh, "--file-age", "1s"); code != 0 && code != 4 {
			t.Errorf("run --follow: exit %d\n%s\n%s", code, out, errs)
		}
	})
	if code, out, errs := runCLI(context.Background(), "run", "--data", filepath.Join(data, "b"), "--input", in, "--warehouse", wh); code != 0 {
		t.Fatalf("bulk run: exit %d\n%s\n%s", code, out, errs)
	}
	// The follower drains on cancel: what it holds is committed then, and
	// reconciled with the bulk load's commits.
	cancel()
	wg.Wait()
	checkExactlyOnce(t, wh, want)
}
