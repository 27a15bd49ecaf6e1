package ingest

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/klauspost/compress/zstd"

	"github.com/cablewire/cablewire/schemas"
)

// tree is a small input tree: a text cable, an HTML page and a two-row csv.
var tree = map[string]string{
	"2007/07MOSCOW4849.txt": "UNCLASSIFIED\nSUBJECT: AN INVENTED CABLE\n1. (U) Text.\n",
	"pages/08PARIS12.html":  "<html><body><pre>CONFIDENTIAL\nSUBJECT: INVENTED</pre></body></html>",
	"cables.csv":            row("1", "12/28/1966 18:48", "66X1", "o", "UNCLASSIFIED", "", "h", "b") + row("2", "12/29/1966 10:00", "66X2", "o", "SECRET", "", "h", "c"),
	"lines/more.jsonl":      `{"ref_id":"09X1","text":"t"}` + "\n",
}

func writeTree(t *testing.T, dir string) {
	t.Helper()
	for name, body := range tree {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func sortedNames() []string {
	var names []string
	for n := range tree {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func writeTar(t *testing.T, w io.Writer) {
	tw := tar.NewWriter(w)
	for _, n := range sortedNames() {
		if err := tw.WriteHeader(&tar.Header{Name: n, Mode: 0o644, Size: int64(len(tree[n])), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		tw.Write([]byte(tree[n]))
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
}

// makeArchive writes the tree as an archive of the kind its name says.
func makeArchive(t *testing.T, path string) {
	t.Helper()
	var buf bytes.Buffer
	switch archiveKind(path) {
	case archZip:
		zw := zip.NewWriter(&buf)
		for _, n := range sortedNames() {
			w, _ := zw.Create(n)
			w.Write([]byte(tree[n]))
		}
		zw.Close()
	case archTar:
		writeTar(t, &buf)
	case archTgz:
		gz := gzip.NewWriter(&buf)
		writeTar(t, gz)
		gz.Close()
	case archTzst:
		zw, _ := zstd.NewWriter(&buf)
		writeTar(t, zw)
		zw.Close()
	case arch7z:
		bin := sevenZip()
		if bin == "" {
			t.Skip("no 7z command (7zz, 7z or 7za; .ci/run installs Debian's 7zip) to make a .7z archive")
		}
		src := t.TempDir()
		writeTree(t, src)
		cmd := exec.Command(bin, "a", "-bd", "-y", path, ".")
		cmd.Dir = src
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s", bin, err, out)
		}
		return
	default:
		t.Fatalf("no archive kind for %s", path)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func sevenZip() string {
	for _, b := range []string{"7zz", "7z", "7za"} {
		if p, err := exec.LookPath(b); err == nil {
			return p
		}
	}
	return ""
}

// docKey is what a document is, apart from where it was read.
type docKey struct{ ref, format, hash, member string }

func readAll(t *testing.T, r *Reader, path string, strip string) []docKey {
	t.Helper()
	var out []docKey
	err := r.Read(context.Background(), []string{path}, func(d schemas.Document, bad error) error {
		if bad != nil {
			t.Errorf("%s: %v", d.Source, bad)
			return nil
		}
		member := strings.TrimPrefix(strings.TrimPrefix(d.Source, strip), "/")
		out = append(out, docKey{d.RefID, d.Format, d.Hash, member})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].member < out[j].member })
	return out
}

func TestArchivesReadAsTheTree(t *testing.T) {
	dir := t.TempDir()
	unpacked := filepath.Join(dir, "tree")
	writeTree(t, unpacked)
	want := readAll(t, &Reader{}, unpacked, unpacked)
	if len(want) != 5 {
		t.Fatalf("tree: %d documents, want 5", len(want))
	}
	for _, name := range []string{"dump.zip", "dump.tar", "dump.tar.gz", "dump.tgz", "dump.tar.zst", "dump.7z"} {
		t.Run(name, func(t *testing.T) {
			p := filepath.Join(dir, name)
			makeArchive(t, p)
			var src SourceStats
			r := &Reader{OnSource: func(s *SourceStats) { src = SourceStats{Path: s.Path, Kind: s.Kind, Size: s.Size} }}
			got := readAll(t, r, p, p+MemberSep)
			if len(got) != len(want) {
				t.Fatalf("%d documents, want %d: %+v", len(got), len(want), got)
			}
			for i := range want {
				if got[i] != want[i] {
					t.Errorf("document %d: %+v, unpacked %+v", i, got[i], want[i])
				}
			}
			if src.Kind != KindArchive {
				t.Errorf("kind %q", src.Kind)
			}
		})
	}
}

func TestArchiveBombStopsAtTheLimit(t *testing.T) {
	p := filepath.Join(t.TempDir(), "bomb.zip")
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("zeros.txt")
	w.Write(make([]byte, 4<<20)) // 4 MiB of zeros: a few KB compressed
	w, _ = zw.Create("after.txt")
	w.Write([]byte("never read"))
	zw.Close()
	os.WriteFile(p, buf.Bytes(), 0o644)

	r := &Reader{minExpand: 1 << 20} // the limit: 1 MiB, or 100x the archive
	var bad []error
	var docs int
	err := r.Read(context.Background(), []string{p}, func(d schemas.Document, err error) error {
		docs++
		if err != nil {
			bad = append(bad, err)
			if !strings.Contains(d.Source, "bomb.zip!zeros.txt") {
				t.Errorf("bomb reported as %q", d.Source)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(bad) != 1 || !errors.Is(bad[0], ErrExpandLimit) || !errors.Is(bad[0], ErrUnreadable) {
		t.Fatalf("errors %v, want one ErrExpandLimit", bad)
	}
	if docs != 1 {
		t.Errorf("%d documents reported: the archive must stop at the limit", docs)
	}
}
