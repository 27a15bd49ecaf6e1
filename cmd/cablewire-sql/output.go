package main

import (
	"bufio"
	"bytes"
	"database/sql"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/big"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/duckdb/duckdb-go/v2"
)

// Output formats.
const (
	formatTable = "table"
	formatCSV   = "csv"
	formatJSON  = "json"
)

// column is a result column: its name and DuckDB type name.
type column struct {
	name, dbType string
}

// writeRows prints rows to w in format. maxWidth bounds table cells (0: no
// bound).
func writeRows(w io.Writer, rows *sql.Rows, format string, maxWidth int) error {
	cts, err := rows.ColumnTypes()
	if err != nil {
		return err
	}
	cols := make([]column, len(cts))
	for i, ct := range cts {
		cols[i] = column{ct.Name(), ct.DatabaseTypeName()}
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	var out rowWriter
	switch format {
	case formatCSV:
		out = newCSVWriter(bw, cols)
	case formatJSON:
		out = &jsonWriter{w: bw, cols: cols}
	default:
		out = &tableWriter{w: bw, cols: cols, maxWidth: maxWidth}
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		for i, v := range vals {
			vals[i] = normalize(v, cols[i].dbType)
		}
		if err := out.row(vals); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if err := out.end(); err != nil {
		return err
	}
	return bw.Flush()
}

type rowWriter interface {
	row(vals []any) error // values as normalize returns them
	end() error
}

// normalize turns a driver value into nil, bool, string, json.Number,
// float64, int64, []any or map[string]any: what JSON can hold, times as text.
func normalize(v any, dbType string) any {
	switch x := v.(type) {
	case nil, bool, string, int64:
		return x
	case int8, int16, int32, int, uint8, uint16, uint32, uint64:
		return json.Number(fmt.Sprint(x))
	case float32:
		return normalize(float64(x), dbType)
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return fmt.Sprint(x)
		}
		return x
	case time.Time:
		switch dbType {
		case "DATE":
			return x.Format(time.DateOnly)
		case "TIME", "TIMETZ":
			return x.Format("15:04:05.999999")
		}
		return x.UTC().Format(time.RFC3339Nano)
	case []byte:
		if utf8.Valid(x) {
			return string(x)
		}
		return `\x` + hex.EncodeToString(x)
	case *big.Int:
		return json.Number(x.String())
	case duckdb.Decimal:
		return json.Number(x.String())
	case duckdb.UUID:
		return x.String()
	case *duckdb.UUID:
		return x.String()
	case duckdb.Interval:
		return fmt.Sprintf("%d months %d days %d us", x.Months, x.Days, x.Micros)
	case duckdb.Union:
		return normalize(x.Value, "")
	case duckdb.OrderedMap:
		m := make(map[string]any, x.Len())
		vals := x.Values()
		for i, k := range x.Keys() {
			m[fmt.Sprint(normalize(k, ""))] = normalize(vals[i], "")
		}
		return m
	case duckdb.Map:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[fmt.Sprint(normalize(k, ""))] = normalize(e, "")
		}
		return m
	case []any:
		l := make([]any, len(x))
		for i, e := range x {
			l[i] = normalize(e, elemType(dbType))
		}
		return l
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = normalize(e, "")
		}
		return m
	case fmt.Stringer:
		return x.String()
	}
	return fmt.Sprint(v)
}

// elemType is the element type of a list or array type name (DATE[] ->
// DATE), so that nested dates stay dates.
func elemType(t string) string {
	if i := strings.LastIndexByte(t, '['); i > 0 {
		return t[:i]
	}
	return ""
}

// text is a normalized value as one line of text; NULL is null.
func text(v any, null string) string {
	switch x := v.(type) {
	case nil:
		return null
	case string:
		return x
	case []any, map[string]any:
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		enc.Encode(x)
		return strings.TrimSuffix(b.String(), "\n")
	}
	return fmt.Sprint(v)
}

