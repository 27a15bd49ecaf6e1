package synth

import (
	"bufio"
	"context"
	"io"
	"strconv"
	"strings"
	"time"
)

// Stats summarizes a write.
type Stats struct {
	Cables  int           // cables written
	Bytes   int64         // bytes written (files' contents, or the csv stream)
	Elapsed time.Duration // wall time of the write
}

// WriteCSV writes every remaining cable of g to w in the full release's
// cables.csv format (see the package documentation). It stops at ctx's
// cancellation, returning the stats so far and ctx.Err().
func WriteCSV(ctx context.Context, g *Generator, w io.Writer) (Stats, error) {
	start := time.Now()
	cw := &countWriter{w: w}
	bw := bufio.NewWriterSize(cw, 1<<20)
	var st Stats
	var line []byte
	for {
		if st.Cables%256 == 0 {
			if err := ctx.Err(); err != nil {
				bw.Flush()
				st.Bytes, st.Elapsed = cw.n, time.Since(start)
				return st, err
			}
		}
		c, ok := g.Next()
		if !ok {
			break
		}
		line = AppendCSVRecord(line[:0], c)
		if _, err := bw.Write(line); err != nil {
			st.Bytes, st.Elapsed = cw.n, time.Since(start)
			return st, err
		}
		st.Cables++
	}
	err := bw.Flush()
	st.Bytes, st.Elapsed = cw.n, time.Since(start)
	return st, err
}

// AppendCSVRecord appends c as one cables.csv record, ending in "\n".
func AppendCSVRecord(dst []byte, c Cable) []byte {
	dst = append(dst, '"')
	dst = strconv.AppendInt(dst, c.ID, 10)
	dst = append(dst, `","`...)
	t := c.Created
	dst = appendPad(dst, int(t.Month()), 2)
	dst = append(dst, '/')
	dst = appendPad(dst, t.Day(), 2)
	dst = append(dst, '/')
	dst = appendPad(dst, t.Year(), 4)
	dst = append(dst, ' ')
	dst = appendPad(dst, t.Hour(), 2)
	dst = append(dst, ':')
	dst = appendPad(dst, t.Minute(), 2)
	dst = append(dst, `","`...)
	dst = appendEscaped(dst, c.RefID)
	dst = append(dst, `","`...)
	dst = appendEscaped(dst, c.Origin)
	dst = append(dst, `","`...)
	dst = appendEscaped(dst, c.Classification)
	dst = append(dst, `","`...)
	dst = appendEscaped(dst, strings.Join(c.References, ","))
	dst = append(dst, `","`...)
	dst = appendEscaped(dst, c.Header)
	dst = append(dst, `","`...)
	dst = appendEscaped(dst, c.Body)
	return append(dst, "\"\n"...)
}

// appendEscaped appends s with each '"' written as `\"`.
func appendEscaped(dst []byte, s string) []byte {
	for {
		i := strings.IndexByte(s, '"')
		if i < 0 {
			return append(dst, s...)
		}
		dst = append(dst, s[:i]...)
		dst = append(dst, '\\', '"')
		s = s[i+1:]
	}
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
