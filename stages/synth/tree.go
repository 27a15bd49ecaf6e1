package synth

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// treeWriters is how many goroutines create files: file creation, not
// generation, bounds WriteTree, so a few writers overlap the system calls.
const treeWriters = 3

// WriteTree writes every remaining cable of g as DIR/YYYY/MM/REFID.txt
// (the whole cable text, UTF-8, "\n" line ends). Generation stays on the
// calling goroutine, so the files' contents are deterministic; at most a
// few dozen cables are in flight. It stops at ctx's cancellation,
// returning the stats of the files written and ctx.Err().
func WriteTree(ctx context.Context, g *Generator, dir string) (Stats, error) {
	start := time.Now()
	type job struct{ dir, path, text string }
	jobs := make(chan job, 64)
	var (
		mu    sync.Mutex
		st    Stats
		first error
		wg    sync.WaitGroup
	)
	fail := func(err error) {
		mu.Lock()
		if first == nil {
			first = err
		}
		mu.Unlock()
	}
	failed := func() bool {
		mu.Lock()
		defer mu.Unlock()
		return first != nil
	}
	var dirs sync.Map // directories already made
	for i := 0; i < treeWriters; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				if failed() {
					continue
				}
				if _, ok := dirs.Load(j.dir); !ok {
					if err := os.MkdirAll(j.dir, 0o755); err != nil {
						fail(err)
						continue
					}
					dirs.Store(j.dir, true)
				}
				if err := os.WriteFile(j.path, []byte(j.text), 0o644); err != nil {
					fail(err)
					continue
				}
				mu.Lock()
				st.Cables++
				st.Bytes += int64(len(j.text))
				mu.Unlock()
			}
		}()
	}
	lastYM, lastDir := "", ""
	for !failed() {
		if err := ctx.Err(); err != nil {
			fail(err)
			break
		}
		c, ok := g.Next()
		if !ok {
			break
		}
		var ym [7]byte
		b := appendPad(ym[:0], c.Created.Year(), 4)
		b = append(b, '/')
		b = appendPad(b, int(c.Created.Month()), 2)
		if string(b) != lastYM {
			lastYM = string(b)
			lastDir = filepath.Join(dir, filepath.FromSlash(lastYM))
		}
		jobs <- job{lastDir, filepath.Join(lastDir, c.RefID+".txt"), c.Text}
	}
	close(jobs)
	wg.Wait()
	st.Elapsed = time.Since(start)
	return st, first
}