type csvWriter struct{ w *csv.Writer }

func newCSVWriter(w io.Writer, cols []column) *csvWriter {
	c := &csvWriter{csv.NewWriter(w)}
	head := make([]string, len(cols))
	for i, col := range cols {
		head[i] = col.name
	}
	c.w.Write(head)
	return c
}

func (c *csvWriter) row(vals []any) error {
	rec := make([]string, len(vals))
	for i, v := range vals {
		rec[i] = text(v, "")
	}
	return c.w.Write(rec)
}

func (c *csvWriter) end() error { c.w.Flush(); return c.w.Error() }

type jsonWriter struct {
	w    io.Writer
	cols []column
	buf  bytes.Buffer
}

func (j *jsonWriter) row(vals []any) error {
	j.buf.Reset()
	enc := json.NewEncoder(&j.buf)
	enc.SetEscapeHTML(false)
	j.buf.WriteByte('{')
	for i, v := range vals {
		if i > 0 {
			j.buf.WriteByte(',')
		}
		enc.Encode(j.cols[i].name)
		j.buf.Truncate(j.buf.Len() - 1) // Encode's newline
		j.buf.WriteByte(':')
		if err := enc.Encode(v); err != nil {
			return err
		}
		j.buf.Truncate(j.buf.Len() - 1)
	}
	j.buf.WriteString("}\n")
	_, err := j.w.Write(j.buf.Bytes())
	return err
}

func (j *jsonWriter) end() error { return nil }

// tableWriter holds the result and prints it aligned at the end.
type tableWriter struct {
	w        io.Writer
	cols     []column
	maxWidth int
	cells    [][]string
	numeric  []bool // right-aligned: every non-NULL value a number
}

func (t *tableWriter) row(vals []any) error {
	if t.numeric == nil {
		t.numeric = make([]bool, len(vals))
		for i := range t.numeric {
			t.numeric[i] = true
		}
	}
	r := make([]string, len(vals))
	for i, v := range vals {
		switch v.(type) {
		case nil, int64, float64, json.Number:
		default:
			t.numeric[i] = false
		}
		r[i] = t.cell(text(v, "NULL"))
	}
	t.cells = append(t.cells, r)
	return nil
}

// cell makes s one line no wider than maxWidth runes.
func (t *tableWriter) cell(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' || r == '\t' {
			return ' '
		}
		return r
	}, s)
	if t.maxWidth > 0 && utf8.RuneCountInString(s) > t.maxWidth {
		rs := []rune(s)
		s = string(rs[:max(t.maxWidth-1, 0)]) + "…"
	}
	return s
}

func (t *tableWriter) end() error {
	width := make([]int, len(t.cols))
	head := make([]string, len(t.cols))
	for i, c := range t.cols {
		head[i] = t.cell(c.name)
		width[i] = utf8.RuneCountInString(head[i])
	}
	for _, r := range t.cells {
		for i, s := range r {
			width[i] = max(width[i], utf8.RuneCountInString(s))
		}
	}
	line := func(r []string, right []bool) {
		var b strings.Builder
		for i, s := range r {
			if i > 0 {
				b.WriteString("  ")
			}
			pad := strings.Repeat(" ", width[i]-utf8.RuneCountInString(s))
			switch {
			case right != nil && right[i]:
				b.WriteString(pad + s)
			case i == len(r)-1:
				b.WriteString(s)
			default:
				b.WriteString(s + pad)
			}
		}
		b.WriteByte('\n')
		io.WriteString(t.w, b.String())
	}
	line(head, nil)
	rule := make([]string, len(width))
	for i, n := range width {
		rule[i] = strings.Repeat("-", n)
	}
	line(rule, nil)
	for _, r := range t.cells {
		line(r, t.numeric)
	}
	n := len(t.cells)
	_, err := fmt.Fprintf(t.w, "(%d row%s)\n", n, map[bool]string{true: "", false: "s"}[n == 1])
	return err
}
