package ingest

import (
	"archive/tar"
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"regexp"

	"github.com/klauspost/compress/zstd"

	"github.com/cablewire/cablewire/schemas"
)

// Stream formats that Detect tells apart.
const (
	DetectCSV      = "csv"      // the release's cables.csv rows
	DetectJSONL    = "jsonl"    // one JSON object a line
	DetectGzip     = "gzip"     // decompressed, then detected again
	DetectZstd     = "zstd"     // decompressed, then detected again
	DetectTar      = "tar"      // members read by name
	DetectRandom   = "seekable" // zip or 7z: they need random access, not a stream
	DetectDocument = "document" // one cable (text or HTML)
)

// csvRowStart is how a cables.csv row begins: a numeric id, then a quoted
// date, quoted or not.
var csvRowStart = regexp.MustCompile(`^"?[0-9]+"?,"?[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}`)

// Detect says what a stream holds from its first bytes (at least 512, or
// all of a shorter stream).
func Detect(head []byte) string {
	switch {
	case bytes.HasPrefix(head, []byte{0x1f, 0x8b}):
		return DetectGzip
	case bytes.HasPrefix(head, []byte{0x28, 0xb5, 0x2f, 0xfd}):
		return DetectZstd
	case bytes.HasPrefix(head, []byte("PK\x03\x04")), bytes.HasPrefix(head, []byte("7z\xbc\xaf\x27\x1c")):
		return DetectRandom
	case len(head) >= 262 && string(head[257:262]) == "ustar":
		return DetectTar
	}
	t := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	switch {
	case len(t) > 0 && t[0] == '{':
		return DetectJSONL
	case csvRowStart.Match(t):
		return DetectCSV
	}
	return DetectDocument
}

// readDetected reads a stream whose name says nothing of its format (stdin,
// a FIFO): csv rows, JSON lines, a compressed or tar stream, or else one
// document, never more than MaxDocumentBytes.
func (r *Reader) readDetected(ctx context.Context, name string, rd io.Reader, fn Visit) error {
	return r.readDetectedDepth(ctx, name, rd, fn, 0)
}

func (r *Reader) readDetectedDepth(ctx context.Context, name string, rd io.Reader, fn Visit, depth int) error {
	br := bufio.NewReaderSize(rd, 64<<10)
	head, _ := br.Peek(512)
	kind := Detect(head)
	if depth > 0 && (kind == DetectGzip || kind == DetectZstd) {
		kind = DetectDocument // a compressed stream inside one: not unpacked twice
	}
	switch kind {
	case DetectCSV:
		return readCSV(ctx, name, br, fn)
	case DetectJSONL:
		return readJSONLines(ctx, name, br, fn)
	case DetectGzip, DetectZstd:
		var zr io.Reader
		if kind == DetectGzip {
			g, err := gzip.NewReader(br)
			if err != nil {
				return fn(schemas.Document{Source: name}, fmt.Errorf("%w: gzip: %w", ErrUnreadable, err))
			}
			defer g.Close()
			zr = g
		} else {
			z, err := zstd.NewReader(br, zstd.WithDecoderConcurrency(1), zstd.WithDecoderMaxWindow(1<<27))
			if err != nil {
				return fn(schemas.Document{Source: name}, fmt.Errorf("%w: zstd: %w", ErrUnreadable, err))
			}
			defer z.Close()
			zr = z
		}
		// A stream has no size to bound its expansion by: MinExpandBytes.
		b := &budget{left: r.expandLimit(0), limit: r.expandLimit(0)}
		err := r.readDetectedDepth(ctx, name, b.wrap(zr), fn, depth+1)
		if b.exceeded {
			return fn(schemas.Document{Source: name}, fmt.Errorf("%w: %w", ErrUnreadable, b.err()))
		}
		return err
	case DetectTar:
		tr := tar.NewReader(br)
		for {
			h, err := tr.Next()
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return fn(schemas.Document{Source: name}, fmt.Errorf("%w: tar: %w", ErrUnreadable, err))
			}
			if h.Typeflag != tar.TypeReg {
				continue
			}
			src := name + MemberSep + h.Name
			if err := r.readStream(ctx, src, tr, formatOf(h.Name), fn); err != nil {
				return err
			}
		}
	case DetectRandom:
		return fn(schemas.Document{Source: name}, fmt.Errorf("%w: a zip or 7z archive cannot be read from a stream (it needs random access): give its path", ErrUnreadable))
	}
	body, err := io.ReadAll(io.LimitReader(br, MaxDocumentBytes+1))
	doc := schemas.Document{Source: name, Format: schemas.FormatText}
	if bytes.HasPrefix(bytes.TrimSpace(head), []byte("<")) {
		doc.Format = schemas.FormatHTML
	}
	if err != nil {
		return fn(doc, fmt.Errorf("%w: %w", ErrUnreadable, err))
	}
	if len(body) > MaxDocumentBytes {
		return fn(doc, fmt.Errorf("%w: over %d bytes (a stream that is neither csv nor JSON lines is read as one cable)", ErrTooLarge, MaxDocumentBytes))
	}
	doc.Body, doc.Hash = body, Hash(body)
	return fn(doc, nil)
}
