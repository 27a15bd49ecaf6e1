package ingest

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"

	"github.com/cablewire/cablewire/pipeline"
	"github.com/cablewire/cablewire/schemas"
)

// Kinds of source.
const (
	KindFile    = "file"
	KindDir     = "directory"
	KindArchive = "archive"
	KindStdin   = "stdin"
	KindStream  = "stream" // a FIFO or device named as an input: read to its end
)

// ErrSource is the error for an input that cannot be read at all: a path
// that does not exist, a glob matching nothing. Its message names the path.
var ErrSource = errors.New("input")

// SourceStats is one input as resolved, and what was read from it. Bytes
// counts bytes read from disk (compressed bytes for an archive); the
// counters are updated while the source is read.
type SourceStats struct {
	Path      string // as given, or a glob's match
	Kind      string
	Size      int64 // total bytes on disk, when known (0 for stdin and streams)
	Bytes     atomic.Int64
	Documents atomic.Int64
}

// Live counts a load while it runs, for progress reports.
type Live struct {
	Bytes atomic.Int64 // input bytes read
	Total atomic.Int64 // the inputs' size on disk, when known (0: unknown)
	Read  atomic.Int64 // documents read
	// ReadDone is set once every source is read.
	ReadDone atomic.Bool
	// DeadLettered counts documents dead-lettered at ingest.
	DeadLettered atomic.Int64
	pub          atomic.Pointer[pipeline.Publisher]
}

// Duplicates counts documents the broker dropped as already loaded, so far.
func (l *Live) Duplicates() int64 {
	if p := l.pub.Load(); p != nil {
		return p.Duplicates()
	}
	return 0
}

// Resolve expands paths into sources: "-" is stdin; a path that does not
// exist but holds a glob pattern is expanded (in lexical order). A missing
// path, or a glob that matches nothing, is an ErrSource naming it. Size is
// the sum of regular files' sizes below a directory.
func Resolve(paths []string) ([]*SourceStats, error) {
	var out []*SourceStats
	var missing []error
	for _, p := range paths {
		if p == "-" {
			out = append(out, &SourceStats{Path: "-", Kind: KindStdin})
			continue
		}
		matches := []string{p}
		if _, err := os.Lstat(p); err != nil && strings.ContainsAny(p, "*?[") {
			m, gerr := filepath.Glob(p)
			if gerr != nil {
				missing = append(missing, fmt.Errorf("%w %s: bad pattern: %v", ErrSource, p, gerr))
				continue
			}
			if len(m) == 0 {
				missing = append(missing, fmt.Errorf("%w %s: no file matches the pattern", ErrSource, p))
				continue
			}
			matches = m
		}
		for _, m := range matches {
			s, err := resolveOne(m)
			if err != nil {
				missing = append(missing, err)
				continue
			}
			out = append(out, s)
		}
	}
	return out, errors.Join(missing...)
}

func resolveOne(p string) (*SourceStats, error) {
	fi, err := os.Stat(p) // follows a symlink: a link to a directory is read as one
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("%w %s: %v", ErrSource, p, err)
	}
	s := &SourceStats{Path: p}
	switch {
	case fi.IsDir():
		s.Kind = KindDir
		s.Size = treeSize(p)
	case !fi.Mode().IsRegular():
		s.Kind = KindStream
	case archiveKind(p) != "":
		s.Kind, s.Size = KindArchive, fi.Size()
	default:
		s.Kind, s.Size = KindFile, fi.Size()
	}
	return s, nil
}

// treeSize is what a tree's read will count: regular files not hidden.
func treeSize(root string) int64 {
	var n int64
	root = strings.TrimRight(root, string(os.PathSeparator)) + string(os.PathSeparator)
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if path != root && (strings.HasPrefix(d.Name(), ".") || strings.HasPrefix(d.Name(), "_")) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() {
			if fi, err := d.Info(); err == nil {
				n += fi.Size()
			}
		}
		return nil
	})
	return n
}

// counting wraps fn to count documents in the current source and Live.
func (r *Reader) counting(fn Visit) Visit {
	return func(doc schemas.Document, bad error) error {
		if r.cur != nil {
			r.cur.Documents.Add(1)
		}
		if r.Live != nil {
			r.Live.Read.Add(1)
		}
		return fn(doc, bad)
	}
}

// countReader counts bytes read from rd in the current source and Live.
func (r *Reader) countReader(rd io.Reader) io.Reader {
	return &countingReader{r: rd, src: r.cur, live: r.Live}
}

type countingReader struct {
	r    io.Reader
	src  *SourceStats
	live *Live
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.add(n)
	return n, err
}

func (c *countingReader) add(n int) {
	if n <= 0 {
		return
	}
	if c.src != nil {
		c.src.Bytes.Add(int64(n))
	}
	if c.live != nil {
		c.live.Bytes.Add(int64(n))
	}
}

// countingReaderAt counts bytes read through ReadAt (zip and 7z archives
// are read by offset). Bytes read twice count twice; the count can exceed
// the file's size slightly.
type countingReaderAt struct {
	r io.ReaderAt
	c *countingReader
}

func (c countingReaderAt) ReadAt(p []byte, off int64) (int, error) {
	n, err := c.r.ReadAt(p, off)
	c.c.add(n)
	return n, err
}
