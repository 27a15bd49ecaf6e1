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

// MaxDocumentBytes is the largest document ingest publishes
// (schemas.MaxDocumentBytes): a larger file is rejected with a clear
// error and dead-lettered (by name) rather than held in memory.
const MaxDocumentBytes = schemas.MaxDocumentBytes

// ErrTooLarge is the reason for a document over MaxDocumentBytes.
var ErrTooLarge = schemas.ErrTooLarge

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

	// Checkpoints, when set, lets a csv or JSON-lines file resume where an
	// earlier load of the same file had everything committed.
	Checkpoints *Checkpoints

	cur       *SourceStats
	minExpand int64 // overrides MinExpandBytes (tests)
	rec       *recordPos
	resumed   int64 // records skipped thanks to checkpoints
}

// recordPos is where the record being visited lies in a checkpointed
// source; nil for others.
type recordPos struct {
	t    *tracker
	n    int64 // record index in the source
	end  int64 // byte offset after it
	line int   // line after it
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
	fi, err := f.Stat()
	if err == nil && !fi.Mode().IsRegular() {
		return r.readDetected(ctx, path, r.countReader(f), fn)
	}
	format := formatOf(path)
	if r.Checkpoints != nil && (format == "csv" || format == "jsonl") {
		return r.readCheckpointed(ctx, path, f, format, fn)
	}
	return r.readStream(ctx, path, r.countReader(f), format, fn)
}

// readCheckpointed reads a csv or JSON-lines file from where its
// checkpoint says every record before is committed.
func (r *Reader) readCheckpointed(ctx context.Context, path string, f *os.File, format string, fn Visit) error {
	t, err := r.Checkpoints.begin(path, f)
	if err != nil {
		return fn(schemas.Document{Source: path, RefID: refHint(path)}, fmt.Errorf("%w: %w", ErrUnreadable, err))
	}
	if _, err := f.Seek(t.cp.Offset, io.SeekStart); err != nil {
		return fn(schemas.Document{Source: path, RefID: refHint(path)}, fmt.Errorf("%w: %w", ErrUnreadable, err))
	}
	r.resumed += t.cp.Records
	if r.Live != nil {
		r.Live.Total.Add(-t.cp.Offset)
	}
	pos := &recordPos{t: t, n: t.cp.Records}
	defer func() { r.rec = nil }()
	var rerr error
	if format == "csv" {
		rerr = readCSVFrom(ctx, path, r.countReader(f), t.cp.Line, t.cp.Offset, fn, func(end int64, line int) {
			pos.end, pos.line = end, line
			r.rec = pos
		}, func() { pos.n++ })
	} else {
		rerr = readJSONLinesFrom(ctx, path, r.countReader(f), t.cp.Line, t.cp.Offset, fn, func(end int64, line int) {
			pos.end, pos.line = end, line
			r.rec = pos
		}, func() { pos.n++ })
	}
	if rerr == nil && ctx.Err() == nil {
		t.readToEnd(r.Checkpoints)
	}
	return rerr
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
	return readCSVFrom(ctx, path, r, 1, 0, fn, nil, nil)
}

// readCSVFrom reads csv rows from r, which starts at a row boundary on
// line, at byte offset base of the file. Before each visit, at(end, line)
// is told where the row ends; after it, next() is called (both optional).
func readCSVFrom(ctx context.Context, path string, r io.Reader, line int, base int64, fn Visit, at func(int64, int), next func()) error {
	cr := NewCSVReaderAt(r, line)
	visit := func(doc schemas.Document, bad error) error {
		if at != nil {
			at(base+cr.Offset(), cr.Line())
		}
		err := fn(doc, bad)
		if next != nil {
			next()
		}
		return err
	}
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
		if err != nil && !errors.Is(err, ErrTooLarge) && !errors.Is(err, ErrCSV) {
			return visit(schemas.Document{Source: src, Format: schemas.FormatRecord}, fmt.Errorf("%w: %w", ErrUnreadable, err))
		}
		if err != nil {
			// The reader is at the next row's start: the bad span is
			// dead-lettered with its lines, and reading goes on.
			if errors.Is(err, ErrCSV) {
				src = fmt.Sprintf("%s:%d-%d", path, line, cr.Line()-1)
			}
			if ferr := visit(schemas.Document{Source: src, Format: schemas.FormatRecord}, err); ferr != nil {
				return ferr
			}
			continue
		}
		doc := schemas.Document{RefID: rec.RefID, Format: schemas.FormatRecord, Source: src,
			Body: rec.AppendBinary(make([]byte, 0, rec.BinarySize())), Hash: recordHash(&rec)}
		if err := visit(doc, nil); err != nil {
			return err
		}
	}
}

