package ingest

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cablewire/cablewire/schemas"
)

func TestDetect(t *testing.T) {
	var gz bytes.Buffer
	w := gzip.NewWriter(&gz)
	w.Write([]byte("x"))
	w.Close()
	tarHead := make([]byte, 512)
	copy(tarHead[257:], "ustar")
	for _, tc := range []struct {
		name, head, want string
	}{
		{"csv row", row("1", "12/28/1966 18:48", "66X1", "o", "c", "", "h", "b"), DetectCSV},
		{"csv unquoted id", `125,"12/28/1966 18:48","66X1"`, DetectCSV},
		{"json lines", "\n  {\"ref_id\":\"09X1\"}\n{}", DetectJSONL},
		{"json with BOM", "\xef\xbb\xbf{\"text\":\"t\"}", DetectJSONL},
		{"gzip", gz.String(), DetectGzip},
		{"zstd", "\x28\xb5\x2f\xfdrest", DetectZstd},
		{"zip", "PK\x03\x04rest", DetectRandom},
		{"7z", "7z\xbc\xaf\x27\x1crest", DetectRandom},
		{"tar", string(tarHead), DetectTar},
		{"a cable", "UNCLASSIFIED\nSUBJECT: X\n1. text, 12/28/1966", DetectDocument},
		{"html", "<html><body>x</body></html>", DetectDocument},
		{"empty", "", DetectDocument},
	} {
		if got := Detect([]byte(tc.head)); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestStdinByContent(t *testing.T) {
	csv := ""
	for i := range 200 {
		csv += row("1", "12/28/1966 18:48", "66X"+string(rune('A'+i%26))+strings.Repeat("1", i/26+1), "o", "UNCLASSIFIED", "", "h", "body\nline")
	}
	var gzCSV bytes.Buffer
	gw := gzip.NewWriter(&gzCSV)
	gw.Write([]byte(csv))
	gw.Close()
	for _, tc := range []struct {
		name, in string
		docs     int
		format   string
	}{
		{"csv", csv, 200, schemas.FormatRecord},
		{"gzipped csv", gzCSV.String(), 200, schemas.FormatRecord},
		{"json lines", `{"ref_id":"09X1","text":"t"}` + "\n" + `{"ref_id":"09X2","text":"u"}` + "\n", 2, schemas.FormatJSON},
		{"one cable", "UNCLASSIFIED\nSUBJECT: ONE\n1. (U) Text.\n", 1, schemas.FormatText},
		{"one page", "<html><body>x</body></html>", 1, schemas.FormatHTML},
	} {
		t.Run(tc.name, func(t *testing.T) {
			live := &Live{}
			r := &Reader{Stdin: strings.NewReader(tc.in), Live: live}
			n := 0
			err := r.Read(context.Background(), []string{"-"}, func(d schemas.Document, bad error) error {
				if bad != nil {
					t.Errorf("%s: %v", d.Source, bad)
				}
				if d.Format != tc.format || !strings.HasPrefix(d.Source, "stdin") {
					t.Errorf("document %d: format %q source %q", n, d.Format, d.Source)
				}
				n++
				return nil
			})
			if err != nil || n != tc.docs {
				t.Fatalf("%d documents (%v), want %d", n, err, tc.docs)
			}
			if live.Bytes.Load() != int64(len(tc.in)) || live.Read.Load() != int64(n) {
				t.Errorf("counted %d bytes and %d documents, want %d and %d", live.Bytes.Load(), live.Read.Load(), len(tc.in), n)
			}
		})
	}
}

func TestTreeSkipsFIFOAndReadsSymlinkedRoot(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real")
	os.MkdirAll(real, 0o755)
	os.WriteFile(filepath.Join(real, "07X1.txt"), []byte("a cable"), 0o644)
	if err := syscall.Mkfifo(filepath.Join(real, "pipe.txt"), 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	os.Symlink(dir, filepath.Join(real, "loop")) // a symlink loop inside the tree
	link := filepath.Join(dir, "link")
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	skipped := map[string]string{}
	r := &Reader{OnSkip: func(p, why string) { skipped[filepath.Base(p)] = why }}
	done := make(chan []string)
	go func() {
		var refs []string
		err := r.Read(context.Background(), []string{link}, func(d schemas.Document, bad error) error {
			if bad != nil {
				t.Errorf("%s: %v", d.Source, bad)
			}
			refs = append(refs, d.RefID)
			return nil
		})
		if err != nil {
			t.Error(err)
		}
		done <- refs
	}()
	select {
	case refs := <-done:
		if len(refs) != 1 || refs[0] != "07X1" {
			t.Errorf("read %v, want the one cable through the symlinked root", refs)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("reading a tree with a FIFO did not finish")
	}
	if !strings.Contains(skipped["pipe.txt"], "FIFO") {
		t.Errorf("FIFO: %q", skipped["pipe.txt"])
	}
	if !strings.Contains(skipped["loop"], "symlink to a directory") {
		t.Errorf("loop: %q", skipped["loop"])
	}
}

func TestResolveNamesMissingPaths(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"a.csv", "b.csv", "c.txt"} {
		os.WriteFile(filepath.Join(dir, n), []byte("x"), 0o644)
	}
	srcs, err := Resolve([]string{filepath.Join(dir, "*.csv"), "-"})
	if err != nil || len(srcs) != 3 || srcs[0].Kind != KindFile || srcs[2].Kind != KindStdin {
		t.Fatalf("glob: %+v %v", srcs, err)
	}
	missing := filepath.Join(dir, "nothere")
	_, err = Resolve([]string{missing, filepath.Join(dir, "*.zip")})
	if !errors.Is(err, ErrSource) || !strings.Contains(err.Error(), missing) || !strings.Contains(err.Error(), "*.zip: no file matches") {
		t.Errorf("missing: %v", err)
	}
}
