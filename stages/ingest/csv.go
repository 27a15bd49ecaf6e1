package ingest

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"

	"github.com/cablewire/cablewire/schemas"
)

// CSVReader reads the full release's cables.csv as a stream: no header row;
// 8 columns (numeric id, "MM/DD/YYYY HH:MM", reference id, origin,
// classification, referenced ids, header, body); fields in double quotes
// with quotes inside escaped as \" (not doubled); newlines inside fields.
// encoding/csv cannot read the backslash escapes, hence this reader.
type CSVReader struct {
	br     *bufio.Reader
	line   int   // current line, 1-based
	off    int64 // bytes consumed from the start of the stream
	last   byte  // the last byte consumed
	synced bool  // a broken row already ended at the next row's start
	buf    []byte
}

// rowStartRe is how every row of the release's cables.csv begins: a quoted
// numeric id and a quoted date. Inside a field a quote is always escaped
// (\"), so a line that begins with an unescaped quote, digits and `","`
// can only be a row's start: a boundary the reader can prove, where it
// resynchronizes after a broken row.
var rowStartRe = regexp.MustCompile(`^"[0-9]{1,12}","[0-9]{1,2}/[0-9]{1,2}/[0-9]{4} [0-9]{1,2}:[0-9]{2}","`)

// rowStart reports whether the unread bytes begin a row.
func (c *CSVReader) rowStart() bool {
	p, _ := c.br.Peek(40)
	if len(p) < 2 || p[0] != '"' || p[1] < '0' || p[1] > '9' {
		return false
	}
	return rowStartRe.Match(p)
}

// resync skips to the start of the next row (or the end): the rest of the
// current line, then every line that is not a row's start.
func (c *CSVReader) resync() {
	atLineStart := c.off == 0 || c.last == '\n'
	for {
		if atLineStart && c.rowStart() {
			return
		}
		for {
			b, err := c.readByte()
			if err != nil {
				return
			}
			if b == '\n' {
				c.line++
				break
			}
		}
		atLineStart = true
	}
}

// broken ends a row that does not follow the format at the next provable
// row start, and reports the lines skipped.
func (c *CSVReader) broken(start int, cause error) (schemas.SourceRecord, int, error) {
	if !c.synced {
		c.resync()
	}
	c.synced = false
	end := c.line - 1
	if c.last != '\n' {
		end = c.line // the stream ended without a newline
	}
	end = max(end, start)
	return schemas.SourceRecord{}, start, fmt.Errorf("%w: lines %d-%d not loaded (%d lines; read again from line %d): %w",
		ErrCSV, start, end, end-start+1, end+1, cause)
}

// NewCSVReader reads from r.
func NewCSVReader(r io.Reader) *CSVReader {
	return &CSVReader{br: bufio.NewReaderSize(r, 1<<20), line: 1}
}

// NewCSVReaderAt reads from r, which starts at a row boundary on the given
// line (a resumed load).
func NewCSVReaderAt(r io.Reader, line int) *CSVReader {
	c := NewCSVReader(r)
	c.line = line
	return c
}

// Offset is how many bytes of the stream the rows read so far took: after
// a Read, the offset at which the next row starts.
func (c *CSVReader) Offset() int64 { return c.off }

// Line is the line the next row starts on.
func (c *CSVReader) Line() int { return c.line }

func (c *CSVReader) readByte() (byte, error) {
	b, err := c.br.ReadByte()
	if err == nil {
		c.off++
		c.last = b
	}
	return b, err
}

// ErrCSV is returned for a row that does not follow the format. The
// reader has then skipped to the next row's start (rowStartRe), so reading
// goes on; the error names the lines skipped.
var ErrCSV = errors.New("cables.csv")

// errRow is a row's own defect, before broken adds the span.
var errRow = errors.New("broken row")