// readJSONLines reads one JSON object per line; each is published as is and
// judged by the parser.
func readJSONLines(ctx context.Context, path string, r io.Reader, fn Visit) error {
	return readJSONLinesFrom(ctx, path, r, 1, 0, fn, nil, nil)
}

// readJSONLinesFrom is readJSONLines from a line boundary at byte offset
// base, on line; at and next as for readCSVFrom.
func readJSONLinesFrom(ctx context.Context, path string, r io.Reader, line int, base int64, fn Visit, at func(int64, int), next func()) error {
	br := bufio.NewReaderSize(r, 1<<20)
	off := base
	for ; ; line++ {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		b, n, err := readLine(br, MaxDocumentBytes)
		off += int64(n)
		if len(b) == 0 && err == io.EOF {
			return nil
		}
		src := fmt.Sprintf("%s:%d", path, line)
		visit := func(doc schemas.Document, bad error) error {
			if at != nil {
				at(off, line+1)
			}
			err := fn(doc, bad)
			if next != nil {
				next()
			}
			return err
		}
		var ferr error
		switch {
		case errors.Is(err, ErrExpandLimit):
			return err
		case errors.Is(err, ErrTooLarge):
			ferr = visit(schemas.Document{Source: src, Format: schemas.FormatJSON}, err)
		case err != nil && err != io.EOF:
			return visit(schemas.Document{Source: src, Format: schemas.FormatJSON}, fmt.Errorf("%w: %w", ErrUnreadable, err))
		case len(strings.TrimSpace(string(b))) == 0:
			continue
		default:
			var hint struct {
				RefID string `json:"ref_id"`
			}
			_ = json.Unmarshal(b, &hint)
			ferr = visit(schemas.Document{RefID: hint.RefID, Format: schemas.FormatJSON, Source: src, Body: b, Hash: Hash(b)}, nil)
		}
		if ferr != nil {
			return ferr
		}
		if err == io.EOF {
			return nil
		}
	}
}

// readLine reads one line without its end, and how many bytes it took; a
// line over limit is skipped to its end and reported as ErrTooLarge.
func readLine(br *bufio.Reader, limit int) ([]byte, int, error) {
	var out []byte
	n := 0
	for {
		frag, err := br.ReadSlice('\n')
		n += len(frag)
		if len(out)+len(frag) > limit {
			for errors.Is(err, bufio.ErrBufferFull) {
				frag, err = br.ReadSlice('\n')
				n += len(frag)
			}
			if err == io.EOF {
				err = nil
			}
			return nil, n, errors.Join(ErrTooLarge, err)
		}
		out = append(out, frag...)
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		return []byte(strings.TrimRight(string(out), "\r\n")), n, err
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

// recordHash is a csv row's content hash. It is the hash of the row's
// JSON form, which is what ingest published before it published the
// binary form: a row loaded by either release has the same hash, so the
// warehouse knows it unchanged. The JSON is made for the hash only.
func recordHash(rec *schemas.SourceRecord) string {
	b, _ := json.Marshal(rec) // a struct of strings and an int: never fails
	return Hash(b)
}

// Hash is the content hash in message ids: 16 bytes of SHA-256, in hex.
func Hash(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:16])
}
