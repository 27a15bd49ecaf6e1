package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/klauspost/compress/zstd"

	"github.com/cablewire/cablewire/stages/synth"
)

// generateCSV writes n synthetic cables as a cables.csv file and returns
// what the generator says each is.
func generateCSV(t *testing.T, path string, n int, seed int64) map[string]expected {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := synth.WriteCSV(context.Background(), synth.New(synth.Options{Count: n, Seed: seed}), f); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return expectedOf(n, seed)
}

func expectedOf(n int, seed int64) map[string]expected {
	want := map[string]expected{}
	g := synth.New(synth.Options{Count: n, Seed: seed})
	for c, ok := g.Next(); ok; c, ok = g.Next() {
		cls, _, _ := strings.Cut(c.Classification, "//")
		want[c.RefID] = expected{c.Created.UTC(), cls}
	}
	return want
}

// packDir writes every file under dir into an archive at path, of the kind
// its name says; .7z needs the 7z command (.ci/run installs it).
func packDir(t *testing.T, dir, path string) {
	t.Helper()
	var files []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			rel, _ := filepath.Rel(dir, p)
			files = append(files, rel)
		}
		return nil
	})
	var buf bytes.Buffer
	writeTar := func(w io.Writer) {
		tw := tar.NewWriter(w)
		for _, rel := range files {
			b, _ := os.ReadFile(filepath.Join(dir, rel))
			tw.WriteHeader(&tar.Header{Name: rel, Mode: 0o644, Size: int64(len(b)), Typeflag: tar.TypeReg})
			tw.Write(b)
		}
		tw.Close()
	}
	switch {
	case strings.HasSuffix(path, ".zip"):
		zw := zip.NewWriter(&buf)
		for _, rel := range files {
			b, _ := os.ReadFile(filepath.Join(dir, rel))
			w, _ := zw.Create(rel)
			w.Write(b)
		}
		zw.Close()
	case strings.HasSuffix(path, ".tar.gz"):
		gz := gzip.NewWriter(&buf)
		writeTar(gz)
		gz.Close()
	case strings.HasSuffix(path, ".tar.zst"):
		zw, _ := zstd.NewWriter(&buf)
		writeTar(zw)
		zw.Close()
	case strings.HasSuffix(path, ".7z"):
		var bin string
		for _, b := range []string{"7zz", "7z", "7za"} {
			if p, err := exec.LookPath(b); err == nil {
				bin = p
				break
			}
		}
		if bin == "" {
			t.Skip("no 7z command (7zz, 7z or 7za; .ci/run installs Debian's 7zip) to make a .7z archive")
		}
		cmd := exec.Command(bin, "a", "-bd", "-y", path, ".")
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("7z: %v\n%s", err, out)
		}
		return
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

var sqlBin struct {
	once sync.Once
	path string
	err  error
	out  []byte
}

// duckdb runs a query on a warehouse with cmd/cablewire-sql (DuckDB, an
// independent reader) and returns its csv output.
func duckdb(t *testing.T, wh, q string) string {
	t.Helper()
	sqlBin.once.Do(func() {
		dir, _ := os.MkdirTemp("", "cablewire-sql")
		sqlBin.path = filepath.Join(dir, "cablewire-sql")
		sqlBin.out, sqlBin.err = exec.Command("go", "build", "-o", sqlBin.path, "../cablewire-sql").CombinedOutput()
	})
	if sqlBin.err != nil {
		t.Skipf("DuckDB check skipped: cannot build cablewire-sql (needs cgo): %v\n%s", sqlBin.err, sqlBin.out)
	}
	out, err := exec.Command(sqlBin.path, "--warehouse", wh, "--format", "csv", q).CombinedOutput()
	if err != nil {
		t.Fatalf("duckdb: %v\n%s", err, out)
	}
	return string(out)
}

// contentQuery is a warehouse's content, independent of where cables were
// read from: what a load of the same cables must reproduce.
const contentQuery = `SELECT ref_id, version, created, classification, subject, paragraph_count, entity_count, md5(body) AS body
FROM cables ORDER BY ref_id, version`

func TestLoadArchivesSameAsUnpacked(t *testing.T) {
	if testing.Short() {
		t.Skip("five loads")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	want := generate(t, filepath.Join(in, "tree"), 60, 41)
	for ref, e := range generateCSV(t, filepath.Join(in, "cables.csv"), 40, 42) {
		want[ref] = e
	}
	if len(want) != 100 {
		t.Fatalf("%d distinct generated cables, want 100", len(want))
	}
	load := func(src string) (string, jsonSummary) {
		wh := filepath.Join(t.TempDir(), "wh")
		sum := filepath.Join(t.TempDir(), "summary.json")
		code, out, errs := runCLI(context.Background(), "load", src, "--warehouse", wh, "--data", t.TempDir(), "--summary-json", sum, "--progress", "none")
		if code != 0 {
			t.Fatalf("load %s: exit %d\n%s\n%s", src, code, out, errs)
		}
		checkExactlyOnce(t, wh, want)
		var js jsonSummary
		b, _ := os.ReadFile(sum)
		if err := json.Unmarshal(b, &js); err != nil {
			t.Fatalf("summary: %v\n%s", err, b)
		}
		return duckdb(t, wh, contentQuery), js
	}
	unpacked, _ := load(in)
	if strings.Count(unpacked, "\n") < 100 {
		t.Fatalf("DuckDB found too little:\n%s", unpacked)
	}
	for _, name := range []string{"dump.zip", "dump.tar.gz", "dump.tar.zst", "dump.7z"} {
		t.Run(name, func(t *testing.T) {
			p := filepath.Join(dir, name)
			packDir(t, in, p)
			got, js := load(p)
			if got != unpacked {
				t.Errorf("warehouse from %s differs from the unpacked load", name)
			}
			if len(js.Sources) != 1 || js.Sources[0].Kind != "archive" || js.Sources[0].BytesRead < js.Sources[0].SizeBytes/2 || js.Sources[0].Documents != 100 {
				t.Errorf("sources %+v", js.Sources)
			}
			// Each cable's source names the archive and the member.
			n := duckdb(t, js.Warehouse, "SELECT count(*) FROM cables WHERE starts_with(source, '"+p+"!')")
			if !strings.Contains(n, "\n100") {
				t.Errorf("cables whose source is %s!MEMBER: %s", p, n)
			}
		})
	}
}

// On a pipe or in a log, a load prints plain progress lines, the last when
// it ends, however short it is.
func TestProgressLinesEndWithTheLoad(t *testing.T) {
	in, wh := t.TempDir(), t.TempDir()
	generate(t, in, 20, 99)
	code, out, errs := runCLI(context.Background(), "load", in, "--warehouse", wh, "--data", t.TempDir(), "--progress", "lines")
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errs)
	}
	lines := strings.Split(strings.TrimSpace(errs), "\n")
	last := ""
	for _, l := range lines {
		if strings.HasPrefix(l, "progress: ") {
			last = l
		}
	}
	if !strings.Contains(last, "read 20") || !strings.Contains(last, "committed 20") {
		t.Errorf("last progress line %q, want 20 read and committed; stderr:\n%s", last, errs)
	}
}