// Read returns the next row and the line it starts on; io.EOF at the end. A
// row with a field over MaxDocumentBytes yields ErrTooLarge and the reader
// moves on to the next row.
func (c *CSVReader) Read() (schemas.SourceRecord, int, error) {
	start := c.line
	var fields [8]string
	n := 0
	tooLarge := false
	for {
		f, end, err := c.field()
		if err == io.EOF && n == 0 && f == "" && !end {
			return schemas.SourceRecord{}, start, io.EOF
		}
		if errors.Is(err, ErrTooLarge) {
			tooLarge = true
		} else if errors.Is(err, errRow) {
			return c.broken(start, err)
		} else if err != nil && err != io.EOF {
			return schemas.SourceRecord{}, start, err
		}
		if n < len(fields) {
			fields[n] = f
		}
		n++
		if end || err == io.EOF {
			break
		}
	}
	if tooLarge {
		return schemas.SourceRecord{}, start, fmt.Errorf("%w: a field of the row is over %d bytes", ErrTooLarge, MaxDocumentBytes)
	}
	if n != 8 {
		return c.broken(start, fmt.Errorf("%w: line %d: %d fields, want 8", errRow, start, n))
	}
	id, _ := strconv.ParseInt(fields[0], 10, 64)
	return schemas.SourceRecord{
		ID: id, Date: fields[1], RefID: fields[2], Origin: fields[3], Classification: fields[4],
		References: fields[5], Header: fields[6], Body: fields[7],
	}, start, nil
}

// field reads one field and the separator after it; end reports a row end.
func (c *CSVReader) field() (s string, end bool, err error) {
	c.buf = c.buf[:0]
	b, err := c.readByte()
	if err != nil {
		return "", false, err
	}
	over := false
	put := func(b byte) {
		if len(c.buf) < MaxDocumentBytes {
			c.buf = append(c.buf, b)
		} else {
			over = true
		}
	}
	if b != '"' { // unquoted field: up to the next comma or line end
		for {
			switch b {
			case ',':
				return string(c.buf), false, nil
			case '\n':
				c.line++
				return trimCR(c.buf), true, nil
			}
			put(b)
			if b, err = c.readByte(); err != nil {
				return string(c.buf), true, err
			}
		}
	}
	for {
		b, err = c.readByte()
		if err != nil {
			return string(c.buf), true, fmt.Errorf("%w: line %d: unterminated quoted field", errRow, c.line)
		}
		switch b {
		case '\\':
			nb, err := c.readByte()
			if err != nil {
				return string(c.buf), true, fmt.Errorf("%w: line %d: unterminated quoted field", errRow, c.line)
			}
			if nb != '"' {
				put('\\')
			}
			put(nb)
			if nb == '\n' {
				c.line++
				if c.rowStart() {
					c.synced = true
					return "", true, fmt.Errorf("%w: line %d: unterminated quoted field (a new row starts on line %d)", errRow, c.line-1, c.line)
				}
			}
			continue
		case '"':
			nb, err := c.readByte()
			if err == io.EOF {
				return c.result(over, true)
			}
			switch nb {
			case ',':
				return c.result(over, false)
			case '\n':
				c.line++
				return c.result(over, true)
			case '\r':
				if p, _ := c.br.Peek(1); len(p) == 1 && p[0] == '\n' {
					c.readByte()
					c.line++
					return c.result(over, true)
				}
			}
			return string(c.buf), true, fmt.Errorf("%w: line %d: stray quote inside a field", errRow, c.line)
		case '\n':
			c.line++
			put(b)
			if c.rowStart() {
				c.synced = true
				return "", true, fmt.Errorf("%w: line %d: unterminated quoted field (a new row starts on line %d)", errRow, c.line-1, c.line)
			}
			continue
		}
		put(b)
	}
}

func (c *CSVReader) result(over, end bool) (string, bool, error) {
	if over {
		return "", end, ErrTooLarge
	}
	return string(c.buf), end, nil
}

func trimCR(b []byte) string {
	if n := len(b); n > 0 && b[n-1] == '\r' {
		b = b[:n-1]
	}
	return string(b)
}
