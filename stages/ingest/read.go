package ingest

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/cablewire/cablewire/schemas"
)

// MaxDocumentBytes is the largest document ingest publishes. The longest
// real cables are a few hundred KB; a larger file is rejected with a clear
// error and dead-lettered (by name) rather than held in memory.
const MaxDocumentBytes = 6 << 20

// ErrTooLarge is the reason for a document over MaxDocumentBytes.
var ErrTooLarge = errors.New("document too large")

// ErrUnreadable marks a file that could not be opened or read. Run counts
// such files apart: the load is not complete while one is unreadable.
var ErrUnreadable = errors.New("unreadable")

// Visit is called for each document read. A non-nil bad means the document
// could not be read (too large, unreadable); doc then names it.
type Visit func(doc schemas.Document, bad error) error

// Read reads every document under paths with a default Reader.
func Read(ctx context.Context, paths []string, fn Visit) error {
	return (&Reader{}).Read(ctx, paths, fn)
}

// Reader reads sources: files, directory trees, archives, stdin ("-") and
// pipes. The zero value reads stdin from os.Stdin and counts nothing.
type Reader struct {
	Stdin io.Reader // for "-"; nil means os.Stdin
	Live  *Live     // optional: bytes and documents counted as they are read
	// OnSkip is told of what a tree holds that is not read (FIFOs,
	// devices, sockets, symlinks to directories), with the reason.
	OnSkip func(path, reason string)
	// OnSource is called before each source (a path as given, or a glob's
	// match) is read, with its statistics, which the reader then updates.
	OnSource func(*SourceStats)

	cur       *SourceStats
	minExpand int64 // overrides MinExpandBytes (tests)
}

// Read reads every document under paths (files or directory trees, in
// lexical order; names starting with "." or "_" are skipped inside trees)
// and calls fn. It stops at the first error fn returns or when ctx is
// cancelled. Paths are resolved first (Resolve): a missing path or a glob
// matching nothing fails before anything is read, naming it.
func (r *Reader) Read(ctx context.Context, paths []string, fn Visit) error {
	srcs, err := Resolve(paths)
	if err != nil {
		return err
	}
	for _, src := range srcs {
		if err := r.ReadSource(ctx, src, fn); err != nil {
			return err
		}
	}
	return nil
}

// ReadSource reads one resolved source.
func (r *Reader) ReadSource(ctx context.Context, src *SourceStats, fn Visit) error {
	r.cur = src
	if r.OnSource != nil {
		r.OnSource(src)
	}
	fn = r.counting(fn)
	if src.Path == "-" {
		in := r.Stdin
		if in == nil {
			in = os.Stdin
		}
		return r.readDetected(ctx, "stdin", r.countReader(in), fn)
	}
	if src.Kind == KindStream {
		// Named on the command line (a FIFO such as <(zcat x.gz), or a
		// character device): read as a stream, its format from its content.
		return r.readFile(ctx, src.Path, fn)
	}
	// A trailing separator makes WalkDir follow a root that is a symlink to
	// a directory; inside the tree, symlinks are not followed (loops).
	root := src.Path
	if src.Kind == KindDir {
		root = strings.TrimRight(root, string(os.PathSeparator)) + string(os.PathSeparator)
	}
	return filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return fn(schemas.Document{Source: path, RefID: refHint(path)}, fmt.Errorf("%w: %w", ErrUnreadable, err))
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		name := d.Name()
		if path != root && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if path != root {
			if why := notRegular(path, d); why != "" {
				if r.OnSkip != nil {
					r.OnSkip(path, why)
				}
				return nil
			}
		}
		return r.readFile(ctx, path, fn)
	})
}

// notRegular says why a tree entry is not read, or "" to read it: a FIFO
// would block the load forever, a device may never end, and a symlink to a
// directory may loop.
func notRegular(path string, d fs.DirEntry) string {
	t := d.Type()
	if t&fs.ModeSymlink != 0 {
		fi, err := os.Stat(path)
		if err != nil {
			return "" // a broken link: reading it reports the error, dead-lettered by name
		}
		if fi.IsDir() {
			return "symlink to a directory inside a tree (not followed; name it as an input to read it)"
		}
		t = fi.Mode().Type()
	}
	switch {
	case t.IsRegular():
		return ""
	case t&fs.ModeNamedPipe != 0:
		return "FIFO inside a tree (not read: it could block the load forever; name it as an input to read it)"
	case t&fs.ModeDevice != 0 || t&fs.ModeCharDevice != 0:
		return "device inside a tree (not read)"
	case t&fs.ModeSocket != 0:
		return "socket inside a tree (not read)"
	default:
		return "not a regular file (not read)"
	}
}

// formats by file name.
func formatOf(path string) string {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".html", ".htm":
		return schemas.FormatHTML
	case ".csv":
		return "csv"
	case ".jsonl", ".ndjson", ".json":
		return "jsonl"
	default:
		return schemas.FormatText
	}
}

