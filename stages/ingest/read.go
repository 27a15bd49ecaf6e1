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

// Visit is called for each document read. A non-nil bad means the document
// could not be read (too large, unreadable); doc then names it.
type Visit func(doc schemas.Document, bad error) error

// Read reads every document under paths (files or directory trees, in
// lexical order; names starting with "." or "_" are skipped) and calls fn.
// It stops at the first error fn returns or when ctx is cancelled.
func Read(ctx context.Context, paths []string, fn Visit) error {
	for _, root := range paths {
		if root == "-" {
			if err := readStream(ctx, "stdin", os.Stdin, formatOf("stdin.txt"), fn); err != nil {
				return err
			}
			continue
		}
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return fn(schemas.Document{Source: path, RefID: refHint(path)}, err)
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
			return readFile(ctx, path, fn)
		})
		if err != nil {
			return err
		}
	}
	return nil
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

func readFile(ctx context.Context, path string, fn Visit) error {
	f, err := os.Open(path)
	if err != nil {
		return fn(schemas.Document{Source: path, RefID: refHint(path)}, err)
	}
	defer f.Close()
	return readStream(ctx, path, f, formatOf(path), fn)
}

func readStream(ctx context.Context, path string, r io.Reader, format string, fn Visit) error {
	switch format {
	case "csv":
		return readCSV(ctx, path, r, fn)
	case "jsonl":
		return readJSONLines(ctx, path, r, fn)
	}
	body, err := io.ReadAll(io.LimitReader(r, MaxDocumentBytes+1))
	if err != nil {
		return fn(schemas.Document{Source: path, RefID: refHint(path), Format: format}, err)
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
		case errors.Is(err, ErrTooLarge):
			ferr = fn(schemas.Document{Source: src, Format: schemas.FormatJSON}, err)
		case err != nil && err != io.EOF:
			return fn(schemas.Document{Source: src, Format: schemas.FormatJSON}, err)
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
	base := filepath.Base(path)
	return strings.TrimSuffix(base, filepath.Ext(base))
}

// Hash is the content hash in message ids: 16 bytes of SHA-256, in hex.
func Hash(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:16])
}