func (r *Reader) readFile(ctx context.Context, path string, fn Visit) error {
	f, err := os.Open(path)
	if err != nil {
		return fn(schemas.Document{Source: path, RefID: refHint(path)}, fmt.Errorf("%w: %w", ErrUnreadable, err))
	}
	defer f.Close()
	if kind := archiveKind(path); kind != "" {
		return r.readArchive(ctx, path, kind, f, fn)
	}
	if fi, err := f.Stat(); err == nil && !fi.Mode().IsRegular() {
		return r.readDetected(ctx, path, r.countReader(f), fn)
	}
	return r.readStream(ctx, path, r.countReader(f), formatOf(path), fn)
}

func (r *Reader) readStream(ctx context.Context, path string, rd io.Reader, format string, fn Visit) error {
	switch format {
	case "csv":
		return readCSV(ctx, path, rd, fn)
	case "jsonl":
		return readJSONLines(ctx, path, rd, fn)
	}
	body, err := io.ReadAll(io.LimitReader(rd, MaxDocumentBytes+1))
	if err != nil {
		if errors.Is(err, ErrExpandLimit) {
			return err
		}
		return fn(schemas.Document{Source: path, RefID: refHint(path), Format: format}, fmt.Errorf("%w: %w", ErrUnreadable, err))
	}
	doc := schemas.Document{RefID: refHint(path), Format: format, Source: path, Body: body}
	if len(body) > MaxDocumentBytes {
		doc.Body = nil
		return fn(doc, fmt.Errorf("%w: over %d bytes", ErrTooLarge, MaxDocumentBytes))
	}
	doc.Hash = Hash(body)
	return fn(doc, nil)
}

// readCSV reads the full release's cables.csv row by row.
func readCSV(ctx context.Context, path string, r io.Reader, fn Visit) error {
	cr := NewCSVReader(r)
	for {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		rec, line, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		src := fmt.Sprintf("%s:%d", path, line)
		if errors.Is(err, ErrExpandLimit) {
			return err
		}
		if err != nil {
			if ferr := fn(schemas.Document{Source: src, Format: schemas.FormatJSON}, err); ferr != nil {
				return ferr
			}
			if errors.Is(err, ErrTooLarge) {
				continue // the reader skipped to the next row
			}
			return nil // a broken csv cannot be resynchronised
		}
		body, _ := json.Marshal(rec)
		doc := schemas.Document{RefID: rec.RefID, Format: schemas.FormatJSON, Source: src, Body: body, Hash: Hash(body)}
		if err := fn(doc, nil); err != nil {
			return err
		}
	}
}

// readJSONLines reads one JSON object per line; each is published as is and
// judged by the parser.
func readJSONLines(ctx context.Context, path string, r io.Reader, fn Visit) error {
	br := bufio.NewReaderSize(r, 1<<20)
	for line := 1; ; line++ {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		b, err := readLine(br, MaxDocumentBytes)
		if len(b) == 0 && err == io.EOF {
			return nil
		}
		src := fmt.Sprintf("%s:%d", path, line)
		var ferr error
		switch {
		case errors.Is(err, ErrExpandLimit):
			return err
		case errors.Is(err, ErrTooLarge):
			ferr = fn(schemas.Document{Source: src, Format: schemas.FormatJSON}, err)
		case err != nil && err != io.EOF:
			return fn(schemas.Document{Source: src, Format: schemas.FormatJSON}, fmt.Errorf("%w: %w", ErrUnreadable, err))
		case len(strings.TrimSpace(string(b))) == 0:
			continue
		default:
			var hint struct {
				RefID string `json:"ref_id"`
			}
			_ = json.Unmarshal(b, &hint)
			ferr = fn(schemas.Document{RefID: hint.RefID, Format: schemas.FormatJSON, Source: src, Body: b, Hash: Hash(b)}, nil)
		}
		if ferr != nil {
			return ferr
		}
		if err == io.EOF {
			return nil
		}
	}
}

// readLine reads one line without its end; a line over limit is skipped to
// its end and reported as ErrTooLarge.
func readLine(br *bufio.Reader, limit int) ([]byte, error) {
	var out []byte
	for {
		frag, err := br.ReadSlice('\n')
		if len(out)+len(frag) > limit {
			for errors.Is(err, bufio.ErrBufferFull) {
				_, err = br.ReadSlice('\n')
			}
			if err == io.EOF {
				err = nil
			}
			return nil, errors.Join(ErrTooLarge, err)
		}
		out = append(out, frag...)
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		return []byte(strings.TrimRight(string(out), "\r\n")), err
	}
}

// refHint is the reference id a file name suggests: cablegate pages and
// PlusD files are named after their cable.
func refHint(path string) string {
	if _, member, ok := strings.Cut(path, MemberSep); ok {
		path = member
	}
	base := filepath.Base(path)
	return strings.TrimSuffix(base, filepath.Ext(base))
}

// Hash is the content hash in message ids: 16 bytes of SHA-256, in hex.
func Hash(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:16])
}
